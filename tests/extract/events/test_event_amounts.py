"""A deal noun's amount may stand in its own phrase, before it ("a $4 billion investment", "its $26 billion
acquisition of Y"); an amount of another phrase before it is not the deal's. Every sentence is invented."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Halvern Corp received a $40 million investment from Orbis Capital.", "Investment", 40e6),
    ("Orbis Systems' $2.6 billion acquisition of Halvern Corp closed in December.", "Acquisition", 2.6e9),
    # the worth of the buyer, in its own apposition, is not the price
    ("Halvern Corp, worth $2 billion, announced the acquisition of Orbis Systems for $300 million.",
     "Acquisition", 3e8),
])
def test_the_amount_of_a_deal_noun(named_events, text, kind, value):
    assert [e[4] for e in named_events(text) if e[0] == kind] == [value]
