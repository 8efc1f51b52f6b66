"""kg/store/rows.py: each article write keeps one row set per article, in the counters graph, removed with
the article; a store written before rows existed gets them on its next write."""
from __future__ import annotations

import pyoxigraph as ox
import rdflib

from kg.store import open_store
from kg.store.backends import COUNTERS, to_ox
from kg.store.rows import MENTION_ROW, ROW_ARTICLE, SEP, article_rows, rows_ready

KG = rdflib.Namespace("https://w3id.org/newskg/ontology#")


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
