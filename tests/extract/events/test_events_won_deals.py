"""A contract or an order that a company wins is its deal, though the client is unnamed; the client is read
from the winning verb's "from" phrase or a name set on the deal noun ("a Pentagon contract"); a company named
by its tie to another ("X parent Y") is the one meant. Invented news sentences."""
from __future__ import annotations

import pytest

from kg.eval.system import make_article, run_product


def partnerships(text: str, lang: str = "en") -> list[tuple]:
    out = next(run_product([make_article("t", text, lang)]))
    ms = out.extraction.mentions

    def name(i):
        return None if i is None else ms[i].text
    return [(name(e.agent), name(e.target)) for e in out.extraction.events if e.type == "Partnership"]


@pytest.mark.parametrize("text, expected", [
    ("Lockheed Martin wins $1.2 billion contract to build missiles.", [("Lockheed Martin", None)]),
    ("Vantor Aerospace has won an order from Qatar Airways for up to 60 jets.", [("Vantor Aerospace", "Qatar Airways")]),
    # the name on "parent" is the other company
    ("Orbis parent Vantor Holdings wins $2 billion contract to supply tankers.", [("Vantor Holdings", None)]),
    # a name set on the deal noun is the other party
    ("Lockheed Martin won a Pentagon contract worth $2 billion.", [("Lockheed Martin", "Pentagon")]),
    ("Qatar Airways placed an Airbus order for 50 jets.", [("Qatar Airways", "Airbus")]),
])
def test_a_won_contract_is_a_deal(text, expected):
    assert partnerships(text) == expected


@pytest.mark.parametrize("text", [
    # a tally of orders, not one deal
    "Vantor Aerospace snagged two key orders for its widebody family on Monday.",
    "The Orbis engine has won 10 times as many orders this year.",
    # a contract signed with nobody named is no deal
    "Contoso Motors signed a contract on Monday.",
    # a partnership that lasts is a state, not a deal made, though its partner is named on it
    "Renault said its Nissan alliance would last.",
])
def test_no_deal_without_a_party_that_wins_one(text):
    assert partnerships(text) == []


def test_co_winners_are_not_each_others_partner():
    # Renault wins a contract (from an unnamed client); Renault and Nissan are not parties to one deal
    assert partnerships("Renault et Nissan ont remporté un contrat.", "fr") == [("Renault", None)]


@pytest.mark.parametrize("text, lang, expected", [
    # a contract awarded is the winner's deal with the client, whichever way the sentence puts it
    ("The Air Force awarded Vantor Aerospace a $2 billion contract to build tankers.", "en",
     [("Vantor Aerospace", "Air Force")]),
    ("NASA awarded a $900 million contract to Orbis Space on Tuesday.", "en", [("Orbis Space", "NASA")]),
    ("Vantor Aerospace was awarded a $900 million contract by NASA.", "en", [("Vantor Aerospace", "NASA")]),
    ("The Pentagon contract was awarded to Vantor Aerospace.", "en", [("Vantor Aerospace", "Pentagon")]),
    ("La SNCF a attribué un contrat de 2 milliards d'euros à Alstom.", "fr", [("Alstom", "SNCF")]),
    ("Le contrat a été attribué à Alstom par la SNCF.", "fr", [("Alstom", "SNCF")]),
    # the client of a contract won "auprès de" (the small French model heads the phrase with the adverb)
    ("Renault a remporté un contrat auprès de la SNCF.", "fr", [("Renault", "SNCF")]),
])
def test_an_awarded_contract_is_the_winners_deal(text, lang, expected):
    assert partnerships(text, lang) == expected


@pytest.mark.parametrize("text", [
    # damages and prizes are awarded too: no deal noun, no deal
    "A jury awarded $38 million to Vantor Aerospace in the patent case.",
    "The Air Force awarded Vantor Aerospace a prize for its safety record.",
])
def test_an_award_of_no_deal_is_none(text):
    assert partnerships(text) == []
