"""Verbs that launch only a named product ("announced the Aurora 5", "began shipping the Model Q"), on invented
news sentences: announcing an order, results or shares is no launch."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def launches(text: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    return [(art.text[e.trigger_start:e.trigger_end], ex.mentions[e.agent].text)
            for e in ex.events if e.type == "ProductLaunch"]


@pytest.mark.parametrize("text, expected", [
    ("Fabrikam Inc. began shipping the Model Q sedan in March.", ("began shipping", "Fabrikam Inc.")),
    ("Northwind Corp. on Tuesday announced the Aurora 5 electric scooter.", ("announced", "Northwind Corp.")),
])
def test_announcing_or_shipping_a_named_product_is_a_launch(text, expected):
    assert launches(text) == [expected]


@pytest.mark.parametrize("text", [
    "Northwind Corp. announced an order for 40 Zephyr X2 jets from Fabrikam Inc.",
    "Northwind Corp. announced its quarterly results on Monday.",
    "Fabrikam Inc. began selling its shares in March.",
])
def test_announcing_anything_but_a_product_is_no_launch(text):
    assert launches(text) == []
