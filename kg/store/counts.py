"""What a store holds, counted: the one source of the build summary, ``report.json`` and ``kg stats``.

Counting a large store from scratch reads the whole union graph (seconds at a million triples), so a
local store keeps counters: every article write adds a small *delta record* (the union triples it
added or removed, by kind) to a named graph of its own, in the same transaction as the article, so a
crash never leaves counters that disagree with the graphs. :func:`graph_counts` sums the records and
folds them into one. A store without counters (written by another tool, or before counters existed)
is recounted once; a write that bypasses the article methods (SPARQL update, file load) drops them.

The counters graph is not an article: it is not in the union, the dumps or :meth:`Store.article_graphs`.

Examples
--------
>>> from kg.store import open_store
>>> with open_store(":memory:") as store:
...     graph_counts(store).triples
0
"""
from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.rdf.namespace import ID, ONTOLOGY_DIR
from kg.store.backends import COUNTERS, KG_NS, _drop_update
from kg.store.classes import class_counters, class_delta
from kg.store.corpus_rows import gone_update, write_sets
from kg.store.derived import split
from kg.store.rows import delete_update as delete_rows, start as start_rows, write_rows
from kg.types import ENTITY_TYPES, EVENT_TYPES

_RECORD = ox.NamedNode("urn:x-kg:counts")
_TOTAL = ox.NamedNode("urn:x-kg:counters/total")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
_DEFAULT = ox.DefaultGraph()
#: graphs decided over all articles (kg.store.corpus, kg.store.events): not articles
_DECIDED = frozenset({ox.NamedNode(f"{ID}corpus"), ox.NamedNode(f"{ID}events")})
#: "classes": the records that count entities by class (all of them, unless written before they did)
_BOOKKEEPING = ("writes", "epoch", "classes")


class Counts(NamedTuple):
    """Counts of the union graph (what SPARQL sees); per-kind tables are keyed by local name."""

    articles: int
    """Article graphs."""
    triples: int
    """Distinct triples of the union."""
    entities: dict[str, int]
    """Entities by their one decided class (:mod:`kg.store.classes`)."""
    events: dict[str, int]
    relations: dict[str, int]
    """Distinct entity-to-entity relation triples (``kg:produces`` ...) by predicate."""
    facts: dict[str, int]
    """Reified fact statements (one per source sentence) by predicate."""


@lru_cache(maxsize=1)
def relation_predicates() -> frozenset[str]:
    """The ontology's relations between entities: object properties whose domain is not an event,
    a mention or an article (read from ontology/kg.ttl, so a new relation needs no code).

    Examples
    --------
    >>> sorted(p.rsplit("#", 1)[1] for p in relation_predicates())[:3]
    ['ceo', 'competitorOf', 'country']
    """
    # pyoxigraph's parser, not rdflib's: a third of a second less for every kg add and kg remove
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    objects: dict[tuple[str, str], set[str]] = {}
    with open(ONTOLOGY_DIR / "kg.ttl", "rb") as ontology:
        for t in ox.parse(ontology, format=ox.RdfFormat.TURTLE):
            objects.setdefault((t.subject.value, t.predicate.value), set()).add(t.object.value)
    outside = {KG_NS + c for c in ("Event", "Mention", "Article", "WorldEvent", "EventMention")}
    object_properties = (s for (s, p), os in objects.items()
                         if p == _RDF_TYPE and "http://www.w3.org/2002/07/owl#ObjectProperty" in os)
    return frozenset(p for p in object_properties
                     if p.startswith(KG_NS) and not objects.get((p, rdfs + "domain"), set()) & outside
                     and (objects.get((p, rdfs + "domain")) or objects.get((p, rdfs + "range"))))


def _keys(triple: ox.Triple) -> list[str]:
    """The counters a union triple adds to."""
    keys = ["triples"]
    predicate = triple.predicate.value
    if predicate == _RDF_TYPE and isinstance(triple.object, ox.NamedNode):
        keys.append("type " + triple.object.value)
    elif predicate == _RDF_PREDICATE and isinstance(triple.object, ox.NamedNode):
        keys.append("fact " + triple.object.value)
    elif predicate in relation_predicates() and isinstance(triple.object, ox.NamedNode):
        keys.append("relation " + predicate)
    return keys


def _stated_elsewhere(ox_store: ox.Store, triple: ox.Triple, graph: ox.NamedNode) -> bool:
    # Stops at the first other article graph: a country named by 10,000 articles costs one step.
    for quad in ox_store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None):
        name = quad.graph_name
        if isinstance(name, ox.NamedNode) and name != graph and name != COUNTERS:
            return True
    return False


def write_delta(ox_store: ox.Store, graph: ox.NamedNode, quads: Iterable[ox.Quad] | None) -> Counter[str]:
    """The change of the counters when ``graph`` is replaced by ``quads`` (None: removed).

    Call it before the write; the union is read as it is now.
    """
    new = {q.triple for q in quads} if quads is not None else set()
    exists = ox_store.contains_named_graph(graph)
    old = {q.triple for q in ox_store.quads_for_pattern(None, None, None, graph)} if exists else set()
    delta: Counter[str] = Counter()
    delta["articles"] += 0 if graph in _DECIDED else (quads is not None) - exists
    out, into = [], []
    for triple in old - new:
        if not _stated_elsewhere(ox_store, triple, graph):
            out.append(triple)
            for key in _keys(triple):
                delta[key] -= 1
    by_subject: dict[Any, list[ox.Triple]] = {}
    for triple in new - old:
        by_subject.setdefault(triple.subject, []).append(triple)
    for subject, triples in by_subject.items():
        # A subject the union has never seen (a new mention, statement, event: most of an article)
        # makes all its triples new with one lookup instead of one per triple.
        if next(iter(ox_store.quads_for_pattern(subject, None, None, _DEFAULT)), None) is not None:
            triples = [t for t in triples if ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) not in ox_store]
        into += triples
        for triple in triples:
            for key in _keys(triple):
                delta[key] += 1
    delta.update(class_delta(ox_store, out, into))
    return delta


def record(delta: Counter[str]) -> ox.Quad:
    """The quad recording ``delta``, to write in the transaction that makes the change."""
    token = uuid.uuid4().hex
    # "writes" and a random "epoch" make the sum of the records a state no other write sequence has
    # (see state()); a fresh subject keeps two equal deltas from collapsing into one quad.
    data = {k: v for k, v in delta.items() if v} | {"writes": 1, "epoch": int(token[:8], 16), "classes": 1}
    text = json.dumps(data, sort_keys=True)
    return ox.Quad(ox.NamedNode(f"urn:x-kg:counters/{token}"), _RECORD, ox.Literal(text), COUNTERS)


def state(store: Any) -> str | None:
    """A token of the store's content: it changes with every article write, so an export stamped with
    it is known stale once the store has moved on; None when the store cannot tell (remote, or written
    by other means: an export of it is never known current). Cheap: reads the counters only."""
    ox_store = getattr(store._live(), "ox", None)
    if ox_store is None or not has_counters(ox_store):
        return "empty" if ox_store is not None and is_empty(ox_store) else None
    total, _ = _stored(ox_store)
    return f"{total['epoch']:x}-{total['writes']}"


def has_counters(ox_store: ox.Store) -> bool:
    return ox_store.contains_named_graph(COUNTERS)


def is_empty(ox_store: ox.Store) -> bool:
    return not any(True for _ in ox_store.quads_for_pattern(None, None, None, None))


def write_record(ox_store: ox.Store, graph_iri: str, quads: list[ox.Quad]) -> ox.Quad:
    """The counters' record of replacing (or creating) article graph ``graph_iri`` with ``quads``."""
    return record(write_delta(ox_store, ox.NamedNode(graph_iri), quads))


def write_extras(ox_store: ox.Store, graph_iri: str, quads: list[ox.Quad],
                 derived: list[ox.Quad] | None = None) -> tuple[tuple[ox.Quad, ...], str]:
    """What goes with writing article graph ``graph_iri``: the counters' record, the query rows and the
    corpus set (``derived``: those two as a worker made them, :mod:`kg.store.derived`), and the update
    deleting the old version's query rows (run first in the write's transaction when it replaces one)."""
    made, sets = split(derived) if derived is not None else (None, None)
    rows, replaced = write_rows(ox_store, graph_iri, quads, made)
    return (write_record(ox_store, graph_iri, quads), *rows, *write_sets(ox_store, graph_iri, quads, sets)), replaced


def record_update(ox_store: ox.Store, graph_iri: str) -> str:
    """The SPARQL update inserting the counters' record of removing article graph ``graph_iri`` (and
    deleting its query rows, :mod:`kg.store.rows`)."""
    quad = record(write_delta(ox_store, ox.NamedNode(graph_iri), None))
    return f"INSERT DATA {{ GRAPH {quad.graph_name} {{ {quad.triple} }} }} ;\n{delete_rows(graph_iri)} ;\n{gone_update(graph_iri)}"


def start_counters(store: Any) -> bool:
    """Before the first article write of a session: a store with graphs but no counters (older, or
    written by other tools) is counted once, so the records that follow add to a true base."""
    ox_store = store._live().ox
    if not has_counters(ox_store) and not is_empty(ox_store):
        ox_store.add(record(recount(store)))
    elif has_counters(ox_store) and not _counts_classes(_stored(ox_store)[0]):
        ox_store.add(_classes_record(store, ox_store))
    start_rows(ox_store)
    return True


def drop_decided_graph(store: Any, graph_iri: str) -> None:
    """Remove a graph no article owns (the corpus or events graph) as an article removal would: the
    counters' record goes in the same update, so they stay valid (a SPARQL update alone drops them)."""
    backend = store._live()
    ox_store = getattr(backend, "ox", None)
    if ox_store is None:
        store.update(_drop_update(graph_iri))
        return
    if not ox_store.contains_named_graph(ox.NamedNode(graph_iri)):
        return
    store._counted = store._counted or start_counters(store)
    backend.update(f"{_drop_update(graph_iri)} ;\n{record_update(ox_store, graph_iri)}")


def drop_update() -> str:
    """The SPARQL update dropping the counters (after a write they cannot follow)."""
    return f"DROP SILENT GRAPH <{COUNTERS.value}>"


def _stored(ox_store: ox.Store) -> tuple[Counter[str], list[ox.Quad]]:
    total: Counter[str] = Counter()
    records = list(ox_store.quads_for_pattern(None, _RECORD, None, COUNTERS))
    for quad in records:
        total.update(json.loads(quad.object.value))
    return total, records


def _counts_classes(total: Counter[str]) -> bool:
    return total["classes"] == total["writes"]


def _classes_record(store: Any, ox_store: ox.Store) -> ox.Quad:
    """The record that brings counters written before they counted classes (or by a kg that did not) to
    a full count of the classes: the one read of every entity such a store pays."""
    total, _ = _stored(ox_store)
    delta = Counter({k: -v for k, v in total.items() if k.startswith("class ")})
    delta.update(class_counters(store))
    quad = record(delta)
    data = json.loads(quad.object.value) | {"classes": total["writes"] - total["classes"] + 1}
    return ox.Quad(quad.subject, quad.predicate, ox.Literal(json.dumps(data, sort_keys=True)), quad.graph_name)


def recount(store: Any) -> Counter[str]:
    """The counters computed from the graphs themselves (a full read; what the counters must equal)."""
    raw: Counter[str] = Counter()
    backend = store._live()
    names = getattr(backend, "ox", None)
    if names is not None:
        raw["articles"] = sum(1 for g in names.named_graphs() if g != COUNTERS and g not in _DECIDED)
    else:
        raw["articles"] = len(set(store.article_graphs()) - {g.value for g in _DECIDED})
    raw["triples"] = len(store)
    queries = (("type", "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?k FILTER isIRI(?k) } GROUP BY ?k"),
               ("fact", "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s rdf:predicate ?k FILTER isIRI(?k) } "
                        "GROUP BY ?k"))
    for kind, sparql in queries:
        for row in store.query(sparql):
            raw[f"{kind} {row['k'].value}"] = int(row["n"].value)
    values = " ".join(f"<{p}>" for p in sorted(relation_predicates()))
    for row in store.query(f"SELECT ?k (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?k ?o WHERE {{ "
                           f"VALUES ?k {{ {values} }} ?s ?k ?o FILTER isIRI(?o) }} }} GROUP BY ?k"):
        raw[f"relation {row['k'].value}"] = int(row["n"].value)
    raw.update(class_counters(store))
    return Counter({k: v for k, v in raw.items() if v})


def raw_counts(store: Any) -> Counter[str]:
    """The counters of ``store``: its records summed (folded into one when writable), else a recount."""
    backend = store._live()
    ox_store = getattr(backend, "ox", None)
    if ox_store is None or not has_counters(ox_store):
        return recount(store)
    total, records = _stored(ox_store)
    if not _counts_classes(total):  # counters older than the class counts: those read in full
        total = Counter({k: v for k, v in total.items() if not k.startswith("class ")}) + class_counters(store)
    elif len(records) > 1 and not store.read_only:
        text = json.dumps({k: v for k, v in sorted(total.items()) if v}, sort_keys=True)
        # One update, so one transaction: the records are replaced by their sum or left as they are.
        ox_store.update(f"DELETE WHERE {{ GRAPH <{COUNTERS.value}> {{ ?s <{_RECORD.value}> ?o }} }} ;\n"
                        f"INSERT DATA {{ GRAPH <{COUNTERS.value}> {{ <{_TOTAL.value}> <{_RECORD.value}> "
                        f"{ox.Literal(text)} }} }}")
    return Counter({k: v for k, v in total.items() if v and k not in _BOOKKEEPING})


def counts_of(raw: Counter[str]) -> Counts:
    """Turn raw counters into :class:`Counts`."""
    def table(kind: str, allowed: Iterable[str] | None = None) -> dict[str, int]:
        prefix = f"{kind} {KG_NS}"
        found = {k[len(prefix):]: v for k, v in raw.items() if k.startswith(prefix) and v}
        return dict(sorted((k, v) for k, v in found.items() if allowed is None or k in allowed))

    return Counts(articles=raw.get("articles", 0), triples=raw.get("triples", 0),
                  entities=table("class", ENTITY_TYPES), events=table("type", EVENT_TYPES),
                  relations=table("relation"), facts=table("fact"))


def graph_counts(store: Any) -> Counts:
    """Counts of ``store`` (an open :class:`~kg.store.Store`), from its counters where it has them;
    entities are counted once each in their decided class (:mod:`kg.store.classes`).

    Examples
    --------
    >>> from kg.store import open_store
    >>> with open_store("tests/data/small.trig") as store:
    ...     graph_counts(store).events
    {'Acquisition': 1, 'StoreOpening': 2}
    """
    return counts_of(raw_counts(store))
