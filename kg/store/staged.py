"""Staged writes: one article's graph written in parts, for articles too long for one transaction.

A normal article is one transaction (:meth:`kg.store.Store.replace_article_quads`): a crash leaves it
whole or absent. A graph of millions of quads in one transaction would hold all of them, twice (the
article graph and its copy in the union), in the write batch at once, so a long article
(:mod:`kg.stream`) is written in parts of :data:`PART_QUADS` quads, and keeps the promise another way:

1. a *pending marker*, a file naming the article in the store directory's ``kg-pending/``, is written
   and synced before the first part; a stored earlier version of the article is removed;
2. each part is one transaction with its counters' record (:mod:`kg.store.counts`), so the counters
   always agree with the graphs;
3. the last transaction writes the article's ``kg:contentHash``, and only then the marker is deleted.

:func:`recover`, called by :func:`kg.store.open_store` on every writable on-disk open, rolls back each
article it finds marked and without its hash (the crash came before step 3): its partial graph is
removed as :meth:`~kg.store.Store.remove_article` would. A marked article that has its hash was
complete (the crash came between the last commit and deleting the marker): only the marker goes. So
after a crash and the next open, the store holds whole articles only, as for normal articles; until that
open a reader of the crashed store could see the partial graph. The next build has no hash for the
article and builds it again. In-memory and remote stores take the one-transaction path.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.store.backends import CONTENT_HASH, _drop_update, _Local
from kg.store.classes import class_delta
from kg.store.corpus_rows import write_staged_set
from kg.store.counts import _DEFAULT, _keys, record, record_update, start_counters
from kg.store.rows import missing

#: quads per transaction of a staged article; a graph of at most this many is one transaction
PART_QUADS = 25_000
#: articles longer than this (characters: one window of pieces) are extracted by windows (kg.extract.stream)
LONG_CHARS = 400_000
PENDING_DIR = "kg-pending"


def _marker(location: str, iri: str) -> Path:
    return Path(location) / PENDING_DIR / (hashlib.sha1(iri.encode()).hexdigest() + ".iri")


def _part_delta(ox_store: ox.Store, graph: ox.NamedNode, quads: Sequence[ox.Quad], first: bool) -> Counter[str]:
    # As counts.write_delta for a new graph, read part by part: a triple already in the union (said by
    # an earlier part or another article) adds nothing.
    delta: Counter[str] = Counter(articles=int(first))
    into = [t for t in {q.triple for q in quads} if ox.Quad(*t, _DEFAULT) not in ox_store]
    for triple in into:
        for key in _keys(triple):
            delta[key] += 1
    delta.update(class_delta(ox_store, (), into))
    return delta


def write_staged(store: Any, iri: str, quads: Sequence[ox.Quad] | Iterator[list[ox.Quad]], *,
                 part: int | None = None, derived: list[ox.Quad] | None = None) -> None:
    """Write (or replace) the graph ``iri`` of ``store`` as ``quads``, in transactions of ``part`` quads
    (default :data:`PART_QUADS`).

    ``quads`` is a list, or an iterator of lists (the parts of :func:`kg.store.parts.graph_parts`, whose
    union is the graph; one is alive at a time). A list of at most ``part`` quads is one transaction, as
    :meth:`~kg.store.Store.replace_article_quads` (with ``derived``, the rows a worker made; a staged
    write reads them back). See the module doc for what a crash leaves.
    """
    store._check_writable()
    backend, part = store._live(), part or PART_QUADS
    listed = isinstance(quads, Sequence)
    if (listed and len(quads) <= part) or not isinstance(backend, _Local) or not backend.on_disk:
        store.replace_article_quads(iri, list(quads) if listed else list(dict.fromkeys(_chain(quads))),
                                    derived if listed else None)
        return
    store._counted = store._counted or start_counters(store)
    marker, graph, ox_store = _marker(store.location, iri), ox.NamedNode(iri), backend.ox
    marker.parent.mkdir(exist_ok=True)
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write(iri)
        handle.flush()
        os.fsync(handle.fileno())
    if ox_store.contains_named_graph(graph):  # the old version goes first: a crash leaves neither
        backend.update(f"{_drop_update(iri)} ;\n{record_update(ox_store, iri)}")
    last: dict[ox.Quad, None] = {}
    first = True
    for piece in ([quads] if listed else quads):
        for i in range(0, len(piece), part):
            chunk = [q for q in piece[i:i + part] if q.predicate.value != CONTENT_HASH]
            last.update(dict.fromkeys(q for q in piece[i:i + part] if q.predicate.value == CONTENT_HASH))
            if chunk:
                _commit(backend, graph, chunk, first)
                first = False
        del piece
    _commit(backend, graph, list(last), first)  # the hash last: with it the article is complete
    write_staged_set(ox_store, iri)  # the corpus rows, read back (kg.store.corpus_rows)
    ox_store.flush()
    marker.unlink()


def _chain(parts: Iterator[list[ox.Quad]]) -> Iterator[ox.Quad]:
    for piece in parts:
        yield from piece


def _commit(backend: _Local, graph: ox.NamedNode, quads: list[ox.Quad], first: bool) -> None:
    delta = _part_delta(backend.ox, graph, quads, first)
    # no query rows for an article written in parts: its marker sends the queries to their plain text
    marker = [missing(graph.value)] if first else []
    backend.ox.extend(quads + [ox.Quad(*q.triple) for q in quads] + [record(delta)] + marker)  # one transaction
    backend.ox.flush()  # to disk now: RocksDB's write buffers would otherwise grow with the article


def recover(store: Any) -> Any:
    """Roll back the articles a crash left half-written in ``store`` (see the module doc); returns ``store``."""
    folder = Path(store.location) / PENDING_DIR
    if store.read_only or not folder.is_dir():
        return store
    backend = store._live()
    for marker in sorted(folder.glob("*.iri")):
        iri = marker.read_text(encoding="utf-8")
        graph = ox.NamedNode(iri)
        hashed = next(backend.ox.quads_for_pattern(graph, ox.NamedNode(CONTENT_HASH), None, graph), None)
        if hashed is None and backend.ox.contains_named_graph(graph):
            store._counted = store._counted or start_counters(store)
            backend.update(f"{_drop_update(iri)} ;\n{record_update(backend.ox, iri)}")
            backend.ox.flush()
        marker.unlink()
    return store


def set_aside_long(articles: Iterator[Any], long: list) -> Iterator[Any]:
    """The articles of at most :data:`LONG_CHARS` characters; longer ones go to ``long``, to be built by
    :func:`build_long` in this process after the others (a window-by-window build, not a worker's batch)."""
    for article in articles:
        if len(article.text) <= LONG_CHARS:
            yield article
        else:
            long.append(article)


def build_long(article: Any, **options: Any) -> tuple:
    """``(iri, b"", words, nlp seconds, extract seconds, error, graph parts)`` of a long article, extracted
    by windows (:func:`kg.extract.stream.extract_long`, ``options`` go there), resolved whole, its graph an
    iterator of parts (:func:`kg.store.parts.graph_parts`): the fields of a :class:`kg.engines.ArticleResult`
    after the article's own."""
    import time
    import traceback

    from kg.extract import extract
    from kg.extract.stream import extract_long
    from kg.rdf.iris import article_iri
    from kg.resolve import resolve
    from kg.store.parts import graph_parts

    start, words = time.perf_counter(), len(article.text.split())
    try:
        extraction = extract_long(article, extract, **options)
        nlp = time.perf_counter() - start
        resolved = resolve(extraction)
    except Exception as error:  # one bad article must not stop the build (as kg.engines does)
        where = traceback.extract_tb(error.__traceback__)[-1]
        failure = f"{type(error).__name__}: {error} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        return None, b"", words, time.perf_counter() - start, 0.0, failure, None
    # the graph is made part by part as the store writes it (its time is the store's)
    seconds = time.perf_counter() - start - nlp
    return str(article_iri(article.id)), b"", words, nlp, seconds, None, graph_parts(resolved)
