"""A unit its owner names ("X's Canadian unit") is the doer of its clause: it acts for its owner, and no
organisation of an earlier sentence is guessed in its place. Every sentence is invented."""
from __future__ import annotations

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def events(text: str, lang: str = "en") -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    ex = extract(get_pipeline(lang)(art.text), art)
    ms = ex.mentions
    return [(e.type, None if e.agent is None else ms[e.agent].text) for e in ex.events]


def test_a_unit_is_no_reason_to_credit_the_previous_sentence():
    # the model takes the owner for a person here: no organisation doer, and none from the sentence before
    found = events("The Green Party opposes the pipeline. Kinder Morgan's Canadian unit expects to close an IPO "
                   "of 102.9 million shares by May 31.")
    assert ("IPO", "Green Party") not in found and ("IPO", "The Green Party") not in found, found


def test_a_unit_acts_for_the_organisation_that_owns_it():
    assert events("Halvern Corp reported earnings. Orbis's cloud unit opened a data centre in Dublin on Monday.") \
        == [("FacilityOpening", "Orbis")]
