"""One real thing, one entity: the names an article ties together join one entity, and say why.

Every sentence is invented; the names are made up or generic.
"""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import parse
from kg.resolve import resolve
from kg.resolve.joins import acronym_letters, initials, org_joins


def _resolve(text: str, lang: str = "en"):
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    article, doc = next(parse([art]))
    return resolve(extract(doc, article))


def _entity_of(res, surface: str):
    """The entity of the (first) mention written ``surface``."""
    ex = res.extraction
    keys = [k for m, k in zip(ex.mentions, res.mention_entity) if m.text == surface and k]
    assert keys, f"no mention {surface!r} in {[m.text for m in ex.mentions]}"
    return next(e for e in res.entities if e.key == keys[0])


# (lang, text, short name, full name, word the resolution must give)
CASES = [
    ("en", "Northwind Traders (NWT) cut prices in March. NWT also hired 40 staff.", "NWT", "Northwind Traders",
     "alias 'NWT'"),
    ("en", "Fabrikam Industries, known as FI, opened a plant in Ohio. FI said demand was strong.", "FI",
     "Fabrikam Industries", "alias 'FI'"),
    ("en", "Harbor Freight Logistics cut 300 jobs. HFL said costs rose.", "HFL", "Harbor Freight Logistics",
     "initials 'HFL'"),
    ("en", "Alder & Birch reported higher sales on Tuesday. A&B said its stores in Leeds were busy.", "A&B",
     "Alder & Birch", "initials 'A&B'"),
    ("fr", "Le groupe Orvane, dite Orva, a ouvert une usine à Lyon. Orva a annoncé 200 embauches.", "Orva",
     "Orvane", "alias 'Orva'"),
    ("fr", "La société Terranor Énergie (TNE) a racheté un concurrent. TNE emploie 900 personnes.", "TNE",
     "Terranor Énergie", "alias 'TNE'"),
]


@pytest.mark.parametrize(("lang", "text", "short", "full", "why"), CASES)
def test_short_names_join_the_full_name(lang, text, short, full, why):
    res = _resolve(text, lang)
    entity = _entity_of(res, full)
    assert _entity_of(res, short).key == entity.key
    assert entity.label == full
    assert why in entity.why
    assert not any(e.key.endswith("/" + short.casefold()) for e in res.entities)


def test_initials_join_only_a_name_they_spell():
    res = _resolve("Harbor Freight Logistics cut 300 jobs. HFX said costs rose.")
    assert _entity_of(res, "HFX").key != _entity_of(res, "Harbor Freight Logistics").key


def test_possessive_company_name_is_kept_whole():
    res = _resolve("Moody's cut the rating of Harlow Bank on Monday. Moody's said the outlook was negative.")
    assert _entity_of(res, "Moody's").key == "organization/moody's"


def test_possessive_of_another_name_is_still_cut():
    res = _resolve("Harlow Bank's profit rose 5% in the third quarter.")
    assert _entity_of(res, "Harlow Bank").key == "organization/harlow bank"


@pytest.mark.parametrize(("lang", "text", "surname", "full"), [
    ("en", ("President Karl Brenner met bankers in Davos. Brenner said growth would slow. President Brenner "
            "left on Friday."), "Brenner", "Karl Brenner"),
    ("en", ("Orbital Computer chief executive Steve Wozniak unveiled a tablet. Wozniak said the tablet would ship "
            "in June. Wozniak also said Orbital would hire engineers."), "Wozniak", "Steve Wozniak"),
    ("fr", ("Mathilde Ferrand, PDG de Volnay Industries, était à Lille. Ferrand a dit que Volnay Industries allait "
            "recruter."), "Ferrand", "Mathilde Ferrand"),
])
def test_surname_joins_the_full_name_of_the_article(lang, text, surname, full):
    res = _resolve(text, lang)
    entity = _entity_of(res, full)
    assert entity.type == "Person"
    assert _entity_of(res, surname).key == entity.key
    assert entity.label == full
    assert f"surname {surname!r} joined the full name" in entity.why


def test_person_keys_fold_accents():
    res = _resolve("Hélène Marchal a quitté Volnay Industries. Helene Marchal rejoint Orvane.", "fr")
    assert _entity_of(res, "Hélène Marchal").key == _entity_of(res, "Helene Marchal").key == "person/helene marchal"


def test_acronym_letters_and_initials():
    assert acronym_letters("P&G") == "PG" and acronym_letters("A & B") == "AB"
    assert acronym_letters("Acme") is None and acronym_letters("X") is None
    assert initials("Procter & Gamble") == "PG" and initials("Hewlett-Packard") == "HP"


def test_org_joins_need_one_name_that_spells_the_initials():
    names = {"organization/gm": "GM", "organization/general motors": "General Motors",
             "organization/global mining": "Global Mining"}
    assert "organization/gm" not in org_joins(names, "en")  # two names spell GM: neither is chosen


def test_short_form_joins_only_a_kind_of_company_word():
    names = {"organization/duke": "Duke", "organization/duke energy": "Duke Energy",
             "organization/apple": "Apple", "organization/apple music": "Apple Music"}
    joins = org_joins(names, "en")
    assert joins["organization/duke"][0] == "organization/duke energy"
    assert "organization/apple" not in joins


@pytest.mark.parametrize(("lang", "text", "short", "full"), [
    ("en", "Orbix Commerce agreed to be bought for $1 billion. Orbix sells tools to online shops. Orbix was "
           "founded in 2008.", "Orbix", "Orbix Commerce"),
    ("fr", "Volnaris rachète l'entreprise Tandeo Commerce pour 1 milliard d'euros. Tandeo propose des services aux boutiques "
           "en ligne. Tandeo a été fondée en 2008.", "Tandeo", "Tandeo Commerce"),
])
def test_a_short_form_written_after_the_long_name_joins_it(lang, text, short, full):
    res = _resolve(text, lang)
    entity = _entity_of(res, full)
    assert _entity_of(res, short).key == entity.key
    assert "written after" in entity.why, entity.why


def test_later_short_form_needs_the_long_name_first_and_no_unit_word():
    first = {"organization/orbix": 50, "organization/orbix commerce": 10, "organization/kestrel": 5,
             "organization/kestrel foundation": 40, "organization/tandeo": 3, "organization/tandeo cloud": 30,
             "organization/lumo": 60, "organization/lumo mobile": 10, "organization/lumo payments": 20}
    names = {k: k.split("/")[1].title() for k in first}
    joins = org_joins(names, "en", first)
    assert joins["organization/orbix"][0] == "organization/orbix commerce"
    assert "organization/kestrel" not in joins  # near miss: the short name comes first
    assert "organization/tandeo" not in joins  # and first again
    assert "organization/lumo" not in joins  # two long names before it, neither extends the other
    assert "organization/orbix" not in org_joins(names, "en")  # no positions, no later short form
    coded = {"organization/mac": "Mac", "organization/mac os x lion": "Mac OS X Lion"}
    assert not org_joins(coded, "en", {"organization/mac": 9, "organization/mac os x lion": 1})  # a product line
    model = {"organization/vantor": "Vantor", "organization/vantor sierra": "Vantor Sierra"}
    assert not org_joins(model, "en", {"organization/vantor": 9, "organization/vantor sierra": 1})  # no trade word
    first["organization/kestrel"] = 45
    assert "organization/kestrel" not in org_joins(names, "en", first)  # a foundation is a body of its own


def test_an_acronym_opening_a_name_spelt_out_by_names_joins_it():
    joined = org_joins({"organization/tvb": "TVB", "organization/tvb vardelle moranne": "TVB Vardelle Moranne"}, "fr")
    assert joined == {"organization/tvb": ("organization/tvb vardelle moranne",
                                           "'TVB' begins 'TVB Vardelle Moranne' (same article)")}
    # a place, a common word or one word after it names a unit of the acronym's firm
    for long_name in ("TVB South Korea", "TVB Watson Health", "TVB Korea", "TVB Energy"):
        key = f"organization/{long_name.lower()}"
        assert org_joins({"organization/tvb": "TVB", key: long_name}, "en") == {}, long_name
    res = _resolve("KMG to cut 800 jobs. The carmaker KMG Halvorsen Moranne said on Monday it will cut 800 jobs in "
                   "France. KMG employs 9,000 people.")
    assert _entity_of(res, "KMG").key == _entity_of(res, "KMG Halvorsen Moranne").key
