"""Who makes a product (``produces``): only what the grammar of the sentence ties, never the nearest name.

Sentences invented for these tests, through the real stages and models.
"""
from __future__ import annotations

import pytest


def _root(ex, i):
    m = ex.mentions[i]
    while m.antecedent is not None:
        m = ex.mentions[m.antecedent]
    return m.text


def made(ex):
    return {(_root(ex, f.subject), ex.mentions[f.object].text) for f in ex.facts if f.predicate == "produces"}


@pytest.mark.parametrize("lang,text,maker,product", [
    # a making verb, active, passive and participle
    ("en", "Airbus builds the A380 in Toulouse.", "Airbus", "A380"),
    ("en", "The A380, built by Airbus, flew to Sydney on Monday.", "Airbus", "A380"),
    ("fr", "Le constructeur Renault lance une nouvelle voiture électrique.", "Renault", "voiture électrique"),
    ("fr", "Xiaomi fabrique aussi des produits pour la maison, notamment des téléviseurs et une trottinette "
           "électrique.", "Xiaomi", "trottinette électrique"),  # the products the object lists
    # a maker noun said of the company
    ("fr", "Le fabricant de smartphones chinois Xiaomi vient d'ouvrir une boutique à Lyon.", "Xiaomi", "smartphones"),
    ("fr", "Le film Dune, produit par Legendary Pictures, sort en mars.", "Legendary Pictures", "Dune"),
    # a maker noun the product possesses
    ("fr", "La console Switch a rapporté deux milliards d'euros à son fabricant Nintendo.", "Nintendo", "Switch"),
    # the product with its maker
    ("fr", "Le jeu vidéo Far Cry de l'éditeur français Ubisoft s'est vendu à dix millions d'exemplaires.",
     "Ubisoft", "Far Cry"),
    ("en", "Boeing's European rival Airbus believes in very large aircraft like its new A380 airliner.", "Airbus", "A380"),
])
def test_a_product_is_credited_to_the_company_the_sentence_ties_it_to(extract_text, lang, text, maker, product):
    assert (maker, product) in made(extract_text(text, lang))


@pytest.mark.parametrize("lang,text,product", [
    # the company shares the sentence with the product, but the sentence does not say it makes it
    ("en", "Boeing, by contrast, believes passengers will want to fly direct between airports too small to "
           "handle aircraft like the A380.", "A380"),
    # a customer's possessive: the airline flies the aircraft, it does not build them
    ("en", "Singapore Airlines says it will be compensated by Airbus for the delay in delivery of its new "
           "A380 superjumbos.", "A380"),
])
def test_a_product_near_a_company_is_not_its_product(extract_text, lang, text, product):
    assert not {pair for pair in made(extract_text(text, lang)) if pair[1] == product}


def test_a_possessive_pronoun_continues_the_subject_not_the_possessor_before_it(extract_text):
    ex = extract_text("Boeing's European rival Airbus believes in very large aircraft like its new A380 airliner.")
    its = [m for m in ex.mentions if m.text == "its"]
    assert its and ex.mentions[its[0].antecedent].text == "Airbus"
