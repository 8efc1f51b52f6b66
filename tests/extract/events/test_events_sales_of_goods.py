"""What a sale sells, and what a launch launches, on invented news sentences: goods sold are no divestiture,
a unit spun off leaves its parent, and an offering of shares is a listing, not a product launch."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline
from tests.extract.events.test_frames import events


@pytest.mark.parametrize("text", [
    # the seller's possessive and where the goods go are not a unit sold
    "According to trade reports, Northwind Foods will sell its packaged brioche and croissant rolls in 12 "
    "northern California stores.",
    # what a relative clause sells is the noun it is on
    "Jane Roe, whose name is on nearly every car it sells, will take a greater role at Contoso Motors.",
    # a sales figure, though a percentage follows in the clause
    "Contoso Motors sold 193,040 units last month, which was a 1% decline compared to a year ago.",
    "Contoso Motors sold 1,000 units of its Model 3 sedan in May.",
])
def test_goods_sold_are_no_divestiture(text):
    assert not [e for e in events(text, "en") if e[0] in ("Divestiture", "Acquisition")]


@pytest.mark.parametrize("text, seller, sold", [
    # a share of a stake is a stake sold
    ("Fabrikam Holdings has sold 80.1% of its stake in Contoso Motors, retaining 19.9%.", "Fabrikam Holdings",
     "Contoso Motors"),
    # "X spun off from Y": Y lets X go, active or passive
    ("Vantor Pharma, which spun off from Northwind Laboratories in 2013, kept the patents.", "Northwind Laboratories",
     "Vantor Pharma"),
    ("Vantor Pharma was spun off from Northwind Laboratories in 2013.", "Northwind Laboratories", "Vantor Pharma"),
    # a unit among the things sold makes it a divestiture, whatever else is sold with it
    ("Northwind Corp. reported results on Monday. The company recently said it will spin off its automotive "
     "turbocharger business as well as its home HVAC, fire and security business, following a portfolio review.", "Northwind Corp.", None),
])
def test_divestiture_roles(text, seller, sold):
    found = [e for e in events(text, "en") if e[0] == "Divestiture"]
    assert [(e[2], e[3]) for e in found] == [(seller, sold)], found


def test_an_initial_public_offering_is_a_listing():
    text = "Northwind Corp. launched an initial public offering of its Canadian unit on Monday."
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    assert [(e.type, art.text[e.trigger_start:e.trigger_end]) for e in ex.events] == [
        ("IPO", "initial public offering")]
    assert ex.mentions[ex.events[0].agent].text == "Northwind Corp."


def test_a_multiword_trigger_read_from_its_noun():
    # "joint" is an adjective: the trigger is read from "venture", its span stays the whole phrase
    found = events("Contoso Motors and Fabrikam Inc. formed a joint venture to build batteries.", "en")
    assert [e[:2] for e in found] == [("Partnership", "done")] and {found[0][2], found[0][3]} == {
        "Contoso Motors", "Fabrikam Inc."}, found
