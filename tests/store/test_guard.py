"""SPARQL SERVICE is refused: a query must not make this machine send requests (issue 15, case 8)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import run_query
from kg.store.guard import refused_service, service_clause

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"


@pytest.mark.parametrize("query, clause", [
    ("SELECT * WHERE { SERVICE <http://10.1.2.3/sparql> { ?s ?p ?o } }", "SERVICE <http://10.1.2.3/sparql>"),
    ("select * where { service silent <http://x.test/> { ?s ?p ?o } }", "service silent <http://x.test/>"),
    ("SELECT * WHERE { BIND(<http://x.test/> AS ?e) SERVICE ?e { ?s ?p ?o } }", "SERVICE ?e"),
])
def test_service_clauses_are_found(query, clause):
    assert service_clause(query) == clause


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s rdfs:label "Customer SERVICE desk" }',
    "SELECT ?s WHERE { ?s a <http://example.org/SERVICE> }",
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://x.test/> { }",
    "SELECT ?s WHERE { ?s rdfs:comment '''a SERVICE\nover two lines''' }",
])
def test_the_word_elsewhere_is_no_clause(query):
    assert service_clause(query) is None


class _Counter(BaseHTTPRequestHandler):
    hits = 0

    def _answer(self):
        type(self).hits += 1
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))  # the engine reads no body without it
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


def test_a_service_query_sends_no_request_and_names_the_clause():
    target = HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=target.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{target.server_port}/sparql"
        with pytest.raises(QueryError, match=r"federated queries are not allowed: 'SERVICE <http://127\.0\.0\.1"):
            run_query(SMALL, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", timeout=5)
        assert _Counter.hits == 0
    finally:
        target.shutdown()
        target.server_close()


@pytest.mark.parametrize("query, allowed, refused", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }", ["127.0.0.1"], None),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }", ["localhost"], "SERVICE <http://127.0.0.1:9/s>"),
    ("SELECT * WHERE { SERVICE <https://Query.Example.org/s> { ?a ?b ?c } SERVICE <http://10.0.0.1/> { ?d ?e ?f } }",
     ["query.example.org"], "SERVICE <http://10.0.0.1/>"),
    ("SELECT * WHERE { BIND(<http://x.test/> AS ?e) SERVICE ?e { ?s ?p ?o } }", ["x.test"], "SERVICE ?e"),
    ("SELECT * WHERE { SERVICE wd:sparql { ?s ?p ?o } }", ["wd"], "SERVICE wd:sparql"),
])
def test_only_iris_on_allowed_hosts_pass(query, allowed, refused):
    assert refused_service(query, allowed) == refused


def test_kg_query_allow_service_calls_the_listed_host_only():
    target = HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=target.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{target.server_port}/sparql"
        query = f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"
        before = _Counter.hits
        assert run_query(SMALL, query, timeout=10, allow_service=["127.0.0.1"]).columns == ["x"]
        assert _Counter.hits == before + 1
        with pytest.raises(QueryError, match=r"the store sends only to 10\.0\.0\.1; --allow-service"):
            run_query(SMALL, query, timeout=10, allow_service=["10.0.0.1"])
        assert _Counter.hits == before + 1
    finally:
        target.shutdown()
        target.server_close()
