"""``kg eval gold`` on gold files that name a shared-corpus article: loader checks, scoring, splits.

The French text below is an invented news item; the two real articles come from French Wikinews
(CC BY 2.5, "Wikinews", URLs in data/gold/wikinews-fr/).
"""
from __future__ import annotations

import json

import pytest

from kg.errors import InputError, KGError
from kg.eval import gold, gold_corpus

TEXT = ("Le groupe Fromagerie Dubois rachète la société Laiterie Martin\n\n"
        "Lyon, 3 mars 2025 - Le groupe français Fromagerie Dubois a racheté la société Laiterie Martin pour "
        "40 millions d'euros, a annoncé lundi son directeur général, Paul Lefort. La Laiterie Martin, fondée en "
        "1952, emploie 300 personnes à Annecy.")
GOLD = {
    "corpus": "wikinews-fr", "article": "fr-invented-1",
    "entities": [{"name": "Fromagerie Dubois", "type": "Company"}, {"name": "Laiterie Martin", "type": "Company"},
                 {"name": "Paul Lefort", "type": "Person"}, {"name": "Lyon", "type": "City"},
                 {"name": "Annecy", "type": "City"}],
    "facts": [{"subject": "Laiterie Martin", "predicate": "foundedOn", "value": "1952"},
              {"subject": "Fromagerie Dubois", "predicate": "country", "object": "France"}],
    "events": [
        {"id": "e1", "type": "Acquisition", "agent": "Fromagerie Dubois", "target": "Laiterie Martin",
         "status": "done", "same_as": "dubois-martin", "trigger": "a racheté la société Laiterie Martin"},
        # a wrong status: missed by the event row, found by the detection rows (type + agent only)
        {"id": "e2", "type": "Acquisition", "agent": "Fromagerie Dubois", "status": "planned", "same_as": "dubois-martin"},
        {"id": "e3", "type": "FacilityOpening", "agent": "Laiterie Martin", "status": "proposed", "same_as": "martin-plant"},
    ],
}


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    jsonl = tmp_path / "business.jsonl"
    jsonl.write_text(json.dumps({"id": "fr-invented-1", "lang": "fr", "title": TEXT.split("\n")[0],
                                 "date": "2025-03-03", "url": None, "text": TEXT}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    monkeypatch.setitem(gold_corpus.CORPORA, "wikinews-fr", jsonl)
    (tmp_path / "gold" / "wikinews-fr").mkdir(parents=True)
    return tmp_path


def _write(corpus, data, name="a.json"):
    path = corpus / "gold" / "wikinews-fr" / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("field,value,message", [
    ("type", "Merger", "events[0].type: 'Merger'"),
    ("status", "rumoured", "events[0].status: 'rumoured'"),
    ("places", "Lyon", "events[0].places"),
    ("actor", "X", "unknown field 'actor'"),
])
def test_loader_names_file_and_field(corpus, field, value, message):
    bad = json.loads(json.dumps(GOLD))
    bad["events"][0][field] = value
    path = _write(corpus, bad, "bad.json")
    with pytest.raises(InputError) as err:
        gold.load(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_duplicate_event_id_is_an_error(corpus):
    bad = json.loads(json.dumps(GOLD))
    bad["events"][1]["id"] = "e1"
    with pytest.raises(InputError, match="duplicate id 'e1'"):
        gold.load(_write(corpus, bad))


def test_scores_invented_french_pair(corpus):
    _write(corpus, GOLD)
    report = gold.evaluate(split="wikinews-fr", gold_dir=corpus / "gold")
    rows = {r.label: (r.tp, r.fp, r.fn) for r in report.rows}
    assert report.items == 1
    assert rows["entity.organization"] == (2, 0, 0)
    assert rows["entity.person"] == (1, 0, 0)
    assert rows["entity.place"] == (2, 0, 0)
    assert rows["event.Acquisition"] == (1, 0, 1)
    assert rows["event.FacilityOpening"] == (0, 0, 1)
    assert rows["detect.Acquisition"] == (2, 0, 0)
    assert rows["detect.FacilityOpening"] == (0, 0, 1)
    assert rows["detect.any-type"] == (2, 0, 1)
    assert rows["fact.foundedOn"][0] == 1
    # "Le groupe français Fromagerie Dubois": the country is a fact, not one more named place
    assert rows["fact.country"] == (1, 0, 0)
    # detection rows stay out of the micro average
    scored = [r for r in report.rows if not r.label.startswith("detect.")]
    assert report.micro.tp == sum(r.tp for r in scored) and report.micro.fn == sum(r.fn for r in scored)


def test_an_event_with_another_target_does_not_find_the_gold_one(corpus):
    # the product reads one purchase, of Laiterie Martin; an earlier purchase of another dairy by the same buyer is
    # not found by it, though type, agent and status agree
    other = json.loads(json.dumps(GOLD))
    other["events"].append({"id": "e4", "type": "Acquisition", "agent": "Fromagerie Dubois",
                            "target": "Crèmerie Blanc", "status": "done", "same_as": "dubois-blanc"})
    _write(corpus, other)
    rows = {r.label: (r.tp, r.fp, r.fn) for r in gold.evaluate(split="wikinews-fr", gold_dir=corpus / "gold").rows}
    assert rows["event.Acquisition"] == (1, 0, 2)
    assert rows["detect.Acquisition"] == (2, 0, 1)


def test_a_false_event_told_in_the_headline_and_the_body_is_counted_once(corpus):
    # the gold lists an article's real-world events; the product keeps one mention per reporting sentence and
    # merges them: the graph shows one acquisition, so one false event
    only_plant = json.loads(json.dumps(GOLD))
    only_plant["events"] = [GOLD["events"][2]]
    _write(corpus, only_plant)
    output = next(iter(gold.run_product(gold._texts([gold.load(corpus / "gold" / "wikinews-fr" / "a.json")],
                                                    corpus / "articles"))))
    assert [e.type for e in output.extraction.events].count("Acquisition") == 2
    rows = {r.label: (r.tp, r.fp, r.fn) for r in gold.evaluate(split="wikinews-fr", gold_dir=corpus / "gold").rows}
    assert rows["event.Acquisition"] == (0, 1, 0)
    assert rows["detect.Acquisition"] == (0, 1, 0)


def test_sample_split_ignores_corpus_gold(corpus):
    _write(corpus, GOLD)
    with pytest.raises(InputError, match="no gold files"):
        gold.evaluate(split="sample", gold_dir=corpus / "gold")


def test_missing_corpus_is_a_kgerror(corpus, monkeypatch):
    _write(corpus, GOLD)
    monkeypatch.setitem(gold_corpus.CORPORA, "wikinews-fr", corpus / "absent" / "business.jsonl")
    with pytest.raises(KGError, match="shared corpus 'wikinews-fr', not found"):
        gold.evaluate(split="wikinews-fr", gold_dir=corpus / "gold")


@pytest.mark.skipif(not gold_corpus.CORPORA["wikinews-fr"].exists(), reason="../shared/corpora/wikinews-fr absent")
def test_wikinews_split_on_two_real_articles():
    report = gold.evaluate(split="wikinews-fr", limit=2)
    files = sorted((gold.GOLD_DIR / "wikinews-fr").glob("*.json"))[:2]
    golds = [gold.load(p) for p in files]
    assert report.items == 2 and all(g.corpus == "wikinews-fr" for g in golds)
    expected = sum(len(g.entities) + len(g.facts) + len(g.events) for g in golds)
    scored = [r for r in report.rows if not r.label.startswith("detect.")]
    assert sum(r.tp + r.fn for r in scored) == expected
