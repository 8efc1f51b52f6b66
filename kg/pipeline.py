"""The build: articles in, a store and its exports out, streaming, incremental and crash-safe.

``read_inputs -> parse -> extract -> resolve -> article_quads`` runs in an engine (see
:mod:`kg.engines`); this module streams the results into the store, one article per transaction, and
writes the exports. An article whose content hash is already in the store is skipped before any NLP,
so re-running an interrupted build completes it, and ``add`` only processes what is new or changed.

Examples
--------
>>> report = build(["data/articles"], "/tmp/kg-doctest-out")   # doctest: +SKIP
>>> print(report.summary())                                    # doctest: +SKIP
"""
from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.engines import ArticleResult, run_engine
from kg.errors import InputError
from kg.store import KG_NS, Store, atomic_path, open_store
from kg.store.outputs import check_output_folder, clash_check, prune_absent
from kg.types import ENTITY_TYPES, EVENT_TYPES, Article, IngestWarning

EXPORTS = ("graph.trig", "graph.ttl", "graph.html", "report.json")
#: called with each article's result once it is in the store (or failed)
Progress = Callable[[ArticleResult], None]


class BuildReport(NamedTuple):
    """What a build (or an add) did; ``report.json`` is this, as JSON."""

    out: str
    """Output folder (or store location for ``add`` on a bare store)."""
    read: int
    """Articles read (ingest warnings not included)."""
    built: int
    skipped: int
    """Articles whose content hash was already in the store."""
    removed: int
    """Articles of a previous build that are no longer in the inputs."""
    failed: int
    words: int
    """Words in the built articles."""
    articles_in_store: int
    triples: int
    entities: dict[str, int]
    """Entities in the graph by class."""
    facts: dict[str, int]
    """Reified facts in the graph by predicate."""
    events: dict[str, int]
    warnings: tuple[dict[str, Any], ...]
    """Ingest warnings: ``{"source", "line", "message"}``."""
    errors: tuple[dict[str, Any], ...]
    """Per-article errors: ``{"article", "source", "line", "error"}``."""
    timings: dict[str, float]
    """Seconds: total, nlp, extract (summed over workers), store, export."""

    @property
    def ok(self) -> bool:
        """False only when nothing could be built (no article built nor already present)."""
        return self.built + self.skipped > 0

    def to_json(self) -> str:
        data = self._asdict() | {"ok": self.ok}
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def summary(self) -> str:
        """A short human summary: articles, entities/facts/events by type, warnings and errors."""
        lines = [f"{self.read} articles read: {self.built} built, {self.skipped} unchanged, "
                 f"{self.failed} failed" + (f", {self.removed} removed" if self.removed else "")
                 + f" ({self.timings.get('total', 0.0):.1f} s) -> {self.out}",
                 f"graph: {self.articles_in_store} articles, {self.triples} triples"]
        for name, counts in (("entities", self.entities), ("facts", self.facts), ("events", self.events)):
            detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            lines.append(f"{name}: {sum(counts.values())}" + (f" ({detail})" if detail else ""))
        for title, items, fmt in (("warnings", self.warnings, _where_warning), ("errors", self.errors, _where_error)):
            if items:
                lines.append(f"{title}: {len(items)}")
                lines += [f"  {fmt(item)}" for item in items[:10]]
                if len(items) > 10:
                    lines.append(f"  ... {len(items) - 10} more in report.json")
        return "\n".join(lines)


def _where_warning(item: dict[str, Any]) -> str:
    return str(IngestWarning(item["source"], item["line"], item["message"]))


def _where_error(item: dict[str, Any]) -> str:
    where = item["source"] if item["line"] is None else f"{item['source']}:{item['line']}"
    return f"{where}: {item['error']}"


class _Run:
    """Mutable tallies of one run (kept out of the public, immutable BuildReport)."""

    def __init__(self) -> None:
        self.read = self.built = self.skipped = self.removed = self.words = 0
        self.warnings: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []
        self.seen: set[str] = set()
        self.timings: Counter[str] = Counter()


def _articles(inputs: Sequence[str | Path], run: _Run, known: dict[str, str], *, exclude: Sequence[Path] = (),
              clash: Callable[[Article], tuple[Article | None, str | None]] | None = None) -> Iterator[Article]:
    from kg.ingest import read_inputs
    from kg.rdf.iris import article_iri

    for item in read_inputs(list(inputs), exclude=exclude):
        if isinstance(item, IngestWarning):
            run.warnings.append({"source": str(item.source), "line": item.line, "message": item.message})
            continue
        run.read += 1
        iri = str(article_iri(item.id))
        # Same IRI and same hash: this very article is already stored (the hash alone would merge
        # two files with the same text, which a clean build keeps apart).
        if known.get(iri) == item.content_hash:
            run.skipped += 1
            run.seen.add(iri)
            continue
        if iri in known and clash is not None:
            new, problem = clash(item)
            if problem is not None:
                run.warnings.append({"source": item.source, "line": item.line, "message": problem})
            if new is None:
                run.skipped += problem is None  # stored under its new id by an earlier run, unchanged
                run.seen.add(iri)
                continue
            item = new
        yield item


def _ingest(store: Store, inputs: Sequence[str | Path], *, workers: int, engine: str,
            scheduler: str | None, prune: bool, progress: Progress | None, replace: bool = True,
            exclude: Sequence[Path] = ()) -> _Run:
    run = _Run()
    known = store.article_hashes()
    articles = _articles(inputs, run, known, exclude=exclude, clash=None if replace else clash_check(store, known))
    results = run_engine(engine, articles, workers=workers, scheduler=scheduler)
    for result in results:
        _store_result(store, result, run)
        if progress is not None:
            progress(result)
    if prune:
        run.removed = prune_absent(store, set(known) - run.seen, run.read, run.warnings)
    return run


def _store_result(store: Store, result: ArticleResult, run: _Run) -> None:
    run.timings["nlp"] += result.nlp_seconds
    run.timings["extract"] += result.extract_seconds
    if result.error is not None:
        run.errors.append({"article": result.article_id, "source": result.source, "line": result.line,
                           "error": result.error})
        from kg.rdf.iris import article_iri

        run.seen.add(str(article_iri(result.article_id)))  # its stored version is kept: better old than none
        return
    start = time.perf_counter()
    quads = result.quads if result.quads is not None else list(ox.parse(result.nquads, format=ox.RdfFormat.N_QUADS))
    store.replace_article_quads(result.iri, quads)  # one transaction: a kill leaves the article out
    run.timings["store"] += time.perf_counter() - start
    run.built += 1
    run.words += result.words
    run.seen.add(result.iri)


def _counts(store: Store, values: Sequence[str], query: str) -> dict[str, int]:
    terms = " ".join(f"<{KG_NS}{v}>" for v in values)
    rows = store.query(query.replace("$VALUES", terms))
    return {row["t"].value.removeprefix(KG_NS): int(row["n"].value) for row in rows}


def _graph_counts(store: Store) -> dict[str, Any]:
    entities = _counts(store, ENTITY_TYPES, "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE "
                       "{ VALUES ?t { $VALUES } ?e a ?t } GROUP BY ?t")
    events = _counts(store, EVENT_TYPES, "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE "
                     "{ VALUES ?t { $VALUES } ?e a ?t } GROUP BY ?t")
    rows = store.query("SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a rdf:Statement ; rdf:predicate ?t } "
                       "GROUP BY ?t")
    facts = {row["t"].value.removeprefix(KG_NS): int(row["n"].value) for row in rows}
    return {"entities": dict(sorted(entities.items())), "events": dict(sorted(events.items())),
            "facts": dict(sorted(facts.items())), "articles_in_store": len(store.article_hashes()),
            "triples": len(store)}


def _report(out: str, run: _Run, store: Store, started: float) -> BuildReport:
    run.timings["total"] = time.perf_counter() - started
    return BuildReport(
        out=out, read=run.read, built=run.built, skipped=run.skipped, removed=run.removed,
        failed=len(run.errors), words=run.words, warnings=tuple(run.warnings), errors=tuple(run.errors),
        timings={k: round(v, 3) for k, v in sorted(run.timings.items())}, **_graph_counts(store))


def write_exports(store: Store, out: str | Path, *, html: bool = True) -> list[str]:
    """Write ``graph.trig``, ``graph.ttl`` and ``graph.html`` of ``store`` into ``out``, atomically.

    Returns the problems met (the HTML view is optional: its failure does not fail the build).
    """
    out = Path(out)
    store.write(out / "graph.trig", "trig")
    store.write(out / "graph.ttl", "turtle")
    if not html:
        return []
    from kg.explore.html import render

    try:
        with atomic_path(out / "graph.html") as tmp:
            render(store, tmp)
    except Exception as error:  # the graph and store are written; a broken view must not lose them
        return [f"graph.html not written: {type(error).__name__}: {error}"]
    return []


def _finish(store: Store, out: Path, run: _Run, started: float, *, exports: bool) -> BuildReport:
    if exports:
        start = time.perf_counter()
        for problem in write_exports(store, out):
            run.warnings.append({"source": str(out / "graph.html"), "line": None, "message": problem})
        run.timings["export"] += time.perf_counter() - start
    report = _report(str(out), run, store, started)
    if exports:
        with atomic_path(out / "report.json") as tmp:
            tmp.write_text(report.to_json(), encoding="utf-8")
    return report


def build(inputs: Sequence[str | Path], out: str | Path, *, workers: int = 1, engine: str = "local",
          scheduler: str | None = None, progress: Progress | None = None, prune: bool = True) -> BuildReport:
    """Build the graph of ``inputs`` into ``out`` (``store/``, graph.trig, graph.ttl, graph.html, report.json).

    Re-running on the same ``out`` is incremental: unchanged articles are skipped, changed ones
    replaced, and articles no longer in ``inputs`` removed (see :func:`kg.store.outputs.prune_absent`
    for when they are kept). ``out`` must be new, empty or a kg output; it is never read as input.

    Parameters
    ----------
    inputs
        Files or folders (.txt, .html, .jsonl); folders are read recursively.
    out
        Output folder, created if needed.
    workers
        Processes for NLP and extraction (``engine="local"``) or local Dask workers.
    engine
        ``"local"`` (this machine), ``"dask"`` (a Dask cluster), ``"serial"`` or ``"processes"``.
    scheduler
        Dask scheduler address, e.g. ``"tcp://10.0.0.5:8786"`` (``engine="dask"`` only).
    progress
        Called with each :class:`~kg.engines.ArticleResult` once it is stored (or has failed).
    prune
        Remove stored articles absent from ``inputs`` (``False``: keep them, as ``kg build --no-prune``).

    Examples
    --------
    >>> report = build(["data/articles"], "/tmp/kg-out")   # doctest: +SKIP
    >>> report.ok                                          # doctest: +SKIP
    True
    """
    started = time.perf_counter()
    out = Path(out)
    for path in inputs:  # before creating anything in out/
        if not Path(path).exists():
            raise InputError(f"input path {str(path)!r} does not exist")
    created = not out.exists()
    check_output_folder(out)
    with open_store(out / "store", create=True) as store:
        run = _ingest(store, inputs, workers=workers, engine=engine, scheduler=scheduler, prune=prune,
                      progress=progress, exclude=[out])
        report = _finish(store, out, run, started, exports=run.read > 0)
    if run.read == 0 and created:  # nothing read: leave no trace, not even an empty store
        shutil.rmtree(out, ignore_errors=True)
    return report


def _is_build_output(location: str | Path) -> bool:
    path = Path(str(location))
    return path.is_dir() and (path / "store").is_dir()


def add(store: str | Path | Store, inputs: Sequence[str | Path], *, workers: int = 1,
        engine: str = "local", scheduler: str | None = None, progress: Progress | None = None,
        replace: bool = False) -> BuildReport:
    """Add ``inputs`` to an existing store: new articles are built, changed ones replaced, unchanged skipped.

    An article whose id is stored from another file with other content (``day1/story.txt`` then
    ``day2/story.txt``, or one JSONL ``id`` in two files) is a warning and is skipped, unless ``replace``.

    ``store`` is anything :func:`kg.store.open_store` accepts; for a build output folder the exports
    (graph.trig, graph.ttl, graph.html, report.json) are refreshed too.

    Examples
    --------
    >>> report = add("out", ["new-articles/"])   # doctest: +SKIP
    """
    started = time.perf_counter()
    with open_store(store) as opened:
        run = _ingest(opened, inputs, workers=workers, engine=engine, scheduler=scheduler, prune=False,
                      progress=progress, replace=replace)
        exports = not isinstance(store, Store) and _is_build_output(store)
        return _finish(opened, Path(str(store if exports else opened.location)), run, started, exports=exports)


def remove(store: str | Path | Store, article: str) -> bool:
    """Remove an article (IRI, id such as a file name, source path or URL) and its graph; False if absent.

    For a build output folder the exports are refreshed.

    Examples
    --------
    >>> remove("out", "xiaomi-paris-2018-fr.txt")   # doctest: +SKIP
    True
    """
    with open_store(store) as opened:
        removed = opened.remove_article(article)
        if removed and not isinstance(store, Store) and _is_build_output(store):
            write_exports(opened, store)
        return removed
