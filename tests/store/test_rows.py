"""kg/store/rows.py: each article write keeps one row set per article, in the counters graph, removed with
the article, or marks the article as without rows in the same transaction; a store written before rows
existed gets them on its next write."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.store import open_store
from kg.store.backends import COUNTERS, to_ox
from kg.store.rows import MENTION_ROW, MISSING, ROW_ARTICLE, SEP, STARTED, article_rows, rows_ready

KG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"


def _sets(store) -> dict[str, int]:
    """Article IRI -> how many row sets it has."""
    out: dict[str, int] = {}
    for quad in store.oxigraph.quads_for_pattern(None, ROW_ARTICLE, None, COUNTERS):
        if "/" not in quad.subject.value.removeprefix("urn:x-kg:rows/set/"):  # not a sentence node
            out[quad.object.value] = out.get(quad.object.value, 0) + 1
    return out


def test_one_row_set_per_article_through_replace_and_remove(articles, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        store.replace_article(b, gb, "h2")
        store.replace_article(a, ga, "h3")
        assert _sets(store) == {a: 1, b: 1} and rows_ready(store.oxigraph)
        store.remove_article(a)
        assert _sets(store) == {b: 1} and rows_ready(store.oxigraph)
        assert not any(q.object.value == a for q in store.oxigraph.quads_for_pattern(None, ROW_ARTICLE, None, None))
        # rows are no article: not in the union, the dumps or the article list
        assert store.article_graphs() == [b]
        assert b"urn:x-kg:rows" not in store.dump("nquads")
        assert not list(store.query("SELECT ?s WHERE { ?s <urn:x-kg:rows/mention> ?o }"))


def test_mention_rows_carry_each_mention_once_with_its_source(articles):
    (a, ga), _ = sorted(articles.items())
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(a)) for s, p, o in ga if p != KG.contentHash]
    quads.append(ox.Quad(ox.NamedNode(a), ox.NamedNode(KG.contentHash), ox.Literal("h1"), ox.NamedNode(a)))
    rows = [q.object.value.split(SEP) for q in article_rows(a, quads) if q.predicate == MENTION_ROW]
    mentions = set(ga.subjects(rdflib.RDF.type, KG.Mention))
    assert len(rows) == len(mentions) > 0
    assert {r[0] for r in rows} == {str(ga.value(m, KG.mentionOf)) for m in mentions}
    assert {r[-1] for r in rows} == {"s" + str(ga.value(rdflib.URIRef(a), KG.source))}
    # no content hash: no row set (rows_ready then refuses the store)
    assert article_rows(a, quads[:-1]) == []


def test_a_store_written_before_rows_gets_them_on_its_next_write(articles, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        store.oxigraph.update(f"DROP GRAPH <{COUNTERS.value}>")  # as a store of an older kg: no counters, no rows
    with open_store(tmp_path / "store") as store:
        assert not rows_ready(store.oxigraph)
        store.replace_article(b, gb, "h2")
        assert _sets(store) == {a: 1, b: 1} and rows_ready(store.oxigraph)


def _copy(graph: rdflib.Graph, iri: str) -> rdflib.Graph:
    """The article under another IRI, its mentions still naming the first: rows cannot carry that join."""
    out = rdflib.Graph(identifier=rdflib.URIRef(iri))
    for s, p, o in graph:
        out.add((rdflib.URIRef(iri) if s == graph.identifier else s, p, o))
    return out


def _marked(store) -> list[str]:
    return sorted(q.object.value for q in store.oxigraph.quads_for_pattern(None, MISSING, None, COUNTERS))


def test_an_article_without_rows_is_marked_in_its_write_and_unmarked_by_its_replace_or_removal(articles, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    copy = "https://w3id.org/newskg/id/article/test-copy"
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        store.replace_article(copy, _copy(ga, copy), "h2")
        assert _marked(store) == [copy] and copy not in _sets(store) and not rows_ready(store.oxigraph)
        store.replace_article(copy, _copy(ga, copy), "h3")  # replaced, still without rows: one marker
        assert _marked(store) == [copy] and not rows_ready(store.oxigraph)
        store.remove_article(copy)
        assert _marked(store) == [] and rows_ready(store.oxigraph)
        store.replace_article(b, _copy(ga, b), "h4")
        assert _marked(store) == [b] and not rows_ready(store.oxigraph)
        store.replace_article(b, gb, "h5")  # the same article with rows: the marker goes in that write
        assert _marked(store) == [] and _sets(store) == {a: 1, b: 1} and rows_ready(store.oxigraph)


def test_a_long_article_written_in_parts_is_marked_until_removed(articles, tmp_path):
    from kg.store.backends import _graph_quads
    from kg.store.staged import write_staged

    (a, ga), (b, gb) = sorted(articles.items())
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        write_staged(store, b, _graph_quads(b, gb, "h2"), part=7)  # many transactions, none with rows
        assert _marked(store) == [b] and not rows_ready(store.oxigraph)
        store.replace_article(b, gb, "h2")  # written again in one transaction: rows, no marker
        assert _marked(store) == [] and _sets(store) == {a: 1, b: 1} and rows_ready(store.oxigraph)
        write_staged(store, b, _graph_quads(b, gb, "h3"), part=7)  # the old rows go with the old version
        assert _marked(store) == [b] and _sets(store) == {a: 1}
        store.remove_article(b)
        assert _marked(store) == [] and rows_ready(store.oxigraph)


def test_stores_loaded_from_rdf_have_no_rows(articles, tmp_path):
    (a, ga), _ = sorted(articles.items())
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        assert rows_ready(store.oxigraph)
        store.load(SMALL)  # a file load bypasses the article writes: counters and rows dropped
        assert not rows_ready(store.oxigraph)
    with open_store(SMALL) as store:
        assert not rows_ready(store.oxigraph)


def test_a_store_started_by_an_older_kg_gets_its_rows_again(articles, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    copy = "https://w3id.org/newskg/id/article/test-copy"
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        store.replace_article(copy, _copy(ga, copy), "h2")
        # as session 17 left it: started as "1", no marker for the article without rows
        started = next(store.oxigraph.quads_for_pattern(None, STARTED.predicate, None, COUNTERS))
        store.oxigraph.remove(started)
        store.oxigraph.remove(next(store.oxigraph.quads_for_pattern(None, MISSING, None, COUNTERS)))
        store.oxigraph.add(ox.Quad(started.subject, started.predicate, ox.Literal("1"), COUNTERS))
    with open_store(tmp_path / "store") as store:
        assert not rows_ready(store.oxigraph)  # "1" is not trusted: it kept no markers
        store.replace_article(b, gb, "h3")  # the session's first write rebuilds them
        assert _marked(store) == [copy] and _sets(store) == {a: 1, b: 1} and not rows_ready(store.oxigraph)
