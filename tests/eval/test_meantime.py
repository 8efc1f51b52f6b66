"""MEANTIME scoring: cluster metrics on hand-made clusters, alignment, and one end-to-end run.

The end-to-end file is invented (MEANTIME's format, our own sentences), run through the real product.
"""
import json

import pytest

from kg.errors import KGError
from kg.eval import run
from kg.eval.clusters import align, bcubed, pairwise
from kg.eval.meantime import evaluate


def test_bcubed_perfect_and_all_merged():
    gold = {1: "a", 2: "a", 3: "b", 4: "c"}
    assert bcubed(gold, gold)[1:3] == (1.0, 1.0)
    merged = bcubed({i: "x" for i in gold}, gold)
    # items 1, 2: P 2/4; items 3, 4: P 1/4 -> 6/16; recall 1 everywhere
    assert (merged.precision, merged.recall) == (0.375, 1.0)


def test_bcubed_all_split():
    gold = {1: "a", 2: "a", 3: "a", 4: "b"}
    split = bcubed({i: i for i in gold}, gold)
    # recall: items 1-3 see 1/3 of their gold cluster, item 4 all of it -> (1 + 1) / 4
    assert (split.precision, split.recall) == (1.0, 0.5)


def test_pairwise_counts():
    gold = {1: "a", 2: "a", 3: "a", 4: "b"}
    pred = {1: "x", 2: "x", 3: "y", 4: "y"}
    score = pairwise(pred, gold)
    assert (score.tp, score.fp, score.fn) == (1, 1, 2)
    assert (score.precision, score.recall) == (0.5, 0.3333)


def test_cluster_scores_need_the_same_items():
    with pytest.raises(ValueError):
        bcubed({1: "a"}, {2: "a"})


def test_align_picks_the_largest_overlap_and_skips_misses():
    gold = [(0, 16), (21, 27), (40, 45)]
    pred = [(0, 8), (0, 16), (22, 27), (30, 35)]
    assert align(gold, pred) == {0: 1, 1: 2}


def _mention(text, sent, word, start_at, type_, instance, m_id, syntactic="NAM"):
    start = text.index(word, start_at)
    return {"text": word, "start": start, "end": start + len(word), "type": type_, "syntactic_type": syntactic,
            "m_id": m_id, "instance": instance, "dbpedia": None}


def test_end_to_end_on_an_invented_file(tmp_path):
    one = "Northwind Motors said on Monday it would buy Castlerock Software for $2 billion."
    two = "Shares of Northwind Motors rose after the company agreed to buy Castlerock Software."
    records = []
    for doc, text in (("d1", one), ("d2", two)):
        buy = text.index("buy")
        records.append({
            "id": doc, "lang": "en", "title": "", "date": "2021-03-01", "text": text, "url": None, "topic": "x",
            "entities": [_mention(text, 0, "Northwind Motors", 0, "ORG", "ORG-NW", f"{doc}-1"),
                         _mention(text, 0, "Castlerock Software", 0, "ORG", "ORG-CR", f"{doc}-2")],
            "events": [{"m_id": f"{doc}-e", "trigger": {"text": "buy", "start": buy, "end": buy + 3},
                        "class": "OTHER", "instance": "EV-BUY", "participants": []}],
            "timexes": [], "values": []})
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = evaluate(path=path, events=True)
    assert report.items == 2
    org = next(r for r in report.rows if r.label == "ORG")
    assert (org.tp, org.fp, org.fn) == (4, 0, 0)
    assert "entity resolution: 4 of 4 named gold mentions found (recall 1.0000); 2 gold instances" in report.notes[0]
    assert "entity B-cubed over the 4 found mentions (2 product entity keys): P 1.0000 R 1.0000" in report.notes[1]
    assert "over the 4 of them whose product mention covers half the gold span or more: P 1.0000" in report.notes[2]
    assert ("events: 2 of 2 gold event mentions (class MIX or none left out) aligned to a product event mention"
            in report.notes)
    pair = next(n for n in report.notes if n.startswith("event pairwise merge over 2 mentions"))
    # one gold pair: the same purchase by the same buyer of the same target, reported on the same day in two
    # articles, is one event (kg.resolve.events)
    assert pair.endswith("(tp 1 fp 0 fn 0)")


def test_events_option_is_refused_by_other_benchmarks():
    with pytest.raises(KGError, match="applies only to meantime"):
        run("gold", events=True)


def test_cli_refuses_events_for_another_benchmark_with_exit_2():
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["eval", "gold", "--events"])
    assert result.exit_code == 2
    assert "applies only to meantime" in result.output


def test_discontinuous_trigger_aligns_by_its_pieces():
    from kg.eval.meantime import _align_triggers
    from kg.types import Event

    def event(start, end):
        return Event("Acquisition", start, end, 0, "done", None, None, None, (), None, None, None, "t", 1.0)

    gold = [{"trigger": {"text": "take ... away", "start": 10, "end": 40,
                         "pieces": [{"start": 10, "end": 14}, {"start": 36, "end": 40}]}},
            {"trigger": {"text": "buy", "start": 50, "end": 53}}]
    # a product trigger between the pieces is no match; one on a piece is
    assert _align_triggers(gold, [event(20, 25), event(50, 53)]) == {1: 1}
    assert _align_triggers(gold, [event(36, 40)]) == {0: 0}


@pytest.mark.parametrize("text,head", [
    ("Dutch chipmaker Veldhoven Optics rose", "Optics"),
    ("the Prime Minister of Norland said", "Minister"),
    ("Northwind Motor Company said", "Motor"),
    ("the Moscone Hall in Riverton, said", "Hall"),
    ("the low-cost carrier, Skylark Air, said", "Air"),
    ("Castlerock's Orbit tablet sold", "tablet"),
])
def test_name_head_is_the_last_word_of_the_name_part(text, head):
    from kg.eval.clusters import name_head

    end = text.rindex(" ")
    start, stop = name_head(text, 0, end)
    assert text[start:stop] == head


def test_align_by_head_leaves_a_modifier_name_unfound():
    from kg.eval.clusters import name_head

    text = "Shares of United States automaker Kestro rose."
    gold = [(10, 40)]
    heads = [name_head(text, *gold[0])]
    country, maker = (10, 23), (34, 40)
    assert [text[s:e] for s, e in (country, maker)] == ["United States", "Kestro"]
    # the country overlaps more of the gold mention than the carmaker does, but only the head names it
    assert align(gold, [country, maker]) == {0: 0}
    assert align(gold, [country, maker], heads) == {0: 1}
    assert align(gold, [country], heads) == {}
