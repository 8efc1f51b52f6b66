"""A name set on an English event noun ("the WhatsApp takeover", a headline's "Norvik acquisition of Pellham
Foods") is what is acted on, or, with an "of" phrase, the doer; on invented news sentences."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def acquisitions(text: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    name = lambda i: None if i is None else ex.mentions[i].text  # noqa: E731
    return [(name(e.agent), name(e.target)) for e in ex.events if e.type == "Acquisition"]


@pytest.mark.parametrize("text", [
    "Regulators fined Norvik over the Whatsapp takeover.",
    "Norvik expects the Pellham Foods purchase to add to its earnings.",
    "Norvik will be a top grocer with Pellham Foods acquisition",
])
def test_the_name_on_the_noun_is_what_is_bought(text):
    target = "Whatsapp" if "Whatsapp" in text else "Pellham Foods"
    assert acquisitions(text) == [("Norvik", target)]


def test_with_an_of_phrase_the_name_on_the_noun_is_the_buyer():
    text = "Norvik acquisition of Pellham Foods will not be blocked, CEO predicts"
    assert acquisitions(text) == [("Norvik", "Pellham Foods")]


@pytest.mark.parametrize("text", [
    "Analysts praised the Norvik acquisition strategy on Monday.",
    "The infrastructure purchase by Norvik was approved by the city.",
])
def test_a_noun_that_only_describes_or_names_no_company_is_no_acquisition(text):
    assert acquisitions(text) == []
