"""Thresholds and vetoes of the relation classifier, chosen with KnowledgeNet's own scorer.

:func:`tune` takes every candidate's probability (out-of-fold in cross-validation) and picks, per
predicate, the threshold at which the model adds a fact and the veto below which it drops a weak
rule fact, maximising micro F1 as :func:`kg.eval.scoring.score_passage` counts it; :func:`report`
scores given settings. Used by :mod:`kg.eval.train`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from kg.eval.knowledgenet import PREDICATES, PROPERTIES
from kg.eval.scoring import EvalReport, counts_to_report, score_passage
from kg.extract.relations.model import triggered

THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 20))
VETOES = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2)


class _Passage(NamedTuple):
    gold: list
    annotated: tuple[str, ...]
    items: list
    """(span, rule, probability of its group or None, addable by the model)"""


def _passages(data, probs, pred: str) -> list[_Passage]:
    """The passages where ``pred`` has gold facts or candidates, each example with its group's probability
    (computed once, so that trying many thresholds is cheap)."""
    label = PREDICATES[pred]
    out: list[_Passage] = []
    for d, ps in zip(data, probs):
        best: dict[tuple, float] = {}
        for e, p in zip(d.examples, ps):
            if e.predicate == pred and p is not None:
                best[e.group] = max(best.get(e.group, 0.0), p)
        items: dict[int, list] = defaultdict(list)
        for e, p in zip(d.examples, ps):
            if e.predicate != pred:
                continue
            if e.rule:  # p None: never vetoed
                items[e.passage].append((e.span, True, best[e.group] if p is not None and e.vetoable else None, False))
            else:  # a candidate the rules also found, or in a sentence with no trigger, is never added
                addable = f"rule={pred}" not in e.features and triggered(pred, e.features)
                items[e.passage].append((e.span, False, best[e.group] if p is not None else None, addable))
        for k, passage in enumerate(d.passages):
            gold = [g for g in passage.gold if g.label == label]
            if gold or items.get(k):
                out.append(_Passage(gold, passage.annotated, items.get(k, [])))
    return out


def _counts(passages: list[_Passage], pred: str, threshold: float, veto: float) -> Counter:
    """TP/FP/FN of ``pred`` with these settings, from the benchmark's scorer."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for passage in passages:
        mine = [span for span, rule, p, addable in passage.items
                if ((p is None or p >= veto) if rule else (p is not None and p >= threshold and addable))]
        score_passage(passage.gold, mine, passage.annotated, counts)
    return counts[PREDICATES[pred]]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def tune(data, probs) -> tuple[dict[str, tuple[float, float]], float]:
    """Thresholds and vetoes maximising micro F1 on ``data`` (coordinate ascent over predicates)."""
    grid = [(t, v) for t in (*THRESHOLDS, 1.01) for v in VETOES]
    table = {}
    for pred in sorted(PREDICATES):
        passages = _passages(data, probs, pred)
        table[pred] = {s: _counts(passages, pred, *s) for s in grid}
    settings = {pred: (1.01, 0.0) for pred in sorted(PREDICATES)}

    def micro(choice) -> float:
        c = [table[p][choice[p]] for p in choice]
        return _f1(sum(x["tp"] for x in c), sum(x["fp"] for x in c), sum(x["fn"] for x in c))

    for _ in range(3):
        for pred in sorted(PREDICATES):
            settings[pred] = max(grid, key=lambda s: (micro({**settings, pred: s}), -s[1], s[0]))
    return settings, micro(settings)


def settings_report(data, probs, settings, split: str) -> EvalReport:
    counts = {PREDICATES[p]: _counts(_passages(data, probs, p), p, *settings[p]) for p in sorted(PREDICATES)}
    return counts_to_report("knowledgenet", split, counts, sorted(PROPERTIES), items=len(data))
