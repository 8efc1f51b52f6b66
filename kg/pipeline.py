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

import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.engines import ArticleResult, run_engine
from kg.errors import InputError
from kg.store import CONTENT_HASH, Store, atomic_path, open_store
from kg.store.counts import graph_counts, raw_counts, state
from kg.store.output_folder import check_output_folder, clash_check, prune_absent
from kg.store.outputs import AUTO_EXPORT_TRIPLES, DUMPS, parse_exports, stamps, statuses
from kg.store.report import BuildReport
from kg.store.staged import build_long, set_aside_long, write_staged
from kg.store.writer import Writer
from kg.types import Article, IngestWarning

#: commit articles from a writer thread (measured faster: RocksDB releases the GIL); False: in the caller
WRITER_THREAD = True
EXPORTS = ("graph.trig", "graph.ttl", "graph.html", "report.json")
#: called with each article's result once it is in the store (or failed)
Progress = Callable[[ArticleResult | None], None]


class _Run:
    """Mutable tallies of one run (kept out of the public, immutable BuildReport)."""

    def __init__(self) -> None:
        self.read = self.built = self.skipped = self.removed = self.words = 0
        self.warnings: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []
        self.seen: set[str] = set()
        self.timings: Counter[str] = Counter()


def _articles(inputs: Sequence[str | Path], run: _Run, known: Any, progress: Progress | None = None, *,
              exclude: Sequence[Path] = (),
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
            if progress is not None:  # done too, as far as a progress bar's total is concerned
                progress(None)
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
    # Only a build prunes, so only a build needs every hash at once; an add asks per article, so its
    # memory does not grow with the store (a dict of 100,000 hashes was a third of an add's peak).
    known = store.article_hashes() if prune else _StoredHash(store)
    articles = _articles(inputs, run, known, progress, exclude=exclude,
                         clash=None if replace else clash_check(store, known))
    long: list[Article] = []  # filled while the engine reads the others: built window by window below
    results = run_engine(engine, set_aside_long(articles, long), workers=workers, scheduler=scheduler)

    def write(result: ArticleResult) -> None:
        _store_result(store, result, run)
        if progress is not None:
            progress(result)

    with Writer(write, threaded=WRITER_THREAD) as writer:
        start = time.perf_counter()
        for result in results:
            run.timings["wait_results"] += time.perf_counter() - start  # the engine was the bottleneck
            writer.put(result)
            start = time.perf_counter()
        for article in long:
            writer.put(ArticleResult(article.id, article.source, article.line, article.content_hash,
                                     *build_long(article)))
    run.timings["wait_writer"] += writer.waited  # the store was the bottleneck
    if prune:
        run.removed = prune_absent(store, set(known) - run.seen, run.read, run.warnings)
    _decide_corpus(store, run)
    return run


class _StoredHash:
    """``{article IRI: content hash}`` of a store, looked up one article at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __contains__(self, iri: str) -> bool:
        return self.get(iri) is not None

    def get(self, iri: str) -> str | None:
        rows = self.store.query(f"SELECT ?h WHERE {{ GRAPH <{iri}> {{ <{iri}> <{CONTENT_HASH}> ?h }} }}")
        return next((row["h"].value for row in rows), None)


def _decide_corpus(store: Store, run: _Run | None = None) -> None:
    """Re-decide entities and classes over the articles now in the store (:mod:`kg.store.corpus`)."""
    from kg.store.corpus import refresh

    start = time.perf_counter()
    refresh(store)
    __import__("kg.store.events", fromlist=["refresh"]).refresh(store)  # one node per real-world event
    if run is not None:
        run.timings["corpus"] += time.perf_counter() - start


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
    derived = list(ox.parse(result.derived, format=ox.RdfFormat.N_QUADS)) if result.derived else None
    # one transaction (or, for a huge graph, kg.store.staged's promise)
    write_staged(store, result.iri, quads, derived=derived)
    run.timings["store"] += time.perf_counter() - start
    run.built += 1
    run.words += result.words
    run.seen.add(result.iri)


def _report(out: str, run: _Run, store: Store, started: float, marks: dict[str, str] | None = None) -> BuildReport:
    counts = graph_counts(store)  # the store's counters, and each entity's decided class
    run.timings["total"] = time.perf_counter() - started
    return BuildReport(
        out=out, read=run.read, built=run.built, skipped=run.skipped, removed=run.removed,
        failed=len(run.errors), words=run.words, warnings=tuple(run.warnings), errors=tuple(run.errors),
        timings={k: round(v, 3) for k, v in sorted(run.timings.items())}, articles_in_store=counts.articles,
        triples=counts.triples, entities=counts.entities, facts=counts.facts, events=counts.events,
        relations=counts.relations, exports=statuses(out, marks, state(store)) if marks is not None else {},
        export_states=dict(sorted((marks or {}).items())))


def write_exports(store: Store, out: str | Path, *, html: bool = True,
                  formats: Sequence[str] = ("trig", "ttl")) -> list[str]:
    """Write the dumps ``formats`` (``trig``, ``ttl``; ``html`` also when ``html``) of ``store`` into
    ``out``, atomically.

    Returns the problems met (the HTML view is optional: its failure does not fail the build).
    """
    out = Path(out)
    if "trig" in formats:
        store.write(out / "graph.trig", "trig")
    if "ttl" in formats:
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


def _finish(store: Store, out: Path, run: _Run, started: float, *, exports: bool,
            formats: Sequence[str] = ()) -> BuildReport:
    marks = stamps(out) if exports else None
    if exports and formats:
        start = time.perf_counter()
        for problem in write_exports(store, out, html="html" in formats, formats=formats):
            run.warnings.append({"source": str(out / "graph.html"), "line": None, "message": problem})
        run.timings["export"] += time.perf_counter() - start
        current = state(store)
        marks = {k: v for k, v in marks.items() if k not in {DUMPS[f] for f in formats}}
        marks |= {DUMPS[f]: current for f in formats if current and (out / DUMPS[f]).is_file()}
    report = _report(str(out), run, store, started, marks)
    if exports:
        with atomic_path(out / "report.json") as tmp:
            tmp.write_text(report.to_json(), encoding="utf-8")
    return report


def build(inputs: Sequence[str | Path], out: str | Path, *, workers: int = 1, engine: str = "local",
          scheduler: str | None = None, progress: Progress | None = None,
          exports: str | Sequence[str] | None = None, prune: bool = True) -> BuildReport:
    """Build the graph of ``inputs`` into ``out`` (``store/``, graph.trig, graph.ttl, graph.html, report.json).

    Re-running on the same ``out`` is incremental: unchanged articles are skipped, changed ones
    replaced, and articles no longer in ``inputs`` removed (see :func:`kg.store.output_folder.prune_absent`
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
        Called with each :class:`~kg.engines.ArticleResult` once it is stored (or has failed), and with
        ``None`` for each unchanged article that :func:`add` skips.
    exports
        Whole-graph dumps to write: ``"trig,ttl,html"``, a list of those, ``"all"`` or ``""`` for none.
        None: all three while the store holds at most
        :data:`~kg.store.outputs.AUTO_EXPORT_TRIPLES` triples, none above (then ``kg export``).
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
    formats = parse_exports(exports)
    with open_store(out / "store", create=True) as store:
        run = _ingest(store, inputs, workers=workers, engine=engine, scheduler=scheduler, prune=prune,
                      progress=progress, exclude=[out])
        if exports is None:
            formats = tuple(DUMPS) if raw_counts(store)["triples"] <= AUTO_EXPORT_TRIPLES else ()
        report = _finish(store, out, run, started, exports=run.read > 0, formats=formats)
    if run.read == 0 and created:  # nothing read: leave no trace, not even an empty store
        shutil.rmtree(out, ignore_errors=True)
    return report


def _is_build_output(location: str | Path) -> bool:
    path = Path(str(location))
    return path.is_dir() and (path / "store").is_dir()


def add(store: str | Path | Store, inputs: Sequence[str | Path], *, workers: int = 1,
        engine: str = "local", scheduler: str | None = None, progress: Progress | None = None,
        exports: str | Sequence[str] | None = None, replace: bool = False) -> BuildReport:
    """Add ``inputs`` to an existing store: new articles are built, changed ones replaced, unchanged skipped.

    An article whose id is stored from another file with other content (``day1/story.txt`` then
    ``day2/story.txt``, or one JSONL ``id`` in two files) is stored under an id from its own path, with a
    warning, unless ``replace``.

    ``store`` is anything :func:`kg.store.open_store` accepts. For a build output folder, report.json
    is rewritten; the whole-graph dumps only when asked (``exports``, as for :func:`build`): otherwise
    the report and its summary list them as stale once the store has changed. Parsing, extraction,
    the writes and the counters (entities by decided class included, :mod:`kg.store.classes`) cost what
    the articles added cost; the corpus decision (:mod:`kg.store.corpus`) reads every row of the entities
    they name (README, Known limitations).

    Examples
    --------
    >>> report = add("out", ["new-articles/"])   # doctest: +SKIP
    """
    started = time.perf_counter()
    formats = parse_exports(exports)
    with open_store(store) as opened:
        run = _ingest(opened, inputs, workers=workers, engine=engine, scheduler=scheduler, prune=False,
                      progress=progress, replace=replace)
        output = not isinstance(store, Store) and _is_build_output(store)
        return _finish(opened, Path(str(store if output else opened.location)), run, started, exports=output,
                       formats=formats if output else ())


def remove(store: str | Path | Store, article: str) -> bool:
    """Remove an article (IRI, id such as a file name, source path or URL) and its graph; False if absent.

    For a build output folder report.json is rewritten (its counts, and the dumps marked stale).

    Examples
    --------
    >>> remove("out", "xiaomi-paris-2018-fr.txt")   # doctest: +SKIP
    True
    """
    started = time.perf_counter()
    with open_store(store) as opened:
        removed = opened.remove_article(article)
        if removed:
            _decide_corpus(opened)
        if removed and not isinstance(store, Store) and _is_build_output(store):
            run = _Run()
            run.removed = 1
            _finish(opened, Path(str(store)), run, started, exports=True)
        return removed

