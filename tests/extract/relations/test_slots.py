"""Organisations the NER misses, found from a relation's slot. News sentences written for these tests."""
from __future__ import annotations

import pytest

from kg.extract.relations.slots import slot_mentions


@pytest.mark.parametrize("text,name,predicate", [
    ("Dana Whitfield is an engineer. In 1994, she founded QuorvexLabs, a data exchange platform.",
     "QuorvexLabs", "foundedBy"),
])
def test_slot_names_become_organisations(text, name, predicate, extract_text):
    ex = extract_text(text)
    ms = ex.mentions
    assert any(m.text == name and m.type in ("Organization", "Company") for m in ms)
    assert any(f.predicate == predicate and ms[f.subject].text == name for f in ex.facts)


@pytest.mark.parametrize("text,word", [
    ("She is a professor of economics at a small college.", "economics"),
    ("He founded the company in March 2004.", "March"),
])
def test_no_slot_name_from_common_words_or_dates(text, word, extract_text):
    assert not any(m.extractor == "kg.slot" and word in m.text for m in extract_text(text).mentions)


@pytest.mark.parametrize("lang,text,name", [
    ("en", "He retired as chief executive of Harrow Mills in 2011.", "Harrow Mills"),
    ("en", "She was President and Chief Executive Officer of Calloway Foods until 2019.", "Calloway Foods"),
    ("fr", "Elle est la fondatrice de Maison Verlaine.", "Maison Verlaine"),
    ("en", "Orlen Vask was founded in 1998 in a garage.", "Orlen Vask"),
    ("en", "Today Brimford Dairy is headquartered in a former mill.", "Brimford Dairy"),
    ("en", "They bought shares of Tolvane Systems, based in a former mill.", "Tolvane Systems"),
    ("en", "Quillmarsh is a fashion brand established in 2004 by two designers.", "Quillmarsh"),
])
def test_slot_names_without_ner(nlp_en, nlp_fr, lang, text, name):
    """The NER is left out (no mentions given): the slot alone names the organisation."""
    doc = (nlp_en if lang == "en" else nlp_fr)(text)
    assert [(m.text, m.type) for m in slot_mentions(doc, text, [], lambda c: 0)] == [(name, "Organization")]


def test_both_sides_of_a_subsidiary(nlp_en):
    text = "Kessel Partners is a subsidiary of Dunmore Holdings."
    names = [m.text for m in slot_mentions(nlp_en(text), text, [], lambda c: 0)]
    assert sorted(names) == ["Dunmore Holdings", "Kessel Partners"]


@pytest.mark.parametrize("text,name,etype", [
    ("In 2008 Ewan founded Quorvane by buying two small firms.", "Ewan", "Person"),
    ("For six years, Fergus was chief executive officer of a salmon firm.", "Fergus", "Person"),
    ("Varga joined the family of companies in 2003 as chief executive officer of the credit union.", "Varga",
     "Person"),
    ("Kessel Partners is a subsidiary of a larger group.", "Kessel Partners", "Organization"),
    ("The resort chain is run by a team headed by CEO Marek Dorvanou.", "Marek Dorvanou", "Person"),
])
def test_slot_types(nlp_en, text, name, etype):
    found = {m.text: m.type for m in slot_mentions(nlp_en(text), text, [], lambda c: 0)}
    assert found.get(name) == etype
