"""A deal noun that is the subject of its own fate, and the by-phrase the parser hangs on what is bought:
"the takeover was called off" is cancelled, "was blocked" is no event (as "a judge blocked the takeover"),
"the takeover of Y by X" is X's. Every sentence is invented."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def acquisitions(named_events):
    return lambda text, lang="en": [e[1:4] for e in named_events(text, lang) if e[0] == "Acquisition"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Halvern's takeover of Norwell Foods was abandoned in December.", "en",
     [("cancelled", "Halvern", "Norwell Foods")]),
    ("Halvern's takeover of Norwell Foods was called off after a year.", "en",
     [("cancelled", "Halvern", "Norwell Foods")]),
    ("Le rachat de la société Norwell par Halvern a été abandonné.", "fr", [("cancelled", "Halvern", "Norwell")]),
])
def test_the_verb_a_deal_noun_is_subject_of_cancels_it(acquisitions, text, lang, expected):
    assert acquisitions(text, lang) == expected


def test_what_the_deal_will_do_does_not_cancel_it(acquisitions):
    found = acquisitions("Halvern's takeover of Norwell Foods will create the largest grocer in the state.")
    assert [(a, t) for _, a, t in found] == [("Halvern", "Norwell Foods")] and found[0][0] != "cancelled"


def test_a_deal_blocked_in_the_passive_is_no_event_as_in_the_active(acquisitions):
    assert acquisitions("Halvern's planned takeover of Norwell Foods was blocked by a judge.") == []
    assert acquisitions("A judge blocked Halvern's takeover of Norwell Foods.") == []


@pytest.mark.parametrize("text", [
    "The takeover of Albertsons by Kroger closed on Monday.",
    "The takeover of Albertsons by Kroger collapsed.",
])
def test_a_by_phrase_hung_on_what_is_bought_names_the_buyer(acquisitions, text):
    assert [(a, t) for _, a, t in acquisitions(text)] == [("Kroger", "Albertsons")]
