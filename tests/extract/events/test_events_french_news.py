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
