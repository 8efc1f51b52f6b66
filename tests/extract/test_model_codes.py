"""A model code that a determiner or a maker's name introduces ("the RTX 4090", "its QX 7700 Pro", "the
A320neo") names a product the small NER misses; what is launched can then be read from it. Invented news
sentences, through the real stages and models."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def _extraction(text: str):
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    return extract(get_pipeline("en")(art.text), art)


def _types(text: str) -> dict[str, str]:
    return {m.text: m.type for m in _extraction(text).mentions}


@pytest.mark.parametrize("text, product", [
    ("Orbis said its new card will compete with the RTX 4090 in the spring.", "RTX 4090"),
    ("Orbis priced its QX 7700 Pro at $999.", "QX 7700 Pro"),
    ("Airlines ordered 40 of the A320neo last year.", "A320neo"),
])
def test_a_model_code_is_a_product(text, product):
    assert _types(text).get(product) == "Product"


@pytest.mark.parametrize("text, code", [
    ("Congress passed the HR 1234 bill on Tuesday.", "HR 1234"),  # a bill (cue list not_model_code)
    ("Orbis cut costs in the FY 2018 budget.", "FY 2018"),  # a fiscal year
    ("Half of the patients reached PASI 100 after a year.", "PASI 100"),  # no determiner, no maker: a score
    ("Orbis took out a SEK 500 million loan.", "SEK 500"),  # an amount
    ("Orbis repaid the USD 300 it owed.", "USD 300"),  # a currency
])
def test_no_product(text, code):
    assert _types(text).get(code) != "Product"


def test_a_launch_is_read_through_the_relative_pronoun():
    ex = _extraction("Orbis will compete with its rival's newest card, the QX 7700 Pro, which was announced in March.")
    launches = [e for e in ex.events if e.type == "ProductLaunch"]
    assert [ex.mentions[e.product].text for e in launches] == ["QX 7700 Pro"]


def test_an_order_announced_is_no_launch():
    ex = _extraction("Analysts expected Emirates to announce an A380 order at the air show.")
    assert not [e for e in ex.events if e.type == "ProductLaunch"]
