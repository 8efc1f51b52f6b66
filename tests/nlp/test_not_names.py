"""Places only where a place is meant; weekdays, months and titles are no names; firms of analysts
are organisations. Every sentence is invented."""
from __future__ import annotations

import pytest

from kg.lexicon import places
from tests.nlp.mentions import mention_types as _mentions


@pytest.mark.parametrize(("lang", "text", "word"), [
    ("fr", "Lundi, Monsanto a annoncé la fermeture de son usine de Lyon.", "Lundi"),
    ("fr", "Dimanche, Samsung a lancé un téléphone en Corée du Sud.", "Dimanche"),
    ("en", "On Monday, Orbital Dynamics said its sales rose in Ohio.", "Monday"),
    ("en", "Sunday was quiet for Orbital Dynamics.", "Sunday"),
    ("fr", "Janvier a été un mois difficile pour Volnay Industries.", "Janvier"),
])
def test_weekdays_and_months_are_no_names(request, lang, text, word):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert word not in found, found


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("fr", "Mardi, le PDG Jean Dupont était à Créteil.", "Jean Dupont"),
    ("en", "CEO Dana Whitfield said Orbital Dynamics would hire.", "Dana Whitfield"),
])
def test_a_title_is_not_part_of_the_name(request, lang, text, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(name) == "Person", found


@pytest.mark.parametrize(("lang", "text", "name", "kind"), [
    # a surname that is also a small town: the person, never the town
    ("en", "President Ann Taylor met investors in Boston. Taylor said the merger would close in June.",
     "Taylor", "Person"),
    # a company named like a small town: no place without place context
    ("fr", "Monsanto a annoncé lundi la fermeture d'une usine. Monsanto emploie 300 personnes.", "Monsanto",
     "Organization"),
    # the same small town where the text puts a place
    ("en", "Acme Corp opened a plant in Taylor last year.", "Taylor", "City"),
    ("en", "The retailer will open two more stores in Gennevilliers and Velizy next year.", "Velizy", "City"),
])
def test_places_only_where_a_place_is_meant(request, lang, text, name, kind):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(name) == kind, found


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Shares rose 4%, according to analysts Wedbush.", "Wedbush"),
    ("en", "According to analysts Kestrel Research, the deal is good for shareholders.", "Kestrel Research"),
    ("fr", "Selon les analystes Oddo, le titre va monter.", "Oddo"),
])
def test_analysts_firms_are_organisations(request, lang, text, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(name) in ("Company", "Organization"), found


def test_one_analyst_is_a_person(nlp_en):
    assert _mentions(nlp_en, "Analyst Dan Ives said the deal was good.", "en").get("Dan Ives") == "Person"


def test_strict_lookup_keeps_only_names_that_are_places_anywhere():
    assert places.lookup("Juno").name == "Juneau" and places.lookup("Juno", strict=True) is None
    assert places.lookup("Monsanto", strict=True) is None and places.lookup("Toulouse", strict=True).kind == "City"
    assert places.lookup("Barcelone", strict=True).name == "Barcelona"  # a big city by any of its names
    assert places.lookup("U.S.").name == places.lookup("USA").name == "United States"


def test_a_title_case_headline_names_only_its_subject(nlp_en):
    found = _mentions(nlp_en, "Acme Mulls Sanctions Against Orbital Dynamics", "en")
    assert set(found) == {"Acme"}, found
    found = _mentions(nlp_en, "Target Is Closing Stores In Chicago\n\nTarget said on Monday it would close 9 stores.",
                      "en")
    assert set(found) == {"Target"}, found


@pytest.mark.parametrize(("lang", "text", "word", "kept"), [
    ("en", "Tech\nOrbital Dynamics unveiled a faster GPU for data centres on Tuesday.", "GPU", "Orbital Dynamics"),
    ("en", "Finance\nVolnay Industries said its EPS rose in the third quarter.", "EPS", "Volnay Industries"),
    ("fr", "Économie\nLe groupe Volnay Industries lance un SUV électrique en Europe.", "SUV", "Volnay Industries"),
])
def test_headings_and_generic_abbreviations_are_no_names(request, lang, text, word, kept):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert word not in found and text.split("\n")[0] not in found and kept in found, found


def _span(doc, text, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return doc.char_span(start, start + len(word))


@pytest.mark.parametrize(("lang", "text", "word", "nth", "heading"), [
    ("en", "Kestrel Nears An Inflection Point\nKestrel Robotics said it had reached an inflection point in "
     "cloud sales.", "Inflection Point", 0, True),
    ("en", "Kestrel Nears An Inflection Point\nKestrel Robotics said it had reached an inflection point in "
     "cloud sales.", "Kestrel", 0, False),
    ("fr", "Communiqué de Volnay Industries\nDans un communiqué publié lundi, Volnay Industries a annoncé "
     "la fermeture de son usine.", "Communiqué", 0, True),
    # capitalised inside a running sentence once: a name, though the article also writes "target"
    ("en", "Target Raises Outlook\nShares of Target rose after analysts lifted their price target.", "Target", 1,
     False),
])
def test_words_only_a_heading_capitalises_are_no_names(request, lang, text, word, nth, heading):
    from kg.nlp.names import headline_words, keeps_name

    doc = request.getfixturevalue(f"nlp_{lang}")(text)
    span = _span(doc, text, word, nth)
    assert headline_words(doc, span) is heading
    assert keeps_name(doc, span, lang) is not heading


def test_a_french_demonym_noun_is_no_name(nlp_fr):
    from kg.nlp.names import keeps_name

    text = "Les Américains achètent moins de voitures, selon Volnay Industries, installée à Lyon."
    doc = nlp_fr(text)
    assert not keeps_name(doc, _span(doc, text, "Américains"), "fr")
    assert keeps_name(doc, _span(doc, text, "Volnay Industries"), "fr")
    assert "Américains" not in _mentions(nlp_fr, text, "fr")
    # a country whose name is also its adjective, written in lower case under a heading that opens with it
    text = "Philippines : le pays lance une campagne\nLes autorités philippines ont annoncé la campagne."
    doc = nlp_fr(text)
    assert keeps_name(doc, _span(doc, text, "Philippines"), "fr")


def test_a_person_name_with_a_number_or_a_code_is_a_model_name(nlp_en):
    from kg.nlp.types import _model_name

    text = ("Zephyr One, Orion XL and Orion RX Vega sold well, said Jane Holloway, who met Pope John Paul II and "
            "John XXIII.")
    doc = nlp_en(text)
    shapes = {w: _model_name(_span(doc, text, w)) for w in ("Zephyr One", "Orion XL", "Orion RX Vega", "Jane Holloway",
                                                              "John Paul II", "John XXIII")}
    # a regnal number is Roman; "XL" is a size, never a king's number
    assert shapes == {"Zephyr One": True, "Orion XL": True, "Orion RX Vega": True, "Jane Holloway": False,
                      "John Paul II": False, "John XXIII": False}
    found = _mentions(nlp_en, "AMD said Radeon RX Vega will ship in August.", "en")
    assert found.get("Radeon RX Vega") == "Product", found


def test_an_investment_call_opening_a_headline_is_not_part_of_the_name(nlp_en):
    from kg.nlp.names import entity_cleanup

    text = "Why Investors Should Buy Kestrel Now\nKestrel Robotics said its sales rose in Ohio."
    doc = nlp_en(text)
    # the span the small model reads as a person in such headlines ("Buy" as a first name)
    doc.ents = [doc.char_span(text.index("Buy"), text.index(" Now"), label="PERSON")]
    assert [e.text for e in entity_cleanup(doc).ents] == ["Kestrel"]


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Shares of Orvane Robotics fell 2% on Friday while the S&P 500 slipped 0.4%.", "S&P 500"),
    ("en", "The Dow Jones Industrial Average closed at a record as Helios Motors rallied.", "Dow Jones Industrial Average"),
    ("fr", "Le CAC 40 a reculé de 1 % tandis que Volnay Industries progressait.", "CAC 40"),
])
def test_market_indices_are_products_not_companies(request, lang, text, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(name) == "Product", found


def test_the_agent_of_a_passive_verb_is_no_place_unless_a_gazetteer_says_so(nlp_en):
    # the small model reads a data provider as a place; "by France" stays the country
    found = _mentions(nlp_en, "Profit beat the average of estimates compiled by Bloomberg, the company said.", "en")
    assert found.get("Bloomberg") in ("Organization", "Company"), found
    found = _mentions(nlp_en, "The tariffs on Orvane Robotics were imposed by France in May.", "en")
    assert found.get("France") == "Country", found


@pytest.mark.parametrize(("lang", "text", "name", "parts"), [
    ("en", 'Orbis named a new chief.\nAlexandra "Alex" Kestrel, 49, who joined Orbis in 1989, will run its beauty unit.',
     'Alexandra "Alex" Kestrel', ("Alexandra", "Alex", "Kestrel")),
    ("en", "Analysts were surprised. William “Bill” Hadley will succeed Dana Reyes as chief executive of Orbis.",
     "William “Bill” Hadley", ("William", "Bill", "Hadley")),
    ("fr", "Le groupe change de patron. Jean « Johnny » Valmont rejoindra Orbis en mars.", "Jean « Johnny » Valmont",
     ("Jean", "Johnny", "Valmont")),
])
def test_a_nickname_in_quotes_is_part_of_the_person_s_name(request, lang, text, name, parts):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(name) == "Person", found
    assert not set(parts) & set(found), found


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("fr", "Siemens-Gamesa supprime 6000 emplois.", "Siemens-Gamesa"),
    ("fr", "La multinationale Siemens - Gamesa a annoncé la suppression de 6 000 emplois.", "Siemens - Gamesa"),
])
def test_a_company_name_the_model_cut_at_a_hyphen_is_whole(request, lang, text, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert name in found and "Siemens" not in found, found


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("fr", "Disney rachète la 21st Century Fox pour 66 milliards de dollars.", "21st Century Fox"),
    ("en", "The 20th Century Studios film opened on Friday.", "20th Century Studios"),
])
def test_an_ordinal_that_opens_a_name_is_part_of_it(request, lang, text, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert name in found and "Century Fox" not in found and "Century Studios" not in found, found
