"""False events seen in English company news, on invented sentences: what a trigger word deals in, and
what it does not mean."""
from __future__ import annotations

import pytest

from tests.extract.events.test_frames import events

NOT_AN_ACQUISITION = [
    # losses absorbed "from" a firm, whatever is named further in the phrase, are no company changing hands
    "Northwind Pictures made a small profit last year after absorbing losses from Contoso Ltd. and the cinemas "
    "run by Fabrikam Group.",
    # rights sold "for" a stadium are goods, not a unit of the seller
    "Orbis Sports, which hired the agency to help sell naming rights for its new stadium, opened in March.",
]


@pytest.mark.parametrize("text", NOT_AN_ACQUISITION)
def test_goods_are_not_a_company_changing_hands(text):
    found = events(text, "en")
    assert not [e for e in found if e[0] in ("Acquisition", "Divestiture")], found


def test_goods_sold_by_the_million_are_no_divestiture():
    # the parser reads "over" as a preposition: the count is still a sales figure
    found = events("The Fabrikam sedan stayed in production for four generations, selling over 7,500,000 units.", "en")
    assert not [e for e in found if e[0] == "Divestiture"], found


def test_a_sector_quoted_by_an_association_has_no_doer():
    # the previous sentence names the association that comments on the sector: it closed no refinery
    text = ("Le président de l'Union française des raffineurs (Ufrap), Jean Morel, a commenté ces chiffres. "
            "Depuis 2009, deux raffineries ont été fermées en France.")
    found = events(text, "fr")
    assert not [e for e in found if e[0] == "FacilityClosure" and e[2]], found


def test_a_listed_possessive_name_is_one_company_and_its_stores_close():
    found = events("Walmart is closing 63 Sam's Club stores, the retailer said Thursday.", "en")
    # the store noun, not the "Club" of the name, says what closes
    assert [e for e in found if e[0] == "StoreClosure" and e[2] == "Walmart"], found


def test_an_unrecognised_name_that_launches_is_not_replaced_by_its_owner():
    # the small model misses "Instagram"; the owner named in the possessive did not launch the feature
    found = events("Facebook's Instagram introduced Reels in Brazil in 2019.", "en")
    assert not [e for e in found if e[0] == "ProductLaunch" and e[2] == "Facebook"], found


def test_a_unit_sold_is_still_a_divestiture():
    found = events("Northwind Corp. sold its chip unit to Contoso Ltd. for $2 billion.", "en")
    assert any(e[0] == "Divestiture" and e[2] == "Northwind Corp." for e in found), found


def test_a_share_float_is_no_listing():
    found = events("Northwind Corp.'s short interest was 18% of its float on June 5.", "en")
    assert not [e for e in found if e[0] == "IPO"], found


def test_a_company_floated_is_a_listing():
    found = events("Northwind Corp. floated its shares on the London Stock Exchange in May.", "en")
    assert [e for e in found if e[0] == "IPO" and e[2] == "Northwind Corp."], found


def test_closures_that_unions_fear_are_no_closures():
    # the small French model hangs "craignent" on the subject noun ("dep"): the fear still governs the closures
    for text in ("Chez Renault, les syndicats craignent la suppression de 800 postes et des fermetures d'usines.",
                 "Idem chez Michelin où les syndicats craignent la suppression de 900 postes et des fermetures d'usines."):
        found = events(text, "fr")
        assert not [e for e in found if e[0] == "FacilityClosure" and e[1] == "done"], found
    done = events("Le groupe Velmont a fermé son usine de Lannion.", "fr")
    assert [e for e in done if e[0] == "FacilityClosure" and e[1] == "done"], done


def test_the_following_plants_is_no_opening_but_stores_that_follow_are():
    listed = events("So far the following plants of Harbor Motors are thought to be affected: the Oakville plant "
                    "in Ontario and the Wixom plant in Michigan.", "en")
    assert not [e for e in listed if e[0] in ("FacilityOpening", "StoreOpening")], listed
    following = events("Xiaomi opened a store in Paris. Two more stores will follow in Lyon and Lille.", "en")
    assert len([e for e in following if e[0] == "StoreOpening"]) == 2, following


def test_jobs_open_to_applicants_are_no_opening(shared_dir):
    # Wikinews (fr), "France : Macron s'en prend aux ouvriers de GM&S", 5 October 2017, CC BY 2.5, read from
    # ../shared: "... aux 18 postes ouverts à candidature dans l'usine d'une ville voisine ..."
    from tests.extract.relations.test_company_facts import _wikinews_fr

    text, ex = _wikinews_fr(shared_dir, "wikinews-fr-winer-2017_10_05-001")
    assert "postes ouverts" in text
    assert not [e for e in ex.events if e.type.endswith("Opening")]
    assert [e for e in events("Renault a ouvert une usine à Tanger.", "fr") if e[0] == "FacilityOpening"]


def test_a_launch_verb_about_something_else_launches_nothing():
    # Wikinews (fr), "Industrie : 1 milliard de dollars pour afficher un lien vers un moteur de recherche",
    # 25 January 2016, CC BY 2.5: the trials reveal practices; no company of the sentence launches anything
    text = ("Les procès juridiques qui opposent certains géants de l'industrie dévoilent leurs pratiques commerciales "
            "au grand jour : Google a déboursé un milliard de dollars pour être le moteur de recherche par défaut sur "
            "les smartphones d'Apple.")
    assert not [e for e in events(text, "fr") if e[0] == "ProductLaunch"]
    assert [e for e in events("Samsung a dévoilé le Galaxy S9 à Barcelone.", "fr") if e[0] == "ProductLaunch"]


def test_an_aim_is_no_event_but_a_move_made_for_an_aim_is():
    aim = events("Le président de Canal+, Jean Dupont, propose aux journalistes d'utiliser leur clause de conscience "
                 "afin de quitter la chaîne.", "fr")
    assert not [e for e in aim if e[0] == "Departure"], aim
    move = events("Le directeur de Canal+, Jean Dupont, a quitté la chaîne afin de rejoindre TF1.", "fr")
    assert [e for e in move if e[0] == "Departure"], move
    assert not [e for e in move if e[0] == "Appointment"], move


@pytest.mark.parametrize(("text", "lang"), [
    ("Apple introduced the new MacBook on Tuesday. This release leaves only one PowerPC computer, the PowerMac G5, "
     "without Intel chips.", "en"),
    ("Samsung will release the Galaxy S9 in March. That release comes a year after the Galaxy S8.", "en"),
])
def test_an_event_noun_after_a_demonstrative_is_the_event_told_before(named_events, text, lang):
    # "This release" refers back to the launch just told: no second launch, no doer guessed near it
    found = named_events(text, lang)
    assert len([e for e in found if e[0] == "ProductLaunch"]) == 1, found


@pytest.mark.parametrize(("text", "product"), [
    ("Investors expected more from Orbis after the Zephyr CPU launch last quarter.", "Zephyr"),
    ("Orbis shares jumped after the launch of a server chip series under the Zephyr brand.", "Zephyr"),
])
def test_the_name_a_launch_noun_acts_on_is_no_doer_to_guess(nlp_en, text, product):
    # the small model may type a product name as an organisation: inside the launch noun's own phrase it is
    # what is launched, so the doer is guessed among the other names (a company it knows may still launch)
    from kg.extract.events.guesses import outside_what_is_acted_on
    from kg.types import Mention

    doc = nlp_en(text)
    launch = next(t for t in doc if t.lower_ == "launch")

    def named(word, kind):
        start = text.index(word)
        return Mention(start, start + len(word), word, kind, 0, "spacy.ner", 0.9)

    ms = [(0, named("Orbis", "Organization")), (1, named(product, "Organization"))]
    assert [m.text for _, m in outside_what_is_acted_on(launch, ms, launch=True)] == ["Orbis"]
    # a listing's own names are who lists ("the Orbis Canada IPO"): only launches exclude them
    assert len(outside_what_is_acted_on(launch, ms)) == 2
    known = [(0, named("Orbis", "Organization")), (1, named(product, "Company"))]
    assert len(outside_what_is_acted_on(launch, known, launch=True)) == 2


@pytest.mark.parametrize(("text", "kind"), [
    ("Judge Howard Lloyd said 269 people claim Orbis discriminated against them in hiring on the basis of their age.",
     "Appointment"),
    ("Jane Roe, a lawyer for the workers, said Orbis discriminated in hiring.", "Appointment"),
    ("Orbis chief executive John Smith said the firm will be more careful in hiring next year.", "Appointment"),
])
def test_a_bare_activity_after_a_preposition_is_no_event(named_events, text, kind):
    # nobody is hired, nothing is launched: the noun or gerund names the activity
    assert not [e for e in named_events(text) if e[0] == kind], named_events(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Mark Fields was ushered into retirement by the board.", ("Departure", "Mark Fields")),
    ("Just seven months after becoming CEO, Lisa Su outlined a new strategy for Orbis.", ("Appointment", "Lisa Su")),
    ("Xiaomi reopened its stores to prepare the market for its electric cars debut in 2027.",
     ("ProductLaunch", "Xiaomi")),
])
def test_an_event_after_a_preposition_with_its_own_words_stays(named_events, text, expected):
    assert expected in [(e[0], e[2]) for e in named_events(text)], named_events(text)


def test_people_a_plural_participle_describes_are_not_the_name_before_it(named_events):
    text = ("Among her direct reports are Raj Rao and Paul Ballew, and two newly appointed executives: finance chief "
            "Neil Schloss and operations chief Jeff Lemmer.")
    assert not [e for e in named_events(text) if e[0] == "Appointment" and e[2] in ("Raj Rao", "Paul Ballew")]
    # one named person the participle describes still is
    assert ("Appointment", "done", "Jane Roe", "Orbis", None) in named_events(
        "Jane Roe, the newly appointed chief executive of Orbis, spoke on Monday.")
