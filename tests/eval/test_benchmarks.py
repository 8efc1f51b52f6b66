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


def test_knowledgenet_reports_the_graph_only_figure_too(kn_slice):
    note = next(n for n in kn_slice.notes if n.startswith("facts the graph holds"))
    graph_only = float(note.rsplit("F1 ", 1)[1])
    # facts through unresolved pronouns only add: the same predictions minus some
    assert 0 < graph_only <= kn_slice.micro.f1


def test_pronoun_slot_facts_are_scored_but_not_in_the_graph():
    from kg.eval.system import make_article, run_product

    text = "He served as chief executive officer of Harlow Foods until 2019."
    output = next(run_product([make_article("kn/t", text, "en")]))
    spans = {(text[s.subject[0]:s.subject[1]], text[s.object[0]:s.object[1]])
             for _, s in knowledgenet.predicted_facts(output) if s.label == "CEO"}
    assert ("Harlow Foods", "He") in spans
    assert not [s for _, s in knowledgenet.predicted_facts(output, unresolved=False) if s.label == "CEO"]


def test_wikiann_slice_floor(shared_dir):
    report = run("wikiann-fr", limit=50)
    assert report.items == 50
    assert report.micro.f1 >= FLOORS["wikiann-fr"], report.table()


def test_wikiann_reader_spans():
    sentence = wikiann._sentence([("Omaha", "B-LOC"), ("(", "I-LOC"), ("Nebraska", "I-LOC"), (")", "I-LOC"),
                                  ("est", "O"), ("Jean", "B-PER"), ("Dupont", "I-PER")])
    assert [sentence.text[a:b] for _, a, b in sentence.entities] == ["Omaha ( Nebraska )", "Jean Dupont"]


def test_gold_floor():
    report = run("gold", split="sample")
    rows = {r.label: r for r in report.rows}
    assert rows["entity.organization"].recall >= 0.8, report.table()
    assert rows["event.StoreOpening"].tp >= 1, report.table()
    # Vélizy and Gennevilliers are in France: the graph says so from the gazetteer (the text names no country
    # for them), and a fact the graph holds that the gold does not list is no false positive
    assert rows["fact.locatedIn"].tp >= 2 and rows["fact.locatedIn"].fp == 0, report.table()
    assert report.micro.f1 >= FLOORS["gold"], report.table()


# knowledgenet: 0.80 with the relation classifier (0.72 on the facts the graph holds); its 40 documents
# are in the classifier's training folds, so this guards against regressions, it is no held-out figure
FLOORS = {"knowledgenet": 0.72, "wikiann-fr": 0.45, "gold": 0.6}
