"""Contracts, orders and licences between two named organisations are partnerships (kg:Partnership), on
invented news sentences in English and French; an order to do something, or a court order, is none."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def deals(text: str, lang: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    ex = extract(get_pipeline(lang)(art.text), art)
    ms = ex.mentions
    return [(art.text[e.trigger_start:e.trigger_end], ms[e.agent].text, ms[e.target].text)
            for e in ex.events if e.type == "Partnership"]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Emirates Airline ordered 40 jets from Boeing Co. on Monday.", ("ordered", "Emirates Airline", "Boeing Co.")),
    ("en", "Fabrikam Inc. licensed its chip designs to Northwind Corp. last year.",
     ("licensed", "Fabrikam Inc.", "Northwind Corp.")),
    ("en", "Northwind Corp. won a contract from DARPA to build a space plane.", ("contract", "Northwind Corp.", "DARPA")),
    ("fr", "Air Austral a commandé deux avions à Airbus.", ("commandé", "Air Austral", "Airbus")),
])
def test_an_order_or_a_licence_between_two_companies_is_a_partnership(lang, text, expected):
    assert deals(text, lang) == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "Fabrikam Inc. ordered Northwind Corp. to pay $5 million."),
    ("en", "The court issued an order against Northwind Corp. on Monday."),
    ("en", "Fabrikam Inc. is in order to grow."),
    ("fr", "Le juge a ordonné à Airbus de payer."),
    # names coordinated before a verb of competing are rivals or co-bidders, not parties to one deal
    ("en", "Northwind Corp. and Contoso Ltd. will compete for the contract."),
    ("en", "Northwind Corp.'s launch and satellite units may bid again for space contracts, the Air Force said."),
])
def test_an_order_to_do_something_is_no_partnership(lang, text):
    assert deals(text, lang) == []
