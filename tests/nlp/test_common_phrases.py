"""Session 16 typing rules: common-word phrases of headings and qualifying phrases are no names, model
numbers open product names, and a one-word French "location" no gazetteer knows and no text puts where a
place goes is an organisation. Every sentence is invented."""
from __future__ import annotations

import pytest

from kg.lexicon.words import words
from tests.nlp.mentions import mention_types as _mentions


@pytest.mark.parametrize(("lang", "text", "junk", "name"), [
    ("en", "Why Orbital Dynamics Is at an Inflection Point\nOrbital Dynamics said revenue rose 12% in the quarter.",
     "Inflection Point", "Orbital Dynamics"),
    ("en", "Halvard Partners reiterates Orbital Dynamics stock as Highly Attractive, with a $90 price target on shares.",
     "Highly Attractive", "Orbital Dynamics"),
    # a heading's capitals hide the verb's inflection from the lemmatizer ("Mulls")
    ("en", "Kestrel Air Confident About $3 Billion Vantor Deal as U.S . Mulls Sanctions\n"
           "Kestrel Air signed a deal for 20 jets.", "Mulls Sanctions", "U.S"),
    ("fr", "Résultats : Forte Hausse Pour Velmont\nVelmont a publié jeudi des ventes en hausse.",
     "Forte Hausse", "Velmont"),
])
def test_common_word_phrases_are_no_names(request, lang, text, junk, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert junk not in found and name in found, found


@pytest.mark.parametrize("text", [
    # a name of common words opening a running sentence is a name, not a heading
    "Orbital Dynamics Faces an Inflection Point\nOrbital Dynamics said revenue rose 12% in the quarter.",
    # a sentence full of capitalised names, with a verb in lower case, is no heading
    "Lumen Air ordered ten 797 Skyliners and two 686 Stratojets from Vantor Aerospace.",
])
def test_names_of_common_words_in_running_text_stay(nlp_en, text):
    found = _mentions(nlp_en, text, "en")
    assert {"Orbital Dynamics", "Lumen Air"} & set(found), found


def test_the_word_lists_come_from_the_models():
    en, fr = words("en"), words("fr")
    assert "inflection" in en.common and "attractive" in en.qualities and "attractive" not in en.nouns
    assert "hausse" in fr.nouns and "ubisoft" not in fr.common


_MORE = " Le projet a été présenté jeudi. Il doit aboutir en 2027."


@pytest.mark.parametrize(("text", "name"), [
    ("Les fonctionnaires de Ligarena ont publié un communiqué officiel." + _MORE, "Ligarena"),
    ("Les studios Ubisoft Annecy, Brackwell et Ubisoft Shanghai travailleront sur le projet." + _MORE, "Brackwell"),
])
def test_an_unknown_french_location_nowhere_put_as_a_place_is_an_organisation(nlp_fr, text, name):
    found = _mentions(nlp_fr, text, "fr")
    assert found.get(name) == "Organization", found


def test_one_sentence_is_too_little_text_to_unmake_a_place(nlp_fr):
    found = _mentions(nlp_fr, "Les fonctionnaires de Ligarena ont publié un communiqué officiel.", "fr")
    assert found.get("Ligarena") == "Place", found


@pytest.mark.parametrize(("text", "name", "kind"), [
    # a facility word in lower case ends a name cut from "St . Louis airport"
    ("Vantor Aerospace will assemble the jet at its plant by the St . Louis airport . The plant employs 900 people .",
     "Louis airport", "Facility"),
])
def test_a_name_ending_in_a_facility_word_in_lower_case_is_a_facility(nlp_en, text, name, kind):
    found = _mentions(nlp_en, text, "en")
    assert found.get(name) == kind, found


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("L'usine de Kumla sera reconvertie.", "Kumla", "Place"),  # a town the towns gazetteer knows
    ("Edmonton, la capitale de l'Alberta, a légalisé le service.", "Alberta", "Place"),  # a province
])
def test_known_french_places_stay_places(nlp_fr, text, name, kind):
    found = _mentions(nlp_fr, text, "fr")
    assert found.get(name) in (kind, "City", "Region"), found


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Kestrel Pharma says its pill could compete with the eczema drug, Zelvora, which Halvard Biotech sells.",
     "Zelvora"),
    ("en", "Doctors prefer the drug Zelvora for severe cases, Halvard Biotech said.", "Zelvora"),
    ("fr", "Velmont va livrer à Airbus les premiers moteurs Altaris en avril.", "Altaris"),
    ("fr", "Les compteurs intelligents « Lumix » arrivent dans les foyers.", "Lumix"),
])
def test_a_kind_of_product_before_a_name_makes_it_a_product(request, lang, text, name):
    found = _mentions(request.getfixturevalue(f"nlp_{lang}"), text, lang)
    assert found.get(name) == "Product", found


def test_the_maker_after_a_kind_of_product_stays_the_maker(nlp_en):
    found = _mentions(nlp_en, "The drug Halvard Biotech sells costs $900 a month.", "en")
    assert found.get("Halvard Biotech") == "Company", found
