"""The competency queries are shaped for speed at 1M triples (sub-selects Oxigraph hash-joins): their
rows must stay those of the plain reading of the question, counted here in Python from the same store."""
from __future__ import annotations

from collections import defaultdict

import pytest

from kg.query import run_query


def _mention_pairs(store):
    """Pairs of entities named in one sentence, counted from the raw mentions: {(e1, e2): (sentences, articles)}."""
    mentions = run_query(store, "SELECT ?e ?article ?ss WHERE { ?m kg:mentionOf ?e ; kg:inArticle ?article ;"
                                " kg:sentenceStart ?ss }").rows
    by_sentence = defaultdict(set)
    for entity, article, start in mentions:
        by_sentence[(article, start)].add(entity)
    sentences, articles = defaultdict(set), defaultdict(set)
    for (article, start), entities in by_sentence.items():
        for e1 in entities:
            for e2 in entities:
                if e1 < e2:
                    sentences[(e1, e2)].add((article, start))
                    articles[(e1, e2)].add(article)
    return {pair: (len(sentences[pair]), len(articles[pair])) for pair in sentences}


def _names(store):
    """{entity: its first label} and {entity: its labels and aliases, lower-cased}."""
    rows = run_query(store, "SELECT ?e ?l ?kind WHERE { { ?e rdfs:label ?l BIND('label' AS ?kind) }"
                            " UNION { ?e skos:altLabel ?l BIND('alias' AS ?kind) } }").rows
    first, known = {}, defaultdict(set)
    for entity, name, kind in rows:
        if kind == "label":
            first[entity] = min(first.get(entity, name), name)
        known[entity].add(name.lower())
    return first, known


@pytest.mark.parametrize("entity", [None, "ikea", "LVMH", "Hyderabad"])
def test_co_mentions_match_the_pairs_counted_from_the_mentions(sample_store, entity):
    result = run_query(sample_store, "co-mentions", params={"entity": entity} if entity else None)
    col = {c: i for i, c in enumerate(result.columns)}
    got = sorted((r[col["entity1"]], r[col["entity2"]], int(r[col["sentences"]]), int(r[col["articles"]]))
                 for r in result.rows)
    first, known = _names(sample_store)
    expected = sorted((first[a], first[b], *counts) for (a, b), counts in _mention_pairs(sample_store).items()
                      if a in first and b in first
                      and (entity is None or entity.lower() in known[a] | known[b]))
    assert got == expected and got


#: the company filter read plainly: one EXISTS joining the event's parties to their names (slow at 1M
#: triples, as Oxigraph plans an EXISTS without the row's bindings; the queries nest a second EXISTS)
_PLAIN_COMPANY = """  FILTER (!BOUND(?company) || EXISTS {
    { ?event kg:agent ?who } UNION { ?event kg:target ?who }
    ?who rdfs:label|skos:altLabel ?n2 . FILTER (LCASE(STR(?n2)) = LCASE(STR(?company))) })"""


def _plain_company_filter(text):
    start = text.index("  FILTER (!BOUND(?company)")
    end = text.index("})", text.index("FILTER EXISTS", start)) + 2
    return text[:start] + _PLAIN_COMPANY + text[end:]


@pytest.fixture(scope="module")
def events_store(sample_graphs):
    """The sample articles with the events graph a build writes over them (kg.store.events)."""
    from tests.conftest import load_rdf_samples

    from kg.store import corpus, events

    store = load_rdf_samples().store_of(sample_graphs.values())
    corpus.refresh(store)  # as a build does: the corpus refresh marks the articles whose events to decide
    events.refresh(store)
    return store


@pytest.mark.parametrize("name", ["company-events", "event-sources"])
def test_the_nested_company_filter_keeps_the_rows_of_the_plain_one(events_store, name):
    from kg.query.sparql import QUERIES_DIR

    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    parties = sorted({r[0] for r in run_query(events_store, "SELECT ?n WHERE { ?e a kg:WorldEvent ; "
                                              "kg:agent|kg:target ?w . ?w rdfs:label|skos:altLabel ?n }").rows})
    assert parties
    found = 0
    for company in [None, "no such company", parties[0].upper()] + parties:
        params = {"company": company} if company else None
        got = run_query(events_store, name, params=params)
        plain = run_query(events_store, _plain_company_filter(text), params=params)
        assert got.columns == plain.columns and got.rows == plain.rows, company
        found += bool(company) and bool(got.rows)
    assert found >= len(parties) > 0

