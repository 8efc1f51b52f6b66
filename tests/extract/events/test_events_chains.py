"""Chains open and close counted outlets: the name that opens "40 new restaurants" is a company whatever the
small model says, and cafés are shops. Every sentence is invented."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the small model tags the chain a person
    ("Chipotle opened 40 new restaurants in the quarter.", "en", ("FacilityOpening", "done", "Chipotle")),
    ("Chipotle Mexican Grill will close 20 restaurants in Ohio.", "en",
     ("FacilityClosure", "planned", "Chipotle Mexican Grill")),
    ("Starbucks will open 300 new cafes in China this year.", "en", ("StoreOpening", "planned", "Starbucks")),
    ("Starbucks va ouvrir 300 cafés en Chine cette année.", "fr", ("StoreOpening", "planned", "Starbucks")),
])
def test_a_chain_opening_counted_outlets(named_events, text, lang, expected):
    assert expected in [e[:3] for e in named_events(text, lang)]


def test_a_person_opening_one_restaurant_is_no_company_event(named_events):
    assert named_events("Chef Marta Velkins opened a restaurant in Lyon.") == []
