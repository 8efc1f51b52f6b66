"""A town written with its region is the town of that name there, not the largest of the name."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import parse
from kg.resolve import resolve


def _places(text: str, lang: str = "en") -> dict[str, tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    article, doc = next(parse([art]))
    resolved = resolve(extract(doc, article))
    return {e.label: (e.key, e.type, e.same_as, e.parent) for e in resolved.entities if e.key.startswith("place/")}


@pytest.mark.parametrize("lang, text, town, geonameid", [
    ("en", "Northwind Traders opened a distribution center in Paris, Texas, on Monday.", "Paris", 4717560),
    ("en", "Fabrikam, based in Cambridge, Mass., raised $40 million from investors.", "Cambridge", 4931972),
    ("en", "Contoso will build a bottling plant in Portland, Maine, the company said.", "Portland", 4975802),
    ("fr", "Le groupe Kestrel a ouvert une usine à Paris, au Texas.", "Paris", 4717560),
    ("fr", "La start-up Kestrel a ouvert un bureau à Cambridge, dans le Massachusetts.", "Cambridge", 4931972),
])
def test_a_town_written_with_its_region_is_that_town(lang, text, town, geonameid):
    found = _places(text, lang)
    key, kind, same_as, parent = found[town]
    assert kind == "City" and same_as == (f"https://sws.geonames.org/{geonameid}/",)
    assert key.endswith("-us") and parent == "place/united-states" and "United States" in found


def test_the_town_named_again_alone_is_the_same_town_and_paris_france_stays_in_france():
    found = _places("Northwind Traders opened a depot in Paris, Texas, in May. The Paris depot employs 40 people.")
    assert [key for key, *_ in found.values()].count("place/paris-us") == 1 and "place/paris-fr" not in str(found)
    france = _places("Northwind Traders opened a store in Paris, France, and another in Lyon.")
    assert france["Paris"][0] == "place/paris-fr"
    # the same name written with two countries: each mention keeps its own reading (no guess)
    both = _places("Dalton Foods moved its offices from Paris, Texas, to Paris, France.")
    assert both["Paris"][0] == "place/paris-fr"


def test_a_region_that_is_also_a_town_elsewhere_is_the_region():
    found = _places("Le groupe Kestrel a ouvert une usine à London, en Ontario.", "fr")
    assert found["London"][0] == "place/london-ca" and found["London"][3] == "place/canada"
    assert found["Ontario"][:3] == ("place/ontario", "Place", ())  # not Ontario, California


@pytest.mark.parametrize("name, folded", [
    ("Lamballe", "lamballe"), ("Saint-Brieuc", "saint brieuc"), ("Vélizy-Villacoublay", "velizy villacoublay"),
    ("L\u2019Isle-Adam", "l'isle adam"), ("  Bad   Homburg ", "bad homburg"), ("Ålesund", "alesund"),
])
def test_fold_is_the_same_with_and_without_accents_and_the_ascii_shortcut(name, folded):
    from kg.lexicon import places

    assert places.fold(name) == places._fold(name) == folded


def test_a_town_is_found_by_its_own_name_and_accents_do_not_matter():
    from kg.lexicon import places

    town = places.lookup("Lamballe", towns=True)
    assert (town.kind, town.country, 1_000 <= town.population < 15_000) == ("City", "FR", True)
    assert places.lookup("LAMBALLE", towns=True) == town and places.lookup("Lamballe") is None
