"""Titles that are the complement of a role-frame noun: "took the position of CFO", "la fonction de directeur"."""
from __future__ import annotations

import pytest

CASES = [
    ("en", "Jane Smith joined the bank in 2010 and took the position of chief financial officer two years later.",
     "Jane Smith", "chief financial officer"),
    ("fr", "Matthias Durand, manager de Coolblue Belgique, quitte l’entreprise pour rejoindre la société de "
           "consultance Nexxworks, où il occupera la fonction de directeur commercial à partir du 17 juillet.",
     "Matthias Durand", "directeur commercial"),
]


@pytest.mark.parametrize(("lang", "text", "person", "title"), CASES)
def test_title_after_role_frame_noun_goes_to_the_clause_subject(extract_text, lang, text, person, title):
    ex = extract_text(text, lang)
    titles = {(ex.mentions[f.subject].text, f.value) for f in ex.facts if f.predicate == "jobTitle"}
    assert (person, title) in titles


def test_a_role_frame_noun_that_is_not_an_object_gives_no_holder(extract_text):
    # "the position of CFO" as a subject says nothing about who holds it
    ex = extract_text("The position of chief financial officer at Acme Corp remains vacant, Jane Smith said.")
    assert not [f for f in ex.facts if f.predicate == "jobTitle" and f.value == "chief financial officer"]


def test_french_sample_teasers_give_the_people_their_roles(nlp_fr):
    """Issue 4 acceptance: the people of the French article's teasers come with their roles."""
    from kg.extract import extract
    from kg.ingest import read_inputs
    from kg.nlp import parse
    from kg.resolve import resolve

    [article] = [a for a in read_inputs(["data/articles/xiaomi-paris-2018-fr.txt"]) if not hasattr(a, "message")]
    article, doc = next(parse([article]))
    res = resolve(extract(doc, article))
    roles = {(res.mention_entity[f.subject], f.value) for f in res.extraction.facts if f.predicate == "jobTitle"}
    assert {("person/matthias de clercq", "manager"), ("person/matthias de clercq", "directeur commercial"),
            ("person/bernard arnault", "PDG")} <= roles
