"""``kg eval relx-fr`` scoring, run through the real product on invented French sentences."""
from __future__ import annotations

import json

import pytest

from kg.errors import KGError
from kg.eval import run
from kg.eval.relx import evaluate

HQ = "Le groupe Fabrikam, basé à Lyon, a ouvert une usine en Pologne."
WORK = "Ana Ruiz, directrice financière de Fabrikam, a démissionné lundi."


def _ref(text: str, part: str) -> dict:
    start = text.index(part)
    return {"text": part, "start": start, "end": start + len(part)}


def _record(rid: str, text: str, e1: str, e2: str, predicate: str | None) -> dict:
    rel = [{"subject": _ref(text, e1), "predicate": predicate, "object": _ref(text, e2)}] if predicate else []
    return {"id": f"relx-fr:{rid}", "lang": "fr", "text": text, "relations": rel,
            "pair": {"e1": _ref(text, e1), "e2": _ref(text, e2), "source_label": "x"}}


def _write(tmp_path, records):
    (tmp_path / "dev.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                        encoding="utf-8")
    return tmp_path


def test_found_relation_is_true_positive(tmp_path):
    report = evaluate(directory=_write(tmp_path, [_record("1", HQ, "Fabrikam", "Lyon", "headquarteredIn")]))
    rows = {r.label: r for r in report.rows}
    assert (rows["headquarteredIn"].tp, rows["headquarteredIn"].fp, rows["headquarteredIn"].fn) == (1, 0, 0)
    assert report.items == 1


def test_fact_on_a_no_relation_pair_is_false_positive_and_gold_elsewhere_is_missed(tmp_path):
    records = [_record("1", HQ, "Fabrikam", "Lyon", None),                    # pair marked, no relation
               _record("2", WORK, "Ana Ruiz", "Fabrikam", "subsidiaryOf")]    # gold the product cannot find
    rows = {r.label: r for r in evaluate(directory=_write(tmp_path, records)).rows}
    assert rows["headquarteredIn"].fp == 1
    assert rows["subsidiaryOf"].fn == 1
    # worksFor(Ana Ruiz, Fabrikam) is on the marked pair but not gold here: a false positive
    assert rows["worksFor"].fp == 1


def test_fact_off_the_marked_pair_is_not_judged(tmp_path):
    # the pair is (Lyon, Pologne): the headquarters fact lies off the pair and cannot be judged
    report = evaluate(directory=_write(tmp_path, [_record("1", HQ, "Lyon", "Pologne", None)]))
    assert report.micro.fp == 0


def test_test_split_is_refused():
    with pytest.raises(KGError):
        run("relx-fr", split="test")


@pytest.mark.parametrize("place_type,scored", [("City", True), ("Person", False)])
def test_a_fact_the_graph_leaves_out_is_not_scored(place_type, scored):
    # kg.rdf.facts drops a fact whose ends have the wrong types ("Dallas Texas" typed as a person is no
    # seat): the benchmark scores what the graph publishes
    from collections import Counter, defaultdict

    from kg.eval.relx import score_record
    from kg.eval.system import Output, make_article
    from kg.types import Entity, Extraction, Fact, Mention

    text = "Acme est basée à Dallas Texas."
    rec = _record("1", text, "Acme", "Dallas", "headquarteredIn")
    ms = (Mention(0, 4, "Acme", "Company", 0, "t", 1.0), Mention(17, 29, "Dallas Texas", place_type, 0, "t", 1.0))
    ex = Extraction(make_article("x", text, "fr"), (), ms, (), (Fact(0, "headquarteredIn", 1, None, 0, "t", 1.0),), ())
    ents = tuple(Entity(f"k/{i}", m.type, m.text, "fr", (), (), None, None, None, "t") for i, m in enumerate(ms))
    counts = defaultdict(Counter)
    score_record(rec, Output(ex, (True, True), ("k/0", "k/1"), ents), counts)
    assert counts["headquarteredIn"]["tp"] == (1 if scored else 0)


def test_misses_are_listed_with_their_cause(tmp_path):
    records = [_record("1", HQ, "Fabrikam", "Lyon", "headquarteredIn"),              # found: not listed
               _record("2", WORK, "Ana Ruiz", "Fabrikam", "subsidiaryOf"),           # a person is no subsidiary
               _record("3", WORK, "Ana Ruiz", "lundi", "worksFor")]                  # "lundi" is no entity
    out = tmp_path / "misses.tsv"
    evaluate(directory=_write(tmp_path, records), out=out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    causes = {(r[0], r[1], r[2]): r[3] for r in rows}
    assert causes[("relx-fr:2", "subsidiaryOf", "fn")] == "end mistyped"
    assert causes[("relx-fr:3", "worksFor", "fn")] == "end not found"
    assert ("relx-fr:2", "worksFor", "fp") in causes      # worksFor(Ana Ruiz, Fabrikam) on the pair, not gold
    assert not any(r[0] == "relx-fr:1" for r in rows)
