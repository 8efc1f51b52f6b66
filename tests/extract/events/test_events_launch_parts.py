"""Launches of things the model does not tag, on invented news sentences: two launches by one company in an
article are two events when they launch different things (a headline and its body are two mentions of one), and a
"version of" or "series of" phrase launches what it is of (cue list ``launch_part``)."""
from __future__ import annotations

import pytest

from kg.eval.event_clusters import event_cluster_key, event_clusters
from kg.eval.system import make_article as make_eval_article
from kg.eval.system import run_product
from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def extract_events(text: str) -> list:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    return list(extract(get_pipeline("en")(art.text), art).events)


def launches(text: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    ms = ex.mentions

    def name(i):
        return None if i is None else ms[ms[i].antecedent if ms[i].antecedent is not None else i].text

    return [(art.text[e.trigger_start:e.trigger_end], name(e.agent)) for e in ex.events if e.type == "ProductLaunch"]


def test_two_things_launched_are_two_events():
    text = ("Northwind Corp. launched a limited-edition graphics card on Tuesday. "
            "Northwind Corp. is also releasing a series of bundles for new gamers.")
    assert launches(text) == [("launched", "Northwind Corp."), ("releasing", "Northwind Corp.")]


def real_events(text: str, etype: str) -> tuple[int, int]:
    """How many ``etype`` mentions the product reads in ``text`` and how many real-world events it makes of
    them (the store's decision)."""
    outputs = list(run_product([make_eval_article("t", text, "en")]))
    clusters = event_clusters(outputs)
    keys = [event_cluster_key("t", e) for e in outputs[0].extraction.events if e.type == etype]
    return len(keys), len({clusters.get(k, k) for k in keys})


def test_one_thing_told_twice_is_two_mentions_of_one_event():
    # the launched thing is no tagged product: the mentions carry it (kg:launchedThing) and the merge compares it
    text = ("Northwind Corp. launched a new graphics card on Tuesday. "
            "Northwind Corp. launched the graphics card in 40 countries, the company said.")
    assert real_events(text, "ProductLaunch") == (2, 1)
    assert {e.thing for e in extract_events(text) if e.type == "ProductLaunch"} == {"graphics card"}
    two = ("Northwind Corp. launched a limited-edition graphics card on Tuesday. "
           "Northwind Corp. is also releasing a series of bundles for new gamers.")
    assert real_events(two, "ProductLaunch") == (2, 2)


def test_a_deal_told_in_the_headline_and_the_body_is_two_mentions_of_one_event():
    # each reporting sentence keeps its mention (its provenance); the resolver merges them
    text = ("Orbis Capital to buy Lumen Tools\n\n"
            "Orbis Capital agreed on Monday to buy Lumen Tools for $2 billion, the companies said.")
    assert real_events(text, "Acquisition") == (2, 1)


@pytest.mark.parametrize("text, expected", [
    ("Northwind Corp. released a version of its photo-sharing feature last year.", [("released", "Northwind Corp.")]),
    ("Northwind Corp. released a new version of its sales forecast on Monday.", []),
    ("Northwind Corp. released a new version on Monday.", []),
])
def test_what_a_version_is_of(text, expected):
    assert launches(text) == expected


def test_a_launch_customer_is_no_launch():
    # "launch customer": the airline that takes the first jet (cue list not_a_product, two words)
    assert launches("Boeing handed over the first 737 MAX 8 to launch customer Malindo Air on Tuesday.") == []
    assert launches("Boeing will launch the 737 MAX 8 with customer Malindo Air.") == [("launch", "Boeing")]
