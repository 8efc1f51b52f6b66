"""kg/store/core.py: opening every kind of location, per-article transactions, dumps, a real remote server.

The article graphs come from tests/data/small.trig (two news-style articles in the shape of
ontology/MODEL.md); no NLP here, the pipeline tests cover the stages end to end.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib

from kg.errors import KGError, OptionError, QueryError, StoreError
from kg.store import CONTENT_HASH, SOURCE, from_ox, open_store, to_ox

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL = DATA / "small.trig"
KG = rdflib.Namespace("https://w3id.org/newskg/ontology#")


def _hash(graph: rdflib.Graph) -> str:
    return str(graph.value(graph.identifier, KG.contentHash))


def _quads(store) -> list[str]:
    """Canonical, comparable content of a store (the model has no blank nodes)."""
    return sorted(str(q) for q in store.quads())


def _canon(graph) -> set:
    """Triples compared by literal value: Oxigraph stores canonical lexical forms ("41000000.0" -> "41000000")."""
    def term(t):
        if isinstance(t, rdflib.Literal) and t.value is not None:
            return (t.value, t.datatype, t.language)
        return t
    return {tuple(term(t) for t in triple) for triple in graph}


def _fill(store, articles) -> None:
    for iri, graph in sorted(articles.items()):
        store.replace_article(iri, graph, _hash(graph))


@pytest.mark.parametrize("location, message", [
    ("no/such/store", "no store at 'no/such/store'"),
    ("missing.trig", "no store at 'missing.trig'"),
])
def test_missing_location_names_it(location, message):
    with pytest.raises(StoreError, match=message):
        open_store(location)


def test_unknown_rdf_file_type_names_valid_ones(tmp_path):
    bad = tmp_path / "graph.xml"
    bad.write_text("<rdf/>")
    with pytest.raises(OptionError, match=r"'\.xml'; valid: \.jsonld, \.nq, \.nt, \.trig, \.ttl"):
        open_store(bad)


def test_malformed_rdf_file_names_file(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .\n")
    with pytest.raises(StoreError, match="broken.ttl"):
        open_store(bad)


@pytest.mark.parametrize("fmt, suffix, named", [
    ("trig", ".trig", True), ("nquads", ".nq", True), ("turtle", ".ttl", False), ("ntriples", ".nt", False),
])
def test_dump_and_reopen_each_file_format(tmp_path, articles, fmt, suffix, named):
    with open_store(":memory:") as store:
        _fill(store, articles)
        path = store.write(tmp_path / f"graph{suffix}")
        expected_graphs = store.article_graphs()
        union = {str(t) for t in store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")}
    with open_store(path) as reopened:
        assert {str(t) for t in reopened.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")} == union
        assert reopened.article_graphs() == (expected_graphs if named else [])
    assert len(union) < sum(len(g) for g in articles.values()) + 2, "entities shared by both articles appear once"


def test_on_disk_store_persists_replaces_and_removes(tmp_path, articles):
    (en, en_graph), (fr, fr_graph) = sorted(articles.items(), key=lambda kv: "lyon" not in kv[0])
    with open_store(tmp_path / "store", create=True) as store:
        _fill(store, articles)
        assert store.article_hashes() == {iri: _hash(g) for iri, g in articles.items()}
        before = len(store)
    with open_store(tmp_path / "store") as store:  # reopened: everything persisted
        assert len(store) == before
        fr_quads = [q for q in _quads(store) if q.endswith(f"<{fr}> .")]
        # A corrected article: one triple fewer, new hash. Only its own graph changes.
        changed = rdflib.Graph(identifier=en_graph.identifier)
        for triple in en_graph:
            if triple[1] != rdflib.URIRef("https://schema.org/headline"):
                changed.add(triple)
        store.replace_article(en, changed, "new-hash")
        assert store.article_hashes()[en] == "new-hash"
        assert len(store) == before - 1
        assert [q for q in _quads(store) if q.endswith(f"<{fr}> .")] == fr_quads
        # Removal by file name (the article id), by source path, then by IRI.
        assert store.remove_article("nordwind-lyon-en.txt") is True
        assert en not in store.article_hashes()
        assert store.remove_article("nordwind-lyon-en.txt") is False
        assert store.remove_article(fr) is True
        assert len(store) == 0


def test_content_hash_written_with_the_graph(articles):
    iri, graph = next(iter(sorted(articles.items())))
    without = rdflib.Graph(identifier=graph.identifier)
    for triple in graph:
        if triple[1] != KG.contentHash:
            without.add(triple)
    with open_store(":memory:") as store:
        store.replace_article(iri, without, "abc123")
        rows = list(store.query(f"SELECT ?h WHERE {{ GRAPH <{iri}> {{ <{iri}> <{CONTENT_HASH}> ?h }} }}"))
        assert [r["h"].value for r in rows] == ["abc123"]


def test_read_only_store_refuses_writes_and_reads(tmp_path, articles):
    with open_store(tmp_path / "s", create=True) as store:
        _fill(store, articles)
    with open_store(tmp_path / "s", read_only=True) as ro:
        assert len(ro.article_hashes()) == 2
        with pytest.raises(StoreError, match="read-only"):
            ro.remove_article("nordwind-lyon-en.txt")


def test_build_output_folder_opens_its_store(tmp_path, articles):
    with open_store(tmp_path / "out" / "store", create=True) as store:
        _fill(store, articles)
    with open_store(tmp_path / "out") as store:
        assert len(store.article_hashes()) == 2


def test_closed_store_says_so(articles):
    store = open_store(":memory:")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        len(store)


@pytest.mark.parametrize("query, error", [
    ("SELEC ?s WHERE { ?s ?p ?o }", QueryError),
    ("SELECT ?s WHERE { ?s nope:p ?o }", QueryError),
])
def test_bad_query_is_a_kg_error(articles, query, error):
    with open_store(":memory:") as store, pytest.raises(error):
        store.query(query)


def test_query_timeout(articles):
    with open_store(":memory:") as store:
        _fill(store, articles)
        heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        with pytest.raises(QueryError, match="more than"):
            list(store.query(heavy, timeout=0.001))
        assert len(list(store.query("SELECT * WHERE { ?s a kg:Company }", timeout=5))) == 2


NORDWIND_TYPE = ("SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/newskg/id/organization/nordwind-coffee> "
                 "a kg:Company } }")
NORDWIND_ROWS = "SELECT * WHERE { <https://w3id.org/newskg/id/organization/nordwind-coffee> a ?c ; rdfs:label ?l }"


@pytest.mark.parametrize("location", [":memory:", "disk", "file"])
def test_union_is_a_set_kept_by_replace_and_remove(tmp_path, articles, location):
    """Nordwind Coffee is described by both articles: the union states it once, until both are gone."""
    if location == "file":
        store = open_store(SMALL)  # graphs loaded from TriG get their union too
    else:
        store = open_store(":memory:" if location == ":memory:" else tmp_path / "s", create=True)
        _fill(store, articles)
    with store:
        assert len(list(store.query(NORDWIND_TYPE))) == 2
        assert len(list(store.query(NORDWIND_ROWS))) == 1
        en, fr = sorted(articles, key=lambda iri: "lyon" not in iri)
        store.replace_article(fr, articles[fr], "changed")  # replacing keeps shared triples
        assert len(list(store.query(NORDWIND_ROWS))) == 1
        assert store.remove_article(en)
        assert len(list(store.query(NORDWIND_ROWS))) == 1  # still stated by the other article
        assert store.remove_article(fr)
        assert list(store.query(NORDWIND_ROWS)) == []
        assert len(store) == 0


def test_quads_list_article_graphs_in_order_then_default_only_triples(articles):
    """A triple written to the default graph alone (by another tool) is dumped after the article graphs."""
    with open_store(":memory:") as store:
        _fill(store, articles)
        extra = rdflib.Dataset()
        note = (rdflib.URIRef("https://w3id.org/newskg/id/organization/nordwind-coffee"), rdflib.RDFS.comment,
                rdflib.Literal("added by hand"))
        extra.default_graph.add(note)
        store.add_rdflib(extra)
        quads = list(store.quads())
        names = [q.graph_name.value if hasattr(q.graph_name, "value") else "" for q in quads]
        assert names[:-1] == sorted(names[:-1]) and set(names[:-1]) == set(articles)
        assert names[-1] == "" and names.count("") == 1
        assert to_ox(note[2]) == quads[-1].object
        assert store.dump("trig").count(b"added by hand") == 1


def test_prefixes_and_union_default_graph(articles):
    with open_store(":memory:") as store:
        _fill(store, articles)
        rows = store.query("SELECT ?label WHERE { ?c a kg:Company ; rdfs:label ?label } ORDER BY ?label")
        labels = [r["label"].value for r in rows]
    assert labels == sorted(labels) and "Nordwind Coffee" in labels


def test_to_rdflib_equals_store(articles):
    with open_store(":memory:") as store:
        _fill(store, articles)
        dataset = store.to_rdflib()
        assert len(dataset) == len({str(t) for t in store.query("CONSTRUCT {?s ?p ?o} WHERE {?s ?p ?o}")})
        for iri, graph in articles.items():
            assert _canon(dataset.graph(rdflib.URIRef(iri))) == _canon(graph)


@pytest.mark.parametrize("term", [
    rdflib.URIRef("https://w3id.org/newskg/id/place/paris-1a2b3c4d5e"),
    rdflib.Literal("Pour Xiaomi la conquête de l’Europe passe par Paris", lang="fr"),
    rdflib.Literal("2018-05", datatype=rdflib.XSD.gYearMonth),
    rdflib.Literal("quote \" and\nnewline"),
    rdflib.BNode("b0"),
])
def test_term_round_trip(term):
    assert from_ox(to_ox(term)) == term


def test_bad_dump_format_lists_valid_ones():
    with open_store(":memory:") as store, pytest.raises(KGError, match="valid: nquads, ntriples, trig, turtle"):
        store.dump("rdfxml")


# --- a real remote server ----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("oxigraph server did not start")
    yield f"sparql+http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_remote_store_matches_local(oxigraph_server, articles):
    with open_store(oxigraph_server) as remote, open_store(":memory:") as local:
        _fill(remote, articles)
        _fill(local, articles)
        assert remote.article_hashes() == local.article_hashes()
        assert len(remote) == len(local)
        assert _quads(remote) == _quads(local)
        query = "SELECT ?c WHERE { ?c a kg:Company } ORDER BY ?c"
        assert [r["c"] for r in remote.query(query)] == [r["c"] for r in local.query(query)]
        assert bool(remote.query("ASK { ?s a kg:Article }"))
        # replacing an article on the server touches only its graph
        iri, graph = sorted(articles.items())[0]
        remote.replace_article(iri, graph, "changed")
        assert remote.article_hashes()[iri] == "changed"
        assert len(remote) == len(local)
        dumped = rdflib.Dataset()
        dumped.parse(data=remote.dump("trig"), format="trig")
        assert len(list(dumped.graphs())) >= 2
        assert remote.remove_article(iri) and not remote.remove_article(iri)
        assert iri not in remote.article_hashes()


def test_remote_errors_name_the_server():
    port = _free_port()  # nothing listens there
    with open_store(f"sparql+http://127.0.0.1:{port}") as remote, pytest.raises(StoreError, match=str(port)):
        remote.article_hashes()


def test_remote_bad_query_names_status(oxigraph_server):
    with open_store(oxigraph_server) as remote, pytest.raises(StoreError, match="400"):
        list(remote.query("SELEC nothing"))
