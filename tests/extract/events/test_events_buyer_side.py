"""A sale that names its buyer is also the buyer's acquisition (frames rows "Acquisition ... sold_to"): "X sold its
unit Y to Z" gives X's divestiture and Z's acquisition of Y, as our gold guidelines ask (data/gold/GUIDELINES.md:
the same deal seen from both sides). Never a guessed buyer, never goods. Sentences are invented."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, lang, buyer, target, status", [
    ("Contoso Motors sold its European unit Fabrikam Auto to Northwind Group in 2017.", "en",
     "Northwind Group", "Fabrikam Auto", "done"),
    ("Fabrikam Auto was sold to Northwind Group by Contoso Motors in 2017.", "en",
     "Northwind Group", "Fabrikam Auto", "done"),
    ("Contoso Motors agreed to sell its stake in Lyft to Orbis Capital for $500 million.", "en",
     "Orbis Capital", "Lyft", "planned"),
    # what is sold is a unit, though unnamed: the buyer still acquires
    ("Contoso Foods sold its spreads business to Orbis Capital for 6.8 billion euros.", "en",
     "Orbis Capital", None, "done"),
    ("Renault a vendu sa filiale roumaine Dacia à Volkswagen.", "fr", "Volkswagen", "Dacia", "done"),
    ("La cession de Dacia à Volkswagen a été finalisée en juillet.", "fr", "Volkswagen", "Dacia", "done"),
])
def test_the_buyer_of_a_sale_acquires(named_events, text, lang, buyer, target, status):
    found = named_events(text, lang)
    assert ("Acquisition", status, buyer, target) in [e[:4] for e in found], found


@pytest.mark.parametrize("text, lang", [
    # no buyer named: no acquisition guessed (the seller is the organisation before the verb)
    ("Contoso Motors sold Fabrikam Auto in 2017.", "en"),
    ("Contoso Motors is in talks to sell its lighting unit to a Chinese group.", "en"),
    # goods, not a company
    ("Northwind Motors sold 20,000 cars to Orbis Rentals last year.", "en"),
    ("Contoso sells its software to Fabrikam Bank and other lenders.", "en"),
    ("Carrefour vend ses produits à Danone et à d'autres groupes.", "fr"),
    # negated
    ("Contoso Motors will not sell its lighting unit to Orbis Capital.", "en"),
])
def test_no_buyer_no_acquisition(named_events, text, lang):
    found = named_events(text, lang)
    assert not [e for e in found if e[0] == "Acquisition"], found
