"""Acceptance checks of issue 4 on the sample corpus (data/articles/), with the real models.

Names of the sample articles appear here, in tests, never in code or gazetteers.
"""
from __future__ import annotations

import re

import pytest

from kg.extract import extract
from kg.ingest import read_inputs
from kg.nlp import parse
from kg.resolve import resolve

SAMPLE = "data/articles"


@pytest.fixture(scope="module")
def sample(nlp_en, nlp_fr):
    """lang -> Resolved, for the two sample articles."""
    articles = [a for a in read_inputs([SAMPLE]) if not hasattr(a, "message")]
    return {a.lang: resolve(extract(d, a)) for a, d in parse(articles)}


def _entity(res, i):
    """Key of the entity a mention index stands for."""
    return None if i is None else res.mention_entity[i]


def _events(res, etype):
    return [e for e in res.extraction.events if e.type == etype]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_emoji_hashtag_or_navigation_text_as_entity(sample, lang):
    res = sample[lang]
    for m in res.extraction.mentions:
        assert not re.search(r"[#@\U0001F000-\U0001FFFF\u2600-\u27BF]", m.text), m
        assert m.text.lower() not in ("trending now", "latest post", "gerelateerde items", "please", "ca")
        assert not any(s < m.end and m.start < e for s, e in res.extraction.article.noise), m


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_xiaomi_is_a_company_never_a_person(sample, lang):
    res = sample[lang]
    types = {m.type for m in res.extraction.mentions if m.text.lower().startswith("xiaomi")}
    assert types == {"Company"}
    assert {e.type for e in res.entities if e.key == "organization/xiaomi"} == {"Company"}


def test_english_store_openings(sample):
    res = sample["en"]
    ms = res.extraction.mentions
    openings = _events(res, "StoreOpening")
    creteil = [e for e in openings if any("Créteil" in ms[p].text for p in e.places)]
    assert creteil and creteil[0].date == "2025-11-15" and creteil[0].status == "done"
    assert _entity(res, creteil[0].agent) == "organization/xiaomi"
    follow = [e for e in openings if {ms[p].text for p in e.places} >= {"Velizy", "Gennevilliers"}]
    assert follow and follow[0].status == "planned"
    assert _entity(res, follow[0].agent) == "organization/xiaomi"


def test_french_store_opening(sample):
    res = sample["fr"]
    ms = res.extraction.mentions
    dated = [e for e in _events(res, "StoreOpening") if e.date == "2018-05-22"]
    assert dated and {e.status for e in dated} == {"done"}
    assert {_entity(res, e.agent) for e in dated} == {"organization/xiaomi"}
    assert "rue Sébastopol" in {ms[p].text for e in dated for p in e.places}
    # "vient d'ouvrir une boutique physique à Paris": recent past, dated by the news itself
    assert "place/paris-fr" in {_entity(res, p) for e in dated for p in e.places}


def test_french_teasers_people_and_deals(sample):
    res = sample["fr"]
    key = lambda i: _entity(res, i)  # noqa: E731
    departures = {(key(e.agent), key(e.target)) for e in _events(res, "Departure")}
    assert ("person/matthias de clercq", "organization/coolblue") in departures
    joins = {(key(e.agent), key(e.target)) for e in _events(res, "Appointment")}
    assert ("person/matthias de clercq", "organization/nexxworks") in joins
    investments = {(key(e.agent), key(e.target)) for e in _events(res, "Investment")}
    assert ("person/bernard arnault", "organization/backmarket") in investments
    assert "organization/ceconomy" in {key(e.agent) for e in _events(res, "Divestiture")}
    funding = [e for e in _events(res, "Funding") if key(e.agent) == "organization/backmarket"]
    assert funding and (funding[0].amount, funding[0].currency, funding[0].status) == (41e6, "EUR", "done")
    ipo = _events(res, "IPO")
    assert ipo and key(ipo[0].agent) == "organization/xiaomi" and ipo[0].status == "planned"


def test_french_teaser_dates_use_their_own_date(sample):
    values = {d.text: d.value for d in sample["fr"].extraction.dates}
    assert values["22 mai"] == "2018-05-22"
    assert values["17 juillet"] == "2018-07-17"
    assert values["L’année dernière"] == "2017"
    assert values["06/07/2018"] == "2018-07-06"


def test_coreference_points_at_the_salient_organisation(sample):
    res = sample["fr"]
    ms = res.extraction.mentions
    pairs = {(m.text, ms[m.antecedent].text) for m in ms if m.antecedent is not None}
    assert ("le groupe", "Ceconomy") in pairs  # not MediaMarkt, named in passing
    assert ("La société sud-coréenne", "Samsung") in pairs
    assert ("il", "Matthias De Clercq") in pairs
    assert {ms[m.antecedent].text for m in ms if m.text == "il"} == {"Matthias De Clercq", "Ceconomy"}
    en = sample["en"].extraction.mentions
    assert ("the Chinese tech giant", "Xiaomi") in {(m.text, en[m.antecedent].text) for m in en if m.antecedent is not None}


def test_products_linked_to_their_maker(sample):
    # "plans to introduce its electric cars", "le fabricant de smartphones chinois Xiaomi" (the gold's facts);
    # the catalogue's "categories from smartphones ... to air purifiers" ties no maker by grammar, and the
    # accessories the Paris store sells ("aux côtés d'accessoires, telles que des écouteurs") are no
    # statement of who makes them
    for lang, category, unsaid in (("en", "product/electric car", "product/air purifier"),
                                   ("fr", "product/smartphone", "product/écouteur")):
        res = sample[lang]
        made = {(_entity(res, f.subject), _entity(res, f.object)) for f in res.extraction.facts
                if f.predicate == "produces"}
        assert ("organization/xiaomi", category) in made
        assert not {m for m in made if m[1] == unsaid}


def test_resolution_of_places_and_subsidiaries(sample):
    fr = {e.key: e for e in sample["fr"].entities}
    assert fr["place/barcelona-es"].parent == "place/spain"
    assert fr["place/barcelona-es"].same_as == ("https://sws.geonames.org/3128760/",)
    assert fr["place/united-states"].type == "Country"
    assert fr["organization/coolblue belgique"].parent == "organization/coolblue"
    en = {e.key: e for e in sample["en"].entities}
    assert en["organization/xiaomi france"].parent == "organization/xiaomi"
    assert en["place/paris-fr"].lat == pytest.approx(48.85, abs=0.05)


def test_extraction_is_deterministic(sample, nlp_en):
    articles = [a for a in read_inputs([SAMPLE]) if not hasattr(a, "message") and a.lang == "en"]
    article, doc = next(parse(articles))
    again = resolve(extract(doc, article))
    assert again == sample["en"]
