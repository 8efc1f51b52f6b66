"""Trigger spans on invented news sentences: a light verb's object noun names the event."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def triggers(text: str, lang: str) -> list[tuple[str, str]]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    ex = extract(get_pipeline(lang)(art.text), art)
    return [(e.type, art.text[e.trigger_start:e.trigger_end]) for e in ex.events]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Orbis Airlines signed a final purchase agreement with Northwind Corp. on Saturday.",
     ("Partnership", "agreement")),
    ("en", "Contoso Ltd. signed a five-year contract with Fabrikam Inc. to supply its chips.", ("Partnership", "contract")),
    ("fr", "Le groupe Orbis a signé un accord de distribution avec la société Lumen.", ("Partnership", "accord")),
])
def test_the_object_noun_of_a_light_verb_is_the_trigger(lang, text, expected):
    assert expected in triggers(text, lang)


def test_a_verb_without_an_event_noun_keeps_its_own_trigger():
    assert ("Acquisition", "acquired") in triggers("Northwind Corp. acquired Fabrikam Inc. in 2021.", "en")


@pytest.mark.parametrize("text", [
    "Northwind Corp. said more firms now use Tessera, the chat app which it launched in April.",
    "The Vega X tablet, which Northwind Corp. launched in Europe in March, sold well.",
])
def test_a_launch_in_a_relative_clause_launches_what_it_describes(text):
    assert "ProductLaunch" in {t for t, _ in triggers(text, "en")}


def test_a_relative_clause_on_a_plan_is_no_launch():
    assert "ProductLaunch" not in {t for t, _ in triggers(
        "Northwind Corp. dropped the inquiry which it launched in April.", "en")}
