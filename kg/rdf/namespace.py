"""The ``kg:`` vocabulary as a closed rdflib namespace, and the instance namespace.

``KG`` lists exactly the terms of ``ontology/kg.ttl`` (a test checks both ways), so a typo in
code (``KG.headquarterdIn``) raises instead of silently minting a term nobody can query.

Examples
--------
>>> KG.Company
rdflib.term.URIRef('https://w3id.org/newskg/ontology#Company')
>>> KG.typo  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'typo' not in namespace 'https://w3id.org/newskg/ontology#'
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: Our instances (articles, entities, mentions, statements, events).
ID = Namespace("https://w3id.org/newskg/id/")
SCHEMA = Namespace("https://schema.org/")
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"


class KG(DefinedNamespace):
    """Terms of ``https://w3id.org/newskg/ontology#`` (documented in ontology/README.md)."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # classes: documents and provenance
    Article: URIRef
    Mention: URIRef
    # classes: entities
    Organization: URIRef
    Company: URIRef
    Person: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Region: URIRef
    Facility: URIRef
    Product: URIRef
    # classes: events
    Event: URIRef
    FacilityOpening: URIRef
    FacilityClosure: URIRef
    StoreOpening: URIRef
    StoreClosure: URIRef
    ProductLaunch: URIRef
    MarketEntry: URIRef
    Acquisition: URIRef
    Divestiture: URIRef
    Investment: URIRef
    Funding: URIRef
    Partnership: URIRef
    Appointment: URIRef
    Departure: URIRef
    IPO: URIRef
    Layoff: URIRef
    # classes and properties: event coreference (the events graph)
    EventMention: URIRef
    WorldEvent: URIRef
    eventType: URIRef
    refersTo: URIRef
    hasMention: URIRef
    reportedIn: URIRef
    sources: URIRef
    roleSource: URIRef
    role: URIRef
    roleValue: URIRef
    givenBy: URIRef
    statusHistory: URIRef
    decidedFrom: URIRef
    # facts
    headquarteredIn: URIRef
    locatedIn: URIRef
    country: URIRef
    subsidiaryOf: URIRef
    foundedBy: URIRef
    foundedOn: URIRef
    ceo: URIRef
    worksFor: URIRef
    jobTitle: URIRef
    produces: URIRef
    operatesIn: URIRef
    investsIn: URIRef
    partnerOf: URIRef
    competitorOf: URIRef
    # event roles
    agent: URIRef
    seller: URIRef
    target: URIRef
    product: URIRef
    place: URIRef
    date: URIRef
    amount: URIRef
    currency: URIRef
    launchedThing: URIRef
    status: URIRef
    # provenance
    mentionOf: URIRef
    inArticle: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    sentence: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    extractor: URIRef
    confidence: URIRef
    trigger: URIRef
    source: URIRef
    contentHash: URIRef
    resolution: URIRef
    corpusEntity: URIRef
    corpusClass: URIRef


def bind_prefixes(graph) -> None:
    """Bind the prefixes MODEL.md uses, so serialisations read like the documentation.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph(); bind_prefixes(g); dict(g.namespaces())["kg"]
    rdflib.term.URIRef('https://w3id.org/newskg/ontology#')
    """
    from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

    for prefix, ns in (("kg", KG._NS), ("id", ID), ("schema", SCHEMA), ("prov", PROV), ("owl", OWL),
                       ("rdf", RDF), ("rdfs", RDFS), ("skos", SKOS), ("xsd", XSD)):
        graph.bind(prefix, ns, override=True, replace=True)


class OxTerms:
    """The terms of an rdflib namespace as ``pyoxigraph.NamedNode``s, each made once.

    The pipeline builds its quads as pyoxigraph terms (what the store holds); the rdflib namespace
    still checks the names, so a typo raises as it does with ``KG.typo``.

    Examples
    --------
    >>> OxTerms(KG).Company
    <NamedNode value=https://w3id.org/newskg/ontology#Company>
    >>> OxTerms(KG)["typo"]  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AttributeError: term 'typo' not in namespace 'https://w3id.org/newskg/ontology#'
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)  # later lookups are plain attribute reads
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return getattr(self, name)
