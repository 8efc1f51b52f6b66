"""Where a type cue reaches and what it says (issue 14, session 18): a studio is a company, an apposition
does not open with a preposition, a title describes the nearest name, founders listed by name are people,
what is sold is a product, a mine is a facility, a heading preposition ends a name. Every sentence is
invented."""
from __future__ import annotations

import pytest

from tests.nlp.mentions import mention_types as _mentions


def test_a_development_studio_is_a_company(nlp_fr):
    found = _mentions(nlp_fr, "Le studio de développement Kelvora a publié une mise à jour de son jeu. "
                              "Kelvora emploie 300 personnes.", "fr")
    assert found.get("Kelvora") == "Company", found


def test_a_phrase_opened_by_a_preposition_is_no_apposition(nlp_fr):
    # "au nom de la Société ..." says on whose behalf the person speaks, not what the person is
    found = _mentions(nlp_fr, "Marie Durand et Antoine Lefort, au nom de la Société des Lecteurs du Journal.", "fr")
    assert found.get("Antoine Lefort") == "Person", found


def test_an_apposition_still_types_the_name(nlp_fr):
    # near miss: a real apposition keeps its cue
    found = _mentions(nlp_fr, "Kelvora, une société de Lyon, a publié une mise à jour.", "fr")
    assert found.get("Kelvora") == "Company", found


def test_a_title_describes_the_nearest_name_only(nlp_fr):
    found = _mentions(nlp_fr, "Le vice-président d'Airbus pour l'Asie-Pacifique, Jean Morel, a parlé.", "fr")
    assert found.get("Airbus") == "Company", found
    assert found.get("Asie-Pacifique") in ("Place", "Region"), found


def test_founders_listed_by_name_are_people(nlp_en):
    found = _mentions(nlp_en, "Before the first product shipped, Kestrel founders Tony Marsh and Erik Lund met "
                              "investors in Boston. Marsh later left.", "en")
    assert found.get("Tony Marsh") == "Person", found
    assert found.get("Erik Lund") == "Person", found


def test_analysts_before_one_name_still_name_a_firm(nlp_en):
    # near miss: the plural title before a single name keeps naming the firm
    found = _mentions(nlp_en, "Shares rose 4%, according to analysts Wedbush.", "en")
    assert found.get("Wedbush") in ("Company", "Organization"), found


def test_what_is_sold_is_a_product(nlp_en):
    found = _mentions(nlp_en, "Retailer shares fell despite better than expected Zephyr Switch sales.", "en")
    assert found.get("Zephyr Switch") == "Product", found


def test_a_company_with_sales_stays_a_company(nlp_en):
    # near miss: a listed company's sales are the company's
    found = _mentions(nlp_en, "Walmart sales rose while John Smith sold his stake.", "en")
    assert found.get("Walmart") == "Company", found
    assert found.get("John Smith") == "Person", found


def test_a_named_mine_is_a_facility(nlp_en):
    found = _mentions(nlp_en, "Output fell at the Tarkan gold mine in Chile. The Tarkan gold mine reopened in May.", "en")
    assert found.get("Tarkan") == "Facility", found


@pytest.mark.parametrize("text", [
    "Orbital Elects Delta CEO Marsh to Board Amid Lund Succession Hunt\n"
    "Orbital said on Tuesday that Ann Marsh joined its board.",
])
def test_a_heading_preposition_tagged_as_a_name_ends_it(nlp_en, text):
    found = _mentions(nlp_en, text, "en")
    assert not any("Amid" in name for name in found), found


def test_what_has_a_management_is_an_organisation(nlp_fr):
    found = _mentions(nlp_fr, "La crise à Télé-Zelvo continue. La direction de Télé-Zelvo a répondu aux "
                              "salariés de Télé-Zelvo.", "fr")
    assert found.get("Télé-Zelvo") == "Organization", found


def test_a_town_with_employees_stays_a_town(nlp_fr):
    # near miss: a known city keeps its place type; the cue only speaks for names no gazetteer knows
    found = _mentions(nlp_fr, "Les salariés de Marseille ont manifesté à Marseille.", "fr")
    assert found.get("Marseille") == "City", found


def test_a_word_a_listed_name_cut_off_is_no_name(nlp_en):
    found = _mentions(nlp_en, "The fund counts members of the Walt Disney family among its backers. "
                              "Shares of Walt Disney rose.", "en")
    assert "Walt" not in found, found
    assert found.get("Disney") == "Company", found


def test_technology_abbreviations_are_no_names(nlp_en):
    found = _mentions(nlp_en, "Kestrel sells AR headsets and VR games from Denver.", "en")
    assert "AR" not in found and "VR" not in found, found
