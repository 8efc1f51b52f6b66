"""Regression guard: the product scored on small slices of the benchmarks stays above a floor.

Floors are a little below what the slices scored when written (see the README's Evaluation section
for the full figures); a drop below them means extraction got worse, not noise.
"""
from __future__ import annotations

import pytest

from kg.eval import knowledgenet, run, wikiann
from kg.eval.scoring import overlap


@pytest.fixture(scope="module")
def kn_slice(shared_dir):
    return run("knowledgenet", split="train", limit=40)


def test_knowledgenet_reader_keeps_offsets(shared_dir):
    for doc in knowledgenet.read(folds=(1,), limit=20):
        for passage in doc.passages:
            for fact in passage.gold:
                assert passage.start <= fact.subject[0] < fact.subject[1] <= passage.end
                assert overlap(fact.subject, (passage.start, passage.end))


def test_knowledgenet_slice_floor(kn_slice):
    assert kn_slice.items == 40
    assert [r.label for r in kn_slice.rows] == sorted(knowledgenet.PROPERTIES)
    assert kn_slice.micro.tp > 0
    assert kn_slice.micro.f1 >= FLOORS["knowledgenet"], kn_slice.table()


def test_wikiann_slice_floor(shared_dir):
    report = run("wikiann-fr", limit=50)
    assert report.items == 50
    assert report.micro.f1 >= FLOORS["wikiann-fr"], report.table()


def test_wikiann_reader_spans():
    sentence = wikiann._sentence([("Omaha", "B-LOC"), ("(", "I-LOC"), ("Nebraska", "I-LOC"), (")", "I-LOC"),
                                  ("est", "O"), ("Jean", "B-PER"), ("Dupont", "I-PER")])
    assert [sentence.text[a:b] for _, a, b in sentence.entities] == ["Omaha ( Nebraska )", "Jean Dupont"]


def test_gold_floor():
    report = run("gold")
    rows = {r.label: r for r in report.rows}
    assert rows["entity.organization"].recall >= 0.8, report.table()
    assert rows["event.StoreOpening"].tp >= 1, report.table()
    assert report.micro.f1 >= FLOORS["gold"], report.table()


# knowledgenet: 0.77 with the relation classifier (rules alone: 0.61); its 40 documents are in the
# classifier's training folds, so this guards against regressions, it is no held-out figure
FLOORS = {"knowledgenet": 0.65, "wikiann-fr": 0.45, "gold": 0.6}
