"""What an article write adds besides its graph and needs nothing but the article to make: its query
rows (:mod:`kg.store.rows`) and its corpus set (:mod:`kg.store.corpus_rows`).

With worker processes, one process writes the store for all of them; made there, in Python, the rows
and the set took a tenth of its time per article. So a worker makes them with the graph and ships them
as N-Quads, which the writing process parses in Rust; what needs the store (the counters' record, the
old version's rows) is still done there, in the write's transaction.

Examples
--------
>>> derived_quads("https://w3id.org/newskg/id/article/x", [])  # doctest: +ELLIPSIS
[<Quad subject=<NamedNode value=urn:x-kg:crows/set/...
"""
from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from kg.store.corpus_rows import set_quads
from kg.store.rows import article_rows

_ROWS = "urn:x-kg:rows/"


def derived_quads(graph_iri: str, quads: Sequence[ox.Quad]) -> list[ox.Quad]:
    """The row set and the corpus set of article graph ``graph_iri`` about to be written as ``quads``."""
    return article_rows(graph_iri, quads) + set_quads(graph_iri, quads)


def split(derived: Sequence[ox.Quad]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """``(row set, corpus set)`` of what :func:`derived_quads` made (after an N-Quads round trip)."""
    rows: list[ox.Quad] = []
    sets: list[ox.Quad] = []
    for quad in derived:
        (rows if quad.subject.value.startswith(_ROWS) else sets).append(quad)
    return rows, sets
