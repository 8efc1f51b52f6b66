"""Where extraction runs: in this process, in a pool of processes, or as Dask tasks on a cluster.

An engine maps a stream of :class:`~kg.types.Article` to a stream of :class:`ArticleResult` in input
order, with a bounded number of batches in flight so memory does not grow with the corpus. Every
engine runs the same pure function, :func:`process_batch`, so their graphs are identical; only the
main process writes to the store.

Examples
--------
>>> sorted(ENGINES)
['dask', 'local', 'processes', 'serial']
"""
from __future__ import annotations

import gc
import multiprocessing
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.errors import OptionError, bad_choice
from kg.types import Article


class ArticleResult(NamedTuple):
    """What a worker sends back for one article: its graph (N-Quads or quads), or the error that stopped it."""

    article_id: str
    source: str
    line: int | None
    content_hash: str
    iri: str | None
    """The article IRI (its graph name); None if extraction failed."""
    nquads: bytes
    """The article's named graph, serialised as N-Quads (compact to ship between processes); empty
    when ``quads`` holds the graph."""
    words: int
    nlp_seconds: float
    extract_seconds: float
    """Time in extract + resolve + RDF for this article."""
    error: str | None = None
    """``"ExceptionType: message"`` when the article could not be built."""
    quads: list[ox.Quad] | None = None
    """The article's named graph as quads, when the result stays in the building process (serial
    engine): the store takes them as they are, with no N-Quads round trip."""
    derived: bytes = b""
    """With ``nquads``: the article's query rows and corpus set as N-Quads (:mod:`kg.store.derived`),
    made here so that the one process writing the store does not; empty: the store makes them."""


def _stages() -> tuple[Callable, Callable, Callable, Callable]:
    # Imported here so that `import kg.engines` stays cheap and workers import spaCy only once.
    from kg.extract import extract
    from kg.nlp import parse
    from kg.rdf import article_quads
    from kg.resolve import resolve
    return parse, extract, resolve, article_quads


def _shipped(iri: str, quads: list[ox.Quad]) -> tuple[bytes, bytes]:
    from kg.store.derived import derived_quads

    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS),
            ox.serialize(derived_quads(iri, quads), format=ox.RdfFormat.N_QUADS))


def _build_one(article: Article, doc: Any, nlp_seconds: float, *, ship: bool = True) -> ArticleResult:
    _, extract, resolve, article_quads = _stages()
    start = time.perf_counter()
    words = len(article.text.split())
    try:
        built = article_quads(resolve(extract(doc, article)))
        nquads, derived = _shipped(built.iri, built.quads) if ship else (b"", b"")
    except Exception as error:  # one bad article must not stop the build: it becomes a report entry
        return _failed(article, error, words=words, nlp_seconds=nlp_seconds)
    return ArticleResult(article.id, article.source, article.line, article.content_hash, built.iri, nquads,
                         words, nlp_seconds, time.perf_counter() - start, quads=None if ship else built.quads,
                         derived=derived)


def _failed(article: Article, error: BaseException, *, words: int = 0, nlp_seconds: float = 0.0) -> ArticleResult:
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    at = f" (at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno})" if where else ""
    return ArticleResult(article.id, article.source, article.line, article.content_hash, None, b"",
                         words, nlp_seconds, 0.0, f"{type(error).__name__}: {error}{at}")


def process_batch(articles: list[Article], *, ship: bool = True) -> list[ArticleResult]:
    """Run NLP, extraction, resolution and RDF on a batch of articles (the unit of work of every engine).

    An exception while parsing or extracting one article becomes that article's ``error``; the
    other articles of the batch are still built. With ``ship`` (results cross a process boundary)
    each graph is serialised as N-Quads; without, the results hold the quads themselves.
    """
    parse = _stages()[0]
    results: list[ArticleResult] = []
    try:
        start = time.perf_counter()
        for article, doc in parse(articles):
            nlp_seconds = time.perf_counter() - start
            results.append(_build_one(article, doc, nlp_seconds, ship=ship))
            start = time.perf_counter()
    except Exception:
        # spaCy batches: find the article that breaks parsing by parsing the rest one at a time.
        for article in articles[len(results):]:
            try:
                start = time.perf_counter()
                [(article, doc)] = list(parse([article]))
                results.append(_build_one(article, doc, time.perf_counter() - start, ship=ship))
            except Exception as error:
                results.append(_failed(article, error))
    return results


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter).

    Examples
    --------
    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _windowed(submit: Callable[[list[Article]], Any], result: Callable[[Any], list[ArticleResult]],
              articles: Iterable[Article], *, batch_size: int, window: int) -> Iterator[ArticleResult]:
    """Submit batches, at most ``window`` in flight, and yield results in input order."""
    pending: deque[Any] = deque()
    for batch in batched(articles, batch_size):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def run_serial(articles: Iterable[Article], *, workers: int = 1, scheduler: str | None = None,
               batch_size: int = 16) -> Iterator[ArticleResult]:
    """Everything in this process (spaCy batches of ``batch_size``); graphs stay quads, never serialised."""
    for batch in batched(articles, batch_size):
        yield from process_batch(batch, ship=False)


_STAGE_MODULES = ["kg.engines", "kg.nlp", "kg.extract", "kg.resolve", "kg.rdf", "kg.store"]


def _context() -> multiprocessing.context.BaseContext:
    # A parent that holds the spaCy models (a warmed-up build, the bench, a server) forks its workers:
    # they start with the models and gazetteers loaded instead of loading them again, 4.3 s each for
    # English. The parent's other threads (RocksDB's, the store writer) are not copied; a child only
    # runs process_batch, never touches the store, and leaves by os._exit (no destructor of the
    # inherited store runs). Otherwise a fork server: a fresh process that imports the stages once;
    # each worker forks from it and loads the models it needs.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _models_loaded():
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_STAGE_MODULES)
    return context


def _models_loaded() -> bool:
    pipelines = sys.modules.get("kg.nlp.pipelines")  # not imported here: importing spaCy costs 1 s
    return pipelines is not None and pipelines.get_pipeline.cache_info().currsize > 0


def run_processes(articles: Iterable[Article], *, workers: int = 2, scheduler: str | None = None,
                  batch_size: int = 8) -> Iterator[ArticleResult]:
    """``workers`` processes of this machine; each loads the spaCy models once, unless this process
    holds them already (then they are forked with them, see :func:`_context`)."""
    context = _context()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _windowed(lambda b: pool.submit(process_batch, b), lambda f: f.result(), articles,
                             batch_size=batch_size, window=3 * workers)


def run_local(articles: Iterable[Article], *, workers: int = 1, scheduler: str | None = None,
              batch_size: int | None = None) -> Iterator[ArticleResult]:
    """This machine: in process for one worker, a process pool for more."""
    if workers <= 1:
        return run_serial(articles, batch_size=batch_size or 16)
    return run_processes(articles, workers=workers, batch_size=batch_size or 8)


def run_dask(articles: Iterable[Article], *, workers: int = 2, scheduler: str | None = None,
             batch_size: int = 8) -> Iterator[ArticleResult]:
    """Dask tasks on the cluster at ``scheduler`` (``tcp://host:8786``); without one, a local cluster.

    Workers need ``kg`` and the spaCy models installed (same versions as here).
    """
    from distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    try:
        try:
            client = Client(scheduler or cluster, set_as_default=False, timeout="10s")
        except OSError as error:
            raise OptionError(f"cannot reach Dask scheduler {scheduler!r}: {error}") from None
        with client:
            slots = max(1, sum(client.nthreads().values()))
            yield from _windowed(lambda b: client.submit(process_batch, b, pure=False), lambda f: f.result(),
                                 articles, batch_size=batch_size, window=3 * slots)
    finally:
        if cluster is not None:
            cluster.close()


#: engine name -> function(articles, *, workers, scheduler) -> results in input order
ENGINES: dict[str, Callable[..., Iterator[ArticleResult]]] = {
    "local": run_local, "serial": run_serial, "processes": run_processes, "dask": run_dask,
}


def run_engine(name: str, articles: Iterable[Article], *, workers: int = 1,
               scheduler: str | None = None) -> Iterator[ArticleResult]:
    """Run the engine called ``name``.

    Examples
    --------
    >>> run_engine("spark", [])
    Traceback (most recent call last):
    kg.errors.OptionError: unknown engine 'spark'; valid: dask, local, processes, serial
    """
    if name not in ENGINES:
        raise bad_choice("engine", name, ENGINES)
    if scheduler and name != "dask":
        raise OptionError(f"--scheduler {scheduler!r} needs --engine dask, not {name!r}")
    return _heap_frozen(ENGINES[name](articles, workers=workers, scheduler=scheduler))


def _heap_frozen(results: Iterator[ArticleResult]) -> Iterator[ArticleResult]:
    """``results``, with the objects alive before the first one (the models, the gazetteers: hundreds of
    thousands) left out of the cyclic GC's collections until the last: each full collection walked them
    all (0.38 of 0.48 CPU s of GC in a 300-article build), and in a forked worker it also copied the
    pages it touched. A caller's own :func:`gc.freeze` is left as it is."""
    thawed = gc.get_freeze_count() == 0
    if thawed:
        gc.freeze()
    try:
        yield from results
    finally:
        if thawed:
            gc.unfreeze()
