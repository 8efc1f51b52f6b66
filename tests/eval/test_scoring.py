"""The scoring rules on tiny hand-made cases: span overlap, the annotated-properties filter, sets."""
from __future__ import annotations

import json
from collections import Counter, defaultdict

import pytest

from kg.errors import InputError, OptionError
from kg.eval import run
from kg.eval.scoring import (SpanFact, counts_to_report, facts_match, make_row, overlap, score_passage,
                             score_sets)


@pytest.mark.parametrize("a,b,expected", [
    ((0, 5), (0, 5), True),
    ((0, 5), (4, 9), True),     # one shared character
    ((0, 5), (5, 9), False),    # touching is not overlapping
    ((2, 3), (0, 10), True),    # inside
    ((3, 3), (0, 10), False),   # empty span never matches
    ((10, 12), (0, 5), False),
])
def test_overlap(a, b, expected):
    assert overlap(a, b) is expected
    assert overlap(b, a) is expected


def test_fact_match_needs_property_subject_and_object():
    gold = SpanFact("CEO", (0, 10), (20, 30))
    assert facts_match(gold, SpanFact("CEO", (5, 8), (25, 40)))
    assert not facts_match(gold, SpanFact("FOUNDED_BY", (5, 8), (25, 40)))
    assert not facts_match(gold, SpanFact("CEO", (11, 15), (25, 40)))
    assert not facts_match(gold, SpanFact("CEO", (5, 8), (31, 40)))


def _count(gold, pred, annotated):
    counts = defaultdict(Counter)
    score_passage(gold, pred, annotated, counts)
    return {label: (c["tp"], c["fp"], c["fn"]) for label, c in counts.items() if sum(c.values())}


def test_unannotated_property_predictions_are_not_false_positives():
    gold = [SpanFact("CEO", (0, 10), (20, 30))]
    pred = [SpanFact("CEO", (0, 10), (20, 30)), SpanFact("HEADQUARTERS", (0, 10), (40, 45))]
    assert _count(gold, pred, ["CEO"]) == {"CEO": (1, 0, 0)}
    assert _count(gold, pred, ["CEO", "HEADQUARTERS"]) == {"CEO": (1, 0, 0), "HEADQUARTERS": (0, 1, 0)}


def test_every_gold_fact_counts_and_duplicate_matches_are_not_penalised():
    # the upstream evaluator: two predictions matching one gold fact are one TP, no FP
    gold = [SpanFact("CEO", (0, 10), (20, 30)), SpanFact("CEO", (0, 10), (50, 52))]
    pred = [SpanFact("CEO", (0, 4), (20, 30)), SpanFact("CEO", (5, 10), (21, 22)), SpanFact("CEO", (0, 10), (60, 70))]
    assert _count(gold, pred, ["CEO"]) == {"CEO": (1, 1, 1)}


@pytest.mark.parametrize("pred,expected", [
    # "Dublin, Ireland" (20-36) matches the gold "Dublin" (20-26); "Ireland" (28-36) overlaps only the
    # matched prediction: the official evaluator.py drops it with the match, so it is no FP
    ([((0, 5), (20, 36)), ((0, 5), (28, 36))], (1, 0, 0)),
    # the same prediction with no matched prediction to overlap is a FP
    ([((0, 5), (28, 36))], (0, 1, 1)),
    # a prediction overlapping the match's subject but not its object stays a FP
    ([((0, 5), (20, 36)), ((0, 5), (40, 48))], (1, 1, 0)),
])
def test_predictions_overlapping_a_matched_one_are_not_false_positives(pred, expected):
    gold = [SpanFact("HEADQUARTERS", (0, 5), (20, 26))]
    assert _count(gold, [SpanFact("HEADQUARTERS", *p) for p in pred], ["HEADQUARTERS"]) == {"HEADQUARTERS": expected}


def test_score_sets_and_rows():
    counts = defaultdict(Counter)
    score_sets([("PER", 0, 4), ("ORG", 9, 14), ("ORG", 20, 25)], [("PER", 0, 4), ("ORG", 9, 13)], counts)
    report = counts_to_report("t", None, counts, ["LOC", "ORG", "PER"], items=1)
    rows = {r.label: r for r in report.rows}
    assert (rows["PER"].tp, rows["PER"].fp, rows["PER"].fn) == (1, 0, 0)
    assert (rows["ORG"].tp, rows["ORG"].fp, rows["ORG"].fn) == (0, 1, 2)   # a near miss is wrong twice
    assert rows["LOC"] == make_row("LOC", 0, 0, 0)
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (1, 1, 2)
    assert report.micro.precision == 0.5 and report.micro.recall == pytest.approx(1 / 3, abs=1e-4)


def test_report_table_and_json():
    report = counts_to_report("demo", "test", {"CEO": Counter(tp=3, fp=1, fn=2)}, ["CEO"], items=4)
    table = report.table()
    assert table.splitlines()[0] == "demo (4 items, split test)"
    assert "0.6667" in table and table.splitlines()[-1].startswith("micro")
    data = json.loads(report.to_json())
    assert data["micro"]["f1"] == 0.6667 and data["rows"][0]["label"] == "CEO"
    assert report.to_json() == report.to_json()


def test_bad_choices_name_the_valid_options():
    with pytest.raises(OptionError, match="knowledgenet"):
        run("conll")
    with pytest.raises(OptionError, match="test, train"):
        run("knowledgenet", split="dev")


def test_bad_gold_file_names_the_file(tmp_path):
    from kg.eval.gold import evaluate

    (tmp_path / "broken.json").write_text('{"article": "x.txt", "entities": [{"name": "X", "type": "Thing"}], '
                                          '"facts": []}', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.json.*'Thing'.*Organization"):
        evaluate(gold_dir=tmp_path)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.json:1"):
        evaluate(gold_dir=tmp_path)
