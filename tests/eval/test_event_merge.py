"""kg eval event-merge: merged pairs from the product's real-world events, the seeded sample, the hand
judgements file, and the French gold alignment. Sentences are invented."""
from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.eval.event_judgements import (
    COLUMNS,
    Pair,
    merged_pairs,
    read_judgements,
    sample,
)
from kg.eval.event_merge import _align
from kg.eval.system import make_article, run_product
from kg.rdf.facts import best, event_key

TEXT = ("Orbis Capital agreed to buy Lumen Tools for $2bn on Monday. The deal is expected to close in June. "
        "Keller Foods opened a store in Lyon.")


@pytest.fixture(scope="module")
def orbis():
    records = [{"id": "doc1", "text": TEXT}]
    return records, list(run_product(make_article(r["id"], r["text"], "en") for r in records))


def test_an_anaphor_and_its_event_are_a_merged_pair(orbis):
    pairs = merged_pairs(*orbis)
    buy, deal = TEXT.index("buy"), TEXT.index("deal")
    assert Pair("doc1", buy, buy + 3, "doc1", deal, deal + 4, "Acquisition") in pairs
    assert all(p.type == "Acquisition" for p in pairs), pairs


def test_the_sample_is_seeded_and_bounded():
    pairs = [Pair(f"d{i}", i, i + 1, f"d{i}", i + 5, i + 6, "Acquisition") for i in range(80)]
    assert sample(pairs) == sample(list(reversed(pairs)))
    assert len(sample(pairs)) == 50 and set(sample(pairs)) <= set(pairs)
    assert sample(pairs[:3]) == pairs[:3]


def test_judgements_file_is_read_and_checked(tmp_path):
    path = tmp_path / "j.tsv"
    path.write_text("\t".join(COLUMNS) + "\nd1\t1\t4\td1\t20\t24\tAcquisition\t1\tthe deal = the purchase\n")
    assert read_judgements(path) == {Pair("d1", 1, 4, "d1", 20, 24, "Acquisition"): (1, "the deal = the purchase")}
    path.write_text("\t".join(COLUMNS) + "\nd1\t1\t4\td1\t20\t24\tAcquisition\t2\t\n")
    with pytest.raises(KGError, match=r"j\.tsv:2: 'same' must be 0 or 1"):
        read_judgements(path)


def test_each_mention_aligns_to_the_gold_event_it_reports(orbis):
    _, outputs = orbis
    gold = [{"id": "e1", "type": "Acquisition", "agent": "Orbis Capital", "trigger": "agreed to buy Lumen Tools"},
            {"id": "e2", "type": "StoreOpening", "agent": "Keller Foods", "trigger": "opened a store in Lyon"},
            {"id": "e3", "type": "Acquisition", "agent": "Keller Foods", "trigger": "bought"}]
    # mentions in the product's order: the purchase, the opening; no acquisition by Keller Foods is read
    assert _align(gold, outputs[0], TEXT) == {0: 0, 1: 1}


def test_a_mention_inside_a_later_gold_quote_is_not_claimed_by_an_earlier_gold_event(orbis):
    _, outputs = orbis
    # the first gold event quotes words the product reads no event in; the one purchase read is the second's
    gold = [{"id": "e1", "type": "Acquisition", "agent": "Orbis Capital", "trigger": "talks to buy a rival"},
            {"id": "e2", "type": "Acquisition", "agent": "Orbis Capital", "trigger": "agreed to buy Lumen Tools"}]
    assert _align(gold, outputs[0], TEXT) == {0: 1}


def test_a_headline_and_its_body_both_report_the_gold_event_and_an_ambiguous_mention_is_left_out():
    text = ("Orbis Capital buys Lumen Tools\n\nOrbis Capital agreed on Monday to buy Lumen Tools for $2bn. "
            "Keller Foods opened a store in Lyon.")
    output = next(iter(run_product([make_article("doc2", text, "en")])))
    deal = {"id": "e1", "type": "Acquisition", "agent": "Orbis Capital", "target": "Lumen Tools",
            "trigger": "agreed on Monday to buy"}
    assert sorted(_align([deal], output, text).values()) == [0, 0]
    # two distinct gold deals by one buyer, neither quoting the headline: the headline could report either
    other = {"id": "e2", "type": "Acquisition", "agent": "Orbis Capital", "trigger": "a rival bid"}
    assert sorted(_align([deal, other], output, text).values()) == [0]


def test_a_headline_among_one_company_s_job_cuts_reports_the_one_with_its_number_of_jobs():
    text = ("Keller Foods va supprimer 800 emplois\n\nLe groupe Keller Foods a annoncé lundi la suppression de 800 "
            "postes en France. En 2019, Keller Foods avait déjà supprimé 300 emplois.")
    output = next(iter(run_product([make_article("doc3", text, "fr")])))
    cuts = [{"id": "e1", "type": "Layoff", "agent": "Keller Foods", "amount": 800, "trigger": "la suppression de 800"},
            {"id": "e2", "type": "Layoff", "agent": "Keller Foods", "amount": 300, "trigger": "supprimé 300 emplois"}]
    aligned = _align(cuts, output, text)
    headline = [k for k, e in enumerate(best(output.extraction.events, event_key)) if e.trigger_start < 40]
    assert headline and aligned.get(headline[0]) == 0
    assert sorted(aligned.values()) == [0, 0, 1]
    # without the number, the headline could report either cut
    assert headline[0] not in _align([{k: v for k, v in c.items() if k != "amount"} for c in cuts], output, text)
