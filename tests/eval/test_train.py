"""Training the relation classifier: labels follow the benchmark, output is byte-reproducible, fold 3 untouched."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.eval import knowledgenet, train
from kg.eval.scoring import facts_match
from kg.extract.relations.model import MODEL_DIR


@pytest.fixture(scope="module")
def slice_data(shared_dir):
    return train.collect(folds=(1, 2), limit=25)


def test_labels_follow_the_exhaustive_annotation(slice_data):
    labels = {0: 0, 1: 0, None: 0}
    for doc in slice_data:
        for e in doc.examples:
            if e.rule:
                continue
            passage = doc.passages[e.passage]
            gold = any(facts_match(g, e.span) for g in passage.gold)
            annotated = e.span.label in passage.annotated
            labels[e.label] += 1
            # positive = overlaps a gold fact; negative only where the passage is annotated for it
            assert e.label == (1 if gold else 0 if annotated else None)
    assert labels[1] and labels[0] and labels[None]


def test_training_on_a_slice_gives_the_same_bytes_twice(shared_dir, tmp_path):
    first = train.train_relations(folds=(1,), limit=12, out=tmp_path / "a.json")
    second = train.train_relations(folds=(1,), limit=12, out=tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    raw = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert raw["metadata"]["command"] == "kg train relations --folds 1 --limit 12"
    assert raw["metadata"]["counts"]["documents"] == 12
    assert first.settings == second.settings and first.cv.micro == second.cv.micro


def test_training_reproduces_the_shipped_weights(shared_dir, tmp_path):
    """`kg train relations` on folds 1-2 (~75 s) writes exactly data/models/relations_en.json."""
    report = train.train_relations(folds=(1, 2), out=tmp_path / "relations_en.json")
    shipped = (MODEL_DIR / "relations_en.json").read_text(encoding="utf-8")
    assert (tmp_path / "relations_en.json").read_text(encoding="utf-8") == shipped
    # the model beats the rules alone in cross-validation on the training folds
    assert report.cv.micro.f1 > 0.6


@pytest.mark.parametrize("text,folds", [("1,2", (1, 2)), ("2 1", (1, 2)), ("1", (1,))])
def test_parse_folds(text, folds):
    assert train.parse_folds(text) == folds


@pytest.mark.parametrize("text", ["3", "1,3", "", "x"])
def test_fold_3_is_never_a_training_fold(text):
    with pytest.raises(KGError, match="valid: 1, 2"):
        train.parse_folds(text)


def test_cli_train_relations(shared_dir, tmp_path):
    out = tmp_path / "m.json"
    result = CliRunner().invoke(main, ["train", "relations", "--folds", "1", "--limit", "6", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "split cv" in result.output and f"wrote {out}" in result.output
    assert sorted(json.loads(out.read_text())["predicates"]) == sorted(knowledgenet.PREDICATES)


def test_cli_train_refuses_the_test_fold(tmp_path):
    result = CliRunner().invoke(main, ["train", "relations", "--folds", "3", "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 2
    assert "valid: 1, 2" in result.output
    assert not (tmp_path / "m.json").exists()


def test_cli_train_relations_help():
    result = CliRunner().invoke(main, ["train", "relations", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output and "--folds" in result.output


def test_training_without_scikit_learn_says_how_to_install_it(monkeypatch):
    import sys

    from kg.errors import OptionError
    from kg.eval.train import fit

    monkeypatch.setitem(sys.modules, "sklearn.linear_model", None)  # as if the train extra were not installed
    with pytest.raises(OptionError, match=r"scikit-learn .*\.\[train\]"):
        fit([], C=1.0)


def test_unlabelled_candidates_count_as_negatives_only_with_a_weight(slice_data):
    """Candidates of passages not annotated for the property: left out at weight 0, weak negatives above."""
    labelled_only = [d._replace(examples=tuple(e for e in d.examples if e.rule or e.label is not None))
                     for d in slice_data]
    assert any(e.label is None and not e.rule for d in slice_data for e in d.examples)
    assert train.fit(slice_data, C=1.0, unknown=0.0) == train.fit(labelled_only, C=1.0, unknown=0.0)
    weak = train.fit(slice_data, C=1.0, unknown=0.2)
    assert weak != train.fit(slice_data, C=1.0, unknown=0.0)
    # more negatives: the likelihood of a relation drops on average
    assert sum(b for b, _ in weak.values()) < sum(b for b, _ in train.fit(slice_data, C=1.0).values())
