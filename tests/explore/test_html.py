"""kg.explore.html: the self-contained HTML graph (content, filters, budget, escaping, determinism)."""
from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import pytest

import kg.explore.html
from kg.errors import OptionError
from kg.explore.html import render

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL = DATA / "small.trig"


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(block)


def labels(path: Path) -> set[str]:
    return {n["name"] for n in page_data(path)["nodes"]}


def test_doctests():
    assert doctest.testmod(kg.explore.html).failed == 0


def test_page_is_self_contained_and_deterministic(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    render(SMALL, a)
    render(SMALL, b)
    assert a.read_bytes() == b.read_bytes()
    text = a.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", text), "external resource in the page"
    assert "sourceMappingURL" not in text
    assert "vis.Network" in text and "@version 9.1.2" in text


def test_nodes_edges_legend_and_tooltips(tmp_path):
    out = tmp_path / "g.html"
    report = render(SMALL, out)
    data = page_data(out)
    assert (report.nodes, report.edges, report.truncated) == (12, 17, False)
    by_label = {n["name"]: n for n in data["nodes"]}
    company, event = by_label["Nordwind Coffee"], by_label["Acquisition: Helios Motors, Nordwind Coffee, 2024-06"]
    assert company["type"] == "Company" and company["shape"] == "dot"
    assert event["kind"] == "event" and event["shape"] == "diamond" and event["date"] == "2024-06"
    # the caption says what happened: who -> whom, date, status; the full label is searched and in the tooltip
    assert event["label"] == "Acquisition: Helios Motors -> Nordwind Coffee · 2024-06 · done"
    assert by_label["StoreOpening: Helios Motors, Paris"]["label"].startswith("StoreOpening: Helios Motors @ Paris")
    # importance: the most mentioned, most linked company is the biggest node
    assert company["value"] == max(n["value"] for n in data["nodes"])
    # tooltips: the source sentence and the article title, HTML-escaped
    assert "The Berlin-based company is led by Anna Keller." in by_label["Anna Keller"]["tip"]
    assert "Nordwind Coffee opens in Lyon &lt;first&gt; &amp; &quot;only&quot;" in by_label["Lyon"]["tip"]
    rels = {(e["label"], e["dashes"]) for e in data["edges"]}
    assert ("operatesIn", False) in rels and ("agent", True) in rels
    fact = next(e for e in data["edges"] if e["label"] == "headquarteredIn")
    assert "Berlin-based" in fact["tip"]
    legend = {item["type"]: item["count"] for item in data["legend"]}
    assert legend == {"Company": 2, "Person": 2, "Country": 2, "City": 3, "StoreOpening": 2, "Acquisition": 1}
    physics = data["options"]["physics"]
    assert physics["stabilization"]["iterations"] > 0


@pytest.mark.parametrize("options,expected", [
    ({"focus": "Helios Motors"}, {"Helios Motors", "Marc Dubois", "Acquisition: Helios Motors, Nordwind Coffee, 2024-06",
                                  "StoreOpening: Helios Motors, Paris"}),
    ({"focus": "helios", "hops": 0}, {"Helios Motors"}),
    ({"focus": "https://w3id.org/newskg/id/person/anna-keller", "hops": 1}, {"Anna Keller", "Nordwind Coffee"}),
    ({"types": ["Company"]}, {"Helios Motors", "Nordwind Coffee"}),
    ({"types": ["Place"]}, {"Lyon", "Berlin", "Paris", "France", "Germany"}),
    ({"types": ["Person", "Acquisition"]}, {"Anna Keller", "Marc Dubois",
                                            "Acquisition: Helios Motors, Nordwind Coffee, 2024-06"}),
    ({"types": ["Event"], "until": "2024-04"}, {"StoreOpening: Nordwind Coffee, Lyon, 2024-03-12"}),
    # Nordwind Coffee is linked to neither of the others: left out unless asked for
    ({"types": ["Company", "Person"], "since": "2024-05-01"}, {"Helios Motors", "Marc Dubois"}),
    ({"types": ["Company", "Person"], "since": "2024-05-01", "isolated": True},
     {"Helios Motors", "Nordwind Coffee", "Marc Dubois"}),
    # mentioned in March and in June, not in between: out of an April-May range
    ({"types": ["Company"], "since": "2024-04", "until": "2024-05"}, set()),
])
def test_filters(tmp_path, options, expected):
    out = tmp_path / "g.html"
    render(SMALL, out, **options)
    assert labels(out) == expected


def test_node_budget_keeps_the_most_important_and_says_so(tmp_path):
    out = tmp_path / "g.html"
    report = render(SMALL, out, max_nodes=3)
    assert report.truncated and report.nodes == 3 and report.total_nodes == 12
    # the heaviest node and what links it: every shown node has an edge to another shown node
    assert "Nordwind Coffee" in labels(out)
    data = page_data(out)
    linked = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert {n["id"] for n in data["nodes"]} <= linked
    assert "Showing 3 of 12 nodes, linked groups first" in out.read_text(encoding="utf-8")
    assert "of 12 nodes" in str(report)


@pytest.mark.parametrize("options,message", [
    ({"types": ["Compny"]}, "unknown type 'Compny'; valid: "),
    ({"since": "May 2024"}, "bad --since date 'May 2024'; valid: YYYY"),
    ({"focus": "Helios Motorz Group"}, "no entity named 'Helios Motorz Group' in the graph; closest: 'Helios Motors', "),
    ({"max_nodes": 0}, "valid: hops >= 0, max_nodes >= 1"),
])
def test_bad_options_name_the_value_and_the_choices(tmp_path, options, message):
    with pytest.raises(OptionError, match=re.escape(message)):
        render(SMALL, tmp_path / "g.html", **options)


def test_hostile_names_cannot_break_out_of_the_page(tmp_path):
    hostile = '</script><script>alert("x")</script> & Co'
    text = SMALL.read_text(encoding="utf-8").replace('"Helios Motors"@fr ;', json.dumps(hostile) + "@fr ;", 1)
    src = tmp_path / "hostile.trig"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "g.html"
    render(src, out)
    page = out.read_text(encoding="utf-8")
    assert page.count("<script>alert") == 0
    assert hostile in labels(out)  # the name survives intact as data


def test_large_graph_respects_the_budget(tmp_path, synth_graph):
    out = tmp_path / "big.html"
    report = render(synth_graph, out, max_nodes=300)
    assert report.truncated and report.nodes == 300 and report.total_nodes > 2000
    data = page_data(out)
    assert len(data["nodes"]) == 300
    assert data["options"]["layout"]["improvedLayout"] is False  # too slow above ~150 nodes
    values = sorted((n["value"] for n in data["nodes"]), reverse=True)
    assert values[0] > 10 * values[-1], "hubs should dominate the kept part"
    kept = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in kept and e["to"] in kept for e in data["edges"])
    hub = max(data["nodes"], key=lambda n: (n["value"], n["id"]))
    hub["label"] = hub["name"]
    focused = render(synth_graph, tmp_path / "focus.html", focus=hub["id"], hops=1, max_nodes=500)
    assert focused.focus == hub["label"] and 1 < focused.nodes <= 500 and not focused.truncated
    assert hub["label"] in labels(tmp_path / "focus.html")


def test_overview_doctests():
    import kg.explore.overview
    assert doctest.testmod(kg.explore.overview).failed == 0


def test_event_captions_survive_new_types_roles_and_statuses():
    import networkx as nx
    from kg.explore.overview import event_caption, style
    g = nx.MultiDiGraph()
    g.add_node("e", label="x", type="FacilityOpening", kind="event", date="2025-01", status="proposed", mentions=1)
    g.add_node("a", label="Brauhaus Kessler", type="Company", kind="entity", mentions=1)
    g.add_node("p", label="Leipzig", type="City", kind="entity", mentions=1)
    g.add_edge("e", "a", key="agent")
    g.add_edge("e", "p", key="place")
    assert event_caption(g, "e") == "FacilityOpening: Brauhaus Kessler @ Leipzig · 2025-01 · proposed"
    assert style("FacilityOpening", "event")[0] == "diamond"


def test_every_legend_entry_is_distinguishable():
    from kg.explore.overview import FAMILIES, style
    from kg.types import ENTITY_TYPES, EVENT_TYPES
    drawn = [style(t) for t in ENTITY_TYPES] + [style(t, "event") for t in EVENT_TYPES]
    assert len(set(drawn)) == len(drawn), "two types share a shape and a colour"
    shapes = {shape for shape, _ in FAMILIES.values()}
    assert len(shapes) == len(FAMILIES) == 5  # organisation, person, place, product, event
