"""The building blocks of an article graph as pyoxigraph terms: the ontology's terms, a quad collector,
entity nodes and the provenance every mention, statement and event carries (see ontology/MODEL.md).

Examples
--------
>>> graph = Quads("https://w3id.org/newskg/id/article/a")
>>> graph.add(entity_node("organization/xiaomi"), OX_RDF.type, OX_KG.Company)
>>> str(graph.quads[0].subject)
'<https://w3id.org/newskg/id/organization/xiaomi>'
"""
from __future__ import annotations

import functools

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf import iris
from kg.rdf.literals import ox_decimal, ox_integer
from kg.rdf.namespace import KG, SCHEMA, OxTerms
from kg.types import ENTITY_TYPES, EVENT_TYPES, Sentence

ORGS = ("Organization", "Company")
PLACES = ("Place", "Country", "City", "Region", "Facility")
#: entity type -> ontology class
ENTITY_CLASSES: dict[str, URIRef] = {t: KG[t] for t in ENTITY_TYPES}
#: event type -> ontology class
EVENT_CLASSES: dict[str, URIRef] = {t: KG[t] for t in EVENT_TYPES}
OX_KG, OX_SCHEMA, OX_RDF, OX_RDFS = OxTerms(KG), OxTerms(SCHEMA), OxTerms(RDF), OxTerms(RDFS)
OX_OWL, OX_PROV, OX_SKOS, OX_XSD = OxTerms(OWL), OxTerms(PROV), OxTerms(SKOS), OxTerms(XSD)


class Quads:
    """Collects the triples of one graph as quads (what ``graph.add`` was, without an rdflib store)."""

    def __init__(self, iri: str) -> None:
        self.node = ox.NamedNode(iri)
        self.quads: list[ox.Quad] = []

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, p, o, self.node))


@functools.lru_cache(maxsize=65536)  # pure; an entity is named in every graph that mentions it
def entity_node(key: str) -> ox.NamedNode:
    """The node of an entity (``kg.rdf.iris.entity_iri``)."""
    return ox.NamedNode(str(iris.entity_iri(key)))


def add_provenance(graph: Quads, node: ox.NamedNode, sentences: tuple[Sentence, ...], sentence: int,
                   extractor: str, confidence: float) -> None:
    """The sentence (text and offsets), extractor and confidence of a mention, statement or event."""
    if 0 <= sentence < len(sentences):
        s = sentences[sentence]
        graph.add(node, OX_KG.sentence, ox.Literal(s.text))
        graph.add(node, OX_KG.sentenceStart, ox_integer(s.start))
        graph.add(node, OX_KG.sentenceEnd, ox_integer(s.end))
    graph.add(node, OX_KG.extractor, ox.Literal(extractor))
    graph.add(node, OX_KG.confidence, ox_decimal(min(1.0, max(0.0, confidence)), digits=4))
