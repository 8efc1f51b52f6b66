"""Company facts, second round (issue 17): seats from a French copula ("est une école de Nantes"),
a bracketed acronym sharing its name's facts, and what a group is made of.

Sentences invented for these tests (no benchmark text), through the real stages and models.
"""
from __future__ import annotations

import pytest


def _name(ex, i):
    m = ex.mentions[i]
    while m.antecedent is not None:
        m = ex.mentions[m.antecedent]
    return m.text


def facts(ex, predicate):
    return {(_name(ex, f.subject), f.value if f.object is None else _name(ex, f.object))
            for f in ex.facts if f.predicate == predicate}


# --- seats by description: "X est une école de Nantes" ---------------------------------------------------

@pytest.mark.parametrize("lang,text,org,place", [
    ("fr", "L'Institut Marlowe est une école de Nantes.", "Institut Marlowe", "Nantes"),
    ("fr", "Kelvane Robotique est une société à Toulouse.", "Kelvane Robotique", "Toulouse"),
    ("en", "The Marlowe Institute is a school in Nantes.", "Marlowe Institute", "Nantes"),
])
def test_an_organisation_described_with_its_town_is_seated_there(extract_text, lang, text, org, place):
    assert (org, place) in facts(extract_text(text, lang), "headquarteredIn")


def test_de_after_a_noun_that_is_no_organisation_gives_no_seat(extract_text):
    # a partner of Nantes is not seated in Nantes: only organisation nouns read "de PLACE" as a town
    ex = extract_text("L'Institut Marlowe est un partenaire de Nantes.", "fr")
    assert any(m.text == "Institut Marlowe" for m in ex.mentions)
    assert facts(ex, "headquarteredIn") == set()


@pytest.mark.parametrize("lang,text,acronym,place", [
    ("fr", "L'Institut Marlowe (IM) est une école de Nantes.", "IM", "Nantes"),
    # an acronym the coreference stage does not link to its name (not its initials)
    ("fr", "La Harwell Lakes University (HALU) est une université de Manchester.", "HALU", "Manchester"),
    ("en", "The Marlowe Institute (MI) is a school in Nantes.", "MI", "Nantes"),
])
def test_a_bracketed_acronym_shares_its_names_facts(extract_text, lang, text, acronym, place):
    # the acronym's own mention is the fact's subject too (the fact's provenance names it)
    ex = extract_text(text, lang)
    assert (acronym, place) in {(ex.mentions[f.subject].text, ex.mentions[f.object].text)
                                for f in ex.facts if f.predicate == "headquarteredIn"}


# --- what a group is made of --------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,group,members", [
    ("fr", "Le groupe Vantor regroupe Vantor Energie SA, Rivex Transports SAS et Solmar Logistique SA.",
     "Vantor", {"Vantor Energie", "Rivex Transports SAS", "Solmar Logistique SA"}),
    ("en", "The Kestrel Industries group comprises Kestrel Energy Inc., Rivex Transport Inc. and Solmar Logistics Inc.",
     "Kestrel Industries", {"Kestrel Energy Inc.", "Rivex Transport Inc.", "Solmar Logistics Inc."}),
    ("en", "The conglomerate Kestrel Industries comprises Kestrel Energy Inc. and Rivex Transport Inc.",
     "Kestrel Industries", {"Kestrel Energy Inc.", "Rivex Transport Inc."}),
])
def test_the_companies_a_group_comprises_are_its_subsidiaries(extract_text, lang, text, group, members):
    assert {(m, group) for m in members} <= facts(extract_text(text, lang), "subsidiaryOf")


@pytest.mark.parametrize("lang,text", [
    # not called a group: a company that "comprises" names may be listing customers
    ("fr", "Kelvane Robotique SA comprend Rivex Transports SAS parmi ses clients."),
    ("en", "Kelvane Robotics Inc. encompasses Rivex Transport Inc. among its customers."),
])
def test_a_company_not_called_a_group_has_no_members(extract_text, lang, text):
    ex = extract_text(text, lang)
    assert any(m.text.startswith("Rivex") for m in ex.mentions)
    assert facts(ex, "subsidiaryOf") == set()


# --- seats in a description set in apposition (French, word order) ----------------------------------------

def test_the_town_of_a_description_in_apposition_is_a_seat(extract_text):
    ex = extract_text("Le fonds a racheté Kelvane Robotique SA, une entreprise de robots industriels à Toulouse, "
                      "pour 40 millions d'euros.", "fr")
    assert ("Kelvane Robotique", "Toulouse") in facts(ex, "headquarteredIn")


@pytest.mark.parametrize("text", [
    "Kelvane Robotique SA, une société présente en Chine, a fermé.",        # presence, not a seat
    "Kelvane Robotique SA, un fournisseur d'Airbus qui exporte en Chine, a fermé.",  # another clause's place
])
def test_a_place_of_presence_in_a_description_is_no_seat(extract_text, text):
    ex = extract_text(text, "fr")
    assert any(m.text == "Kelvane Robotique" for m in ex.mentions)
    assert facts(ex, "headquarteredIn") == set()


# --- employment from titles: the patterns tests/extract/relations/test_titles.py did not cover ----------------

def _raw(ex, predicate):
    def end(f):
        return f.value if f.object is None else ex.mentions[f.object].text
    return {(ex.mentions[f.subject].text, end(f)) for f in ex.facts if f.predicate == predicate}


@pytest.mark.parametrize("lang,text,person,org,title", [
    ("en", "John Miller, senior vice president at Fabrikam Corp., resigned on Monday.",
     "John Miller", "Fabrikam Corp.", "senior vice president"),
    ("en", "The deputy head of Fabrikam Corp., John Miller, resigned on Monday.",
     "John Miller", "Fabrikam Corp.", "deputy head"),
    ("fr", "Ana Ruiz, directrice financière chez Fabrikam, a démissionné lundi.",
     "Ana Ruiz", "Fabrikam", "directrice financière"),
    # a genitive with the department between the title and the name
    ("en", "Fabrikam Corp.'s deputy head of sales John Miller resigned on Monday.",
     "John Miller", "Fabrikam Corp.", "deputy head"),
])
def test_title_gives_employer_and_full_title(extract_text, lang, text, person, org, title):
    ex = extract_text(text, lang)
    assert (person, org) in _raw(ex, "worksFor")
    assert {v for s, v in _raw(ex, "jobTitle") if s == person} == {title}


@pytest.mark.parametrize("text", [
    "Fabrikam Corp.'s head of sales said John Miller resigned on Monday.",   # a new clause after the title
    "Fabrikam Corp.'s head of sales met John Miller on Monday.",
])
def test_a_name_after_a_genitive_title_in_another_clause_is_not_its_holder(extract_text, text):
    ex = extract_text(text, "en")
    assert any(m.text == "John Miller" for m in ex.mentions)
    assert ("John Miller", "Fabrikam Corp.") not in _raw(ex, "worksFor")
