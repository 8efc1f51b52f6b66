"""Job titles keep their rank ("deputy head", "directrice financière"), and a deputy is no chief executive.

Invented news sentences, run through the real stages (entities, parse, relation rules and classifier).
"""
from __future__ import annotations

import pytest


def _facts(ex):
    def end(f):
        return f.value if f.object is None else ex.mentions[f.object].text
    return {(ex.mentions[f.subject].text, f.predicate, end(f)) for f in ex.facts}


@pytest.mark.parametrize("lang,text,person,org,title", [
    ("en", "John Miller, deputy head of Fabrikam Corp., resigned on Monday.",
     "John Miller", "Fabrikam Corp.", "deputy head"),
    ("en", "Fabrikam Corp.'s senior vice president John Miller resigned on Monday.",
     "John Miller", "Fabrikam Corp.", "senior vice president"),
    ("en", "John Miller, the deputy chief executive of Fabrikam Corp., resigned on Monday.",
     "John Miller", "Fabrikam Corp.", "deputy chief executive"),
    ("fr", "Ana Ruiz, directrice financière de Fabrikam, a démissionné lundi.",
     "Ana Ruiz", "Fabrikam", "directrice financière"),
    ("fr", "Paul Martin, directeur général délégué de Fabrikam, a démissionné lundi.",
     "Paul Martin", "Fabrikam", "directeur général délégué"),
    ("fr", "Le directeur général adjoint de Fabrikam, Paul Martin, a démissionné lundi.",
     "Paul Martin", "Fabrikam", "directeur général adjoint"),
    ("fr", "Ana Ruiz, senior vice president de Fabrikam, a démissionné lundi.",
     "Ana Ruiz", "Fabrikam", "senior vice president"),
])
def test_full_title_and_employer(extract_text, lang, text, person, org, title):
    facts = _facts(extract_text(text, lang))
    assert (person, "worksFor", org) in facts
    titles = {v for s, p, v in facts if s == person and p == "jobTitle"}
    assert titles == {title}, titles  # the title whole, and no cut copy of it ("president", "head")
    assert (org, "ceo", person) not in facts


@pytest.mark.parametrize("lang,text,person,org", [
    ("en", "John Miller, chief executive of Fabrikam Corp., resigned on Monday.", "John Miller", "Fabrikam Corp."),
    ("fr", "Paul Martin, directeur général de Fabrikam, a démissionné lundi.", "Paul Martin", "Fabrikam"),
])
def test_the_chief_executive_himself_stays_ceo(extract_text, lang, text, person, org):
    assert (org, "ceo", person) in _facts(extract_text(text, lang))
