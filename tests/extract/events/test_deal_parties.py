"""A deal whose parse names only the other party ("... and a licensing deal with Y"): the first party is the
organisation named before the trigger, as for a purchase. Invented sentences."""
from __future__ import annotations

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def events(text: str, lang: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    ex = extract(get_pipeline(lang)(art.text), art)
    ms = ex.mentions

    def name(i):
        return None if i is None else ms[ms[i].antecedent if ms[i].antecedent is not None else i].text

    return [(e.type, e.status, name(e.agent), name(e.target)) for e in ex.events]


def test_partner_named_before_a_deal_noun():
    text = "Fabrikam Inc. reported record sales and a licensing deal with Contoso Ltd. on Monday."
    assert ("Partnership", "done", "Fabrikam Inc.", "Contoso Ltd.") in events(text, "en")


def test_no_partner_without_the_other_party():
    # no organisation after the trigger: the deal frame needs one (requires=org), nothing is guessed
    assert [e for e in events("Fabrikam Inc. reported record sales and a licensing deal on Monday.", "en")
            if e[0] == "Partnership"] == []
