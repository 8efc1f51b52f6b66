"""People moves read from posts and dismissals, and buyouts, on invented news sentences (English and
French): "took over as CEO", "became chief executive", "took the reins", "ousted its co-CEO", "a été
limogé", "scooped up", "bought out"; and their look-alikes that are no event ("took over Nest" is a
purchase, "became the largest supplier", "fired missiles", "dismissed the claims of X", "sold out")."""
from __future__ import annotations

import pytest


def events(extract_text, text: str, lang: str, etype: str) -> list[tuple]:
    ex = extract_text(text, lang)
    ms = ex.mentions

    def name(i):
        return None if i is None else ms[i].text

    return [(e.status, name(e.agent), name(e.target)) for e in ex.events if e.type == etype]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Jane Roe became chief executive of Fabrikam Inc. in 2015.", ("done", "Jane Roe", "Fabrikam Inc.")),
    ("en", "Tom Baker took the reins of Northwind Corp. in May.", ("done", "Tom Baker", "Northwind Corp.")),
    ("en", "Mary Mack, who took over as head of the retail bank last summer, spoke on Tuesday.",
     ("done", "Mary Mack", None)),
    ("fr", "Marie Durand est devenue PDG de Fabrikam en 2020.", ("done", "Marie Durand", "Fabrikam")),
    ("fr", "Marie Durand va prendre la tête de Fabrikam.", ("planned", "Marie Durand", "Fabrikam")),
])
def test_taking_a_post_is_an_appointment(extract_text, lang, text, expected):
    assert events(extract_text, text, lang, "Appointment") == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "Fabrikam Inc. became the largest supplier of chips in 2015, Jane Roe said."),
    ("en", "Jane Roe said Northwind Corp. took over Contoso Ltd. in 2014."),
])
def test_becoming_no_post_is_no_appointment(extract_text, lang, text):
    assert events(extract_text, text, lang, "Appointment") == []


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Northwind Corp. ousted its co-chief executive Marty Jones on Friday.",
     ("done", "Marty Jones", "Northwind Corp.")),
    ("en", "Fabrikam Inc. fired Anthony Levin this week.", ("done", "Anthony Levin", "Fabrikam Inc.")),
    ("fr", "Jean Dupont a été limogé par le groupe Fabrikam vendredi.", ("done", "Jean Dupont", "Fabrikam")),
])
def test_a_dismissed_person_departs(extract_text, lang, text, expected):
    assert events(extract_text, text, lang, "Departure") == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "The army fired missiles at the base, John Smith said."),
    ("en", "The court dismissed the claims of John Smith against Fabrikam Inc."),
])
def test_firing_or_dismissing_no_person_is_no_departure(extract_text, lang, text):
    assert events(extract_text, text, lang, "Departure") == []


@pytest.mark.parametrize("text, expected", [
    ("Alphabet scooped up Nest Labs Inc. in 2014 for $3.2 billion.", ("done", "Alphabet", "Nest Labs Inc.")),
    ("Microsoft bought out Receptos Inc. for $7.2 billion in 2015.", ("done", "Microsoft", "Receptos Inc.")),
])
def test_buyouts_are_acquisitions(extract_text, text, expected):
    assert events(extract_text, text, "en", "Acquisition") == [expected]


def test_goods_sold_out_are_no_deal(extract_text):
    text = "Fabrikam Inc. sold out of its new phone in two days, Jane Roe said."
    assert events(extract_text, text, "en", "Divestiture") == []
    assert events(extract_text, text, "en", "Acquisition") == []
