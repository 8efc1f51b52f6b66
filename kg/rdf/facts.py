"""Facts (reified statements) and events of an article graph, with the domain and range of every fact
property: ill-typed facts (a ``ceo`` that is a place) are left out, so graphs pass ``shapes.ttl``."""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Literal

from kg.errors import bad_choice
from kg.rdf import iris
from kg.rdf.literals import date_literal, ox_decimal, ox_integer, ox_literal, title_literal
from kg.rdf.quads import (EVENT_CLASSES, ORGS, OX_KG as _KG, OX_PROV as _PROV, OX_RDF as _RDF, OX_RDFS as _RDFS,
                          PLACES, Quads as _Quads, add_provenance as _add_provenance, entity_node as _entity)
from kg.types import EVENT_STATUSES, Entity, Event, Extraction


class FactSignature(NamedTuple):
    """Domain and range of a fact property: entity types allowed, or a literal builder."""

    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    literal: Callable[[str, str], Literal | None] | None = None


#: fact predicate -> signature; object properties have ``objects``, datatype ones a ``literal`` builder
FACT_SIGNATURES: dict[str, FactSignature] = {
    "headquarteredIn": FactSignature(ORGS, PLACES),
    "locatedIn": FactSignature(PLACES, PLACES),
    # a place's country, or where a company or a person is from ("the Swedish group Ikea"): not presence
    "country": FactSignature(PLACES + ORGS + ("Person",), ("Country",)),
    "subsidiaryOf": FactSignature(ORGS, ORGS),
    "foundedBy": FactSignature(ORGS, ("Person",)),
    "foundedOn": FactSignature(ORGS, (), date_literal),
    "ceo": FactSignature(ORGS, ("Person",)),
    "worksFor": FactSignature(("Person",), ORGS),
    "jobTitle": FactSignature(("Person",), (), title_literal),
    "produces": FactSignature(ORGS, ("Product",)),
    "operatesIn": FactSignature(ORGS, PLACES),
    "investsIn": FactSignature(ORGS, ORGS + PLACES),
    "partnerOf": FactSignature(ORGS, ORGS),
    "competitorOf": FactSignature(ORGS, ORGS),
}



def event_key(event: Event) -> tuple:
    """An event is one per type and trigger span."""
    return (event.type, event.trigger_start, event.trigger_end)


def best(items, key):
    """One item per key (the most confident; ties broken by extractor name), in key order."""
    best = {}
    for item in items:
        k = key(item)
        if k not in best or (-item.confidence, item.extractor) < (-best[k].confidence, best[k].extractor):
            best[k] = item
    return [best[k] for k in sorted(best, key=repr)]


class _Statement(NamedTuple):
    iri: str
    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.Literal
    sentence: int
    extractor: str
    confidence: float


def statements(ext: Extraction, entity_of: dict[int, Entity]) -> list[_Statement]:
    """Facts as typed triples with their statement IRI; ill-typed facts are left out."""
    out = []
    for fact in ext.facts:
        if fact.predicate not in FACT_SIGNATURES:
            raise bad_choice("fact predicate", fact.predicate, FACT_SIGNATURES)
        signature = FACT_SIGNATURES[fact.predicate]
        subject = entity_of.get(fact.subject)
        if subject is None or subject.type not in signature.subjects:
            continue
        if signature.literal is not None:
            literal = signature.literal(fact.value or "", ext.article.lang)
            # The IRI hashes the object as rdflib writes it (N3), so IRIs stay those of earlier builds.
            obj, obj_n3 = (ox_literal(literal), literal.n3()) if literal is not None else (None, "")
        else:
            target = entity_of.get(fact.object) if fact.object is not None else None
            ok = target is not None and target.type in signature.objects and target.key != subject.key
            obj = _entity(target.key) if ok else None
            obj_n3 = f"<{obj.value}>" if ok else ""
        if obj is None:
            continue
        s, p = _entity(subject.key), _KG[fact.predicate]
        sentence = ext.sentences[fact.sentence] if 0 <= fact.sentence < len(ext.sentences) else None
        bounds = (sentence.start, sentence.end) if sentence else (-1, -1)
        iri = str(iris.statement_iri(ext.article.id, s.value, p.value, obj_n3, *bounds))
        out.append(_Statement(iri, s, p, obj, fact.sentence, fact.extractor, fact.confidence))
    # Several mentions of the same entities in one sentence give one statement: keep the best rule.
    return best(out, lambda st: st.iri)


def add_fact(graph: _Quads, node: ox.NamedNode, ext: Extraction, st: _Statement) -> None:
    """The fact's triple, and its reification with the article and the sentence it comes from."""
    statement = ox.NamedNode(st.iri)
    graph.add(st.subject, st.predicate, st.object)
    graph.add(statement, _RDF.type, _RDF.Statement)
    graph.add(statement, _RDF.subject, st.subject)
    graph.add(statement, _RDF.predicate, st.predicate)
    graph.add(statement, _RDF.object, st.object)
    graph.add(statement, _PROV.wasDerivedFrom, node)
    _add_provenance(graph, statement, ext.sentences, st.sentence, st.extractor, st.confidence)


#: events that happen at a place: their label names the place, not a product
_PLACED = frozenset({"StoreOpening", "StoreClosure", "FacilityOpening", "FacilityClosure"})


def event_label(etype: str, who: dict[str, str], places: list[str], date: str | None, status: str) -> str:
    """What happened, readable on a graph node: "Acquisition: Orbis -> Lumen · 2024-05 · planned".

    Examples
    --------
    >>> event_label("Acquisition", {"agent": "Orbis", "target": "Lumen"}, [], "2024-05", "planned")
    'Acquisition: Orbis -> Lumen · 2024-05 · planned'
    >>> event_label("StoreOpening", {"agent": "Mira", "product": "phones"}, ["Lyon", "Nice"], None, "done")
    'StoreOpening: Mira · Lyon, Nice · done'
    >>> event_label("Acquisition", {"agent": "PSA", "target": "Opel", "seller": "GM"}, [], "2017-03", "planned")
    'Acquisition: PSA -> Opel (from GM) · 2017-03 · planned'
    """
    # a store or plant is opened by its agent, not by what it sells: "StoreOpening: X -> phones" reads as
    # if X opened phones, so the product stays a role of the node, out of its label
    shown = who.get("target") or (who.get("product") if etype not in _PLACED else None)
    actors = " -> ".join(n for n in (who.get("agent"), shown) if n)
    actors += f" (from {who['seller']})" if who.get("seller") else ""
    parts = [p for p in (actors, ", ".join(places), date or "", status) if p]
    return f"{etype}: {' · '.join(parts)}"


def add_event(graph: _Quads, node: ox.NamedNode, ext: Extraction, event: Event,
               entity_of: dict[int, Entity]) -> None:
    """The event node: type, roles that fit their types, date, amount, status, label and provenance."""
    if event.type not in EVENT_CLASSES:
        raise bad_choice("event type", event.type, EVENT_CLASSES)
    ev = ox.NamedNode(str(iris.event_iri(ext.article.id, event.type, event.trigger_start, event.trigger_end)))
    graph.add(ev, _RDF.type, _KG[event.type])
    who: dict[str, str] = {}
    for role, index, allowed in (("agent", event.agent, ORGS + ("Person",)), ("target", event.target, ORGS),
                                 ("product", event.product, ("Product",))):
        entity = entity_of.get(index) if index is not None else None
        if entity is not None and entity.type in allowed:
            graph.add(ev, _KG[role], _entity(entity.key))
            who[role] = entity.label
    if event.thing:
        graph.add(ev, _KG.launchedThing, ox.Literal(event.thing))
        who.setdefault("product", event.thing)  # "ProductLaunch: Northwind -> graphics card"
    wheres = []
    for key in sorted({entity_of[i].key for i in event.places
                       if i in entity_of and entity_of[i].type in PLACES}):
        graph.add(ev, _KG.place, _entity(key))
        wheres.append(next(entity_of[i].label for i in event.places if i in entity_of and entity_of[i].key == key))
    date = date_literal(event.date)
    if date is not None:
        graph.add(ev, _KG.date, ox_literal(date))
    if event.amount is not None:
        graph.add(ev, _KG.amount, ox_decimal(event.amount, digits=2))
        if event.currency:
            graph.add(ev, _KG.currency, ox.Literal(event.currency.upper()))
    if event.status not in EVENT_STATUSES:
        raise bad_choice("event status", event.status, EVENT_STATUSES)
    graph.add(ev, _KG.status, ox.Literal(event.status))
    graph.add(ev, _RDFS.label, ox.Literal(event_label(event.type, who, wheres, event.date, event.status)))
    graph.add(ev, _PROV.wasDerivedFrom, node)
    graph.add(ev, _KG.trigger, ox.Literal(ext.article.text[event.trigger_start:event.trigger_end]))
    graph.add(ev, _KG.start, ox_integer(event.trigger_start))
    graph.add(ev, _KG.end, ox_integer(event.trigger_end))
    _add_provenance(graph, ev, ext.sentences, event.sentence, event.extractor, event.confidence)
