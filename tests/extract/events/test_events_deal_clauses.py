"""Deals, funding rounds and launches read from more of the clause, on invented news sentences: "work with" and
"tie up with", the parties of "a collaboration between X and Y", the buyer hung on the goods of an order, the
other party of the clause a deal trades in, a multiword deal noun as trigger, a funding round raised with no
amount, and the subject of a gerund after "by"/"after"; and what stays no event."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def events(text: str, kind: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    ms = ex.mentions

    def name(i):
        return None if i is None else ms[ms[i].antecedent if ms[i].antecedent is not None else i].text

    return [(art.text[e.trigger_start:e.trigger_end], e.status, name(e.agent), name(e.target))
            for e in ex.events if e.type == kind]


@pytest.mark.parametrize("text, expected", [
    ("Northwind Corp. will work with Contoso Ltd. on self-driving software.",
     ("work with", "planned", "Northwind Corp.", "Contoso Ltd.")),
    ("Northwind Corp. is tying up with Contoso Ltd. to sell phones in India.",
     ("tying up with", "done", "Northwind Corp.", "Contoso Ltd.")),
    # two parties coordinated in the "between" phrase of a deal a verb makes
    ("The companies announced a collaboration between Northwind Corp. and Contoso Ltd.",
     ("collaboration", "done", "Northwind Corp.", "Contoso Ltd.")),
    # who orders hangs on the goods: "an order for 40 trucks from Contoso"
    ("Northwind Corp. won an order for 40 trucks from Contoso Ltd.",
     ("order", "done", "Northwind Corp.", "Contoso Ltd.")),
    # the other party of the clause a deal trades in
    ("Northwind Corp. struck a deal to supply batteries to Contoso Ltd.",
     ("deal", "done", "Northwind Corp.", "Contoso Ltd.")),
    ("Northwind Corp. reached an agreement to buy engines from Fabrikam Inc. for its new jet.",
     ("agreement", "done", "Northwind Corp.", "Fabrikam Inc.")),
    # a deal noun of several words is the trigger the light verb carries
    ("Northwind Corp. signed a memorandum of understanding with Contoso Ltd. for eight jets.",
     ("memorandum of understanding", "done", "Northwind Corp.", "Contoso Ltd.")),
])
def test_deal_read_from_the_clause(text, expected):
    assert events(text, "Partnership") == [expected]


@pytest.mark.parametrize("text", [
    "Northwind Corp. refused to work with Contoso Ltd.",
    # a venture that exists is a state
    "Northwind Corp., a joint venture between Contoso Ltd. and Fabrikam Inc., makes batteries.",
    # a unit changing hands is a takeover, not a supply deal
    "Northwind Corp. reached an agreement to sell its chip unit to Contoso Ltd.",
    "Northwind Corp. tied up $2 billion in inventory.",
    # a name on a noun is not the party: planes are what the engines go to
    "The engine maker also has orders to provide engines to about 1,000 non-Airbus planes.",
    # a speech against a deal names one side of it; a brand sold is a takeover; software works with a device
    "Senator Jane Roe spoke last week against the cancelled deal to lease 100 tankers from Contoso Ltd.",
    "Northwind Corp. said it was cancelling a deal to sell Opel to Contoso Ltd.",
    "The update, Northwind Software 1.1, works with the Contoso Nano player.",
    # a person's work history: "who" is a person, not the company the person is at
    "Northwind Corp.'s chief executive, who worked with Contoso Ltd. for a decade, resigned on Monday.",
    "Jane Roe, a consultant at Northwind Corp. who previously worked with Contoso Ltd., said the plan was sound.",
    # being ordered to act is someone else's wish
    "The Air Force was ordered by Congress to work with Contoso Ltd. on the new tanker program.",
])
def test_no_deal_where_none_is_made(text):
    assert events(text, "Partnership") == []


def test_a_funding_round_raised_with_no_amount():
    assert events("Lumen Data is raising a new round of financing from venture investors.", "Funding") == [
        ("financing", "done", "Lumen Data", None)]


@pytest.mark.parametrize("text", [
    "Northwind Corp. raised its dividend in May.",
    "Northwind Corp. raised concerns about the deal.",
])
def test_raising_what_is_no_funding(text):
    assert events(text, "Funding") == []


@pytest.mark.parametrize("text, kind, expected", [
    ("Northwind Corp. hopes to lead the scooter market by rolling out three new models.", "ProductLaunch",
     ("rolling out", "Northwind Corp.")),
    ("After introducing a video tab last year, Northwind Corp. said it would add music.", "ProductLaunch",
     ("introducing", "Northwind Corp.")),
    ("Northwind Corp. grew by acquiring Contoso Ltd. in 2015.", "Acquisition", ("acquiring", "Northwind Corp.")),
])
def test_a_gerund_after_by_or_after_shares_the_subject(text, kind, expected):
    assert [(e[0], e[2]) for e in events(text, kind)] == [expected]


@pytest.mark.parametrize("text", [
    "Instead of buying Contoso Ltd., Northwind Corp. built its own chips.",
    "Without acquiring Contoso Ltd., Northwind Corp. could not grow.",
])
def test_a_gerund_of_what_was_not_done_is_no_event(text):
    assert events(text, "Acquisition") == []


def test_a_gerund_after_by_that_is_the_means_of_the_same_event_is_not_a_second_one():
    text = "Northwind Corp. said it is divesting itself of the Contoso Group by selling it to Fabrikam Inc."
    assert [e[0] for e in events(text, "Divestiture")] == ["divesting"]
