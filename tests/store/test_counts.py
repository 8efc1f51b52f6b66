"""kg/store/counts.py: the counters a store keeps equal a full recount through adds, replaces and removes.

The article graphs come from tests/data/small.trig (two news-style articles sharing entities); a third
article is the first one re-stated under another IRI, and a changed version of the first drops some of
its triples and adds new ones, so every path of the counters (triples shared with another article,
triples that leave the union, a graph replaced in place) is walked.
"""
from __future__ import annotations

from pathlib import Path

import rdflib

from kg.store import open_store
from kg.store.counts import COUNTERS, graph_counts, raw_counts, recount

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"
KG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
ID = "https://w3id.org/newskg/id/"


def _copy(graph: rdflib.Graph, iri: str) -> rdflib.Graph:
    out = rdflib.Graph(identifier=rdflib.URIRef(iri))
    for s, p, o in graph:
        out.add((rdflib.URIRef(iri) if s == graph.identifier else s, p, o))
    return out


def _changed(graph: rdflib.Graph) -> rdflib.Graph:
    """The article re-extracted: its first relations gone, a new company with a relation and a fact."""
    out = _copy(graph, str(graph.identifier))
    gone = sorted(out.triples((None, KG.operatesIn, None)))[:2] + sorted(out.triples((None, rdflib.RDF.type, KG.City)))
    for triple in gone:
        out.remove(triple)
    new, old = rdflib.URIRef(ID + "organization/test-newco"), sorted(out.subjects(rdflib.RDF.type, KG.Company))[0]
    statement = rdflib.URIRef(ID + "fact/test-newco-partner")
    out.add((new, rdflib.RDF.type, KG.Company))
    out.add((new, rdflib.RDFS.label, rdflib.Literal("Newco")))
    out.add((new, KG.partnerOf, old))
    out.add((statement, rdflib.RDF.type, rdflib.RDF.Statement))
    out.add((statement, rdflib.RDF.predicate, KG.partnerOf))
    return out


def _check(store) -> None:
    assert raw_counts(store) == recount(store)


def test_counters_equal_a_full_recount_through_a_mixed_sequence(articles, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    c = ID + "article/test-copy-of-a"
    with open_store(tmp_path / "store", create=True) as store:
        steps = [lambda: store.replace_article(a, ga, "h1"),
                 lambda: store.replace_article(b, gb, "h2"),
                 lambda: store.replace_article(c, _copy(ga, c), "h3"),  # every triple shared with a
                 lambda: store.replace_article(a, _changed(ga), "h4"),  # replaced in place
                 lambda: store.remove_article(b),
                 lambda: store.remove_article(c),
                 lambda: store.replace_article(b, gb, "h2")]
        for step in steps:
            step()
            _check(store)
        before = graph_counts(store)
        assert before.entities["Company"] >= 2 and before.relations.get("partnerOf") == 1
    with open_store(tmp_path / "store") as reopened:  # the counters are in the store, not in memory
        assert graph_counts(reopened) == before
        _check(reopened)
        assert graph_counts(reopened).triples == len(reopened)


def test_removing_every_article_leaves_no_counters_behind(articles):
    (a, ga), (b, gb) = sorted(articles.items())
    with open_store(":memory:") as store:
        store.replace_article(a, ga, "h1")
        store.replace_article(b, gb, "h2")
        assert store.oxigraph.contains_named_graph(COUNTERS)
        store.remove_article(a)
        store.remove_article(b)
        assert not store.oxigraph.contains_named_graph(COUNTERS)
        assert graph_counts(store) == graph_counts(open_store(":memory:"))
        assert not store.query("ASK { ?s ?p ?o }")


def test_counters_are_folded_into_one_record_and_never_exported(articles):
    (a, ga), (b, gb) = sorted(articles.items())
    with open_store(":memory:") as store:
        store.replace_article(a, ga, "h1")
        store.replace_article(b, gb, "h2")
        graph_counts(store)
        records = __import__("pyoxigraph").NamedNode("urn:x-kg:counts")  # (the graph also holds query rows)
        assert len(list(store.oxigraph.quads_for_pattern(None, records, None, COUNTERS))) == 1
        assert COUNTERS.value not in store.dump("trig").decode()
        assert COUNTERS.value not in store.article_graphs()


def test_a_store_without_counters_is_counted_once_then_kept(articles, tmp_path):
    (a, ga), (b, gb) = sorted(articles.items())
    with open_store(tmp_path / "store", create=True) as store:
        store.oxigraph.load(path=str(SMALL), format=__import__("pyoxigraph").RdfFormat.TRIG)
        store._live().materialize_union()  # an older store: graphs and union, no counters
        assert not store.oxigraph.contains_named_graph(COUNTERS)
        store.replace_article(b, _changed(gb), "h5")
        _check(store)


def test_a_sparql_update_drops_the_counters_it_cannot_follow(articles):
    (a, ga), _ = sorted(articles.items())
    with open_store(":memory:") as store:
        store.replace_article(a, ga, "h1")
        store.update("INSERT DATA { <http://example.org/x> a kg:Company }")
        assert not store.oxigraph.contains_named_graph(COUNTERS)
        assert graph_counts(store).entities == {k: v for k, v in recount_entities(store).items()}


def recount_entities(store) -> dict[str, int]:
    rows = store.query("SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?c { kg:Organization kg:Company "
                       "kg:Person kg:Place kg:Country kg:City kg:Region kg:Facility kg:Product } ?e a ?c } GROUP BY ?c")
    return dict(sorted((r["c"].value.rsplit("#", 1)[1], int(r["n"].value)) for r in rows))


def test_dumps_are_the_same_bytes_with_or_without_counters(articles, tmp_path):
    with open_store(tmp_path / "store", create=True) as store:
        for n, (iri, graph) in enumerate(sorted(articles.items())):
            store.replace_article(iri, graph, f"h{n}")
        assert store.oxigraph.contains_named_graph(COUNTERS)
        trig, ttl = store.dump("trig"), store.dump("turtle")
        store.update("DROP SILENT GRAPH <https://example.org/none>")  # any update drops the counters
        assert not store.oxigraph.contains_named_graph(COUNTERS)  # so the dump walks the default graph
        assert store.dump("trig") == trig and store.dump("turtle") == ttl and len(trig) > 1000


def _records(store) -> list:
    import pyoxigraph as ox

    return list(store.oxigraph.quads_for_pattern(None, ox.NamedNode("urn:x-kg:counts"), None, COUNTERS))


def test_counters_from_before_the_class_counts_are_completed_once(articles, tmp_path):
    import json

    import pyoxigraph as ox

    (a, ga), (b, gb) = sorted(articles.items())
    with open_store(tmp_path / "store", create=True) as store:
        store.replace_article(a, ga, "h1")
        store.replace_article(b, gb, "h2")
        raw_counts(store)  # folded into one record
        (folded,) = _records(store)
        data = {k: v for k, v in json.loads(folded.object.value).items() if k != "classes" and not k.startswith("class ")}
        store.oxigraph.remove(folded)  # the record as a kg before the class counts wrote it
        store.oxigraph.add(ox.Quad(folded.subject, folded.predicate, ox.Literal(json.dumps(data)), COUNTERS))
    with open_store(tmp_path / "store", read_only=True) as old:
        assert graph_counts(old).entities == recount_classes(old) and graph_counts(old).entities["Company"] >= 2
        _check(old)
    with open_store(tmp_path / "store") as store:
        store.replace_article(b, _changed(gb), "h3")  # the first write completes them: one full read
        _check(store)
        total = {k: v for r in _records(store) for k, v in json.loads(r.object.value).items() if k in ("writes", "classes")}
        assert len(_records(store)) == 1 and total["writes"] == total["classes"] == 4  # folded by _check
        store.remove_article(a)
        _check(store)
        assert graph_counts(store).entities == recount_classes(store)


def recount_classes(store) -> dict[str, int]:
    from collections import Counter

    from kg.store.classes import entity_classes

    return dict(sorted(Counter(entity_classes(store).values()).items()))
