"""Corpus-level resolution: the decision over all articles, and the corpus graph a build, an add and a
remove leave in the store (isomorphic to a clean build of the same articles). Articles are invented."""
from __future__ import annotations

import random

from kg.pipeline import add, build, remove
from kg.resolve.corpus import Seen, decide
from kg.store import open_store
from kg.store.corpus import CORPUS_GRAPH
from kg.store.classes import entity_classes

ROWS = [
    Seen("a1", "organization/general motors", "Company", 3, ("organization/gm",), "general motors"),
    Seen("a2", "organization/gm", "Organization", 2, (), "gm"),
    Seen("a3", "person/kinder morgan", "Person", 1, (), "kinder morgan"),
    Seen("a4", "organization/kinder morgan", "Company", 4, (), "kinder morgan"),
    Seen("a5", "organization/wal mart", "Organization", 2, (), "wal mart"),
    Seen("a6", "organization/walmart", "Company", 3, (), "walmart"),
]


def test_decision_does_not_depend_on_the_order_of_articles():
    shuffled = list(ROWS)
    random.Random(7).shuffle(shuffled)
    assert decide(shuffled) == decide(ROWS)


def test_an_alias_one_article_gives_joins_the_name_everywhere():
    d = decide(ROWS)
    assert d.of("a2", "organization/gm") == "organization/general motors"
    assert d.types["organization/general motors"] == "Company"
    assert any("'gm' is another name of 'general motors'" in w for w in d.why["organization/general motors"])


def test_an_alias_tied_to_two_names_joins_neither():
    rows = ROWS + [Seen("a7", "organization/global mining", "Company", 2, ("organization/gm",), "global mining")]
    assert decide(rows).of("a2", "organization/gm") == "organization/gm"


def test_one_name_one_kind_and_spelling_variants():
    d = decide(ROWS)
    assert d.of("a3", "person/kinder morgan") == "organization/kinder morgan"
    assert d.of("a5", "organization/wal mart") == "organization/walmart"
    assert d.types["organization/walmart"] == "Company"


def test_two_things_of_one_name_stay_two_when_both_are_well_attested():
    rows = [Seen(f"c{i}", "place/jordan", "Country", 3, (), "jordan") for i in range(4)]
    rows += [Seen(f"b{i}", "organization/jordan", "Company", 2, (), "jordan") for i in range(3)]
    d = decide(rows)
    assert d.of("b0", "organization/jordan") == "organization/jordan"
    assert d.of("c0", "place/jordan") == "place/jordan"


def test_a_name_one_article_shows_to_be_a_company_is_that_company_where_read_as_a_product():
    # the small model reads "Nexaris" as a product in four articles; one writes "Nexaris Inc"
    rows = [Seen(f"p{i}", "product/nexaris", "Product", 9, (), "nexaris") for i in range(4)]
    rows += [Seen("c0", "organization/nexaris", "Company", 2, (), "nexaris")]
    d = decide(rows)
    assert d.of("p0", "product/nexaris") == "organization/nexaris" and d.types["organization/nexaris"] == "Company"
    # without that evidence the product stays what most articles say
    rows[-1] = Seen("c0", "organization/nexaris", "Organization", 2, (), "nexaris")
    assert decide(rows).of("c0", "organization/nexaris") == "product/nexaris"


def test_a_full_name_one_article_shows_to_be_a_company_is_that_company_where_read_as_a_person():
    # the small model reads "Halvern Brook" as a person in four articles; one writes "Halvern Brook Inc"
    rows = [Seen(f"p{i}", "person/halvern brook", "Person", 6, (), "halvern brook") for i in range(4)]
    rows += [Seen("c0", "organization/halvern brook", "Company", 3, (), "halvern brook")]
    d = decide(rows)
    assert d.of("p0", "person/halvern brook") == "organization/halvern brook"
    assert d.types["organization/halvern brook"] == "Company"
    # a one-word name may be a person's surname beside the firm of the name ("Dell"): both stay
    rows = [Seen(f"p{i}", "person/halvern", "Person", 6, (), "halvern") for i in range(4)]
    rows += [Seen("c0", "organization/halvern", "Company", 3, (), "halvern")]
    assert decide(rows).of("p0", "person/halvern") == "person/halvern"


def test_a_place_no_gazetteer_knows_is_the_company_of_its_name():
    # "Northway" read as an unknown place in three articles, a company in two ("Northway Co")
    rows = [Seen(f"p{i}", "place/northway", "Place", 4, (), "northway") for i in range(3)]
    rows += [Seen(f"c{i}", "organization/northway", "Company", 2, (), "northway") for i in range(2)]
    assert decide(rows).of("p0", "place/northway") == "organization/northway"
    # a town the gazetteer knows stays the town
    rows = [Seen(f"p{i}", "place/northway", "City", 4, (), "northway") for i in range(3)] + rows[3:]
    assert decide(rows).of("p0", "place/northway") == "place/northway"


def test_an_unknown_place_named_like_an_alias_of_a_company_joins_it():
    rows = [Seen(f"a{i}", "organization/northway airlines", "Company", 3, ("organization/northway",), "northway airlines")
            for i in range(2)]
    rows += [Seen("p0", "place/northway", "Place", 2, (), "northway")]
    assert decide(rows).of("p0", "place/northway") == "organization/northway airlines"


def test_a_name_used_alone_far_more_often_than_tied_keeps_its_own_entity():
    # one article joins "Orbis" to "Orbis Ventures"; nine others name Orbis alone: they mean Orbis
    rows = [Seen("v0", "organization/orbis ventures", "Company", 3, ("organization/orbis",), "orbis ventures")]
    rows += [Seen(f"o{i}", "organization/orbis", "Company", 4, (), "orbis") for i in range(9)]
    assert decide(rows).of("o0", "organization/orbis") == "organization/orbis"
    # tied in two articles of nine, the alias is the full name's
    rows.append(Seen("v1", "organization/orbis ventures", "Company", 2, ("organization/orbis",), "orbis ventures"))
    assert decide(rows).of("o0", "organization/orbis") == "organization/orbis ventures"


def test_a_surname_joins_a_full_name_of_another_article_only_with_a_shared_organisation():
    full = [Seen("a1", "person/ann brenner", "Person", 2, ("person/brenner",), "ann brenner"),
            Seen("a1", "organization/harlow bank", "Company", 1, (), "harlow bank")]
    with_org = full + [Seen("a2", "person/brenner", "Person", 1, (), "brenner"),
                       Seen("a2", "organization/harlow bank", "Company", 1, (), "harlow bank")]
    without = full + [Seen("a3", "person/brenner", "Person", 1, (), "brenner"),
                      Seen("a3", "organization/orbital", "Company", 1, (), "orbital")]
    assert decide(with_org).of("a2", "person/brenner") == "person/ann brenner"
    assert decide(without).of("a3", "person/brenner") == "person/brenner"


ARTICLES = {
    "nwt-plant.txt": "Northwind Traders (NWT) will build a new warehouse in Ohio, the company said on Monday. "
                     "NWT said the warehouse would employ 2,000 people.",
    "nwt-sales.txt": "NWT reported higher quarterly sales. NWT shares rose 3% in New York.",
    "holloway-stores.txt": "Shares of Vance Holloway Inc. rose after Vance Holloway said it would open 40 stores. "
                           "Vance Holloway, a retailer, employs 900 people.",
    "holloway-retire.txt": "Vance Holloway said he would retire in June. Holloway, 64, smiled.",
}


def _write(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"---\ndate: 2024-05-02\nlang: en\n---\n{ARTICLES[name]}\n", encoding="utf-8")
    return folder


def _quads(location) -> list[str]:
    """The store's quads, but the input file paths (each build here reads its own folder)."""
    with open_store(location, read_only=True) as store:
        return sorted(str(q) for q in store.quads() if not str(q.predicate).endswith("ontology#source>"))


def _corpus(location) -> list[str]:
    return [q for q in _quads(location) if f"<{CORPUS_GRAPH}>" in q]


def test_incremental_removal_and_workers_give_the_clean_build(tmp_path):
    names = list(ARTICLES)
    clean = tmp_path / "clean"
    build([_write(tmp_path / "all", names)], clean)
    corpus = _corpus(clean)
    # the article that never spells NWT out names Northwind Traders, and the name is one company
    assert any("nwt-sales" in q and "corpusEntity" in q and "northwind-traders" in q for q in corpus), corpus
    assert any("vance-holloway" in q and "corpusClass" in q and "#Company" in q for q in corpus), corpus
    with open_store(clean, read_only=True) as store:
        classes = entity_classes(store)
    assert sum("vance-holloway" in e for e in classes) == 1 and sum("nwt" in e for e in classes) == 0

    steps = tmp_path / "steps"
    build([_write(tmp_path / "first", names[1:3])], steps)
    add(steps, [_write(tmp_path / "rest", [names[0], names[3]])])
    assert _quads(steps) == _quads(clean)

    parallel = tmp_path / "parallel"
    build([tmp_path / "all"], parallel, workers=2)
    assert _quads(parallel) == _quads(clean)

    # removing the articles that decided: NWT and Vance Holloway go back to what the rest says
    assert remove(steps, "nwt-plant.txt") and remove(steps, "holloway-stores.txt")
    rest = tmp_path / "rest-clean"
    build([_write(tmp_path / "rest-in", [names[1], names[3]])], rest)
    assert _quads(steps) == _quads(rest)
    assert not any("nwt-sales" in q and "corpusEntity" in q for q in _corpus(rest))


def test_a_one_word_organisation_beside_one_person_of_that_surname_is_the_person():
    rows = [Seen("a1", "person/vera lindqvist", "Person", 2, (), "vera lindqvist"),
            Seen("a1", "organization/lindqvist", "Organization", 1, (), "lindqvist"),
            Seen("a2", "person/vera lindqvist", "Person", 1, (), "vera lindqvist"),
            Seen("a2", "organization/lindqvist", "Organization", 2, (), "lindqvist")]
    d = decide(rows)
    assert d.of("a1", "organization/lindqvist") == d.of("a2", "organization/lindqvist") == "person/vera lindqvist"
    assert d.types["person/vera lindqvist"] == "Person"
    assert any("surname of 'vera lindqvist'" in w for w in d.why["person/vera lindqvist"])
    # a company somewhere, an article without the person, or the firm's longer name beside it: no join
    company = rows + [Seen("a3", "organization/lindqvist", "Company", 1, (), "lindqvist")]
    alone = rows + [Seen("a4", "organization/lindqvist", "Organization", 1, (), "lindqvist")]
    firm = rows[:2] + [Seen("a1", "organization/lindqvist aero", "Company", 1, (), "lindqvist aero")]
    assert decide(company).of("a1", "organization/lindqvist") == "organization/lindqvist"
    assert decide(alone).of("a1", "organization/lindqvist") == "organization/lindqvist"
    assert decide(firm).of("a1", "organization/lindqvist") == "organization/lindqvist"


def test_a_short_form_every_article_writes_beside_its_long_name_joins_it():
    # "Halvard" is written in three articles, each of which also writes "Halvard Brennan": one bank
    rows = []
    for i in range(3):
        rows += [Seen(f"h{i}", "organization/halvard brennan", "Company", 2, (), "halvard brennan"),
                 Seen(f"h{i}", "organization/halvard", "Organization", 3, (), "halvard")]
    d = decide(rows)
    assert {d.of(f"h{i}", "organization/halvard") for i in range(3)} == {"organization/halvard brennan"}
    assert any("short form" in why for why in d.why["organization/halvard brennan"])
    # one article writing the short form alone: the texts no longer tie them
    alone = rows + [Seen("h3", "organization/halvard", "Organization", 1, (), "halvard")]
    assert decide(alone).of("h0", "organization/halvard") == "organization/halvard"
    # a unit that extends the long name leaves it the one ("Halvard Brennan Bank")
    bank = rows + [Seen("h0", "organization/halvard brennan bank", "Company", 1, (), "halvard brennan bank")]
    assert decide(bank).of("h0", "organization/halvard") == "organization/halvard brennan"
    # a second longer name that starts with the word, or a division word: no join
    other = rows + [Seen("h0", "organization/halvard capital", "Company", 1, (), "halvard capital")]
    assert decide(other).of("h0", "organization/halvard") == "organization/halvard"
    unit = [r._replace(key=r.key.replace("brennan", "unit")) for r in rows]
    assert decide(unit).of("h0", "organization/halvard") == "organization/halvard"
    # one article alone never decides
    assert decide(rows[:2]).of("h0", "organization/halvard") == "organization/halvard"
