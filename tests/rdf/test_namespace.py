"""ontology/kg.ttl and the closed namespace kg.rdf.namespace.KG agree, and the ontology is complete."""
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.namespace import KG, ONTOLOGY_FILE
from kg.types import ENTITY_TYPES, EVENT_TYPES

SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _terms(ontology: Graph) -> set[str]:
    ns = str(KG._NS)
    return {str(s)[len(ns):] for s in ontology.subjects() if str(s).startswith(ns)}


def test_namespace_is_exactly_the_ontology_terms(ontology):
    assert _terms(ontology) == set(KG.__annotations__)


def test_namespace_is_closed():
    assert KG.StoreOpening == URIRef("https://w3id.org/newskg/ontology#StoreOpening")
    with pytest.raises(AttributeError):
        KG.headquarterdIn  # noqa: B018 - the typo must raise


@pytest.mark.parametrize("term", sorted(KG.__annotations__))
def test_every_term_has_english_and_french_label_and_comment(ontology, term):
    node = KG[term]
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in ontology.objects(node, prop)}
        assert {"en", "fr"} <= langs, (term, prop)
    assert set(ontology.objects(node, RDF.type)) & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.mark.parametrize(("child", "parent"), [
    ("Company", "Organization"), ("Country", "Place"), ("City", "Place"), ("Region", "Place"),
    ("Facility", "Place"),
    ("StoreOpening", "FacilityOpening"), ("StoreClosure", "FacilityClosure"),
] + [(event, "Event") for event in EVENT_TYPES if event not in ("StoreOpening", "StoreClosure")])
def test_class_hierarchy(ontology, child, parent):
    assert (KG[child], RDFS.subClassOf, KG[parent]) in ontology


@pytest.mark.parametrize(("term", "schema_term"), [
    ("Organization", "Organization"), ("Person", "Person"), ("Place", "Place"), ("Product", "Product"),
    ("Event", "Event"), ("Article", "NewsArticle"), ("Country", "Country"), ("City", "City"),
])
def test_classes_align_with_schema_org(ontology, term, schema_term):
    assert (KG[term], RDFS.subClassOf, URIRef(SCHEMA + schema_term)) in ontology


@pytest.mark.parametrize(("term", "super_property"), [
    ("worksFor", SCHEMA + "worksFor"), ("jobTitle", SCHEMA + "jobTitle"), ("foundedOn", SCHEMA + "foundingDate"),
    ("subsidiaryOf", SCHEMA + "parentOrganization"), ("inArticle", "http://www.w3.org/ns/prov#wasDerivedFrom"),
])
def test_properties_align_with_schema_org_and_prov(ontology, term, super_property):
    assert (KG[term], RDFS.subPropertyOf, URIRef(super_property)) in ontology


def test_entity_and_event_types_are_classes(ontology):
    for local in ENTITY_TYPES + EVENT_TYPES + ("Article", "Mention", "Event"):
        assert (KG[local], RDF.type, OWL.Class) in ontology, local


def test_fact_properties_have_domain(ontology):
    from kg.rdf.model import FACT_SIGNATURES

    for predicate in FACT_SIGNATURES:
        assert ontology.value(KG[predicate], RDFS.domain) is not None, predicate
