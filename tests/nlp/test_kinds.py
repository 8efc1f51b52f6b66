"""Kinds the name's own words or its place in the sentence say (issue 14, session 17): launched things are
products, a name ending in a product word or in "Group", a region where a place goes, list spans cut, the
letters of "5G". Every sentence is invented."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.nlp.names import entity_cleanup
from tests.nlp.mentions import mention_types as _mentions


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Kestrel launched Zephyr in March. Zephyr now has ten million users. Analysts expect more.", "Zephyr"),
    ("en", "Shares of Kestrel rose after the launch of Zephyr last week. Zephyr has ten million users.", "Zephyr"),
    ("fr", "Les ventes ont bondi depuis le lancement de Dragon Quest Go. Dragon Quest Go a rapporté 100 millions. "
           "Dragon Quest Go est très populaire.", "Dragon Quest Go"),
])
def test_what_is_launched_is_a_product(request, lang, text, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(name) == "Product", found


def test_who_is_appointed_is_no_product(nlp_en):
    # near miss: a person named after a verb that is not a launch verb
    found = _mentions(nlp_en, "Kestrel appointed Maria Lopez in March. Maria Lopez now runs the unit.", "en")
    assert found.get("Maria Lopez") == "Person", found


def test_launch_of_a_company_name_keeps_the_company(nlp_en):
    # near miss: a listed company after "the launch of" stays the company (the gazetteer outweighs the cue)
    found = _mentions(nlp_en, "Analysts cheered the launch of Airbus in 1970. Airbus builds jets.", "en")
    assert found.get("Airbus") == "Company", found


def test_a_name_ending_in_a_product_word_is_a_product(nlp_en):
    found = _mentions(nlp_en, "Customers installed the Tez App last year, Kestrel Software said.", "en")
    assert found.get("Tez App") == "Product", found
    assert found.get("Kestrel Software") == "Company", found  # near miss: a trade word names the company


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Disney détiendra National Geographic Partners, Endemol Shine Group et Star India. Le texte est signé."),
    ("en", "Disney will own National Geographic Partners, Endemol Shine Group and Star India. The deal is signed."),
])
def test_a_name_ending_in_group_is_an_organisation(request, lang, text):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get("Endemol Shine Group") == "Company", found


def test_a_region_where_a_place_goes_is_a_place(nlp_fr):
    text = ("Cette réduction concernera les deux filiales du géant, l'une basée en Isère et l'autre à Lyon. "
            "Le groupe a annoncé la nouvelle hier. Les syndicats protestent.")
    found = _mentions(nlp_fr, text, "fr")
    assert found.get("Isère") == "Place", found


def test_a_company_word_before_an_unknown_name_still_makes_it_an_organisation(nlp_fr):
    # near miss: no region list knows the name, the company word before it stays a cue
    text = "Le géant Volnaris a annoncé la nouvelle hier. Volnaris emploie 200 personnes. Les syndicats protestent."
    found = _mentions(nlp_fr, text, "fr")
    assert found.get("Volnaris") in ("Company", "Organization"), found


def test_the_letters_of_5g_are_no_name(nlp_fr, nlp_en):
    fr = _mentions(nlp_fr, "L'usine de Kumla produira des réseaux 5G avec 60 employés. Le groupe l'a annoncé.", "fr")
    en = _mentions(nlp_en, "The plant in Kumla will make 5G networks. Orbit Labs said so.", "en")
    assert "G" not in fr and "G" not in en, (fr, en)


def _cleaned(nlp, text: str, name: str) -> list[str]:
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline:  # tagging and parsing, then our span on the model's place
        if proc.__class__.__name__ in ("Tok2Vec", "Tagger", "DependencyParser", "AttributeRuler", "Lemmatizer",
                                       "Morphologizer", "SentenceRecognizer"):
            doc = proc(doc)
    start = text.index(name)
    where = doc.char_span(start, start + len(name), alignment_mode="expand")
    doc.ents = [Span(doc, where.start, where.end, label="ORG")]
    return [e.text for e in entity_cleanup(doc).ents]


@pytest.mark.parametrize(("text", "span", "kept"), [
    ("Customers include Coles, Service Harbor and Woodside.", "Coles, Service Harbor", "Coles"),
    ("Lumo raised money from Harbin Capital and Mitsui & Co. last year.", "Harbin Capital and Mitsui & Co.",
     "Harbin Capital"),
    # near misses: one name with "and", one with its legal form after a comma
    ("The fund bought shares of Johnson and Johnson last year.", "Johnson and Johnson", "Johnson and Johnson"),
    ("The fund bought shares of Harbin Capital, Inc. last year.", "Harbin Capital, Inc.", "Harbin Capital, Inc."),
])
def test_a_span_over_a_list_keeps_its_first_name(nlp_en, text, span, kept):
    assert _cleaned(nlp_en, text, span) == [kept]


@pytest.mark.parametrize(("text", "name", "owner"), [
    ("Hulu has joined Norvik's Sling TV in the market.", "Norvik", True),
    ("Hulu has joined Norvik ' s Sling TV in the market .", "Norvik", True),  # a text tokenised with spaces
    # near misses: known places own things too; a possessive before a common noun says nothing
    ("Buyers flocked to Ohio's Kroger stores.", "Ohio", False),
    ("Buyers flocked to China's Huawei phones.", "China", False),
    ("Hulu praised Norvik's market.", "Norvik", False),
])
def test_an_unknown_name_owning_a_name_is_no_town(nlp_en, text, name, owner):
    from kg.nlp.kinds import owner_of_name

    doc = nlp_en(text)
    start = text.index(name)
    assert owner_of_name(doc, doc.char_span(start, start + len(name))) is owner


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Margins should stay flat despite the ORBIT engine production ramp. The ORBIT is entering service.",
     "ORBIT", "Product"),
    ("The turbofan competes with the Zephyr, a new engine from Kestrel Aero, a venture of two firms.", "Zephyr",
     "Product"),
    # near misses: a trade word after the product noun names the firm; a person's name before a film
    ("The Kestrel engine unit said sales rose. Kestrel hired staff.", "Kestrel", "Organization"),
    ("Zephyr, the engine maker, said sales rose. Zephyr hired staff.", "Zephyr", "Company"),
    ("Netflix dropped a Maria Lopez movie that it was producing. Maria Lopez declined to comment.", "Maria Lopez",
     "Person"),
])
def test_a_product_noun_after_the_name(nlp_en, text, name, kind):
    assert _mentions(nlp_en, text, "en").get(name) == kind


@pytest.mark.parametrize(("lang", "text", "gone", "kept"), [
    ("en", "The outcry after the Harbor Express Flight 2210 incident hurt Harbor Airlines in May.",
     "Harbor Express Flight 2210", "Harbor Airlines"),
    ("fr", "Après l'accident du vol Harbor Air Vol 574, Harbor Airlines a perdu des clients.",
     "Harbor Air Vol 574", "Harbor Airlines"),
    ("en", "Shares of Kestrel Labs rose as its drug for chronic lymphocytic leukemia CLL won approval.", "CLL",
     "Kestrel Labs"),
])
def test_a_trip_by_number_and_an_abbreviated_common_noun_are_no_names(request, lang, text, gone, kept):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert gone not in found and kept in found, found


def test_a_heading_preposition_ends_the_name(nlp_en):
    found = _mentions(nlp_en, "Orbit Names Rival CEO Lee to Board Amid Vantor Succession Hunt\nOrbit said so.", "en")
    assert not any("Amid" in name for name in found), found
    # near miss: a name's own "of" stays inside it, capitalised in a heading too
    found = _mentions(nlp_en, "Profit Jumps At Bank Of Orvania\nBank Of Orvania said so.", "en")
    assert not any(name.endswith("Bank") for name in found), found


def test_a_text_ending_with_a_name(nlp_en):
    # nothing follows the last name: no product noun, no possessive to read
    assert _mentions(nlp_en, "Shares of Kestrel rose after the deal with Zephyr Labs", "en").get("Zephyr Labs") == "Company"


@pytest.mark.parametrize("text", [
    "Air Berlin ordered 25 jets from Boeing.",
    "Orbis hired Air Berlin veteran Jane Roe.",
])
def test_air_and_a_place_name_an_airline(nlp_en, text):
    # the small model reads "Air Berlin" as a person or a place
    assert _mentions(nlp_en, text, "en").get("Air Berlin") in ("Company", "Organization"), _mentions(nlp_en, text, "en")
    # a person whose surname is Air stays a person
    assert _mentions(nlp_en, "Jane Air moved to Berlin last year.", "en").get("Jane Air") == "Person"
