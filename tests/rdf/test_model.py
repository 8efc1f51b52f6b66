"""kg.rdf.model: the graph of one article, compared with hand-checked golden TriG files.

The golden files were written from the model of ontology/MODEL.md and checked by hand; to rewrite them
after an intended model change, run ``KG_UPDATE_GOLDEN=1 pytest tests/rdf/test_model.py`` and review the
diff of tests/rdf/golden/ before committing.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg.errors import KGError
from kg.rdf import article_graph
from kg.store.export import export, quads_of
from kg.rdf.iris import article_iri, entity_iri
from kg.rdf.namespace import KG, ONTOLOGY_FILE, SCHEMA
GOLDEN = Path(__file__).resolve().parent / "golden"
NAMES = ["ikea-india", "lvmh-tiffany", "weird-names"]


def test_every_sample_has_a_golden_file(resolved_samples):
    assert sorted(resolved_samples) == NAMES
    assert sorted(p.stem for p in GOLDEN.glob("*.trig")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_article_graph_matches_golden(name, sample_graphs):
    graph = sample_graphs[name]
    path = GOLDEN / f"{name}.trig"
    if os.environ.get("KG_UPDATE_GOLDEN"):
        path.write_bytes(export(graph, "trig"))
    parsed = Dataset().parse(path, format="trig").graph(graph.identifier)
    # Turtle writes decimals as 46.0: compare in canonical form, as the exporters do.
    expected = Graph(identifier=graph.identifier)
    for s, p, o, _ in quads_of(parsed):
        expected.add((s, p, o))
    assert len(expected) > 50
    if not isomorphic(graph, expected):
        _, only_built, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(expected))
        pytest.fail(f"graph differs from {path.name}:\nonly built:\n{only_built.serialize(format='nt')}"
                    f"\nonly golden:\n{only_golden.serialize(format='nt')}")


def test_graph_name_is_article_iri(resolved_samples, sample_graphs):
    for name, graph in sample_graphs.items():
        article = resolved_samples[name].extraction.article
        assert graph.identifier == article_iri(article.id)
        assert (graph.identifier, RDF.type, KG.Article) in graph


def test_every_kg_term_used_is_in_the_ontology(sample_graphs):
    ontology = {str(s) for s in Graph().parse(ONTOLOGY_FILE).subjects()}
    used = {str(t) for g in sample_graphs.values() for triple in g for t in triple
            if str(t).startswith(str(KG._NS))}
    assert used and used <= ontology, sorted(used - ontology)


@pytest.mark.parametrize("name", NAMES)
def test_article_quads_are_the_article_graph(name, resolved_samples, sample_graphs):
    import pyoxigraph as ox

    from kg.rdf import article_quads
    from kg.store import to_ox

    built = article_quads(resolved_samples[name])
    graph = sample_graphs[name]
    assert built.iri == str(graph.identifier)
    assert {q.graph_name.value for q in built.quads} == {built.iri}
    assert len(built.quads) == len(set(built.quads)) == len(graph)
    assert {q.triple for q in built.quads} == {ox.Triple(*map(to_ox, triple)) for triple in graph}


def test_building_twice_gives_the_same_graph(resolved_samples, samples):
    first = export(article_graph(resolved_samples["lvmh-tiffany"]), "nquads")
    assert first == export(article_graph(samples.lvmh_tiffany()), "nquads")


@pytest.mark.parametrize(("value", "datatype"), [
    ("2018-05-22", XSD.date), ("2027-03", XSD.gYearMonth), ("2027", XSD.gYear), ("next year", None),
])
def test_event_dates_are_typed_by_precision(resolved_samples, value, datatype):
    resolved = resolved_samples["ikea-india"]
    ext = resolved.extraction
    event = ext.events[0]._replace(date=value)
    graph = article_graph(resolved._replace(extraction=ext._replace(events=(event,))))
    dates = list(graph.objects(None, KG.date))
    assert [d.datatype for d in dates] == ([datatype] if datatype else [])
    if datatype:
        assert str(dates[0]) == value


def test_provenance_offsets_point_into_the_article_text(resolved_samples, sample_graphs):
    for name, graph in sample_graphs.items():
        text = resolved_samples[name].extraction.article.text
        for node in graph.subjects(RDF.type, KG.Mention):
            start, end = (graph.value(node, p).toPython() for p in (KG.start, KG.end))
            assert text[start:end] == str(graph.value(node, KG.text))
            s, e = (graph.value(node, p).toPython() for p in (KG.sentenceStart, KG.sentenceEnd))
            assert text[s:e] == str(graph.value(node, KG.sentence))
        for node in graph.subjects(KG.trigger, None):
            start, end = (graph.value(node, p).toPython() for p in (KG.start, KG.end))
            assert text[start:end] == str(graph.value(node, KG.trigger))


def test_each_fact_is_asserted_and_reified_once(sample_graphs):
    graph = sample_graphs["ikea-india"]
    operates = list(graph.subjects(RDF.predicate, KG.operatesIn))
    # two rules found the same fact in the same sentence: one statement, the more confident rule
    assert len(operates) == 1
    assert str(graph.value(operates[0], KG.extractor)) == "kg.rules.operates_in"
    assert (entity_iri("organization/ikea"), KG.operatesIn, entity_iri("place/india")) in graph
    assert graph.value(operates[0], PROV.wasDerivedFrom) == graph.identifier


def test_same_fact_through_two_mentions_is_one_statement(sample_graphs):
    graph = sample_graphs["lvmh-tiffany"]
    (statement,) = graph.subjects(RDF.predicate, KG.investsIn)
    assert str(graph.value(statement, KG.extractor)) == "kg.rules.rachat_gazetteer"
    assert len(list(graph.objects(statement, KG.confidence))) == 1


def test_ill_typed_facts_are_left_out(sample_graphs):
    # the sample has "ceo(IKEA, Hyderabad)": a city cannot be a chief executive
    graph = sample_graphs["ikea-india"]
    assert not list(graph.triples((None, KG.ceo, None)))
    assert not list(graph.subjects(RDF.predicate, KG.ceo))


def test_dropped_and_unmentioned_entities_are_not_in_the_graph(sample_graphs):
    graph = sample_graphs["lvmh-tiffany"]
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert "Nowhere" not in labels and "Nowhere City" not in labels and "PDG" not in labels
    # every IRI object of an entity property is described in the same graph (no dangling links)
    for prop in (KG.locatedIn, KG.country, KG.subsidiaryOf, SCHEMA.mentions, KG.mentionOf):
        for obj in graph.objects(None, prop):
            assert (obj, RDFS.label, None) in graph, (prop, obj)


def test_same_span_twice_is_one_mention(sample_graphs, resolved_samples):
    graph = sample_graphs["lvmh-tiffany"]
    tiffany = entity_iri("organization/tiffany-co")
    mentions = sorted(graph.value(m, KG.start).toPython() for m in graph.subjects(KG.mentionOf, tiffany))
    assert mentions == [27, 123]
    assert (tiffany, RDF.type, KG.Company) in graph and (tiffany, RDF.type, KG.Organization) not in graph


def test_weird_names_give_valid_distinct_iris(sample_graphs):
    graph = sample_graphs["weird-names"]
    entities = sorted(str(s) for s in graph.subjects(RDF.type, KG.Company))
    assert len(entities) == 3 and len(set(entities)) == 3
    # the IRIs survive a round trip through a strict parser (pyoxigraph)
    import pyoxigraph

    data = export(graph, "nquads")
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS))) == len(graph)
    assert URIRef("https://example.org/a%20b/%22x%22") in set(graph.objects(None, SCHEMA.url))


def test_article_without_date_or_url(sample_graphs):
    graph = sample_graphs["weird-names"]
    assert graph.value(graph.identifier, SCHEMA.datePublished) is None
    assert graph.value(graph.identifier, SCHEMA.headline) == Literal("L’Oréal rachète Aesop", lang="fr")


def test_event_roles_and_amounts(sample_graphs):
    graph = sample_graphs["lvmh-tiffany"]
    (event,) = graph.subjects(RDF.type, KG.Acquisition)
    assert graph.value(event, KG.agent) == entity_iri("organization/lvmh")
    assert graph.value(event, KG.target) == entity_iri("organization/tiffany-co")
    assert graph.value(event, KG.amount).toPython() == 15800000000
    assert str(graph.value(event, KG.currency)) == "USD"
    assert str(graph.value(event, KG.status)) == "done"
    assert graph.value(event, KG.date) == Literal("2021-01-07", datatype=XSD.date)
    assert (entity_iri("organization/lvmh"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q504998")) in graph


@pytest.mark.parametrize(("field", "value", "needle"), [
    ("type", "Merger", "unknown event type 'Merger'"),
    ("status", "maybe", "unknown event status 'maybe'"),
])
def test_bad_event_values_raise_kgerror(resolved_samples, field, value, needle):
    resolved = resolved_samples["lvmh-tiffany"]
    ext = resolved.extraction
    event = ext.events[0]._replace(**{field: value})
    with pytest.raises(KGError, match=needle) as info:
        article_graph(resolved._replace(extraction=ext._replace(events=(event,))))
    assert "valid:" in str(info.value)


def test_unknown_fact_predicate_raises_kgerror(resolved_samples):
    resolved = resolved_samples["ikea-india"]
    ext = resolved.extraction
    fact = ext.facts[0]._replace(predicate="ownedBy")
    with pytest.raises(KGError, match="unknown fact predicate 'ownedBy'; valid: ceo, competitorOf"):
        article_graph(resolved._replace(extraction=ext._replace(facts=(fact,))))


def test_empty_article():
    from kg.types import Article, Extraction, Resolved

    article = Article("empty.txt", "empty.txt", None, "", "", dt.date(2020, 1, 1), "en", None, (), "0" * 64)
    graph = article_graph(Resolved(Extraction(article, (), (), (), (), ()), (), ()))
    assert set(graph.predicates()) >= {RDF.type, SCHEMA.headline, KG.source, KG.contentHash}
