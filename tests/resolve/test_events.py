"""Event coreference decided over mention rows (kg.resolve.events), event anaphors (kg.resolve.event_anaphora)
and the status of a real-world event (kg.rdf.event_nodes). Sentences are invented."""
from __future__ import annotations

import random
import re

import pytest

from kg.rdf.event_nodes import best_date, event_quads, settled_status, status_history
from kg.resolve.event_anaphora import find_anaphors
from kg.resolve.events import EventMention, decide
from kg.types import Event, Sentence


def row(iri, article, start, status="done", agent="organization/orbis", target="organization/lumen", *,
        etype="Acquisition", product=None, places=(), date=None, published="2024-03-04", refers_to=None):
    return EventMention(iri, article, etype, start, status, agent, target, product, places, date, published, refers_to)


def clusters(rows):
    return sorted(c.mentions for c in decide(rows))


def test_reports_of_one_deal_in_two_articles_are_one_event_whatever_the_order():
    rows = [row("m1", "a1", 10, "planned"), row("m2", "a2", 40, "done", published="2024-06-20"),
            row("m3", "a3", 5, agent="organization/keller", target="organization/lumen")]
    shuffled = list(rows)
    random.Random(3).shuffle(shuffled)
    assert clusters(rows) == clusters(shuffled) == [("m1", "m2"), ("m3",)]
    merged = next(c for c in decide(rows) if len(c.mentions) == 2)
    assert any("across articles" in w and "108 days apart" in w for w in merged.why), merged.why


def test_reports_too_far_apart_or_with_other_dates_stay_apart():
    far = [row("m1", "a1", 10), row("m2", "a2", 10, published="2025-09-01")]
    dated = [row("m1", "a1", 10, date="2024-03"), row("m2", "a2", 10, date="2023-11", published="2024-03-20")]
    assert clusters(far) == [("m1",), ("m2",)]
    assert clusters(dated) == [("m1",), ("m2",)]


def test_a_deal_announced_on_a_day_and_done_on_a_later_one_is_one_event():
    # "agreed to buy Lumen on Monday" (March 4), then "bought Lumen, the companies said on Thursday" (June 20)
    later = [row("m1", "a1", 10, "planned", date="2024-03-04"),
             row("m2", "a2", 10, "done", date="2024-06-20", published="2024-06-20")]
    assert clusters(later) == [("m1", "m2")]
    # done in March, then a plan dated June: a new deal, not the history of the first
    again = [row("m1", "a1", 10, "done", date="2024-03-04"),
             row("m2", "a2", 10, "planned", date="2024-06-20", published="2024-06-20")]
    assert clusters(again) == [("m1",), ("m2",)]


def test_deals_between_the_same_parties_months_apart_are_two_deals():
    # "the Air Force's tanker lease deal with Veltro" (November) and "the Air Force and Veltro signed an interim
    # agreement" (March): parties that deal again and again, reports further apart than TYPE_DAYS
    def deal(iri, article, published):
        return row(iri, article, 10, etype="Partnership", agent="organization/air-force",
                   target="organization/veltro", published=published)
    assert clusters([deal("m1", "a1", "2024-11-24"), deal("m2", "a2", "2025-03-06")]) == [("m1",), ("m2",)]
    assert clusters([deal("m1", "a1", "2024-11-24"), deal("m2", "a2", "2024-12-10")]) == [("m1", "m2")]
    # an acquisition closes months after it is announced: the wide window still holds for it
    assert clusters([row("m1", "a1", 10, published="2024-11-24"), row("m2", "a2", 10, published="2025-03-06")]) \
        == [("m1", "m2")]


def test_job_cuts_of_one_company_are_one_event_only_with_the_same_number_of_jobs_or_site():
    def cut(iri, article, jobs, published="2024-03-04", places=()):
        return row(iri, article, 10, target=None, etype="Layoff", places=places, published=published)._replace(amount=jobs)
    rows = [cut("m1", "a1", 13000.0), cut("m2", "a2", 13000.0, "2024-03-20"), cut("m3", "a3", 800.0, "2024-04-02"),
            cut("m4", "a4", None, "2024-04-09", places=("city/detroit",)),
            cut("m5", "a5", 450.0, "2024-04-10", places=("city/detroit",))]
    assert clusters(rows) == [("m1", "m2"), ("m3",), ("m4", "m5")]


def test_two_launches_of_one_company_without_the_same_product_stay_two():
    rows = [row("m1", "a1", 10, etype="ProductLaunch", target=None, product="product/phone"),
            row("m2", "a1", 90, etype="ProductLaunch", target=None, product=None),
            row("m3", "a1", 200, etype="ProductLaunch", target=None, product="product/phone")]
    assert clusters(rows) == [("m1", "m3"), ("m2",)]


def test_launches_of_one_product_in_places_that_share_nothing_stay_two_unless_on_one_day():
    # "Orvane launched its e-bike in China ... Orvane plans to introduce the e-bike in Europe in 2027"
    rows = [row("m1", "a1", 10, etype="ProductLaunch", target=None, product="product/ebike", places=("place/china",)),
            row("m2", "a1", 90, "planned", etype="ProductLaunch", target=None, product="product/ebike",
                places=("place/europe",), date="2027"),
            row("m3", "a1", 200, etype="ProductLaunch", target=None, product="product/ebike"),
            row("m4", "a1", 300, etype="ProductLaunch", target=None, product="product/ebike", places=("place/china",))]
    # m3 names no place: it joins the nearest earlier story, as any mention of the product; m4 is China again
    assert clusters(rows) == [("m1", "m4"), ("m2", "m3")]
    on_one_day = [r._replace(date="2024-05-02") for r in rows[:2]]
    assert clusters(on_one_day) == [("m1", "m2")]


def test_store_openings_merge_on_a_shared_place_and_an_anaphor_joins_its_antecedent():
    rows = [row("m1", "a1", 10, etype="StoreOpening", target=None, places=("place/lyon",)),
            row("m2", "a2", 10, etype="StoreOpening", target=None, places=("place/lyon", "place/paris")),
            row("m3", "a2", 80, etype="StoreOpening", target=None, places=("place/nice",)),
            row("m4", "a2", 120, "", None, None, etype="StoreOpening", refers_to="m3")]
    assert clusters(rows) == [("m1", "m2"), ("m3", "m4")]


def test_a_person_leaving_is_one_event_across_articles_within_weeks():
    leave = {"etype": "Departure", "agent": "person/ann brenner"}
    rows = [row("m1", "a1", 3, target="organization/harlow bank", **leave),
            row("m2", "a2", 3, target=None, published="2024-03-20", **leave),
            row("m3", "a3", 3, target=None, published="2024-09-20", **leave)]
    assert clusters(rows) == [("m1", "m2"), ("m3",)]


def test_latest_report_wins_and_a_cancellation_ends_the_event():
    history = [row("m1", "a1", 1, "planned", published="2024-03-04"), row("m2", "a2", 1, "done", published="2024-06-20")]
    assert status_history(history) == ("done", "2024-03-04 planned; 2024-06-20 done")
    cancelled = [row("m1", "a1", 1, "planned", published="2024-03-04"),
                 row("m2", "a2", 1, "cancelled", published="2024-04-10"),
                 row("m3", "a3", 1, "planned", published="2024-05-01")]
    assert status_history(cancelled)[0] == "cancelled"
    assert best_date([row("m1", "a1", 1, date="2024-06"), row("m2", "a2", 1, date="2024-06-03")]) == "2024-06-03"


def _event(text, word, etype="Acquisition"):
    start = text.index(word)
    return Event(etype, start, start + len(word), 0, "planned", None, None, None, (), None, None, None, "x", 1.0)


def _sentences(text):
    out, start = [], 0
    for part in text.split(". "):
        out.append(Sentence(start, start + len(part), part))
        start += len(part) + 2
    return out


def test_anaphors_in_english_refer_back_to_the_nearest_earlier_event_of_their_type():
    text = ("Orbis Capital agreed to buy Lumen Tools. The $2bn deal needs approval. Keller opened a store in Lyon. "
            "Analysts liked the purchase. Keller will list the apps or release them. The acquisition of Dart is next")
    events = [_event(text, "buy"), _event(text, "opened", "StoreOpening")]
    found = {text[a.start:a.end]: (a.type, a.antecedent) for a in find_anaphors(text, "en", _sentences(text), events)}
    # "release them" is a verb after a conjunction, "the acquisition of Dart" states its own target
    assert found == {"deal": ("Acquisition", 0), "purchase": ("Acquisition", 0)}


def test_each_anaphor_of_a_long_article_refers_to_the_nearest_earlier_event_whatever_the_event_order():
    # many deals in one text, the events listed shuffled: the nearest earlier trigger, not the first listed
    text = "".join(f"Firm{i} agreed to buy Unit{i}. " + ("Keller opened a store in Lyon. " if i % 3 else "")
                   + "The deal closed. " for i in range(60))
    buys = [m.start() for m in re.finditer(r"\bbuy\b", text)]
    opens = [m.start() for m in re.finditer(r"\bopened\b", text)]
    events = [Event("Acquisition", b, b + 3, 0, "done", None, None, None, (), None, None, None, "x", 1.0) for b in buys]
    events += [Event("StoreOpening", o, o + 6, 0, "done", None, None, None, (), None, None, None, "x", 1.0) for o in opens]
    random.Random(7).shuffle(events)
    found = find_anaphors(text, "en", _sentences(text), events)
    assert len(found) == 60
    for i, a in enumerate(found):
        assert text[a.start:a.end] == "deal" and events[a.antecedent].trigger_start == buys[i]


def test_anaphors_in_french():
    text = ("Danone a annoncé le rachat de la société Alpro. Ce rachat renforce Danone. "
            "L'opération sera finalisée en juin. La fusion de Dart et Nord est prévue")
    events = [_event(text, "rachat")]
    found = [(text[a.start:a.end], a.antecedent) for a in find_anaphors(text, "fr", _sentences(text), events)]
    assert found == [("rachat", 0), ("opération", 0)]


def test_an_anaphor_naming_another_thing_is_no_anaphor():
    # "the Vega launch" names its own launch; "the Lumen deal" names the deal of the antecedent's sentence
    text = ("Keller launched the Nova card in May. Critics said the Vega launch came late. "
            "Orbis Capital agreed to buy Lumen Tools. The Lumen deal needs approval")
    events = [_event(text, "launched", "ProductLaunch"), _event(text, "buy")._replace(sentence=2)]
    found = [(text[a.start:a.end], a.antecedent) for a in find_anaphors(text, "en", _sentences(text), events)]
    assert found == [("deal", 1)]


def test_a_kind_word_the_antecedent_never_used_names_another_deal_and_status_words_do_not():
    # "the 2015 nuclear deal" is not the plane order; "the proposed $2bn purchase" and "the company's biggest
    # acquisition" are the takeover again, and in "the bank closed the deal" the phrase starts at its own "the"
    text = ("Orvane Air signed an agreement with Keller Aircraft for 30 jets. Critics recalled the 2015 nuclear deal. "
            "Orbis Capital agreed to buy Lumen Tools. The proposed $2bn purchase needs approval. "
            "It is the company's biggest acquisition. The bank closed the deal in April")
    events = [_event(text, "agreement", "Partnership"), _event(text, "buy")._replace(sentence=2)]
    found = [(text[a.start:a.end], a.antecedent) for a in find_anaphors(text, "en", _sentences(text), events)]
    assert found == [("purchase", 1), ("acquisition", 1), ("deal", 1)]


def test_a_noun_that_modifies_an_activity_is_no_anaphor():
    # "the deal advisory business" is the bank's trade, not the takeover before it; "the deal terms" are its own
    text = ("Orbis Capital agreed to buy Lumen Tools. Keller Bank has grown the deal advisory business. "
            "Analysts liked the deal terms")
    events = [_event(text, "buy")]
    assert [text[a.start:a.end] for a in find_anaphors(text, "en", _sentences(text), events)] == ["deal"]
    assert [a.start for a in find_anaphors(text, "en", _sentences(text), events)] == [text.rindex("deal")]


def test_a_plural_trigger_is_no_antecedent():
    # "its investments" are many, not one: "the stake" cannot be one of them
    text = "Viking Partners reviewed its investments in retailers. The stake is worth $250 million"
    events = [_event(text, "investments", "Investment")]
    assert find_anaphors(text, "en", _sentences(text), events) == []
    events = [_event(text, "reviewed", "Investment")]  # a single report of the same type: "the stake" joins it
    assert [text[a.start:a.end] for a in find_anaphors(text, "en", _sentences(text), events)] == ["stake"]


def test_french_status_words_keep_the_anaphor_and_another_word_does_not():
    text = ("Danone a annoncé le rachat de la société Alpro. La future acquisition renforce Danone. "
            "Cette autre acquisition inquiète les éleveurs")
    events = [_event(text, "rachat")._replace(type="Acquisition")]
    found = [text[a.start:a.end] for a in find_anaphors(text, "fr", _sentences(text), events)]
    assert found == ["acquisition"]


def test_launches_of_one_untagged_thing_merge_within_an_article_only():
    def launch(iri, article, start, thing):
        return row(iri, article, start, agent="organization/northwind", target=None, etype="ProductLaunch")._replace(
            thing=thing)
    same = [launch("m1", "a1", 10, "graphics card"), launch("m2", "a1", 90, "graphics card")]
    assert clusters(same) == [("m1", "m2")]
    assert any("the same thing launched" in w for c in decide(same) for w in c.why)
    # two things, or a side that names none ("after launching the phone, we are launching the phone 3G"), stay two
    assert clusters([launch("m1", "a1", 10, "graphics card"), launch("m2", "a1", 90, "bundle")]) == [("m1",), ("m2",)]
    assert clusters([launch("m1", "a1", 10, None), launch("m2", "a1", 90, "graphics card")]) == [("m1",), ("m2",)]
    # a common noun is no name: across articles the same noun is not the same launch
    assert clusters([launch("m1", "a1", 10, "graphics card"), launch("m2", "a2", 10, "graphics card")]) \
        == [("m1",), ("m2",)]


def test_the_real_world_event_of_an_untagged_launch_says_what_was_launched():
    rows = [row(f"https://example.org/m{i}", "https://example.org/a1", start, agent="organization/northwind",
                target=None, etype="ProductLaunch")._replace(thing="graphics card") for i, start in ((1, 10), (2, 90))]
    (cluster,) = decide(rows)
    quads = event_quads(cluster, {r.iri: r for r in rows}, {"organization/northwind": "Northwind"})
    values = {(str(q[1].value).rsplit("#", 1)[-1], q[2].value) for q in quads}
    assert ("launchedThing", "graphics card") in values
    assert any(p == "label" and o.startswith("ProductLaunch: Northwind -> graphics card") for p, o in values), values


def test_an_event_dated_after_all_its_reports_is_planned_not_done():
    # a headline in the present ("X quitte Coolblue pour rejoindre Nexxworks") and the body's "à partir du 17 juillet"
    done, planned = row("m1", "a1", 0, "done"), row("m2", "a1", 90, "planned", date="2024-07-17")
    assert settled_status([done, planned], best_date([done, planned]))[0] == "planned"
    # a date within the reports' days, or a year that has begun, leaves the latest report's status
    assert settled_status([done, planned._replace(date="2024")], "2024")[0] == "done"
    assert settled_status([done, planned._replace(date="2024-03-01")], "2024-03-01")[0] == "done"
    # a mention that reports the date done keeps it done (a digest's later section, dated after its article)
    assert settled_status([done._replace(date="2024-07-17"), planned], "2024-07-17")[0] == "done"


def test_a_site_mention_without_a_place_joins_the_only_earlier_story_of_its_sites():
    closure = dict(etype="StoreClosure", agent="organization/orbis", target=None)
    # the headline names the country, the body "all its shops" and a year
    headline = row("m1", "a1", 0, "planned", places=("place/france",), **closure)
    body = row("m2", "a1", 60, "planned", date="2019", **closure)
    merged = decide([headline, body])
    assert [c.mentions for c in merged] == [("m1", "m2")]
    assert "names no place" in merged[0].why[0]
    # two towns before it: which one is not said
    towns = [row("m1", "a1", 0, "planned", places=("place/lyon",), **closure),
             row("m2", "a1", 30, "planned", places=("place/nice",), **closure),
             row("m3", "a1", 60, "planned", **closure)]
    assert clusters(towns) == [("m1",), ("m2",), ("m3",)]
    # a plan after a shop was closed is the next step ("it will close more shops"); other articles stay apart
    done = row("m1", "a1", 0, "done", places=("place/lyon",), **closure)
    assert clusters([done, body]) == [("m1",), ("m2",)]
    assert clusters([headline, body._replace(article="a2")]) == [("m1",), ("m2",)]


def test_the_buyer_s_and_the_seller_s_side_of_one_sale_are_one_acquisition_with_its_seller():
    sale = dict(target="organization/opel")
    # "GM sold Opel to PSA": one sentence, one trigger, both sides
    gm = row("https://example.org/m1", "https://example.org/a1", 10, agent="organization/gm", etype="Divestiture", **sale)
    psa = row("https://example.org/m2", "https://example.org/a1", 10, agent="organization/psa", **sale)
    (cluster,) = decide([gm, psa])
    assert len(cluster.mentions) == 2 and "two sides of one sale" in cluster.why[0]
    quads = event_quads(cluster, {r.iri: r for r in (gm, psa)},
                        {"organization/gm": "GM", "organization/psa": "PSA", "organization/opel": "Opel"})
    values = {(str(q[1].value).rsplit("#", 1)[-1], str(q[2].value).rsplit("/", 1)[-1]) for q in quads}
    assert {("eventType", "ontology#Acquisition"), ("agent", "psa"), ("seller", "gm"), ("target", "opel")} <= values
    assert not {("agent", "gm"), ("eventType", "ontology#Divestiture")} & values
    assert any(p == "label" and o.startswith("Acquisition: PSA -> Opel (from GM)") for p, o in values), values
    # a headline on the buyer's side and the body on the seller's, then the seller's side again
    gm, psa = gm._replace(iri="m1", article="a1"), psa._replace(iri="m2", article="a1")
    later = [psa._replace(start=0), gm._replace(start=90), gm._replace(iri="m3", start=200)]
    assert clusters(later) == [("m1", "m2", "m3")]
    # two buyers of the thing: which one the seller sold to is not said; one company on both sides is two deals
    rival = row("m3", "a1", 50, agent="organization/vw", **sale)
    assert clusters([psa._replace(start=0), rival, gm._replace(start=90)]) == [("m1",), ("m2",), ("m3",)]
    assert clusters([psa._replace(start=0), gm._replace(start=90, agent="organization/psa")]) == [("m1",), ("m2",)]


def test_a_bad_row_of_the_anaphor_cues_is_one_line_naming_the_file_and_line(tmp_path):
    from kg.errors import InputError
    from kg.resolve.event_anaphora import _cues

    path = tmp_path / "cues.tsv"
    path.write_text("en\tnoun\tdeal\tAcquisition\nen\tnot-aftr\tflow\t\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        _cues(path)
    assert str(err.value).startswith(f"{path}:2: expected 'determiners', 'not-between', 'neutral', 'not-after'")
    assert "\n" not in str(err.value)
