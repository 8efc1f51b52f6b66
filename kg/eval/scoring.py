"""Precision / recall / F1 bookkeeping and the matching rules the benchmarks use.

Everything here is pure: counts in, :class:`EvalReport` out. Matching follows each benchmark's own
definition: KnowledgeNet's "Text F1" (a gold fact is found when a predicted fact of the same property
overlaps both its subject and its object spans; an unmatched prediction is a false positive only in a
passage annotated for its property), exact typed spans for NER, exact normalised triples otherwise.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

Span = tuple[int, int]


class Row(NamedTuple):
    """Counts and scores of one label (a relation or an entity type), or of the micro average."""

    label: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class SpanFact(NamedTuple):
    """A fact located in text: property label, subject span, object span (character offsets)."""

    label: str
    subject: Span
    object: Span


def make_row(label: str, tp: int, fp: int, fn: int) -> Row:
    """Scores from counts (0.0 where undefined).

    Examples
    --------
    >>> make_row("CEO", 3, 1, 2)
    Row(label='CEO', tp=3, fp=1, fn=2, precision=0.75, recall=0.6, f1=0.6667)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Row(label, tp, fp, fn, round(p, 4), round(r, 4), round(f, 4))


@dataclass(frozen=True)
class EvalReport:
    """Per-label rows and their micro average for one benchmark (or several, for ``all``)."""

    benchmark: str
    split: str | None
    rows: tuple[Row, ...]
    micro: Row
    items: int = 0
    """Documents (or sentences) scored."""
    notes: tuple[str, ...] = ()
    parts: tuple["EvalReport", ...] = field(default=())
    """For ``all``: the report of each benchmark."""

    def table(self) -> str:
        """Aligned text table, one line per label then the micro average.

        Examples
        --------
        >>> print(report_from_counts("demo", None, {"CEO": (3, 1, 2)}, items=5).table())  # doctest: +NORMALIZE_WHITESPACE
        demo (5 items)
        label      tp   fp   fn  precision  recall      f1
        CEO         3    1    2     0.7500  0.6000  0.6667
        micro       3    1    2     0.7500  0.6000  0.6667
        """
        if self.parts:
            return "\n\n".join(p.table() for p in self.parts)
        split = f", split {self.split}" if self.split else ""
        lines = [f"{self.benchmark} ({self.items} items{split})"]
        width = max([len(r.label) for r in self.rows] + [5])
        lines.append(f"{'label':<{width}} {'tp':>5} {'fp':>4} {'fn':>4}  precision  recall      f1")
        for r in (*self.rows, self.micro):
            lines.append(f"{r.label:<{width}} {r.tp:>5} {r.fp:>4} {r.fn:>4}     {r.precision:.4f}"
                         f"  {r.recall:.4f}  {r.f1:.4f}")
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)

    def to_dict(self) -> dict:
        out = {"benchmark": self.benchmark, "split": self.split, "items": self.items,
               "rows": [r._asdict() for r in self.rows], "micro": self.micro._asdict(),
               "notes": list(self.notes)}
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out

    def to_json(self) -> str:
        """JSON with sorted keys (stable for diffs)."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False)


def report_from_counts(benchmark: str, split: str | None, counts: dict[str, tuple[int, int, int]], *,
                       items: int = 0, notes: Sequence[str] = ()) -> EvalReport:
    """Build a report from ``label -> (tp, fp, fn)``; rows sorted by label, micro over all of them."""
    rows = tuple(make_row(label, *counts[label]) for label in sorted(counts))
    micro = make_row("micro", sum(r.tp for r in rows), sum(r.fp for r in rows), sum(r.fn for r in rows))
    return EvalReport(benchmark, split, rows, micro, items, tuple(notes))


def overlap(a: Span, b: Span) -> bool:
    """True when two non-empty half-open spans share at least one character.

    Examples
    --------
    >>> overlap((0, 5), (4, 9)), overlap((0, 5), (5, 9)), overlap((3, 3), (0, 9))
    (True, False, False)
    """
    return a[0] < a[1] and b[0] < b[1] and a[0] < b[1] and b[0] < a[1]


def facts_match(gold: SpanFact, pred: SpanFact) -> bool:
    """KnowledgeNet "Text F1" match: same property, overlapping subjects and overlapping objects."""
    return gold.label == pred.label and overlap(gold.subject, pred.subject) and overlap(gold.object, pred.object)


def score_passage(gold: Iterable[SpanFact], pred: Iterable[SpanFact], annotated: Iterable[str],
                  counts: dict[str, Counter]) -> None:
    """Add one passage's TP/FP/FN to ``counts`` (label -> Counter), the upstream evaluator's way.

    Each gold fact is a TP if some prediction matches it, else a FN. A prediction is a FP when it
    matches no gold fact *and* no prediction that did (the official ``evaluator.py`` drops, with each
    matched prediction, every other prediction that span-overlaps it: "Dublin" and "Dublin, Ireland"
    for one gold "Dublin"), and only for properties the passage is exhaustively annotated for.

    Examples
    --------
    >>> from collections import Counter, defaultdict
    >>> counts = defaultdict(Counter)
    >>> gold = [SpanFact("CEO", (0, 5), (10, 15))]
    >>> pred = [SpanFact("CEO", (1, 3), (12, 20)), SpanFact("HEADQUARTERS", (0, 5), (30, 35))]
    >>> score_passage(gold, pred, ["CEO"], counts)
    >>> dict(counts["CEO"]), dict(counts["HEADQUARTERS"])
    ({'tp': 1}, {})
    >>> counts = defaultdict(Counter)
    >>> pred = [SpanFact("CEO", (0, 5), (14, 22)), SpanFact("CEO", (0, 5), (16, 22)), SpanFact("CEO", (0, 5), (40, 45))]
    >>> score_passage(gold, pred, ["CEO"], counts)   # the second overlaps the first, which matched
    >>> dict(counts["CEO"])
    {'tp': 1, 'fp': 1}
    """
    gold, pred = list(gold), list(pred)
    annotated = set(annotated)
    matched: set[int] = set()
    for g in gold:
        hits = [i for i, p in enumerate(pred) if facts_match(g, p)]
        counts[g.label]["tp" if hits else "fn"] += 1
        matched.update(hits)
    for i, p in enumerate(pred):
        if i in matched or p.label not in annotated:
            continue
        if not any(facts_match(pred[k], p) for k in matched):
            counts[p.label]["fp"] += 1


def score_sets(gold: Iterable[tuple], pred: Iterable[tuple], counts: dict[str, Counter]) -> None:
    """Exact matching of labelled items ``(label, ...)`` as sets (NER spans, normalised triples).

    Examples
    --------
    >>> from collections import Counter, defaultdict
    >>> counts = defaultdict(Counter)
    >>> score_sets([("PER", 0, 4), ("ORG", 9, 14)], [("PER", 0, 4), ("LOC", 9, 14)], counts)
    >>> sorted((k, dict(v)) for k, v in counts.items())
    [('LOC', {'fp': 1}), ('ORG', {'fn': 1}), ('PER', {'tp': 1})]
    """
    gold_set, pred_set = set(gold), set(pred)
    for item in sorted(gold_set, key=repr):
        counts[item[0]]["tp" if item in pred_set else "fn"] += 1
    for item in sorted(pred_set - gold_set, key=repr):
        counts[item[0]]["fp"] += 1


def counts_to_report(benchmark: str, split: str | None, counts: dict[str, Counter], labels: Iterable[str], *,
                     items: int = 0, notes: Sequence[str] = ()) -> EvalReport:
    """Report over ``labels`` (a label with no counts still gets a row of zeros)."""
    table = {label: (counts[label]["tp"], counts[label]["fp"], counts[label]["fn"]) for label in labels}
    return report_from_counts(benchmark, split, table, items=items, notes=notes)
