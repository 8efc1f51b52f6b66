"""Openings in general are no event: a plural opening noun or uncounted plural shops with no place and no
date ("ces ouvertures de magasins", "By reopening its stores") name no opening an analyst could check; a
specific shop, a count, a place or a date keeps the event. Invented sentences."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def openings(text: str, lang: str) -> list[str]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    ex = extract(get_pipeline(lang)(art.text), art)
    return [e.type for e in ex.events if e.type in ("StoreOpening", "FacilityOpening")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "By reopening its stores, Brightwave Retail hopes to win back shoppers."),
    ("en", "Brightwave Retail said store openings would weigh on its margins."),
    ("fr", "Brightwave Retail compte sur ces ouvertures de magasins pour relancer ses ventes."),
])
def test_generic_openings_are_no_event(lang, text):
    assert openings(text, lang) == []


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Brightwave Retail will open a new store in Toulouse."),
    ("en", "Brightwave Retail reopened its stores in Lyon on Tuesday."),
    ("en", "Brightwave Retail opened 12 stores."),
    ("fr", "Brightwave Retail a ouvert un nouveau magasin à Lyon."),
])
def test_specific_openings_stay(lang, text):
    assert openings(text, lang) != []
