"""A noun the English model reads as a gerund ("the acquisition of messaging service WhatsApp": "messaging"
tagged as a verb) still gives the "of" complement its thing, on invented news sentences."""
from __future__ import annotations

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def acquisitions(text: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    name = lambda i: None if i is None else ex.mentions[i].text  # noqa: E731
    return [(name(e.agent), name(e.target)) for e in ex.events if e.type == "Acquisition"]


def test_the_thing_after_a_misread_gerund_is_the_target():
    text = "The fine came as result of Facebook's acquisition of messaging service WhatsApp in 2014."
    assert acquisitions(text) == [("Facebook", "WhatsApp")]


def test_a_real_gerund_with_no_company_is_no_acquisition():
    assert acquisitions("Northwind Corp.'s acquisition of training staff pleased Fabrikam Inc. in May.") == []
