"""The events graph a build, an add and a remove leave in a store (kg.store.events): one real-world event
per deal reported in several sentences and articles, the same graph as a clean build whatever the order,
and gone with its last source. Articles are invented; the real pipeline runs."""
from __future__ import annotations

from kg.explore.timeline import timeline
from kg.pipeline import add, build, remove
from kg.query import run_query
from kg.rdf.event_nodes import EVENTS_GRAPH
from kg.store import open_store
from kg.store.validate import validate

ARTICLES = {
    "orbis-bid.txt": ("2024-03-04", "en", ("Orbis Capital agreed to buy Lumen Tools for $2bn on Monday. The deal is "
                                           "expected to close in June, Orbis said. Analysts said the $2bn purchase "
                                           "was expensive.")),
    "orbis-done.txt": ("2024-06-20", "en", ("Orbis Capital bought Lumen Tools after a long fight, the two "
                                             "companies said on Thursday.")),
    "danone.txt": ("2024-05-02", "fr", ("Le groupe Danone a annoncé le rachat de la société Alpro pour 500 millions "
                                        "d'euros. Ce rachat renforce Danone dans les boissons végétales. L'opération "
                                        "sera finalisée en juin.")),
    "keller.txt": ("2024-05-02", "en", "Keller Foods opened a new store in Lyon on Friday."),
}
EVENTS = f"""PREFIX kg: <https://w3id.org/newskg/ontology#>
SELECT ?e ?n ?status ?history ?why (COUNT(DISTINCT ?m) AS ?mentions) WHERE {{ GRAPH <{EVENTS_GRAPH}> {{
  ?e a kg:WorldEvent ; kg:sources ?n ; kg:hasMention ?m ; kg:resolution ?why ; kg:agent ?agent .
  OPTIONAL {{ ?e kg:status ?status ; kg:statusHistory ?history }} FILTER (CONTAINS(STR(?agent), "%s")) }} }}
GROUP BY ?e ?n ?status ?history ?why"""


def _write(folder, names, articles=None):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        date, lang, text = (articles or ARTICLES)[name]
        (folder / name).write_text(f"---\ndate: {date}\nlang: {lang}\n---\n{text}\n", encoding="utf-8")
    return folder


def _rows(location, agent):
    with open_store(location, read_only=True) as store:
        result = store.query(EVENTS % agent)
        names = [v.value for v in result.variables]
        return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def _quads(location) -> list[str]:
    """The store's quads, but the input file paths (each build here reads its own folder)."""
    with open_store(location, read_only=True) as store:
        return sorted(str(q) for q in store.quads() if not str(q.predicate).endswith("ontology#source>"))


def test_one_article_anaphors_in_english_and_french_join_their_event(tmp_path):
    out = tmp_path / "out"
    build([_write(tmp_path / "in", ["orbis-bid.txt", "danone.txt"])], out)
    orbis, danone = _rows(out, "orbis"), _rows(out, "danone")
    # "buy", "the deal", "the $2bn purchase": one acquisition, planned, one source
    assert [(r["mentions"], r["n"], r["status"]) for r in orbis] == [("3", "1", "planned")], orbis
    assert "anaphor refers back" in orbis[0]["why"]
    # "le rachat", "ce rachat", "l'opération"
    assert [(r["mentions"], r["n"]) for r in danone] == [("3", "1")], danone


def test_two_articles_one_deal_with_its_status_history_and_order_independence(tmp_path):
    names = list(ARTICLES)
    clean = tmp_path / "clean"
    build([_write(tmp_path / "all", names)], clean)
    assert validate(clean).conforms  # anaphors and real-world events fit ontology/shapes.ttl
    orbis = _rows(clean, "orbis")
    assert len(orbis) == 1 and orbis[0]["n"] == "2" and orbis[0]["mentions"] == "4", orbis
    assert orbis[0]["status"] == "done" and orbis[0]["history"] == "2024-03-04 planned; 2024-06-20 done"
    assert "across articles" in orbis[0]["why"]
    # the queries: one row per real-world event, and its reports one by one
    events = run_query(clean, "company-events", params={"company": "Orbis Capital"})
    assert [r[events.columns.index("sources")] for r in events.rows] == ["2"]
    sources = run_query(clean, "event-sources", params={"company": "lumen tools"})
    got = [(r[sources.columns.index("trigger")], r[sources.columns.index("anaphor")], r[sources.columns.index("status")])
           for r in sources.rows]
    assert got == [("buy", "no", "planned"), ("deal", "yes", ""), ("purchase", "yes", ""), ("bought", "no", "done")]
    rows = [r for r in timeline(clean, company="Orbis Capital") if r.type == "Acquisition"]
    assert [(r.status, r.what.endswith("· 2 sources")) for r in rows] == [("done", True)], rows

    steps = tmp_path / "steps"
    build([_write(tmp_path / "first", ["orbis-done.txt", "keller.txt"])], steps)
    add(steps, [_write(tmp_path / "rest", ["danone.txt", "orbis-bid.txt"])])
    assert _quads(steps) == _quads(clean)
    parallel = tmp_path / "parallel"
    build([tmp_path / "all"], parallel, workers=2)
    assert _quads(parallel) == _quads(clean)

    # the last source of an event removed: the event goes; the rest is a clean build of what is left
    assert remove(steps, "orbis-bid.txt") and remove(steps, "orbis-done.txt")
    assert _rows(steps, "orbis") == []
    rest = tmp_path / "rest-clean"
    build([_write(tmp_path / "rest-in", ["danone.txt", "keller.txt"])], rest)
    assert _quads(steps) == _quads(rest)
    assert remove(steps, "danone.txt") and remove(steps, "keller.txt")
    assert not any(f"<{EVENTS_GRAPH}>" in q for q in _quads(steps))


NWT = {
    "nwt-bid.txt": ("2024-03-04", "en", ("Northwind Traders (NWT) agreed to buy Castle Tools on Monday, the company "
                                         "said. NWT shares rose.")),
    "nwt-done.txt": ("2024-04-02", "en", "NWT bought Castle Tools after a long fight. NWT reported higher sales."),
}


def test_roles_are_compared_after_the_corpus_decision_and_an_add_redecides_them(tmp_path):
    clean = tmp_path / "clean"
    build([_write(tmp_path / "all", list(NWT), NWT)], clean)
    # the second article never spells NWT out: the corpus graph names it Northwind Traders, so one deal
    rows = _rows(clean, "northwind")
    assert [(r["n"], r["mentions"], r["status"]) for r in rows] == [("2", "2", "done")], rows
    steps = tmp_path / "steps"
    build([_write(tmp_path / "first", ["nwt-done.txt"], NWT)], steps)
    assert _rows(steps, "northwind") == []  # alone, its NWT is a name of its own
    add(steps, [_write(tmp_path / "rest", ["nwt-bid.txt"], NWT)])
    assert _quads(steps) == _quads(clean)


def test_the_sample_corpus_keeps_every_store_opening_once_merged(sample_build):
    result = run_query(sample_build, "store-openings", params={"company": "xiaomi"})
    rows = {tuple(row[result.columns.index(c)] for c in ("placeName", "date", "status")) for row in result.rows}
    assert {("Créteil Soleil", "2025-11-15", "done"), ("Velizy", None, "planned"), ("Gennevilliers", None, "planned"),
            ("Paris", "2018-05-22", "done")} <= rows, rows
    # the Paris shop, named twice in the article on one stated day, is one real-world event with both places
    paris = run_query(sample_build, "event-sources", params={"label": "rue Sébastopol"})
    labels = {row[paris.columns.index("eventLabel")] for row in paris.rows}
    assert len(labels) == 1 and "Paris, rue Sébastopol" in labels.pop() and len(paris.rows) == 2, paris.rows



def test_the_event_rows_of_most_of_the_store_are_those_read_article_by_article(tmp_path):
    # A scope of at least half the store's graphs (a first build) is read in four store-wide queries,
    # a smaller one (an add) article by article: the same rows either way, and only the scope's.
    from kg.store.events import _event_rows, _most_of, event_rows

    out = tmp_path / "out"
    build([_write(tmp_path / "in", list(ARTICLES))], out)
    with open_store(out, read_only=True) as store:
        graphs = [g for g in store.article_graphs() if g != EVENTS_GRAPH and not g.endswith("/corpus")]
        with_events = sorted(g for g in graphs if _event_rows(store, g))
        assert len(with_events) >= 3, with_events
        most = set(graphs) - {with_events[0]}
        assert _most_of(store, most) and not _most_of(store, {with_events[0]})
        one_by_one = sorted({r for g in sorted(most) for r in _event_rows(store, g)})
        assert event_rows(store, most) == one_by_one
        assert {r.article for r in one_by_one} == set(with_events[1:])


def test_a_sale_told_from_both_sides_is_one_acquisition_that_the_seller_s_events_list(tmp_path):
    sale = {"sale.txt": ("2024-05-02", "en", "Orbis Capital sold its Lumen Tools unit to Keller Foods on Monday. "
                                             "Keller Foods said the unit would keep its brand.")}
    out = tmp_path / "out"
    build([_write(tmp_path / "in", list(sale), sale)], out)
    assert validate(out).conforms  # kg:seller fits ontology/shapes.ttl
    buyer = _rows(out, "keller")
    assert len(buyer) == 1 and buyer[0]["mentions"] == "2" and "two sides of one sale" in buyer[0]["why"], buyer
    assert _rows(out, "orbis") == []  # the seller is no agent of the deal
    for company in ("Orbis Capital", "Keller Foods"):
        events = run_query(out, "company-events", params={"company": company})
        got = [(r[events.columns.index("eventType")], r[events.columns.index("agentName")]) for r in events.rows]
        assert got == [("Acquisition", "Keller Foods")], (company, got)
