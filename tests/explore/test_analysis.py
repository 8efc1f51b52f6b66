"""kg.query.api and kg.explore.analysis: SPARQL to DataFrames, the networkx projection, stats (small, sample, large)."""
from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import kg.explore.analysis
import kg.query.api
from kg.explore.analysis import co_mentions, stats, to_networkx
from kg.query.api import graph_data, iri, load, select, sparql_df
from kg.errors import KGError, QueryError

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL = DATA / "small.trig"
NW = "https://w3id.org/newskg/id/organization/nordwind-coffee"
HM = "https://w3id.org/newskg/id/organization/helios-motors"


@pytest.mark.parametrize("module", [kg.query.api, kg.explore.analysis])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


def test_sparql_df_columns_types_and_params():
    df = sparql_df(SMALL, "SELECT ?e ?amount ?cur WHERE { ?e a kg:Acquisition ; kg:amount ?amount ; kg:currency ?cur }")
    assert list(df.columns) == ["e", "amount", "cur"]
    assert df.loc[0, "amount"] == 41000000.0 and df.loc[0, "cur"] == "EUR"
    df = sparql_df(SMALL, "SELECT DISTINCT ?c ?p ?o WHERE { ?c ?p ?o FILTER(?p = kg:operatesIn) } ORDER BY ?o",
                   c=iri(NW))
    assert df["o"].str.rsplit("/", n=1).str[-1].tolist() == ["france", "germany"]
    empty = sparql_df(SMALL, "SELECT ?x ?y WHERE { ?x a kg:IPO ; rdfs:label ?y }")
    assert empty.empty and list(empty.columns) == ["x", "y"]


@pytest.mark.parametrize("query", ["SELECT ?x WHERE { ?x }", "ASK { ?s ?p ?o }"])
def test_bad_queries_are_query_errors(query):
    with pytest.raises(QueryError):
        select(SMALL, query)


def test_load_bad_path_names_it(tmp_path):
    with pytest.raises(KGError, match="nothing-here"):
        load(tmp_path / "nothing-here")


def test_graph_data_reads_the_model():
    data = graph_data(SMALL)
    assert data.entities[NW].type == "Company" and data.entities[NW].articles == 2
    assert data.entities["https://w3id.org/newskg/id/place/lyon-5e7f9a1b3c"].type == "City"
    assert (NW, "headquarteredIn", "https://w3id.org/newskg/id/place/berlin-7a9c1e3b5d") in data.relations
    # literal-valued facts (jobTitle) are not relations between entities
    assert not any(p == "jobTitle" for _, p, _ in data.relations)
    roles = {(data.events[ev].type, role, e.rsplit("/", 1)[-1]) for ev, role, e in data.roles}
    assert ("Acquisition", "target", "nordwind-coffee") in roles
    assert data.articles[data.events[next(iter(data.events))].article].title


def test_to_networkx_has_no_literals_mentions_or_statements():
    g = to_networkx(SMALL)
    assert all(n.startswith("https://w3id.org/newskg/id/") for n in g.nodes)
    assert not any("/mention/" in n or "/statement/" in n or "/article/" in n for n in g.nodes)
    assert {d["kind"] for _, d in g.nodes(data=True)} == {"entity", "event"}
    assert g.has_edge(HM, NW) is False and g.has_edge("https://w3id.org/newskg/id/person/marc-dubois", HM, key="worksFor")
    assert set(to_networkx(SMALL, events=False).nodes) == set(graph_data(SMALL).entities)


def test_co_mentions():
    g = co_mentions(SMALL)
    assert g[HM][NW]["weight"] == 1
    assert "https://w3id.org/newskg/id/person/anna-keller" not in g[HM]


def test_stats_small():
    s = stats(SMALL)
    assert s.counts == {"articles": 2, "entities": 9, "events": 3, "relations": 11, "mentions": 12}
    assert s.by_type == {"City": 3, "Company": 2, "Country": 2, "Person": 2}
    assert s.by_relation == {"country": 3, "headquarteredIn": 1, "locatedIn": 3, "operatesIn": 2, "worksFor": 2}
    assert s.by_event_type == {"Acquisition": 1, "StoreOpening": 2}
    # the planned Paris opening has no date: it counts in its article's month
    assert s.events_per_month == {"2024-03": 1, "2024-06": 2}
    assert s.top_mentions[:2] == [("Nordwind Coffee", "Company", 3), ("Helios Motors", "Company", 2)]
    assert s.top_central[0][0] == "Nordwind Coffee"
    assert all(kind in s.by_type for _, kind, _ in s.top_central)
    members = [m for c in s.communities for m in c]
    assert len(members) == len(set(members)) and "Nordwind Coffee" in members


def test_stats_json_and_table_are_deterministic():
    a, b = stats(SMALL), stats(SMALL)
    assert a.to_json() == b.to_json()
    assert json.loads(a.to_json())["counts"]["events"] == 3
    table = a.table()
    assert "Events per month" in table and "Nordwind Coffee" in table


def test_stats_on_the_sample_corpus(sample_build):
    s = stats(sample_build)
    assert s.counts["articles"] == 2
    assert s.counts["entities"] > 5 and s.counts["mentions"] >= s.counts["entities"]
    assert s.top_mentions and s.top_mentions[0][2] >= 2
    assert sum(s.events_per_month.values()) == s.counts["events"]
    df = sparql_df(sample_build, "SELECT ?a ?t WHERE { ?a a kg:Article ; schema:headline ?t } ORDER BY ?a")
    assert len(df) == 2


def test_stats_on_a_large_graph(synth_graph):
    s = stats(synth_graph)
    assert s.counts["articles"] == 2000 and s.counts["entities"] > 1500
    assert sum(s.events_per_month.values()) == s.counts["events"] > 500
    assert len(s.top_mentions) == 10 and s.top_mentions[0][2] > 100  # the Zipf hubs
    assert len(s.communities) > 5
    assert s.to_json() == stats(synth_graph).to_json()


@pytest.mark.parametrize("name,facts,events,mentions", [
    ("Nordwind Coffee", {("Nordwind Coffee", "headquarteredIn", "Berlin"), ("Anna Keller", "worksFor", "Nordwind Coffee"),
                         ("Nordwind Coffee", "operatesIn", "France"), ("Nordwind Coffee", "operatesIn", "Germany")},
     [("2024-03-12", "StoreOpening", "agent"), ("2024-06", "Acquisition", "target")], 3),
    ("helios motors", {("Marc Dubois", "worksFor", "Helios Motors")},
     [("2024-06", "Acquisition", "agent"), (None, "StoreOpening", "agent")], 2),
    ("Paris", set(), [(None, "StoreOpening", "place")], 1),
])
def test_profile(name, facts, events, mentions):
    from kg.explore.analysis import profile

    p = profile(SMALL, name)
    assert set(map(tuple, p.facts[["subject", "relation", "object"]].values.tolist())) == facts
    got = [(None if not isinstance(d, str) else d, e, r) for d, e, r in p.events[["date", "event", "role"]].values.tolist()]
    assert got == events
    assert len(p.mentions) == mentions
    assert all(isinstance(s, str) and s for s in p.mentions["sentence"])


def test_sparql_df_runs_competency_queries_by_name():
    df = sparql_df(SMALL, "company-events", company="nordwind coffee")
    assert set(df["eventType"]) == {"StoreOpening", "Acquisition"}
    with pytest.raises(KGError, match="unknown query 'no-such-query'; valid: "):
        sparql_df(SMALL, "no-such-query")
