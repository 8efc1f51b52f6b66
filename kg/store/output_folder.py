"""What a build may write to and overwrite: the output folder check, and where stored articles came from.

A build writes ``store/``, graph.trig, graph.ttl, graph.html and report.json into its output folder,
replacing files of those names. So the folder must be new, empty, or a kg output already: pointed by
mistake at a folder of the user's (``-o ~/Documents``) it must refuse before writing anything.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.store.backends import SOURCE
from kg.store.core import Store
from kg.types import Article


def is_kg_output(path: Path) -> bool:
    """True if ``path`` holds a kg store in ``store/`` (possibly empty: a build killed as it began)."""
    store = path / "store"
    return store.is_dir() and ((store / "CURRENT").is_file() or not any(store.iterdir()))


def check_output_folder(out: Path) -> None:
    """Refuse an output that is a file, a folder that is not a kg output, or a place no folder can be made.

    Raises
    ------
    StoreError
        With one line naming the folder and the reason.

    Examples
    --------
    >>> check_output_folder(Path("data/articles"))
    Traceback (most recent call last):
    kg.errors.StoreError: output folder data/articles is not empty and not a kg output (it holds xiaomi-paris-2018-fr.txt, xiaomi-stores-france-2025-en.txt); give a new or empty folder, or a kg build output
    """
    try:
        if out.exists() and not out.is_dir():
            raise StoreError(f"output {out} is a file; give a folder for store/, graph.trig, graph.ttl ...")
        if out.is_dir():
            names = sorted(p.name for p in out.iterdir())
            if names and not is_kg_output(out):
                shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
                raise StoreError(f"output folder {out} is not empty and not a kg output (it holds {shown}); "
                                 "give a new or empty folder, or a kg build output")
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot create the output folder {out}: {err.strerror or err}") from None


def stored_sources(store: Store) -> dict[str, str]:
    """``{article IRI: source path as it was given}`` of the stored articles."""
    rows = store.query(f"SELECT ?g ?s WHERE {{ GRAPH ?g {{ ?g <{SOURCE}> ?s }} }}")
    return {row["g"].value: row["s"].value for row in rows}


def clash_check(store: Store, known: dict[str, str]) -> Callable[[Article], tuple[Article | None, str | None]]:
    """A function deciding what becomes of an article whose IRI is stored: (article to store or None, warning).

    ``known`` maps the stored IRIs to their content hashes; (None, None) means the article is stored
    already, under its new id, unchanged.

    Ids are file names relative to the folder given (or JSONL ``id``s), so ``day1/story.txt`` and
    ``day2/story.txt`` share one: an article stored from another file is never silently replaced.
    The newcomer is stored under an id naming its file (``day2/story.txt``, see
    :func:`kg.ingest.files.qualified_id`), with a warning; if that id is taken too, it is skipped.
    A changed article of the same file is an update.
    """
    from kg.ingest.files import qualified_id
    from kg.rdf.iris import article_iri

    sources: dict[str, str] = {}

    def clash(article: Article) -> tuple[Article | None, str | None]:
        if not sources:
            sources.update(stored_sources(store))
        stored = sources.get(str(article_iri(article.id)))
        if stored is None or stored == article.source or Path(stored).resolve() == Path(article.source).resolve():
            return article, None
        new = qualified_id(article.id, article.source, stored)
        if known.get(str(article_iri(new))) == article.content_hash:
            return None, None
        taken = sources.get(str(article_iri(new)))
        if taken is not None and Path(taken).resolve() != Path(article.source).resolve():
            return None, (f"article id {article.id!r} is already in the store, from {stored}, and {new!r} from "
                          f"{taken}; skipped (replace it with --replace, or give this one its own id)")
        return article._replace(id=new), (f"article id {article.id!r} is already in the store, from {stored}; "
                                          f"stored as {new!r} (kg add --replace replaces it instead)")

    return clash


def prune_absent(store: Store, absent: set[str], read: int, warnings: list[dict[str, Any]]) -> int:
    """Remove the ``absent`` article graphs, only if the inputs were read in full; how many were removed.

    They are kept (with a warning appended to ``warnings``) when no article was read or an input
    could not be read: a typo in a daily job's input path must not empty the store. With nothing
    read the build leaves its output as it was.
    """
    why = prune_refusal(read, warnings)
    if why is not None:
        if absent:
            warnings.append({"source": store.location, "line": None,
                             "message": f"{len(absent)} stored articles absent from the inputs kept: {why}"})
        return 0
    for iri in sorted(absent):
        store.remove_article(iri)
    return len(absent)


def prune_refusal(read: int, warnings: Sequence[dict[str, Any]]) -> str | None:
    """Why stored articles absent from the inputs must be kept (None: the inputs were read in full).

    Examples
    --------
    >>> prune_refusal(0, [])
    'no article was read'
    >>> prune_refusal(3, [{"source": "news/2024", "message": "cannot read the folder: Permission denied"}])
    'news/2024 could not be read'
    """
    if read == 0:
        return "no article was read"
    unread = [w["source"] for w in warnings if w["message"].startswith("cannot read")]
    return f"{unread[0]} could not be read" if unread else None
