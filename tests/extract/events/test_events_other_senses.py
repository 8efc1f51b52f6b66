"""False events read in real English business news (MEANTIME's Wikinews articles), on invented sentences:
a trigger word whose object, place or clause says it means something else."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline
from tests.extract.events.test_frames import events


def _types(text: str, lang: str = "en") -> set[str]:
    return {e[0] for e in events(text, lang)}


@pytest.mark.parametrize("text, lang, wrong", [
    # a web page opens, no place
    ("Northwind Airlines has opened a reservation site for its first flight to Lima.", "en", "FacilityOpening"),
    ("Fnac a ouvert une boutique en ligne au Maroc.", "fr", "StoreOpening"),
    # the factory is where the jet is shown, not what opens
    ("Airbus unveiled its new A350 jet at its Toulouse factory on Monday.", "en", "FacilityOpening"),
    # a factory shown to the press opens; nothing is launched
    ("Contoso Motors unveiled its new factory in Berlin.", "en", "ProductLaunch"),
    # orders won, no money raised
    ("Boeing secures $11bn of aircraft deals.", "en", "Funding"),
    # a text made public is no product
    ("On its website, Northwind Corp. released the text of the chief executive's email to staff.", "en",
     "ProductLaunch"),
    # a thing given a name, a thing replacing a thing, a person left in charge or a company left behind
    ("Apple executive Phil Schiller showed a task manager named Mission Control that lists open windows.", "en",
     "Appointment"),
    ("The new MacBook Pro, a notebook computer replacing the PowerBook, is faster.", "en", "Departure"),
    ("The new MacBook Pro, a notebook computer replacing the PowerBook, is faster.", "en", "Appointment"),
    ("Steve Jobs left chief operating officer Tim Cook in charge of day-to-day operations.", "en", "Departure"),
    ("Steve leaves behind a company that only he could have built.", "en", "Departure"),
    # a thing left, a meeting left: no post (cue list seat_noun)
    ("Before the vote, John Smith left a farewell note for the staff of Contoso Corp.", "en", "Departure"),
    ("Jane Roe left the meeting of Contoso Corp. early on Tuesday.", "en", "Departure"),
    ("Jean Dupont a quitté la réunion du conseil de Renault en colère.", "fr", "Departure"),
    # a passive of joining or leaving, a list joined, a choice made: no post changes hands (SENTiVENT train
    # false events, paraphrased)
    ("Kestrel Retail was left for dead a decade ago, but it has defied its critics.", "en", "Departure"),
    ("In this segment, host Dana Reyes is joined by two analysts to discuss the results.", "en", "Appointment"),
    ("Jeff Kline joined Forbes' list of the richest Americans in 1998.", "en", "Appointment"),
    ("The head of strategy, who joined Orbis in 2015 under former CEO Mark Hale, has elected to leave the company.",
     "en", "Appointment"),
    # an activity invested in, roadmaps released, a park's closing time (SENTiVENT train false events, paraphrased)
    ("At near-zero market share, Orbis invested heavily in returning to the datacenter with its upcoming chips.",
     "en", "Investment"),
    ("Orbis released long-term CPU and GPU core roadmaps that run through 2020.", "en", "ProductLaunch"),
    ("The park's closing will be 11 p.m. all summer long, with hotel guests getting two more hours.", "en",
     "FacilityClosure"),
    # goods bought by consumers; factories sold to partners nobody names (MEANTIME false events, paraphrased)
    ("The software suite is also available free with new Vexa purchases.", "en", "Acquisition"),
    ("Under the plan several factories will be sold to Orbis partners.", "en", "Acquisition"),
    # selling goods, or selling with nothing sold
    ("Northwind Motors remains open for business, continuing to sell and to support its products.", "en",
     "Divestiture"),
    ("Contoso said sales rose to 142,285 units, compared to 141,951 units sold by Northwind Motors.", "en",
     "Divestiture"),
])
def test_another_sense_of_the_trigger_is_no_event(text, lang, wrong):
    assert wrong not in _types(text, lang), events(text, lang)


@pytest.mark.parametrize("text, lang, right", [
    ("Northwind Airlines has opened a maintenance plant in Lima.", "en", "FacilityOpening"),
    ("Fnac a ouvert une boutique à Casablanca.", "fr", "StoreOpening"),
    ("Contoso Motors unveiled its new factory in Berlin.", "en", "FacilityOpening"),
    ("Airbus unveiled its new A350 jet at its Toulouse factory on Monday.", "en", "ProductLaunch"),
    ("Fabrikam raised $40 million from investors last week.", "en", "Funding"),
    ("Jane Smith, named CEO of Unilever in May, starts today.", "en", "Appointment"),
    ("Tim Cook, the executive replacing Steve Jobs, met analysts.", "en", "Appointment"),
    ("Jane Ruiz will replace Tom Hale as chief executive of Northwind Corp. in May.", "en", "Departure"),
    ("John Smith left Siemens in March after ten years.", "en", "Departure"),
    ("Jane Roe, the chief financial officer of Contoso Corp., left the company in March.", "en", "Departure"),
    ("Jane Roe, chairwoman of Contoso Corp., left the board last week.", "en", "Departure"),
    ("Jean Dupont a quitté ses fonctions de PDG de Renault en mai.", "fr", "Departure"),
    ("Renault a vendu sa filiale roumaine Dacia.", "fr", "Divestiture"),
    ("Jeff Kline joined Orbis Systems in 1998 as a sales manager.", "en", "Appointment"),
    ("Orbis Systems invested $40 million in Lumen Technologies last year.", "en", "Investment"),
    ("Orbis released its new Vexa phone and a tablet on Tuesday.", "en", "ProductLaunch"),
    ("Orbis said the closing of its Lyon plant will be completed in May.", "en", "FacilityClosure"),
    ("Orbis sold its stake in Lumen to the investment firm Keller Capital.", "en", "Acquisition"),
    ("Dana Reyes joined the board of Orbis Systems in May.", "en", "Appointment"),
    ("Orbis Systems elected Dana Reyes to its board in May.", "en", "Appointment"),
    ("Jean Dupont a rejoint Renault en mars comme directeur financier.", "fr", "Appointment"),
])
def test_the_event_sense_still_reads(text, lang, right):
    assert right in _types(text, lang), events(text, lang)


def test_a_person_named_in_a_relative_clause_is_not_the_one_who_moves():
    said = events("The head of strategy, who joined Orbis in 2015 under former CEO Mark Hale, has elected to leave "
                  "the company.", "en")
    assert not [e for e in said if e[2] == "Mark Hale"], said
    named = events("Dana Reyes, who joined Orbis in 2015 under former CEO Mark Hale, will leave the company.", "en")
    assert [e for e in named if e[0] == "Departure" and e[2] == "Dana Reyes"], named


def test_a_move_told_by_someone_else_is_not_theirs():
    said = events("Analyst Mark Lee predicts that the resignation will not affect Apple for two years.", "en")
    assert not [e for e in said if e[0] == "Departure" and e[2] == "Mark Lee"], said
    named = events("Apple said the resignation of Steve Jobs would not hurt sales.", "en")
    assert [e for e in named if e[0] == "Departure" and e[2] == "Steve Jobs"], named


def test_the_date_of_a_trigger_is_that_of_its_own_clause():
    text = "Acme Computer was started by John Smith in 1976, and opened its first store in Paris in 2003."
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    found = extract(get_pipeline("en")(art.text), art).events
    assert found and {e.date for e in found} == {"2003"}, found


def test_a_name_inside_what_is_launched_is_not_its_launcher():
    found = events("He started Apple in 1976, and in 1984 the first Macintosh personal computer was released to "
                   "the public.", "en")
    assert [e[2] for e in found if e[0] == "ProductLaunch"] == ["Apple"], found


def test_a_company_tapped_is_no_appointment():
    # "that" opening a clause is no relative pronoun: the object slot, a company, holds no person
    said = events("Senator Patty Murray, who hails from the same state, said: \"We are shocked that the Air Force "
                  "tapped a European company and its foreign workers to provide a tanker.\"", "en")
    assert not [e for e in said if e[0] == "Appointment"], said
    tapped = events("Acme tapped John Smith as its new chief executive.", "en")
    assert [e for e in tapped if e[0] == "Appointment" and e[2] == "John Smith"], tapped


def test_a_partnership_ended_is_cancelled():
    ended = events("Siemens ended its partnership with Nokia in May.", "en")
    assert [e[1] for e in ended if e[0] == "Partnership"] == ["cancelled"], ended
    signed = events("Siemens signed a partnership with Nokia at the end of May.", "en")
    assert [e[1] for e in signed if e[0] == "Partnership"] == ["done"], signed


def test_a_person_arriving_is_no_market_entry():
    person = events("Le groupe Casino a confirmé l'arrivée de Paul Martin à Lyon en septembre.", "fr")
    assert not [e for e in person if e[0] == "MarketEntry"], person
    firm = events("L'arrivée d'Amazon en France inquiète les libraires.", "fr")
    assert [e for e in firm if e[0] == "MarketEntry" and e[2] == "Amazon"], firm


@pytest.mark.parametrize("text, lang, kind, date", [
    # "One year later" counts from the year the text named last, not from the article's date
    ("John Miller started Contoso in 1976, and in 1984 the first Contoso computer was sold. One year later Miller "
     "was fired from Contoso.", "en", "Departure", "1985"),
    ("Northwind opened a plant in Lyon in March 2010. Two months later, Northwind closed its plant in Lille.",
     "en", "FacilityClosure", "2010-05"),
    ("Fnac a ouvert un magasin à Lyon en 2012. Deux ans plus tard, Fnac a fermé son magasin de Lille.",
     "fr", "StoreClosure", "2014"),
])
def test_a_date_counted_from_the_date_named_before(extract_text, text, lang, kind, date):
    found = extract_text(text, lang, published="2024-06-10").events
    assert [e.date for e in found if e.type == kind] == [date], found


def test_a_date_counted_from_nothing_named_is_no_date(extract_text):
    found = extract_text("One year later John Miller was fired from Contoso.", "en", published="2024-06-10").events
    assert [e.date for e in found if e.type == "Departure"] == [None], found


@pytest.mark.parametrize("text, lang", [
    # someone else's wish is no event of the company asked
    ("Activist investor Dana Reyes urged Northwind Corp. to sell its chip unit.", "en"),
    ("An aide to its largest shareholder has called on the company to halve its dividend and sell Contoso.", "en"),
    ("L'actionnaire a appelé Renault à vendre Dacia.", "fr"),
])
def test_an_event_someone_asks_for_is_no_event(text, lang):
    assert not [e for e in events(text, lang) if e[0] == "Divestiture"], events(text, lang)


def test_an_event_agreed_is_still_one():
    assert [e for e in events("Northwind Corp. agreed to sell its chip unit to Contoso.", "en")
            if e[0] == "Divestiture" and e[1] == "planned"]


def test_a_currency_code_is_no_launcher():
    found = events("The Orbit player will cost $199 and $249 USD respectively. It is the second model of the range "
                   "to use flash memory, after the Orbit Mini was introduced in January.", "en")
    assert not [e for e in found if e[2] == "USD"], found


def test_a_year_naming_a_version_is_no_date(extract_text):
    text = ("In a Wednesday media event, Northwind Corp. released a new lineup of Orbit laptops and the 2031 "
            "version of its Canvas software suite.")
    found = [e for e in extract_text(text, "en", published="2030-10-20").events if e.type == "ProductLaunch"]
    # the weekday dates the launch (the Wednesday before the news of Sunday 2030-10-20), the version year does not
    assert found and all(e.date == "2030-10-16" and e.status == "done" for e in found), found


def test_a_reflexive_divestiture_reads_what_is_shed_and_by_whom():
    found = events("The Contoso Corporation announced that the group is divesting itself of the Orbit Group by "
                   "selling it to private equity firm Northwind Capital Management.", "en")
    assert [e for e in found if e[0] == "Divestiture" and e[3] == "Orbit Group"], found
    assert not [e for e in found if e[0] == "Divestiture" and e[2] == "Northwind Capital Management"], found
    # the buyer acquires what is divested, not the seller "it" might be read as
    assert [e[2:] for e in found if e[0] == "Acquisition"] == [("Northwind Capital Management", "Orbit Group")], found


def test_a_shop_launched_nowhere_is_a_service():
    assert not [e for e in events("Northwind Corp. was started by Dana Reyes in 1996, and launched the Northwind "
                                  "Music Store in 2003.", "en") if e[0] == "StoreOpening"]
    assert [e for e in events("Northwind Corp. launched its first store in Lyon in 2003.", "en")
            if e[0] == "StoreOpening"]


def test_which_after_a_name_and_a_comma_stands_for_that_name():
    # the parser hangs the relative clause on the union named first; "which" follows the employer's name.
    # Sentence from Wikinews (CC BY 2.5), as released in MEANTIME (article 120554).
    found = events("Both will offer the deal to most United Auto Workers (UAW) union members - 62,000 at GM, which "
                   "is seeking to cut 31,500 jobs by 2012.", "en")
    assert [e[2] for e in found if e[0] == "Layoff"] == ["GM"], found


@pytest.mark.parametrize("text, wrong", [
    # a bare participle of arrival hung on the wrong word by the parser: people arrive, no firm enters a market
    ("Contoso s'engage à soutenir les employés du programme, mis en place par la ministre qui a permis à des "
     "centaines de milliers d'immigrants illégaux arrivés aux États-Unis alors qu'ils étaient mineurs d'obtenir "
     "un permis.", "MarketEntry"),
    # a reflexive verb has another sense than the frame's: "s'engager à" commits, it hires nobody
    ("Starbuck s'engage également à soutenir les employés.", "Appointment"),
])
def test_french_participles_and_reflexives_of_another_sense(text, wrong):
    assert wrong not in _types(text, "fr"), events(text, "fr")


def test_french_reflexive_frames_still_read():
    assert ("Partnership", "done", "Renault", "Nissan") in events("Renault s'associe avec Nissan.", "fr")
    assert [e for e in events("Renault engage un nouveau directeur financier, Jean Dupont.", "fr")
            if e[0] == "Appointment" and e[2] == "Jean Dupont"]


def test_a_deal_whose_verb_plans_it_is_planned(named_events):
    assert ("Acquisition", "planned", "Orbis", "Lumen", None) in named_events(
        "The acquisition of Lumen by Orbis is expected to close in May.")
    assert ("Acquisition", "done", "Orbis", "Lumen", None) in named_events("The acquisition of Lumen by Orbis closed in May.")


def test_a_stake_bought_is_an_investment_and_a_controlling_one_an_acquisition(named_events):
    minority = named_events("In 2009, Orbis Systems bought a twenty percent stake in Lumen Technologies.")
    assert ("Investment", "done", "Orbis Systems", "Lumen Technologies", None) in minority
    assert not [e for e in minority if e[0] == "Acquisition"], minority
    majority = named_events("Orbis Systems plans to buy a majority stake in Lumen Technologies.")
    assert ("Acquisition", "planned", "Orbis Systems", "Lumen Technologies", None) in majority, majority


def test_what_is_launched_is_not_its_launcher_though_typed_a_company(named_events):
    # MEANTIME (Wikinews): "The Ford Taurus was originally introduced in 1986"; the model types both names as firms
    found = named_events("The Ford Taurus was originally introduced in 1986, and was a revolutionary car.")
    assert [e[2] for e in found if e[0] == "ProductLaunch"] == ["Ford"], found
