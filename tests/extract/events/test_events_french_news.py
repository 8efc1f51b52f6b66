"""French news shapes the small French model parses or tags badly: a name it calls miscellaneous that raises
money, "X va supprimer" with "va" hung on X, a brand named beside "la marque", a listing "en Bourse" (no
market entry), "sera" announcing. Every sentence is invented."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    ("Mistral AI a levé 600 millions d'euros auprès de plusieurs investisseurs.",
     ("Funding", "done", "Mistral AI", None, 600e6)),
    ("Auchan va supprimer 2 400 postes en France.", ("Layoff", "planned", "Auchan", None, 2400.0)),
    ("L'Oréal a racheté la marque australienne Aesop pour 2,5 milliards de dollars.",
     ("Acquisition", "done", "Oréal", "Aesop", 2.5e9)),
    ("Exclusive Networks sera introduit en Bourse à Paris le mois prochain.",
     ("IPO", "planned", "Exclusive Networks", None, None)),
])
def test_french_news_shapes(named_events, text, expected):
    assert expected in named_events(text, "fr")


def test_entering_the_stock_exchange_is_a_listing_not_a_market_entry(named_events):
    assert [e[0] for e in named_events("Exclusive Networks va entrer en Bourse.", "fr")] == ["IPO"]


def test_an_arrival_that_was_to_happen_is_planned_and_where_one_arrives_is_the_employer(named_events):
    # real French news (Wikinews): "l'arrivée de X devait se faire le 19 octobre"; sentences invented
    assert ("Appointment", "planned", "Jean Valmont", "Renault", None) in named_events(
        "Annoncée le 7 octobre, l'arrivée de Jean Valmont chez Renault devait se faire le 19 octobre.", "fr")
    assert ("Appointment", "done", "Jean Valmont", "Renault", None) in named_events(
        "L'arrivée de Jean Valmont chez Renault a eu lieu le 19 octobre.", "fr")


def test_a_site_closed_in_the_passive_by_no_one_named_gets_no_owner_from_earlier_sentences(named_events):
    text = "Petroplus a publié ses résultats. Depuis 2009, deux raffineries ont été fermées."
    assert not [e for e in named_events(text, "fr") if e[0] == "FacilityClosure"], named_events(text, "fr")
    # the owner named in the sentence still closes its site
    assert ("FacilityClosure", "planned", "Total", None, None) in named_events(
        "Total fermera sa raffinerie de Gonfreville-l'Orcher en 2013.", "fr")


@pytest.mark.parametrize(("text", "expected"), [
    # the small French model hangs the headline's verb on its subject as an adjective
    ("Microsoft rachète LinkedIn pour 26 milliards de dollars", ("Acquisition", "done", "Microsoft", "LinkedIn", 26e9)),
    ("Adobe Systems rachète Magento Commerce pour 1,68 milliard de dollars",
     ("Acquisition", "done", "Adobe Systems", "Magento Commerce", 1.68e9)),
    # and makes "800 postes" an oblique without a preposition
    ("Ericsson supprime 800 postes en Suède.", ("Layoff", "done", "Ericsson", None, 800.0)),
    ("Mistral AI lève 600 millions d'euros", ("Funding", "done", "Mistral AI", None, 600e6)),
])
def test_french_headlines_the_small_model_misparses(named_events, text, expected):
    assert expected in named_events(text, "fr")


def test_a_french_headline_verb_with_no_deal_object_is_no_deal(named_events):
    assert not named_events("Orbis supprime la taxe carbone.", "fr")
    assert not [e for e in named_events("Le ministre lève le voile sur son plan.", "fr") if e[0] == "Funding"]


@pytest.mark.parametrize(("text", "lang", "headline"), [
    # a headline in the present says the news is of the day; the body says whether the deal is closed or agreed
    ("Danone rachète la société Laiterie Martin pour 2 milliards d'euros\n"
     "Danone a annoncé lundi son projet de rachat de Laiterie Martin.", "fr", "planned"),
    ("Danone rachète la société Laiterie Martin pour 2 milliards d'euros\nDanone a racheté Laiterie Martin lundi.", "fr",
     "done"),
    ("Orbis buys Lumen for $2 billion\nOrbis agreed on Monday to buy Lumen.", "en", "planned"),
    # a headline in the past states its own status
    ("Orbis bought Lumen for $2 billion\nOrbis agreed on Monday to buy Lumen.", "en", "done"),
    # with no body mention of the deal, the headline keeps the default
    ("Danone rachète la société Laiterie Martin pour 2 milliards d'euros\nLaiterie Martin emploie 300 personnes.",
     "fr", "done"),
])
def test_a_present_headline_takes_the_status_its_body_states(extract_text, text, lang, headline):
    events = [e for e in extract_text(text, lang, None).events if e.type == "Acquisition"]
    assert events and events[0].sentence == 0 and events[0].status == headline, events
