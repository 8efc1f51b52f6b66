"""kg.store.validate: the SHACL shapes accept the model's graphs and catch broken ones, readably."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from kg.rdf.iris import entity_iri
from kg.rdf.namespace import KG, SCHEMA
from kg.store.validate import validate


def _copy(graph: Graph) -> Graph:
    copy = Graph(identifier=graph.identifier)
    for triple in graph:
        copy.add(triple)
    return copy


@pytest.mark.parametrize("name", ["ikea-india", "lvmh-tiffany", "weird-names"])
def test_model_graphs_conform(sample_graphs, name):
    report = validate(sample_graphs[name])
    assert report.conforms, report.text
    assert report.violations == [] and report.text.startswith("OK")


def _first_event(graph, status):
    return next(graph.subjects(KG.status, Literal(status)))


def _first_mention(graph):
    return min(graph.subjects(RDF.type, KG.Mention))


def _remove_label(g):
    g.remove((entity_iri("place/hyderabad"), RDFS.label, None))


def _bad_status(g):
    g.set((_first_event(g, "planned"), KG.status, Literal("maybe")))


def _bad_confidence(g):
    g.set((_first_mention(g), KG.confidence, Literal(Decimal("1.5"), datatype=XSD.decimal)))


def _span_outside_sentence(g):
    m = _first_mention(g)
    g.set((m, KG.end, Literal(g.value(m, KG.sentenceEnd).toPython() + 5)))


def _ceo_is_a_place(g):
    g.add((entity_iri("organization/ikea"), KG.ceo, entity_iri("place/mumbai")))


def _plain_label(g):
    g.set((entity_iri("place/india"), RDFS.label, Literal("India")))


def _bad_date(g):
    g.set((_first_event(g, "done"), KG.date, Literal("9 August 2018")))


def _bad_currency(g):
    g.add((_first_event(g, "done"), KG.currency, Literal("euros")))


def _unasserted_fact(g):
    g.remove((entity_iri("organization/ikea"), KG.operatesIn, None))


def _missing_source(g):
    g.remove((g.identifier, KG.source, None))


def _unmentioned_entity(g):
    g.remove((g.identifier, SCHEMA.mentions, entity_iri("place/mumbai")))


BREAKAGES = [
    (_remove_label, "rdfs:label", "an entity needs a language-tagged rdfs:label"),
    (_bad_status, "kg:status", 'status must be one of "proposed", "planned", "done", "cancelled"'),
    (_bad_confidence, "kg:confidence", "confidence must be one xsd:decimal in [0, 1]"),
    (_span_outside_sentence, "kg:end", "the span ends after its sentence"),
    (_ceo_is_a_place, "kg:ceo", "kg:Person"),
    (_plain_label, "rdfs:label", "language-tagged"),
    (_bad_date, "kg:date", "date must be an xsd:date, xsd:gYearMonth or xsd:gYear"),
    (_bad_currency, "kg:currency", "ISO 4217"),
    (_unasserted_fact, "(node)", "the reified fact is not asserted"),
    (_missing_source, "kg:source", "an article needs its source file"),
    (_unmentioned_entity, "(node)", "must be mentioned by at least one article"),
]


@pytest.mark.parametrize(("breakage", "path", "message"), BREAKAGES, ids=[b[0].__name__[1:] for b in BREAKAGES])
def test_broken_graphs_are_caught_readably(sample_graphs, breakage, path, message):
    graph = _copy(sample_graphs["ikea-india"])
    breakage(graph)
    report = validate(graph)
    assert not report.conforms
    matching = [v for v in report.violations if v.path == path and message in v.message]
    assert matching, report.text
    line = str(matching[0])
    assert line.startswith("Violation: '") and "<https://w3id.org/newskg/id/" in line
    # the article's source file is named, so the user knows which input to look at
    if breakage is not _missing_source:
        assert line.endswith("[ikea-india-2018-en.txt]") and matching[0].source == "ikea-india-2018-en.txt"
    assert line in report.text


def test_union_of_several_articles_conforms(sample_graphs):
    from rdflib import Dataset

    dataset = Dataset()
    for graph in sample_graphs.values():
        target = dataset.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    assert validate(dataset).conforms


def test_start_after_end_is_caught(sample_graphs):
    graph = _copy(sample_graphs["ikea-india"])
    mention = _first_mention(graph)
    graph.set((mention, KG.start, Literal(graph.value(mention, KG.end).toPython())))
    report = validate(graph)
    assert [v.message for v in report.violations] == ["start must be less than end"]


def test_a_large_store_is_checked_one_article_graph_at_a_time_with_the_same_report(tmp_path, monkeypatch):
    import importlib.util
    from pathlib import Path

    import kg.store.validate as validation
    from kg.store import open_store

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("synth_graph", root / "tools" / "synth_graph.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    # a synthetic graph breaks shapes on most of its nodes: many problems to compare, shared entities
    nq = synth.write(12, tmp_path / "synth.nq")
    with open_store(tmp_path / "store", create=True) as store:
        store.load(nq)
    whole = validate(tmp_path / "store", per_graph=False)
    assert not whole.conforms and len(whole.violations) > 100
    ticks = []
    monkeypatch.setattr(validation, "PER_GRAPH_QUADS", 10)  # as if the store were large
    one_by_one = validate(tmp_path / "store", progress=lambda done, total: ticks.append((done, total)))
    assert one_by_one == whole  # same problems, labels, sources and text
    assert ticks[-1] == (12, 12) and len(ticks) == 13  # one tick per article graph (and the default-only rest)
