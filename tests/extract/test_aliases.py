"""Other names given right after an organisation's name become aliases of that organisation."""
from __future__ import annotations

import pytest

from kg.extract.aliases import is_abbreviation
from kg.resolve import resolve

# (lang, sentence, entity key, alias it must carry, names that must not become entities of their own)
CASES = [
    ("en", "Saad al-Kaabi is the President and CEO of Qatar Petroleum (QP), the state-owned corporation.",
     "organization/qatar petroleum", "QP", ["organization/qp"]),
    ("en", "Sands China Ltd. (HKSE: 1928) is a subsidiary of global resort developer Las Vegas Sands Corp. "
           "(NYSE: LVS), the largest operator of integrated resorts in Macao.",
     "organization/las vegas sands", "LVS", ["organization/nyse", "organization/hkse: 1928", "organization/lvs"]),
    ("en", "Simon worked as chief executive of NeuStar NGM (formerly Followap, where he was COO).",
     "organization/neustar ngm", "Followap", ["organization/followap"]),
    ("fr", "Le groupe Fnac Darty (anciennement Groupe Fnac) a ouvert un magasin à Lyon.",
     "organization/fnac darty", "Groupe Fnac", ["organization/groupe fnac", "organization/fnac"]),
]


@pytest.mark.parametrize(("lang", "text", "key", "alias", "not_entities"), CASES)
def test_alias_after_the_name_is_the_same_organisation(extract_text, lang, text, key, alias, not_entities):
    res = resolve(extract_text(text, lang))
    entities = {e.key: e for e in res.entities}
    assert alias in entities[key].aliases, entities[key]
    assert f"alias {alias!r}" in entities[key].why
    assert not set(not_entities) & set(entities)


def test_a_fact_stated_with_the_alias_is_the_organisations_fact(extract_text):
    res = resolve(extract_text("Talent Consulting Group (TCG) is a consulting firm headquartered in Riyadh."))
    ex = res.extraction
    hq = {(res.mention_entity[f.subject], ex.mentions[f.object].text) for f in ex.facts if f.predicate == "headquarteredIn"}
    assert ("organization/talent consulting", "Riyadh") in hq


@pytest.mark.parametrize("text", [
    "Tata Chemicals Europe (UK) makes soda ash.",      # a place in parentheses says where, it is no alias
    "Xiaomi (China) opened a store in Paris on Monday.",
    "Acme Corp (see below) opened a plant in Ohio.",  # an aside, not a name
])
def test_no_alias_from_places_or_asides(extract_text, text):
    ex = extract_text(text)
    assert not [m for m in ex.mentions if m.extractor == "kg.alias"]


@pytest.mark.parametrize(("short", "name", "expected"), [
    ("TCG", "Talent Consulting Group", True),
    ("NLFO", "National Lesbian Feminist Organization", True),
    ("PwC", "PricewaterhouseCoopers", True),
    ("UK", "Brunner Mond", False),
    ("Inc", "Acme Inc", False),
    ("A", "Apple", False),
])
def test_is_abbreviation(short, name, expected):
    assert is_abbreviation(short, name) is expected
