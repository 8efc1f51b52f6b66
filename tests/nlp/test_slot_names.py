"""A proper noun the small model leaves untagged in a slot of a deal verb or noun is an organisation name
(``kg_slot_names``), and the deal becomes an event; a product, a place or a sale of goods stays none.
Every sentence is invented; the names are made up so the model has not seen them."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline
from tests.nlp.mentions import mention_types


def deals(text: str, lang: str = "en") -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    ex = extract(get_pipeline(lang)(art.text), art)
    ms = ex.mentions

    def name(i):
        return None if i is None else ms[i].text

    return [(e.type, name(e.agent), name(e.target)) for e in ex.events]


@pytest.mark.parametrize(("text", "expected"), [
    # real names the small English model leaves untagged in these sentences
    ("PSA acquired Opel in 2017.", ("Acquisition", "PSA", "Opel")),
    ("Opel was acquired by PSA last year.", ("Acquisition", "PSA", "Opel")),
    ("The acquisition of Opel by PSA closed on Monday.", ("Acquisition", "PSA", "Opel")),
    ("PSA Group bought Opel from General Motors.", ("Acquisition", "PSA Group", "Opel")),
    ("General Motors sold Opel to PSA in March.", ("Divestiture", "General Motors", "Opel")),
    ("Cisco completed its acquisition of Splunk on Monday.", ("Acquisition", "its", "Splunk")),
    ("Novo Holdings bought Catalent for $16.5 billion.", ("Acquisition", "Novo Holdings", "Catalent")),
    ("Mistral has partnered with Microsoft to sell its models.", ("Partnership", "Mistral", "Microsoft")),
    # the doer of a verb only an organisation does, by what completes it
    ("Databricks raised $500 million in a round led by T. Rowe Price.", ("Funding", "Databricks", None)),
    ("Arm Holdings went public on the Nasdaq in September.", ("IPO", "Arm Holdings", None)),
    ("Wolfspeed will shut its factory in Farmers Branch, Texas.", ("FacilityClosure", "Wolfspeed", None)),
    # who receives an investment is invested in
    ("Anthropic received a $4 billion investment from Amazon.", ("Investment", "Amazon", "Anthropic")),
    # the parser hangs the verb on the first name as a participle
    ("Brimco partnered with Zorblax to make chips.", ("Partnership", "Brimco", "Zorblax")),
    ("Opel, bought by PSA in 2017, makes cars.", ("Acquisition", "PSA", "Opel")),
    # a name the model takes for a place, which no gazetteer knows as one
    ("Mars will acquire Kellanova, the maker of Pringles, for $36 billion.", ("Acquisition", "Mars", "Kellanova")),
    ("Le rachat de Bonduelle par Danone a été finalisé en mars.", ("Acquisition", "Danone", "Bonduelle")),
])
def test_an_untagged_name_in_a_deal_slot_is_a_party(text, expected):
    assert expected in deals(text, "fr" if " le " in f" {text.lower()} " else "en")


@pytest.mark.parametrize(("text", "name"), [
    # goods sold with no buyer named are a product line, not a company sold
    ("Norvik sells Traxel blenders in its stores.", "Traxel"),
    # a model code is goods
    ("Norvik is in talks to buy the A320neo for its fleet.", "A320neo"),
    ("Korean Air also bought 20 Dreamliners earlier this month.", "Dreamliners"),
    # a common word opening the sentence is no name
    ("Shareholders raised $500 million for the buyback.", "Shareholders"),
    # a place in the slot stays a place
    ("Norvik sold its plant to Ohio for $1.", "Ohio"),
])
def test_goods_and_places_in_a_deal_slot_are_no_organisations(nlp_en, text, name):
    found = mention_types(nlp_en, text)
    assert found.get(name) not in ("Company", "Organization"), found


def test_a_name_the_article_makes_a_person_elsewhere_stays_one(nlp_en):
    found = mention_types(nlp_en, "Chief executive Marta Velkins joined the firm in 2010. "
                                  "Velkins bought Traxel Robotics for $2 billion.")
    # the model tags the full name a person; the surname buying is that person, not a company
    assert found.get("Marta Velkins") == "Person" and found.get("Velkins") in (None, "Person"), found
