"""Launches of things the model does not tag, on invented news sentences: two launches by one company in an
article are two events when they launch different things (a headline and its body stay one), and a
"version of" or "series of" phrase launches what it is of (cue list ``launch_part``)."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


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


def test_one_thing_told_twice_is_one_event():
    text = ("Northwind Corp. launched a new graphics card on Tuesday. "
            "Northwind Corp. launched the graphics card in 40 countries, the company said.")
    assert len(launches(text)) == 1


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
