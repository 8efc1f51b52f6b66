"""Stage 6, store: the persistent graph and what reads it whole.

| module | owns |
|---|---|
| :mod:`kg.store.core` | ``open_store`` and :class:`Store`: one named graph per article, transactions |
| :mod:`kg.store.backends` | the local (pyoxigraph) and remote (SPARQL over HTTP) backends, term conversion |
| :mod:`kg.store.export` | Turtle / TriG / N-Quads / JSON-LD / GraphML exports |
| :mod:`kg.store.validate` | SHACL validation |
| :mod:`kg.store.counts` | the counts of a store (summary, report.json, ``kg stats``), kept as counters in the store |
| :mod:`kg.store.classes` | entities counted in their decided class: the full read and the change a write makes |
| :mod:`kg.store.outputs` | which whole-graph dumps of a build output to write, and which are stale |
| :mod:`kg.store.output_folder` | what a build may write to: the output folder check, id clashes, pruning |
| :mod:`kg.store.report` | ``BuildReport``: what a build, add or remove did (``report.json``, the summary) |
| :mod:`kg.store.writer` | the writer thread that commits articles while the next ones are parsed |
| :mod:`kg.store.staged` | a long article's graph written in parts, a crash rolled back at the next open |
| :mod:`kg.store.parts` | a long article's graph made part by part (slices of sentences) |
| :mod:`kg.store.rows` | per-article rows the slow competency queries read at scale, written with each article |
| :mod:`kg.store.derived` | the rows and corpus set of an article, made without the store (in a worker) |
| :mod:`kg.store.corpus` | the corpus graph: the entity decision over every article |
| :mod:`kg.store.events` | the events graph: event mentions merged across articles |
| :mod:`kg.store.guard` | query clauses the store refuses to run (``SERVICE``) |
| :mod:`kg.store.files` | RDF file formats by name or suffix, atomic writes |
"""
from __future__ import annotations

from kg.store.backends import CONTENT_HASH, KG_NS, PREFIXES, SOURCE, from_ox, to_ox
from kg.store.core import Store, open_store
from kg.store.files import atomic_path

__all__ = ["CONTENT_HASH", "KG_NS", "PREFIXES", "SOURCE", "Store", "atomic_path", "from_ox", "open_store", "to_ox"]
