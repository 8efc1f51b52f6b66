"""What the text types outweighs the small model's bare label, and codes, abbreviations and titles are no
names (issue 14, session 19). Every sentence is invented."""
from __future__ import annotations

import pytest

from tests.nlp.mentions import mention_types as _mentions


def test_a_product_apposition_outweighs_the_model_reading_every_mention_an_organisation(nlp_en):
    # the small model reads every "Zelvora" as an organisation; one apposition says it is a drug
    found = _mentions(nlp_en, "Halcyon Pharma released data on Zelvora, its type 2 diabetes blockbuster drug. "
                              "Zelvora reduced the risk of death. Zelvora is a pill. Investors like Zelvora.")
    assert found.get("Zelvora") == "Product" and found.get("Halcyon Pharma") == "Company", found


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("The drug treats relapsing multiple sclerosis RMS and psoriasis. Halcyon said its trial in RMS met its goal.",
     "RMS", "Halcyon"),
    ("Halvern said it is adding users faster in India than its emerging market EEM average.", "EEM", "Halvern"),
    ("Traders should watch for a break from S1 support to S2 support at $24. Orbis sold the X5 phone.", "S2", "X5"),
    ("Rheumatoid arthritis treatment zelumab could make Halvern $ 3 billion .", "Rheumatoid", None),
    ("Ostria Trade Commissioner Lena Berg said the tariffs stand.", "Ostria Trade", "Lena Berg"),
])
def test_codes_abbreviations_and_office_words_are_no_names(nlp_en, text, gone, kept):
    found = _mentions(nlp_en, text)
    assert gone not in found and (kept is None or kept in found), found


@pytest.mark.parametrize(("text", "name"), [
    ("You still see bags of cereal with names like ` ` Fruit Hoops ' ' or ` ` Corn Stars ' ' next to the name brands.",
     "Fruit Hoops"),
    ("Halcyon uses birds as codenames ` Kestrel ' , a falcon , is the one for the tablet .", "Kestrel"),
    ("Halvern will retire the company's Lync Business platform next year.", "Lync Business"),
    ("Halvern will add the spots to its Advance Media Products portfolio .", "Advance Media Products"),
])
def test_a_quoted_name_and_an_owned_offering_are_products(nlp_en, text, name):
    found = _mentions(nlp_en, text)
    assert found.get(name) == "Product", found


def test_only_an_officer_title_makes_the_employer_a_company(nlp_en):
    found = _mentions(nlp_en, "Kirsty Lane, managing director of sustainable investment at Halvern, said the vote mattered.")
    assert found.get("Halvern") == "Organization", found
    found = _mentions(nlp_en, "Ann Lee, chief executive of Halvern, said the vote mattered.")
    assert found.get("Halvern") == "Company", found


def test_a_one_word_place_opening_a_company_name_of_the_text_is_its_short_name(nlp_en):
    found = _mentions(nlp_en, "Solvay acquired Unimed in 1999 , and Brantley Laboratories purchased Solvay in 2010 . "
                              "Three years later , Brantley spun off Corvane as a separate entity .")
    assert found.get("Brantley") == "Company", found


def test_a_plural_product_category_after_a_name_names_its_maker(nlp_en):
    found = _mentions(nlp_en, "Fujitsu targets ten times the performance of Nvidia and Zentra processors . "
                              "Rivals may beat Nvidia and Zentra . There are rewards in Nvidia and Zentra .")
    assert found.get("Zentra") in ("Organization", "Company"), found


def test_a_hyphenated_town_name_where_a_place_goes_is_a_place(nlp_en):
    found = _mentions(nlp_en, "The 150,000 - square foot warehouse will be in Villeneuve-Sur-Marne , just south of Paris .")
    assert found.get("Villeneuve-Sur-Marne") == "Place", found


def test_near_misses_a_model_number_and_a_company_in_a_quoted_statement(nlp_en):
    found = _mentions(nlp_en, "Airbus delivered ten A320 jets to Halvern Air this year .")
    assert "A320" in found, found  # three digits: a model number, not a code
    found = _mentions(nlp_en, 'Halvern Computer sued Halvern Corps over its use of the "Halvern" name. A statement '
                              'said that "Halvern and Halvern Corps now differ." Halvern won twice. Halvern paid $26 million.')
    assert found.get("Halvern") in ("Organization", "Company"), found


@pytest.mark.parametrize("text", [
    "Orbis named a new chief. Dana Kestrel, 49, who joined Orbis in 1989, will run its beauty unit.",
    "Vesta Kline, 52, resigned on Monday to become chief executive of Orbis.",
])
def test_an_age_in_commas_after_a_name_makes_a_person(request, text):
    found = _mentions(request.getfixturevalue("nlp_en"), text, "en")
    person = text.split(",")[0].split(". ")[-1]
    assert found.get(person) == "Person", found


@pytest.mark.parametrize(("text", "place", "firm"), [
    ("Vesta Kline will become chief executive of Chicago-based Lauren next month.", "Chicago", "Lauren"),
    ("Dana Reyes, 52, resigned to become CEO of New York-based Harlow, effective July 17.", "New York", "Harlow"),
])
def test_a_compound_of_place_names_a_place_then_a_firm(request, text, place, firm):
    # "CEO of" before the place's name is the firm's title; the model reads the firm as a town
    found = _mentions(request.getfixturevalue("nlp_en"), text, "en")
    assert found.get(place) == "City" and found.get(firm) in ("Company", "Organization"), found


def test_a_two_word_name_opening_a_company_s_name_is_that_company(nlp_en):
    # the small model reads "Walter Kinsley" as a person wherever it stands alone
    text = ("Walter Kinsley's Canada IPO faces a challenge. Greenpeace asked regulators to halt Walter Kinsley Canada "
            "Limited's planned IPO. Walter Kinsley filed a preliminary prospectus for the IPO in April.")
    found = _mentions(nlp_en, text)
    assert found.get("Walter Kinsley") == "Company" and found.get("Walter Kinsley Canada Limited") == "Company", found
    # a person's name before a foundation's stays a person
    found = _mentions(nlp_en, "Dana Reyes gave $5 million to the Dana Reyes Foundation. Dana Reyes said she was proud.")
    assert found.get("Dana Reyes") == "Person", found


def test_a_name_found_again_is_not_cut_out_of_a_longer_model_name(nlp_en):
    text = "Contoso sold the Vexa Nova in 2013. Contoso said the Vexa Nova X will launch on November 7."
    found = [(e.text, e.start_char) for e in nlp_en(text).ents]
    assert ("Vexa Nova", text.index("Vexa Nova")) in found, found
    assert ("Vexa Nova", text.index("Vexa Nova X")) not in found, found
