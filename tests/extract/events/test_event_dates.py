"""A weekday dates an event against the news date: the week's news by default ("ce lundi", "on Friday"), the
coming day for a future verb or "next". Invented news sentences; the articles are dated Friday 2017-10-20."""
from __future__ import annotations

import pytest

FRIDAY = "2017-10-20"


@pytest.mark.parametrize("text, lang, kind, date", [
    ("Le groupe Velmont a annoncé ce vendredi la suppression de 134 emplois en France.", "fr", "Layoff", "2017-10-20"),
    ("Ce lundi, la firme Orbis Systems a annoncé sa volonté de racheter l'entreprise Nubila Commerce.",
     "fr", "Acquisition", "2017-10-16"),
    ("Le groupe Velmont va ouvrir lundi un magasin à Lyon.", "fr", "StoreOpening", "2017-10-23"),
    ("Orbis Retail will open a store in Lyon on Monday.", "en", "StoreOpening", "2017-10-23"),
    ("Orbis Retail opened a store in Lyon last Friday.", "en", "StoreOpening", "2017-10-13"),
    ("Orbis Retail opened a store in Lyon on Tuesday.", "en", "StoreOpening", "2017-10-17"),
])
def test_a_weekday_is_read_against_the_news_date(extract_text, text, lang, kind, date):
    found = extract_text(text, lang, published=FRIDAY).events
    assert [e.date for e in found if e.type == kind] == [date], found


def test_a_weekday_without_a_news_date_is_no_date(extract_text):
    found = extract_text("Orbis Retail opened a store in Lyon on Tuesday.", "en").events
    assert [e.date for e in found if e.type == "StoreOpening"] == [None], found


def test_a_shopping_day_is_no_weekday(extract_text):
    found = extract_text("Orbis Retail opened a store in Lyon on Black Friday.", "en", published=FRIDAY).events
    assert [e.date for e in found if e.type == "StoreOpening"] == [None], found



@pytest.mark.parametrize("text, lang, kind", [
    ("La firme Nubila a annoncé il y a quelques heures son rachat par Orbis Systems.", "fr", "Acquisition"),
    ("Le groupe Velmont a ouvert ce matin un magasin à Lyon.", "fr", "StoreOpening"),
    ("Orbis Systems agreed a few hours ago to buy Nubila Commerce.", "en", "Acquisition"),
    ("Orbis Retail opened a store in Lyon earlier today.", "en", "StoreOpening"),
])
def test_hours_ago_and_this_morning_are_the_news_day(extract_text, text, lang, kind):
    found = extract_text(text, lang, published=FRIDAY).events
    assert [e.date for e in found if e.type == kind] == [FRIDAY], found


def test_an_announced_deal_is_dated_by_its_announcement(extract_text):
    # the day is far from the verb of the deal, on the verb that announces it
    text = ("Ce lundi, la firme californienne Orbis Systems, spécialiste des logiciels de gestion pour les grandes "
            "entreprises européennes, a annoncé sa volonté de racheter l'entreprise Nubila Commerce.")
    found = extract_text(text, "fr", published=FRIDAY).events
    assert [e.date for e in found if e.type == "Acquisition"] == ["2017-10-16"], found
