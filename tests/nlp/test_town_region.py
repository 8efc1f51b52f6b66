"""A town written with its region ("à Wilmington Delaware", "Bethesda, Md.") is two places, and a country
is never the company its neighbouring words describe. Every sentence is invented."""
from __future__ import annotations

import pytest

from tests.nlp.mentions import mention_types as _mentions

PLACES = {"City", "Country", "Place", "Region"}


@pytest.mark.parametrize(("lang", "text", "town", "region"), [
    ("fr", "Le groupe Norvane est basé à Wilmington Delaware depuis 1990.", "Wilmington", "Delaware"),
    ("fr", "L'usine de Kestrel est installée à Sendai Miyagi.", "Sendai", "Miyagi"),
    ("en", "Norvane Inc. is headquartered in Austin Texas, the company said.", "Austin", "Texas"),
    ("en", "Norvane Inc. is headquartered in Bethesda, Md., the company said.", "Bethesda", "Md."),
])
def test_a_town_and_its_region_are_two_places(request, lang, text, town, region):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(town) in PLACES and found.get(region) in PLACES, found
    assert f"{town} {region}" not in found


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Paris Hilton Holdings reported higher sales.", "Paris Hilton Holdings"),  # no place preposition
    ("en", "The retailer opened a store in Salt Lake City.", "Salt Lake City"),  # one place by its own name
])
def test_names_that_only_look_like_a_town_and_a_region_stay_whole(request, lang, text, name):
    assert name in _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)


@pytest.mark.parametrize(("lang", "text", "country"), [
    ("fr", "Norvex est le premier constructeur de Chine.", "Chine"),
    ("fr", "Il a fondé la première banque d'Arabie saoudite, la Kestrel Commercial Bank.", "Arabie saoudite"),
    ("en", "He founded the largest bank of Saudi Arabia, Kestrel Commercial Bank.", "Saudi Arabia"),
])
def test_a_country_is_not_the_company_its_neighbouring_words_describe(request, lang, text, country):
    assert _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang).get(country) == "Country"


def test_what_is_based_somewhere_is_no_place(nlp_fr):
    found = _mentions(nlp_fr, "Le ministère a soutenu les efforts de DuPont basé à Lyon depuis 2002.", "fr")
    assert found.get("DuPont") not in PLACES, found
