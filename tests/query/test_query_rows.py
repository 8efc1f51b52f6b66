"""The competency queries that read the store's query rows (kg/query/rows/, kg.store.rows) give the rows
of their plain reading (ontology/queries/), in the same order, through adds, replaces and removes; a store
whose rows are not complete gets the plain query."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kg.query.sparql import ROWS_DIR, named_queries, run_query
from kg.store import open_store
from kg.store.rows import rows_ready

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"
ID = "https://w3id.org/newskg/id/"
KG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
VARIANTS = sorted(p.stem for p in ROWS_DIR.glob("*.rq"))
PARAMS = {"entity-mentions": [None, {"entity": "ikea"}, {"entity": "LVMH"}, {"entity": "Nordwind Coffee"}],
          "fact-sources": [None, {"entity": "IKEA"}, {"relation": "headquarteredIn"},
                           {"entity": "tiffany & co.", "relation": "acquired"}],
          "co-mentions": [None, {"entity": "ikea"}, {"entity": "LVMH"}, {"entity": "Hyderabad"}],
          "event-sources": [None, {"company": "xiaomi"}, {"type": "StoreOpening"}, {"label": "paris"},
                            {"company": "no such company"}],
          "company-events": [None, {"company": "XIAOMI"}, {"type": "storeopening"}, {"company": "ikea"}],
          "store-openings": [None, {"company": "xiaomi"}, {"place": "Paris"}, {"status": "done"}]}


@pytest.fixture(scope="module")
def articles() -> dict[str, rdflib.Graph]:
    """Article IRI -> its named graph, from small.trig (two articles sharing entities)."""
    dataset = rdflib.Dataset()
    dataset.parse(SMALL, format="trig")
    return {str(g.identifier): g for g in dataset.graphs() if (g.identifier, rdflib.RDF.type, KG.Article) in g}


def _same_as_plain(store, name: str, params) -> list:
    """The variant's rows (run by name), after checking they equal the plain query's (run as text)."""
    got = run_query(store, name, params=params)
    plain = run_query(store, named_queries()[name].text, params=params)
    assert got == plain
    return got.rows


def test_every_variant_is_a_named_query_with_its_parameters():
    queries = named_queries()
    assert VARIANTS == ["co-mentions", "company-events", "entity-mentions", "event-sources", "fact-sources",
                        "store-openings"]
    for name in VARIANTS:
        header = [line for line in (ROWS_DIR / f"{name}.rq").read_text().splitlines() if "@param" in line]
        assert header == [line for line in queries[name].text.splitlines() if "@param" in line]


@pytest.fixture(scope="module")
def events_store(sample_graphs):
    """The sample articles with the corpus and events graphs a build writes over them."""
    from tests.conftest import load_rdf_samples

    from kg.store import corpus, events

    store = load_rdf_samples().store_of(sample_graphs.values())
    corpus.refresh(store)
    events.refresh(store)
    return store


@pytest.mark.parametrize("name", VARIANTS)
def test_variants_give_the_plain_rows_on_the_sample_articles(events_store, name):
    assert rows_ready(events_store.oxigraph)
    counts = [len(_same_as_plain(events_store, name, params)) for params in PARAMS[name]]
    assert counts[0] > 0 and all(counts[0] >= n for n in counts) and len(set(counts)) > 1


def _changed(graph: rdflib.Graph) -> rdflib.Graph:
    """The article re-extracted: its first mention and first fact gone."""
    out = rdflib.Graph(identifier=graph.identifier)
    for triple in graph:
        out.add(triple)
    for kind in (KG.Mention, rdflib.RDF.Statement):
        gone = sorted(out.subjects(rdflib.RDF.type, kind))[0]
        for triple in list(out.triples((gone, None, None))):
            out.remove(triple)
    return out


def test_variants_follow_a_mixed_sequence_of_writes(articles, sample_graphs, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    samples = sorted(sample_graphs.values(), key=lambda g: str(g.identifier))
    with open_store(tmp_path / "store", create=True) as store:
        steps = [lambda: store.replace_article(a, ga, "h1"),
                 lambda: [store.replace_article(g.identifier, g, f"s{i}") for i, g in enumerate(samples)],
                 lambda: store.replace_article(b, gb, "h2"),
                 lambda: store.replace_article(a, _changed(ga), "h3"),  # replaced in place
                 lambda: store.remove_article(b),
                 lambda: store.remove_article(str(samples[0].identifier)),
                 lambda: store.replace_article(b, gb, "h2"),
                 lambda: store.replace_article(a, ga, "h3")]  # same hash, other content: still one row set
        seen = []
        for step in steps:
            step()
            assert rows_ready(store.oxigraph)
            seen.append(tuple(len(_same_as_plain(store, n, p)) for n in VARIANTS for p in PARAMS[n]))
        assert len(set(seen)) > 3  # the steps changed the answers


def test_a_store_without_complete_rows_gets_the_plain_query(articles, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    copy = ID + "article/test-copy"
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        store.replace_article(b, gb, "h2")
        before = run_query(store, "entity-mentions").rows
        # a copy whose mentions still name the first article: rows cannot carry that join
        store.replace_article(copy, _renamed(ga, copy), "h3")
        assert not rows_ready(store.oxigraph)
        assert run_query(store, "entity-mentions").rows == run_query(
            store, named_queries()["entity-mentions"].text).rows == before
        store.remove_article(copy)
        assert rows_ready(store.oxigraph)
        store.update(f"INSERT DATA {{ <{ID}organization/x> <{KG.mentionOf}> <{ID}organization/y> }}")
        assert not rows_ready(store.oxigraph)  # a write the rows cannot follow drops them
        assert run_query(store, "co-mentions").rows == run_query(store, named_queries()["co-mentions"].text).rows


def _renamed(graph: rdflib.Graph, iri: str) -> rdflib.Graph:
    out = rdflib.Graph(identifier=rdflib.URIRef(iri))
    for s, p, o in graph:
        out.add((rdflib.URIRef(iri) if s == graph.identifier else s, p, o))
    return out
