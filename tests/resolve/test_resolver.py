"""kg.resolve: keys from names only, merges explained, places from the gazetteer."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import parse
from kg.resolve import mention_key, resolve
from kg.types import Article, Extraction, Mention

ART = {lang: Article("a", "a.txt", None, "", "", None, lang, None, (), "") for lang in ("en", "fr")}


def resolved(names_types, lang="en", antecedents=None):
    ms = tuple(Mention(i * 10, i * 10 + len(n), n, t, 0, "test", 1.0, (antecedents or {}).get(i))
               for i, (n, t) in enumerate(names_types))
    return resolve(Extraction(ART[lang], (), ms, (), (), ()))


@pytest.mark.parametrize("names,key", [
    (["Xiaomi", "Xiaomi Corp.", "XIAOMI"], "organization/xiaomi"),
    (["Acme Holdings", "ACME"], "organization/acme"),
    (["Dassault Systèmes SE", "Dassault Systèmes", "Dassault Systemes"], "organization/dassault systemes"),
    (["Back Market", "BackMarket"], "organization/backmarket"),  # rapidfuzz merge, shorter key wins ties
])
def test_one_company_one_key(names, key):
    r = resolved([(n, "Company") for n in names])
    assert set(r.mention_entity) == {key}
    entity = r.entities[0]
    assert entity.type == "Company"
    assert set(entity.aliases) | {entity.label} == {n.rstrip(".") for n in names}
    assert entity.why.startswith(f"{len(names)} mention(s)")


def test_subsidiary_stays_distinct_with_parent():
    r = resolved([("Xiaomi", "Company"), ("Xiaomi France", "Company"), ("Coolmart Belgique", "Company")], "fr")
    by_key = {e.key: e for e in r.entities}
    assert by_key["organization/xiaomi france"].parent == "organization/xiaomi"
    assert by_key["organization/coolmart belgique"].parent == "organization/coolmart"
    assert "subsidiary" in by_key["organization/xiaomi france"].why


def test_keys_do_not_depend_on_other_mentions():
    alone = resolved([("Xiaomi Corp.", "Company")])
    crowd = resolved([("Apple", "Company"), ("Xiaomi Corp.", "Company"), ("Paris", "City")])
    assert alone.mention_entity[0] == crowd.mention_entity[1]


@pytest.mark.parametrize("fr,en", [("Barcelone", "Barcelona"), ("Espagne", "Spain"),
                                   ("Etats-Unis", "United States"), ("Allemagne", "Germany")])
def test_french_exonyms_resolve_to_the_same_place(fr, en):
    a, b = resolved([(fr, "Place")], "fr"), resolved([(en, "Place")], "en")
    assert a.mention_entity == b.mention_entity
    assert a.entities[0].same_as == b.entities[0].same_as != ()
    assert a.entities[0].same_as[0].startswith("https://sws.geonames.org/")


def test_city_has_country_and_coordinates():
    e = resolved([("Madrid", "City")]).entities[0]
    assert (e.key, e.type, e.parent) == ("place/madrid-es", "City", "place/spain")
    assert e.lat == pytest.approx(40.42, abs=0.05) and e.lon == pytest.approx(-3.70, abs=0.05)


def test_surname_joins_full_name_and_coreference_joins_antecedent():
    r = resolved([("Carlos Tavares", "Person"), ("Tavares", "Person"), ("Stellantis", "Company"),
                  ("the group", "Company")], antecedents={3: 2})
    assert r.mention_entity == ("person/carlos tavares", "person/carlos tavares",
                                "organization/stellantis", "organization/stellantis")
    why = {e.key: e.why for e in r.entities}
    assert "surname 'Tavares'" in why["person/carlos tavares"]
    assert "coreference 'the group'" in why["organization/stellantis"]


def test_product_categories_share_a_key_across_languages():
    assert mention_key(Mention(0, 11, "téléviseurs", "Product", 0, "t", 1.0), "fr")[0] == \
        mention_key(Mention(0, 11, "televisions", "Product", 0, "t", 1.0), "en")[0] == "product/television"


def test_resolve_end_to_end_is_deterministic(nlp_en):
    text = "Acme Corp. opened a store in Barcelona. ACME said the store in Barcelona was its tenth."
    *_, art = make_article(text, ident="t", source="t.txt", lang="en", published="2024-01-01")
    article, doc = next(parse([art]))
    first, second = resolve(extract(doc, article)), resolve(extract(doc, article))
    assert first == second
    assert {e.key for e in first.entities} >= {"organization/acme", "place/barcelona-es"}


def test_a_small_town_the_text_makes_a_place_is_linked_with_its_country(nlp_fr):
    """Lamballe (about 12,000 people) is below the cities the gazetteer loads by default; put after "à",
    it is a town with its GeoNames link and its country, which the article does not name."""
    from kg.extract import extract
    from kg.ingest import make_article
    from kg.resolve import resolve

    *_, art = make_article("Kestrel a ouvert un magasin à Lamballe, a annoncé le groupe lundi.",
                           ident="t", source="t.txt", lang="fr")
    entities = {e.key: e for e in resolve(extract(nlp_fr(art.text), art)).entities}
    town = entities["place/lamballe-fr"]
    assert (town.type, town.parent, town.same_as) == ("City", "place/france", ("https://sws.geonames.org/3008225/",))
    assert entities["place/france"].type == "Country" and "not named in the article" in entities["place/france"].why


def test_a_small_town_name_without_place_context_is_no_town(nlp_en):
    from kg.extract import extract
    from kg.ingest import make_article
    from kg.resolve import resolve

    *_, art = make_article("Lamballe reported higher sales. Lamballe said it would hire.", ident="t",
                           source="t.txt", lang="en")
    entities = resolve(extract(nlp_en(art.text), art)).entities
    assert not any(e.type == "City" or e.same_as for e in entities), entities


def test_index_abbreviation_is_the_index_it_abbreviates(nlp_en):
    text = ("The Dow Jones Industrial Average fell 1.2% on Tuesday as bank shares slid. "
            "The DJIA had risen for five sessions before the drop, traders said.")
    *_, art = make_article(text, ident="t", source="t.txt", lang="en", published="2024-01-01")
    article, doc = next(parse([art]))
    r = resolve(extract(doc, article))
    index = [e for e in r.entities if e.key == "product/dow jones industrial average"]
    assert len(index) == 1 and {index[0].label, *index[0].aliases} >= {"Dow Jones Industrial Average", "DJIA"}
    assert index[0].type == "Product"


def test_a_short_index_name_is_the_index_only_in_an_index_context(nlp_en):
    # "the Dow" and "Dow components" are the index; "Dow said" is the company the same word names
    text = ("The Dow Jones Industrial Average fell 1.2% on Tuesday. The Dow had risen for five sessions, and "
            "Dow components led the drop.")
    *_, art = make_article(text, ident="t", source="t.txt", lang="en", published="2024-01-01")
    article, doc = next(parse([art]))
    keys = {e.key for e in resolve(extract(doc, article)).entities}
    assert "product/dow jones industrial average" in keys and not any(k.endswith("/dow") for k in keys), keys
    *_, art = make_article("Dow said it would cut 2,000 jobs at its chemical plants.", ident="u", source="u.txt",
                           lang="en", published="2024-01-01")
    article, doc = next(parse([art]))
    assert "organization/dow" in {e.key for e in resolve(extract(doc, article)).entities}
