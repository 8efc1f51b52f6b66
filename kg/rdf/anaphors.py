"""Event mentions of an article graph that event coreference reads: the anaphors ("the deal", "ce rachat")
written next to the events the extractor reported, and the rows :func:`kg.resolve.events.decide` takes.

An event node of an article graph (:func:`kg.rdf.facts.add_event`) is what one sentence states: it is the
event *mention*. An anaphor is a mention too (``kg:EventMention``) that states no roles of its own and
``kg:refersTo`` the mention it refers back to; the real-world event node that gathers them lives in the
events graph (:mod:`kg.store.events`), which the article graphs do not own.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.rdf import iris
from kg.rdf.literals import date_literal, ox_integer
from kg.rdf.namespace import ID
from kg.rdf.quads import ORGS, PLACES
from kg.rdf.quads import OX_KG as _KG
from kg.rdf.quads import OX_PROV as _PROV
from kg.rdf.quads import OX_RDF as _RDF
from kg.rdf.quads import Quads as _Quads
from kg.rdf.quads import add_provenance as _add_provenance
from kg.types import Entity, Event, Extraction

if TYPE_CHECKING:  # importing kg.resolve loads the NLP stack: readers of kg.rdf (a query server) need none of it
    from kg.resolve.event_anaphora import Anaphor
    from kg.resolve.events import EventMention

EXTRACTOR = "kg.events.anaphora"
#: an anaphor is read from a cue list and its nearest antecedent: less sure than a stated event
CONFIDENCE = 0.7
#: which entity types each role of an event node accepts (as kg.rdf.facts.add_event writes them)
ROLE_TYPES = {"agent": ORGS + ("Person",), "target": ORGS, "product": ("Product",)}


def anaphor_iri(article_id: str, start: int, end: int) -> str:
    """IRI of the anaphor mention at ``start:end`` of an article.

    Examples
    --------
    >>> anaphor_iri("a.txt", 20, 24).rsplit("/", 2)[1]
    'event-mention'
    """
    return str(ID[f"event-mention/{iris.short_hash(article_id, start, end)}"])


def mention_iri(article_id: str, event: Event) -> str:
    """IRI of the article-graph node of an extracted event (its mention)."""
    return str(iris.event_iri(article_id, event.type, event.trigger_start, event.trigger_end))


def anaphors(ext: Extraction, events: Sequence[Event]) -> list[Anaphor]:
    """The anaphors of an article that refer back to one of ``events`` (the events its graph holds)."""
    from kg.resolve.event_anaphora import find_anaphors

    return find_anaphors(ext.article.text, ext.article.lang, ext.sentences, events)


def add_anaphors(graph: _Quads, node: ox.NamedNode, ext: Extraction, events: Sequence[Event]) -> None:
    """One ``kg:EventMention`` node per anaphor, linked to the event mention it refers back to."""
    article = ext.article
    for a in anaphors(ext, events):
        m = ox.NamedNode(anaphor_iri(article.id, a.start, a.end))
        graph.add(m, _RDF.type, _KG.EventMention)
        graph.add(m, _KG.refersTo, ox.NamedNode(mention_iri(article.id, events[a.antecedent])))
        graph.add(m, _KG.eventType, _KG[a.type])
        graph.add(m, _PROV.wasDerivedFrom, node)
        graph.add(m, _KG.trigger, ox.Literal(article.text[a.start:a.end]))
        graph.add(m, _KG.start, ox_integer(a.start))
        graph.add(m, _KG.end, ox_integer(a.end))
        _add_provenance(graph, m, ext.sentences, a.sentence, EXTRACTOR, CONFIDENCE)


def event_mentions(ext: Extraction, events: Sequence[Event], entity_of: dict[int, Entity]) -> list[EventMention]:
    """The rows event coreference reads for one article, built from its extraction as its graph states them
    (roles only when their entity type fits, places only when they are places); for benchmarks that score
    clusters without a store. :mod:`kg.store.events` reads the same rows from the stored graphs."""
    from kg.resolve.events import EventMention

    article = ext.article
    published = article.published.isoformat() if article.published else None
    rows = []
    for event in events:
        roles = {}
        for role, allowed in ROLE_TYPES.items():
            index = getattr(event, role)
            entity = entity_of.get(index) if index is not None else None
            roles[role] = entity.key if entity is not None and entity.type in allowed else None
        places = tuple(sorted({entity_of[i].key for i in event.places if i in entity_of
                               and entity_of[i].type in PLACES}))
        rows.append(EventMention(mention_iri(article.id, event), str(iris.article_iri(article.id)), event.type,
                                 event.trigger_start, event.status, roles["agent"], roles["target"],
                                 roles["product"], places,
                                 event.date if date_literal(event.date) is not None else None, published,
                                 None, event.amount, event.currency, event.thing))
    for a in anaphors(ext, events):
        antecedent = rows[a.antecedent]
        rows.append(EventMention(anaphor_iri(article.id, a.start, a.end), antecedent.article, a.type, a.start,
                                 "", None, None, None, (), None, published, antecedent.iri))
    return rows
