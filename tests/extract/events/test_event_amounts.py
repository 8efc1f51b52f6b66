"""A deal noun's amount may stand in its own phrase, before it ("a $4 billion investment", "its $26 billion
acquisition of Y"); an amount of another phrase before it is not the deal's. Every sentence is invented."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def amounts(text: str, kind: str) -> list:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    return [(e.amount, e.currency) for e in extract(get_pipeline("en")(art.text), art).events if e.type == kind]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Halvern Corp received a $40 million investment from Orbis Capital.", "Investment", 40e6),
    ("Orbis Systems' $2.6 billion acquisition of Halvern Corp closed in December.", "Acquisition", 2.6e9),
    # the worth of the buyer, in its own apposition, is not the price
    ("Halvern Corp, worth $2 billion, announced the acquisition of Orbis Systems for $300 million.",
     "Acquisition", 3e8),
])
def test_the_amount_of_a_deal_noun(text, kind, value):
    assert amounts(text, kind) == [(value, "USD")]
