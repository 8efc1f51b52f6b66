"""Entities counted once each in their decided class, kept as counters (``class <IRI>``) in the store.

An entity's class is a function of a few triples of the union: its types, its ``kg:corpusClass`` (the
corpus decision, :mod:`kg.store.corpus`), and whether the corpus moved every one of its mentions to
another entity (then it is not counted). :func:`entity_classes` reads it for every entity (the recount);
:func:`class_delta` gives the change of the counters a write makes from the triples it adds to and
removes from the union, reading only the entities those triples name, so a write into a store of
100,000 articles costs what it costs into an empty one.

Examples
--------
>>> from kg.store import open_store
>>> with open_store("tests/data/small.trig") as store:
...     sorted(set(entity_classes(store).values()))[:2]
['City', 'Company']
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from kg.rdf.namespace import KG
from kg.types import ENTITY_TYPES

_DEFAULT = ox.DefaultGraph()
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_CORPUS_CLASS = ox.NamedNode(str(KG.corpusClass))
_CORPUS_ENTITY = ox.NamedNode(str(KG.corpusEntity))
_MENTION_OF = ox.NamedNode(str(KG.mentionOf))
_CLASSES = {f"{KG._NS}{c}": c for c in ENTITY_TYPES}
#: the counters' key prefix of an entity class (full IRI after it, as the other counters)
PREFIX = "class "
#: the only predicates _Union is asked about: the others of a write are not indexed (taking an article's
#: ~230 triples apart cost a quarter of the counters' time)
_ASKED = frozenset({_TYPE, _CORPUS_CLASS, _MENTION_OF, _CORPUS_ENTITY})


@lru_cache(maxsize=1)
def _order() -> dict[str, int]:
    from kg.resolve.corpus import CLASS_ORDER  # here: kg.resolve loads the NLP stack, a count needs none of it

    return {c: i for i, c in enumerate(CLASS_ORDER)}


def choose(types: Iterable[str], decided: Iterable[str]) -> str | None:
    """The one class of an entity typed ``types`` (local names) whose corpus class is ``decided``: the
    corpus class, else the most specific of its types ("Company" over "Organization"); None untyped."""
    types, decided = sorted(types), sorted(decided)
    if not types:
        return None
    order = _order()
    return decided[0] if decided else min(types, key=lambda c: (order.get(c, 99), c))


def entity_classes(store) -> dict[str, str]:
    """Entity IRI -> its one class (:func:`choose`), for every entity of ``store``: a full read. Entities
    whose every mention the corpus moved to another entity are left out."""
    values = " ".join(f"<{iri}>" for iri in _CLASSES)
    classes: dict[str, set[str]] = defaultdict(set)
    for row in store.query(f"SELECT DISTINCT ?e ?c WHERE {{ VALUES ?c {{ {values} }} ?e a ?c }}"):
        classes[row["e"].value].add(_CLASSES[row["c"].value])
    decided: dict[str, set[str]] = defaultdict(set)
    for row in store.query(f"SELECT ?e ?c WHERE {{ ?e <{KG.corpusClass}> ?c }}"):
        decided[row["e"].value].add(row["c"].value.removeprefix(str(KG._NS)))
    # ?moved is bound only for a mention the corpus gave another entity: equal counts, every one moved
    gone = {row["e"].value for row in store.query(
        f"""SELECT ?e WHERE {{ ?m <{KG.mentionOf}> ?e . OPTIONAL {{ ?m <{KG.corpusEntity}> ?x BIND(?m AS ?moved) }} }}
            GROUP BY ?e HAVING (COUNT(DISTINCT ?m) = COUNT(DISTINCT ?moved))""")}
    return {e: choose(cs, decided.get(e, ())) for e, cs in sorted(classes.items()) if e not in gone}


def class_counters(store) -> Counter[str]:
    """The class counters of ``store`` from a full read (what the kept counters must equal)."""
    return Counter(PREFIX + KG._NS + c for c in entity_classes(store).values())


class _Union:
    """The union (the default graph) as it is, or as it will be once ``out`` left it and ``into`` joined."""

    def __init__(self, ox_store: ox.Store, out: set[ox.Triple] = frozenset(), into: set[ox.Triple] = frozenset()):
        self.ox, self.out = ox_store, out
        self.by_sp: dict[tuple, list] = defaultdict(list)
        self.by_po: dict[tuple, list] = defaultdict(list)
        for t in into:
            if t.predicate not in _ASKED:
                continue
            self.by_sp[t.subject, t.predicate].append(t.object)
            self.by_po[t.predicate, t.object].append(t.subject)

    def objects(self, subject, predicate) -> Iterable[Any]:
        for quad in self.ox.quads_for_pattern(subject, predicate, None, _DEFAULT):
            if quad.triple not in self.out:
                yield quad.object
        yield from self.by_sp.get((subject, predicate), ())

    def subjects(self, predicate, obj) -> Iterable[Any]:
        for quad in self.ox.quads_for_pattern(None, predicate, obj, _DEFAULT):
            if quad.triple not in self.out:
                yield quad.subject
        yield from self.by_po.get((predicate, obj), ())

    def gone(self, entity) -> bool:
        """Every mention of ``entity`` moved by the corpus (stops at the first that is not: a hub named
        by 20,000 articles, most of them not moved, costs a step or two)."""
        mentioned = False
        for mention in self.subjects(_MENTION_OF, entity):
            mentioned = True
            if next(iter(self.objects(mention, _CORPUS_ENTITY)), None) is None:
                return False
        return mentioned

    def of(self, entity) -> str | None:
        types = {_CLASSES[o.value] for o in self.objects(entity, _TYPE) if o.value in _CLASSES}
        if not types or self.gone(entity):
            return None
        decided = {o.value.removeprefix(str(KG._NS)) for o in self.objects(entity, _CORPUS_CLASS)}
        return choose(types, decided)


def class_delta(ox_store: ox.Store, out: Iterable[ox.Triple], into: Iterable[ox.Triple]) -> Counter[str]:
    """The change of the class counters when the triples ``out`` leave the union and ``into`` join it
    (read before the write: the union is read as it is now)."""
    out, into = set(out), set(into)
    now, then = _Union(ox_store), _Union(ox_store, out, into)
    touched = set()
    for triple in out | into:
        predicate = triple.predicate
        if predicate == _TYPE and triple.object.value in _CLASSES or predicate == _CORPUS_CLASS:
            touched.add(triple.subject)
        elif predicate == _MENTION_OF:
            touched.add(triple.object)
        elif predicate == _CORPUS_ENTITY:
            touched.update(now.objects(triple.subject, _MENTION_OF))
            touched.update(then.objects(triple.subject, _MENTION_OF))
    delta: Counter[str] = Counter()
    for entity in touched:
        before, after = now.of(entity), then.of(entity)
        if before != after:
            if before:
                delta[f"{PREFIX}{KG._NS}{before}"] -= 1
            if after:
                delta[f"{PREFIX}{KG._NS}{after}"] += 1
    return delta
