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


def test_a_second_event_of_a_type_in_a_sentence_needs_its_doer_parsed(extract_text):
    text = "Contoso Ltd. acquired Litware Inc. in 1999, and Northwind Corp. purchased Contoso Ltd. in 2010."
    assert events(extract_text, text, "en", "Acquisition") == [
        ("done", "Contoso Ltd.", "Litware Inc."), ("done", "Northwind Corp.", "Contoso Ltd.")]
    # the second launch has no doer of its own: the first one's maker is not guessed for it
    text = "In 1998 Fabrikam Inc. introduced the Zephyr laptop, and the following year the Nimbus tablet was released."
    assert [e[1] for e in events(extract_text, text, "en", "ProductLaunch")] == ["Fabrikam Inc."]


def test_a_dismissal_names_no_employer_it_does_not_state(extract_text):
    text = "The Daily Ledger reported that Jane Roe had been pushed out after a dispute with the board."
    assert events(extract_text, text, "en", "Departure") == [("done", "Jane Roe", None)]


def test_released_text_is_no_product(extract_text):
    text = "On its website, Fabrikam Inc. released the text of its founder's email to staff."
    assert events(extract_text, text, "en", "ProductLaunch") == []


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Fabrikam Inc. is issuing $3 billion in corporate debt on Wednesday to cover its pension gap.",
     ("done", "Fabrikam Inc.", 3e9)),
    ("en", "Northwind Corp. is set to sell bonds for the seventh time this year.", ("planned", "Northwind Corp.", None)),
    ("en", "Fabrikam Inc. priced a $2 billion bond sale on Tuesday.", ("done", "Fabrikam Inc.", 2e9)),
    ("fr", "Le groupe Fabrikam a émis des obligations pour 500 millions d'euros.", ("done", "Fabrikam", 5e8)),
])
def test_issuing_debt_is_funding(extract_text, lang, text, expected):
    ex = extract_text(text, lang)
    assert [(e.status, ex.mentions[e.agent].text, e.amount) for e in ex.events if e.type == "Funding"] == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "Fabrikam Inc. issued a statement on Monday."),
    ("en", "Fabrikam Inc. issued a research note to clients on Monday."),
    ("fr", "Le groupe Fabrikam a émis un communiqué lundi."),
])
def test_issuing_anything_but_debt_is_no_funding(extract_text, lang, text):
    assert events(extract_text, text, lang, "Funding") == []


def test_adding_a_title_is_an_appointment(named_events):
    assert ("Appointment", "done", "Jane Roe", "Orbis", None) in named_events(
        "Jane Roe added the title of president of Orbis last year.")
    # a title given to the company is no post
    assert not named_events("Orbis added the title of best employer to its website.")
