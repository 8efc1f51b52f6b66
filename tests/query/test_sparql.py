"""kg.query: every competency query returns the expected rows on the hand-written sample articles;
parameters are bound safely; results format as table, csv, tsv and json."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.query import QueryResult, format_result, named_queries, resolve_query, run_query

@pytest.fixture(scope="module")
def store(sample_store):
    return sample_store


def _rows(store, name, columns, **params):
    result = run_query(store, name, params=params)
    index = [result.columns.index(c) for c in columns]
    return [tuple(row[i] for i in index) for row in result.rows]


# (query, params, columns checked, expected rows in order)
EXPECTED = [
    ("store-openings", {}, ("organization", "placeName", "country", "date", "status"), [
        ("IKEA", "Hyderabad", "India", "2018-08-09", "done"),
        ("IKEA", "India", None, "2018-08-09", "done"),
        ("IKEA", "Mumbai", "India", "2019", "planned")]),
    ("store-openings", {"company": "ikea", "status": "planned"}, ("organization", "placeName", "date"), [
        ("IKEA", "Mumbai", "2019")]),
    ("store-openings", {"place": "HYDERABAD"}, ("placeName",), [("Hyderabad",)]),
    ("store-openings", {"company": "LVMH"}, ("organization",), []),
    # shops are store openings, and facility changes too; the type parameter keeps one kind
    ("facility-changes", {}, ("organization", "kind", "placeName", "status"), [
        ("IKEA", "StoreOpening", "Hyderabad", "done"),
        ("IKEA", "StoreOpening", "India", "done"),
        ("IKEA", "StoreOpening", "Mumbai", "planned")]),
    ("facility-changes", {"type": "facilityopening"}, ("organization",), []),
    ("company-events", {}, ("date", "eventType", "status", "agentName", "targetName", "places", "amount",
                            "currency"), [
        ("2018-08-09", "StoreOpening", "done", "IKEA", None, "Hyderabad, India", None, None),
        ("2019", "StoreOpening", "planned", "IKEA", None, "Mumbai", None, None),
        ("2021-01-07", "Acquisition", "done", "LVMH", "Tiffany & Co", None, "15800000000", "USD"),
        ("2023", "Acquisition", "done", "L’Oréal", "Aesop", None, "2500000000", "USD")]),
    # a target matches too, and an alias ("L'Oreal" with a straight quote) finds L’Oréal
    ("company-events", {"company": "tiffany & co"}, ("eventType", "agentName"), [("Acquisition", "LVMH")]),
    ("company-events", {"company": "l'oreal"}, ("agentName", "targetName"), [("L’Oréal", "Aesop")]),
    ("company-events", {"type": "storeopening"}, ("date",), [("2018-08-09",), ("2019",)]),
    ("headquartered-in-country", {}, ("organization", "headquarters", "countryName", "source"), [
        ("LVMH", "Paris", "France", "lvmh-tiffany-2021-fr.txt")]),
    ("headquartered-in-country", {"country": "france"}, ("organization",), [("LVMH",)]),
    ("headquartered-in-country", {"country": "India"}, ("organization",), []),
    # a title without a known employer has no organization (and not every organization)
    ("people-roles", {}, ("personName", "role", "organization"), [
        ("Bernard Arnault", "CEO", "LVMH"), ("Bernard Arnault", "PDG", "LVMH"),
        ("Nicolas Hieronimus", "directeur général", None)]),
    ("people-roles", {"company": "ikea"}, ("personName",), []),
    ("people-roles", {"person": "bernard arnault"}, ("role",), [("CEO",), ("PDG",)]),
    ("company-products", {}, ("organization", "productName", "via", "source"), [
        ("IKEA", "Billy bookcase", "produces", "ikea-india-2018-en.txt")]),
    ("fact-sources", {"entity": "lvmh", "relation": "headquarteredin"},
     ("subject", "predicate", "object", "sentenceStart", "sentenceEnd", "extractor", "confidence"), [
        ("LVMH", "headquarteredIn", "Paris", "168", "277", "kg.rules.siege", "0.75")]),
    ("fact-sources", {"relation": "operatesIn"}, ("subject", "object", "sentence"), [
        ("IKEA", "India", "IKEA opened its first store in India in Hyderabad on 9 August 2018."),
        ("L’Oréal", "Asie/Pacifique", "Le rachat de \"Aesop\" 🚀 par L’Oréal vise l’Asie/Pacifique.")]),
    ("entity-mentions", {"entity": "ikea"}, ("text", "start", "end", "extractor"), [
        ("IKEA", "0", "4", "spacy.ner"), ("The Swedish retailer", "68", "88", "kg.coref")]),
    # the hand-written sample store has no events graph (tests/store/test_events.py has one)
    ("event-sources", {}, ("eventLabel",), []),
    ("co-mentions", {"entity": "Paris"}, ("entity1", "entity2", "sentences", "articles"), [
        ("Bernard Arnault", "Paris", "1", "1"), ("France", "Paris", "1", "1"), ("LVMH", "Paris", "1", "1")]),
]


@pytest.mark.parametrize(("name", "params", "columns", "expected"), EXPECTED,
                         ids=[f"{e[0]}-{'-'.join(e[1]) or 'all'}" for e in EXPECTED])
def test_competency_queries_return_the_expected_rows(store, name, params, columns, expected):
    assert _rows(store, name, columns, **params) == expected


def test_every_competency_query_is_tested_and_documented():
    queries = named_queries()
    assert set(queries) == {e[0] for e in EXPECTED}
    for query in queries.values():
        assert query.description, query.name
        assert query.params, query.name


def test_co_mentions_counts_shared_sentences(store):
    rows = _rows(store, "co-mentions", ("entity1", "entity2", "sentences"))
    assert rows[0] == ("LVMH", "Tiffany & Co", "2")
    assert ("Hyderabad", "India", "1") in rows


def test_fact_sources_offsets_point_into_the_article_text(store, samples):
    texts = {r.extraction.article.source: r.extraction.article.text for r in (m() for m in samples.SAMPLES.values())}
    result = run_query(store, "fact-sources")
    assert len(result.rows) == 9
    for row in result.rows:
        values = dict(zip(result.columns, row))
        start, end = int(values["sentenceStart"]), int(values["sentenceEnd"])
        assert texts[values["source"]][start:end] == values["sentence"]


@pytest.mark.parametrize("evil", [
    'x" } ?s ?p ?o { "', "x') } DELETE WHERE { ?s ?p ?o } #", "\\\"\n}}}", "IKEA\" || true || \"",
])
def test_parameters_cannot_change_the_query(store, evil):
    assert run_query(store, "store-openings", params={"company": evil}).rows == []
    assert len(run_query(store, "store-openings").rows) == 3


def test_raw_sparql_with_a_parameter(store):
    query = ("SELECT ?s WHERE { ?s a kg:Company ; rdfs:label ?l  # a comment with { brace\n"
             " FILTER (LCASE(STR(?l)) = LCASE(?name)) }")
    rows = run_query(store, query, params={"name": "lvmh"}).rows
    assert rows == [("https://w3id.org/newskg/id/organization/lvmh",)]


def test_parameter_in_a_query_without_where_keyword(store):
    query = "PREFIX ex: <http://example.org/#>\nSELECT ?s { ?s a kg:Company ; rdfs:label ?l FILTER (STR(?l) = ?n) }"
    assert run_query(store, query, params={"n": "IKEA"}).rows == [("https://w3id.org/newskg/id/organization/ikea",)]


def test_rq_file_path(store, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("# count companies\nSELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Company }\n")
    assert run_query(store, str(path)) == QueryResult(["n"], [("6",)])


def test_bad_rq_file_names_the_file_and_line(store, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# broken\nSELECT ?s WHERE {\n  ?s ?p\n}\n")
    with pytest.raises(KGError, match=r"bad\.rq: bad SPARQL query: error at [45]:"):
        run_query(store, str(path))


def test_ask_and_construct(store):
    assert run_query(store, "ASK { ?e a kg:Acquisition }") == QueryResult(["ask"], [("true",)])
    result = run_query(store, "CONSTRUCT { ?c kg:ceo ?p } WHERE { ?c kg:ceo ?p }")
    assert result.columns == ["subject", "predicate", "object"] and len(result.rows) == 1


def test_query_on_rdflib_graph_and_rdf_file(tmp_path, samples):
    from kg.rdf import article_graph
    from kg.store.export import export

    graph = article_graph(samples.ikea_india())
    assert len(run_query(graph, "store-openings").rows) == 3
    path = tmp_path / "g.trig"
    export(graph, "trig", path)
    assert run_query(str(path), "store-openings").rows == run_query(graph, "store-openings").rows


@pytest.mark.parametrize(("query", "params", "message"), [
    ("store-openingz", None, "unknown query 'store-openingz'; valid: co-mentions, company-events"),
    ("store-openings", {"compagny": "x"},
     "unknown parameter of query 'store-openings' 'compagny'; valid: company, place, status"),
    ("SELECT ?s WHERE { ?s ?p ?o }", {"x": "1"}, "valid: o, p, s"),
    ("no/such/file.rq", None, "query file 'no/such/file.rq' not found"),
    ("SELECT ?s WHERE { ?s ?p }", None, "bad SPARQL query"),
])
def test_bad_queries_give_clear_errors(store, query, params, message):
    with pytest.raises(KGError) as info:
        run_query(store, query, params=params)
    assert message in str(info.value)


RESULT = QueryResult(["company", "sentence"], [("Xiaomi", "Il a dit : « bonjour,\tle monde »\n"), ("IKEA", None)])


def test_format_table():
    lines = format_result(RESULT, "table").splitlines()
    assert lines[0].split() == ["company", "sentence"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].startswith("Xiaomi   Il a dit : « bonjour, le monde »")
    assert lines[3].rstrip() == "IKEA" and lines[-1] == "(2 rows)"


def test_format_csv_tsv_json_round_trip():
    assert list(csv.reader(io.StringIO(format_result(RESULT, "csv")))) == [
        ["company", "sentence"], ["Xiaomi", "Il a dit : « bonjour,\tle monde »\n"], ["IKEA", ""]]
    assert format_result(RESULT, "tsv").splitlines() == [
        "company\tsentence", "Xiaomi\tIl a dit : « bonjour, le monde »", "IKEA\t"]
    assert json.loads(format_result(RESULT, "json")) == [
        {"company": "Xiaomi", "sentence": "Il a dit : « bonjour,\tle monde »\n"}, {"company": "IKEA", "sentence": None}]


def test_unknown_format():
    with pytest.raises(KGError, match="unknown output format 'xml'; valid: csv, json, table, tsv"):
        format_result(RESULT, "xml")


def test_named_query_parameters_are_declared():
    assert resolve_query("store-openings").params.keys() == {"company", "place", "status"}


def test_timeout_stops_a_query(store):
    with pytest.raises(KGError, match="took more than"):
        run_query(store, "entity-mentions", timeout=1e-9)


def test_competency_queries_use_only_ontology_terms():
    import re

    from kg.rdf.namespace import KG

    for query in named_queries().values():
        used = set(re.findall(r"(?<![\w:])kg:([A-Za-z]+)", query.text))
        assert used and used <= set(KG.__annotations__), (query.name, sorted(used - set(KG.__annotations__)))
