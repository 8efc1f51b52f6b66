"""``operatesIn`` from presence events, on invented sentences through the real stages."""
from __future__ import annotations

import pytest

from kg.extract.presence import EXTRACTOR


def _presence(ex):
    return {(ex.mentions[f.subject].text, ex.mentions[f.object].text) for f in ex.facts
            if f.predicate == "operatesIn" and f.extractor == EXTRACTOR}


@pytest.mark.parametrize("lang,text,org,place", [
    ("en", "The Swedish furniture group Ikea opened a store in Lyon.", "Ikea", "Lyon"),
    ("fr", "Le fabricant de smartphones chinois Xiaomi vient d'ouvrir une boutique à Paris.", "Xiaomi", "Paris"),
])
def test_a_store_opened_somewhere_is_presence_there(extract_text, lang, text, org, place):
    ex = extract_text(text, lang)
    assert (org, place) in _presence(ex)
    fact = next(f for f in ex.facts if f.extractor == EXTRACTOR)
    assert ex.sentences[fact.sentence].text.startswith(text[:20])  # the event's sentence is the provenance


@pytest.mark.parametrize("lang,text", [
    ("en", "Ikea will open a store in Lyon next year."),
    # French: "va ouvrir une boutique à Lyon" gives no event at all yet (kg/extract/events/, another helper's)
])
def test_a_planned_opening_is_no_presence_yet(extract_text, lang, text):
    ex = extract_text(text, lang)
    assert any(e.type == "StoreOpening" for e in ex.events)  # the event is read, as planned
    assert not _presence(ex)
