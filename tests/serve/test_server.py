"""The SPARQL endpoint, tested with a real HTTP client against the running server."""
from __future__ import annotations

import csv
import io
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import requests

from kg.errors import KGError
from kg.serve import make_server

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"
COMPANIES = "SELECT DISTINCT ?c ?name WHERE { ?c a kg:Company ; rdfs:label ?name } ORDER BY ?name"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server():
    srv = make_server(SMALL, port=0, timeout=1.5, limit=5, workers=2)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def sparql(server, query, *, method="GET", accept=None, body_type=None):
    headers = {"Accept": accept} if accept else {}
    url = f"{server.url}/sparql"
    if method == "GET":
        return requests.get(url, params={"query": query}, headers=headers, timeout=30)
    if body_type == "form":
        return requests.post(url, data={"query": query}, headers=headers, timeout=30)
    headers["Content-Type"] = "application/sparql-query"
    return requests.post(url, data=query.encode(), headers=headers, timeout=30)


@pytest.mark.parametrize("method,body_type", [("GET", None), ("POST", "form"), ("POST", "direct")])
def test_select_json_by_every_protocol_form(server, method, body_type):
    r = sparql(server, COMPANIES, method=method, body_type=body_type)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/sparql-results+json")
    doc = r.json()
    assert doc["head"]["vars"] == ["c", "name"]
    names = [(b["name"]["value"], b["name"].get("xml:lang")) for b in doc["results"]["bindings"]]
    assert names == [("Helios Motors", "fr"), ("Nordwind Coffee", "en")]
    assert doc["results"]["bindings"][0]["c"] == {
        "type": "uri", "value": "https://w3id.org/newskg/id/organization/helios-motors"}


def test_csv_tsv_xml_by_accept_header(server):
    r = sparql(server, COMPANIES, accept="text/csv")
    assert r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["c", "name"] and rows[1][1] == "Helios Motors"
    r = sparql(server, COMPANIES, accept="text/tab-separated-values")
    assert r.headers["Content-Type"].startswith("text/tab-separated-values")
    lines = r.text.splitlines()
    assert lines[0] == "?c\t?name" and lines[1].endswith('"Helios Motors"@fr')
    r = sparql(server, COMPANIES, accept="application/sparql-results+xml;q=0.9, text/html;q=0.1")
    assert r.headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    literals = [e.text for e in ET.fromstring(r.content).findall(".//r:literal", ns)]
    assert literals == ["Helios Motors", "Nordwind Coffee"]


def test_ask_and_construct(server):
    r = sparql(server, "ASK { ?e a kg:Acquisition ; kg:amount ?x FILTER(?x > 1e6) }")
    assert r.json() == {"head": {}, "boolean": True}
    r = sparql(server, "CONSTRUCT { ?e kg:agent ?a } WHERE { ?e a kg:StoreOpening ; kg:agent ?a }",
               accept="application/n-triples")
    assert r.headers["Content-Type"].startswith("application/n-triples")
    assert "<https://w3id.org/newskg/ontology#agent> <https://w3id.org/newskg/id/organization/helios-motors>" in r.text


def test_result_limit_truncates_and_says_so(server):
    r = sparql(server, "SELECT DISTINCT ?m WHERE { ?m a kg:Mention }")
    assert len(r.json()["results"]["bindings"]) == 5  # 12 mentions, server limit 5
    assert r.headers["X-KG-Truncated"] == "true"
    r = sparql(server, COMPANIES)
    assert "X-KG-Truncated" not in r.headers


def test_malformed_query_is_400_with_the_parser_message(server):
    r = sparql(server, "SELECT ?x WHERE { ?x kg:label }")
    assert r.status_code == 400
    assert r.text.startswith("bad SPARQL query: error at 1:")


@pytest.mark.parametrize("host, status", [("evil.example", 403), ("evil.example:7878", 403),
                                          ("localhost:7878", 200), ("127.0.0.1", 200), ("[::1]:7878", 200)])
def test_a_loopback_server_answers_only_loopback_host_names(server, host, status):
    """DNS rebinding: a page of another site whose name resolves to 127.0.0.1 must not read the graph."""
    r = requests.get(f"{server.url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Host": host}, timeout=30)
    assert r.status_code == status, r.text
    if status == 403:
        assert "not this server" in r.text


def test_a_federated_query_is_400_naming_the_clause(server):
    r = sparql(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert r.status_code == 400 and "SERVICE <http://127.0.0.1:9/sparql>" in r.text


def test_unknown_prefix_is_400(server):
    r = sparql(server, "SELECT ?x WHERE { ?x nope:label ?y }")
    assert r.status_code == 400 and "Prefix not found" in r.text


@pytest.mark.parametrize("how", ["update-param", "update-body", "query-param"])
def test_updates_are_refused(server, how):
    update = 'INSERT DATA { <http://ex.org/a> <http://ex.org/b> "c" }'
    url = f"{server.url}/sparql"
    if how == "update-param":
        r = requests.post(url, data={"update": update}, timeout=30)
    elif how == "update-body":
        r = requests.post(url, data=update, headers={"Content-Type": "application/sparql-update"}, timeout=30)
    else:
        r = requests.get(url, params={"query": "PREFIX ex: <http://ex.org/>\n" + update}, timeout=30)
    assert r.status_code == 403
    assert "read-only" in r.text
    assert sparql(server, "ASK { <http://ex.org/a> ?p ?o }").json()["boolean"] is False


def test_long_query_is_stopped_and_the_server_recovers(server):
    start = time.monotonic()
    r = sparql(server, CROSS_JOIN)
    elapsed = time.monotonic() - start
    assert r.status_code == 503
    assert "timeout" in r.text and "1.5 s" in r.text
    assert elapsed < 10
    # the stuck worker was replaced: the next queries are answered
    for _ in range(3):
        assert sparql(server, "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_unsupported_accept_is_406_listing_formats(server):
    r = sparql(server, COMPANIES, accept="image/png")
    assert r.status_code == 406 and "text/csv" in r.text


def test_missing_query_and_unknown_path(server):
    assert requests.get(f"{server.url}/sparql", timeout=30).status_code == 400
    r = requests.get(f"{server.url}/nothing", timeout=30)
    assert r.status_code == 404 and "/sparql" in r.text


def test_explorer_page_at_root(server):
    r = requests.get(f"{server.url}/", timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "Nordwind Coffee" in r.text and "vis.Network" in r.text


@pytest.mark.parametrize("module", ["kg.serve.server", "kg.serve.workers"])
def test_doctests(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted and not result.failed


def test_binds_localhost_by_default():
    srv = make_server(SMALL, port=0, workers=1)
    try:
        assert srv.server_address[0] == "127.0.0.1"
    finally:
        srv.server_close()


def test_bad_store_is_a_clear_error(tmp_path):
    with pytest.raises(KGError, match="no store at"):
        make_server(tmp_path / "missing", port=0)


def test_serves_an_on_disk_store_while_its_owner_keeps_it_open(tmp_path):
    from kg.store import open_store

    owner = open_store(tmp_path / "store", create=True)
    owner.load(SMALL)
    owner.oxigraph.flush()
    srv = make_server(owner, port=0, workers=1)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        r = sparql(srv, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kg:Mention }", accept="text/csv")
        assert r.status_code == 200 and r.text.splitlines()[1] == "12"
    finally:
        srv.shutdown()
        srv.server_close()
        owner.close()


def test_unsupported_post_body_is_415(server):
    r = requests.post(f"{server.url}/sparql", data="{}", headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 415 and "application/sparql-query" in r.text


def test_port_in_use_is_a_clear_error(server):
    port = server.server_address[1]
    with pytest.raises(KGError, match=f"cannot listen on 127.0.0.1:{port}: .*choose another --port"):
        make_server(SMALL, port=port, workers=1)


@pytest.mark.parametrize("accept,ctype,needle", [
    ("text/turtle", "text/turtle", "<https://w3id.org/newskg/ontology#agent>"),
    ("application/ld+json", "application/ld+json", '"@id"'),
    ("application/rdf+xml", "application/rdf+xml", "rdf:Description"),
    ("*/*", "text/turtle", "<https://w3id.org/newskg/ontology#agent>"),
    ("application/n-triples", "application/n-triples", "<https://w3id.org/newskg/ontology#agent>"),
])
def test_construct_formats(server, accept, ctype, needle):
    r = sparql(server, "CONSTRUCT { ?e kg:agent ?a } WHERE { ?e a kg:Acquisition ; kg:agent ?a }", accept=accept)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith(ctype)
    assert needle in r.text


def test_format_parameter_overrides_accept(server):
    r = requests.get(f"{server.url}/sparql", params={"query": COMPANIES, "format": "tsv"},
                     headers={"Accept": "application/json"}, timeout=30)
    assert r.headers["Content-Type"].startswith("text/tab-separated-values")
    r = requests.get(f"{server.url}/sparql", params={"query": COMPANIES, "format": "yaml"}, timeout=30)
    assert r.status_code == 400 and "unknown format 'yaml'; valid: csv, json" in r.text


def test_a_graph_of_thousands_of_articles(synth_graph):
    srv = make_server(synth_graph, port=0, timeout=20, workers=1)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        r = sparql(srv, "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c BIND(STRAFTER(STR(?c), '#') AS ?type) "
                        "?m kg:mentionOf ?e } GROUP BY ?type ORDER BY ?type", accept="text/csv")
        assert r.status_code == 200
        counts = dict(row for row in csv.reader(io.StringIO(r.text)))
        assert int(counts["Company"]) > 500
        r = sparql(srv, "SELECT ?m WHERE { ?m a kg:Mention }")
        assert len(r.json()["results"]["bindings"]) == 10000 and r.headers["X-KG-Truncated"] == "true"
    finally:
        srv.shutdown()
        srv.server_close()


def test_serves_an_in_memory_store_as_it_is_now(tmp_path):
    from kg.store import open_store

    store = open_store(SMALL)  # loaded in memory, then changed: the server must see the change
    store.update('INSERT DATA { GRAPH <https://w3id.org/newskg/id/article/extra> { '
                 '<https://w3id.org/newskg/id/organization/extra-co> a kg:Company ; rdfs:label "Extra Co"@en } }')
    srv = make_server(store, port=0, workers=1)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    snapshot = Path(srv.location)
    try:
        names = [b["name"]["value"] for b in sparql(srv, COMPANIES).json()["results"]["bindings"]]
        assert names == ["Extra Co", "Helios Motors", "Nordwind Coffee"]
    finally:
        srv.shutdown()
        srv.server_close()
    assert not snapshot.exists()


def test_serves_the_sample_build_output(sample_build):
    srv = make_server(sample_build, port=0, workers=1)  # a build folder: its store/ is served
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        assert srv.location.endswith("store")
        r = sparql(srv, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }", accept="text/csv")
        assert r.text.splitlines()[1] == "2"
        page = requests.get(f"{srv.url}/", timeout=120)
        assert page.status_code == 200 and "2 articles" in page.text
    finally:
        srv.shutdown()
        srv.server_close()


def test_single_worker_is_replaced_after_a_stopped_query():
    srv = make_server(SMALL, port=0, timeout=1.0, workers=1)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        start = time.monotonic()
        assert sparql(srv, CROSS_JOIN).status_code == 503
        assert time.monotonic() - start < 5  # answered at the deadline, not after the replacement starts
        assert sparql(srv, "ASK { ?s a kg:Article }").json()["boolean"] is True  # served by the new worker
    finally:
        srv.shutdown()
        srv.server_close()


def _articles_served(url: str) -> int:
    r = requests.get(f"{url}/sparql", params={"query": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"},
                     headers={"Accept": "text/csv"}, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.text.splitlines()[1])


def test_queries_see_articles_added_and_removed_while_serving(tmp_path, nlp_en):
    from kg.pipeline import add, build, remove

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Nordwind Coffee opened a roastery in Hamburg on 3 March 2024.\n", encoding="utf-8")
    second.write_text("Helios Motors appointed Jane Smith as chief executive in May 2023.\n", encoding="utf-8")
    build([first], tmp_path / "out")
    srv = make_server(tmp_path / "out", port=0, workers=1)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        assert _articles_served(srv.url) == 1
        assert "Helios Motors" not in requests.get(f"{srv.url}/", timeout=60).text
        assert add(tmp_path / "out", [second]).built == 1  # another writer while the server reads
        assert _articles_served(srv.url) == 2
        assert "Helios Motors" in requests.get(f"{srv.url}/", timeout=60).text  # the explorer page too
        remove(tmp_path / "out", "b.txt")
        assert _articles_served(srv.url) == 1
    finally:
        srv.shutdown()
        srv.server_close()
