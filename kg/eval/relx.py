"""RELX-fr dev: French sentences with one marked entity pair each, end to end (the product finds its own entities).

The benchmark annotates ONE pair per sentence (README of ``../shared/benchmarks/relx-fr``), so a full
extractor's other facts cannot be judged. Scoring follows that README:

- recall over the gold relations: a gold relation is found when a fact of its predicate has its subject
  span overlapping the gold subject and its object span overlapping the gold object;
- precision over the predictions ON THE MARKED PAIR only: facts of a scored predicate whose two ends
  overlap the pair's two entities (either order); one that matches no gold relation is a false positive
  (a fact on a ``no_relation`` pair included).

A literal object (``jobTitle``, ``foundedOn``) is located by its value in the sentence (a title) or by the
date mention it was read from. The gold ``nationality`` (KBP37 ``per:origin``) is scored against our
``country`` predicate (a person's or company's country, read from a demonym), under that name. The English originals of RELX are not in ``../shared``, so there is no English
figure on the same sentences here.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from kg.errors import bad_choice
from kg.rdf.facts import FACT_SIGNATURES
from kg.eval.scoring import EvalReport, counts_to_report, overlap
from kg.eval.system import Output, fact_spans, failure_notes, make_article, read_jsonl, run_product
from kg.types import Fact

DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "relx-fr"
#: the test split is kept aside (not in ``../shared``): only dev is scored
SPLITS = ("dev",)
LABELS = ("country", "foundedBy", "foundedOn", "headquarteredIn", "jobTitle", "subsidiaryOf", "worksFor")
#: the benchmark's predicate names that are ours under another name
RENAMED = {"nationality": "country"}

Span = tuple[int, int]


def _span(ref: dict) -> Span:
    return ref["start"], ref["end"]


def _well_typed(output: Output, fact: Fact) -> bool:
    """True when the graph keeps ``fact``: its ends' resolved types fit the property's domain and range
    (:mod:`kg.rdf.facts` leaves the others out), so only published facts are scored."""
    if not output.entities:
        return True
    types = {e.key: e.type for e in output.entities}
    signature = FACT_SIGNATURES[fact.predicate]
    if types.get(output.keys[fact.subject]) not in signature.subjects:
        return False
    return fact.object is None or types.get(output.keys[fact.object]) in signature.objects


def _located(output: Output, fact: Fact, text: str) -> tuple[Span, Span] | None:
    """Subject and object spans of ``fact``; a title literal is found by its text in the sentence."""
    if fact.predicate == "jobTitle" and fact.object is None and fact.value:
        if not output.kept[fact.subject]:
            return None
        subj = output.extraction.mentions[fact.subject]
        at = text.lower().find(fact.value.lower())
        return ((subj.start, subj.end), (at, at + len(fact.value))) if at >= 0 else None
    return fact_spans(output, fact)


def score_record(record: dict, output: Output, counts: dict[str, Counter]) -> None:
    """Add one sentence's true/false positives and misses to ``counts`` (per predicate).

    Examples
    --------
    >>> from kg.types import Extraction, Mention
    >>> rec = {"text": "Acme is based in Lyon.", "relations": [{"subject": {"start": 0, "end": 4},
    ...        "predicate": "headquarteredIn", "object": {"start": 17, "end": 21}}],
    ...        "pair": {"e1": {"start": 0, "end": 4}, "e2": {"start": 17, "end": 21}}}
    >>> art = make_article("x", rec["text"], "en")
    >>> ms = (Mention(0, 4, "Acme", "Company", 0, "t", 1.0), Mention(17, 21, "Lyon", "City", 0, "t", 1.0))
    >>> ex = Extraction(art, (), ms, (), (Fact(0, "headquarteredIn", 1, None, 0, "t", 1.0),), ())
    >>> counts = defaultdict(Counter)
    >>> score_record(rec, Output(ex, (True, True)), counts)
    >>> dict(counts["headquarteredIn"])
    {'tp': 1}
    """
    text = record["text"]
    gold = [(RENAMED.get(g["predicate"], g["predicate"]), _span(g["subject"]), _span(g["object"]))
            for g in record["relations"]]
    e1, e2 = _span(record["pair"]["e1"]), _span(record["pair"]["e2"])
    predicted: list[tuple[str, Span, Span]] = []
    for fact in output.extraction.facts:
        if fact.predicate not in LABELS or not _well_typed(output, fact):
            continue
        spans = _located(output, fact, text)
        if spans is not None:
            predicted.append((fact.predicate, *spans))
    for label, subj, obj in gold:
        hit = any(p == label and overlap(s, subj) and overlap(o, obj) for p, s, o in predicted)
        counts[label]["tp" if hit else "fn"] += 1
    on_pair = {(p, s, o) for p, s, o in predicted
               if (overlap(s, e1) and overlap(o, e2)) or (overlap(s, e2) and overlap(o, e1))}
    for p, s, o in sorted(on_pair):
        if not any(p == label and overlap(s, subj) and overlap(o, obj) for label, subj, obj in gold):
            counts[p]["fp"] += 1


def _ends(output: Output, span: Span) -> list[str]:
    """Resolved types of the kept mentions overlapping ``span``."""
    types = {e.key: e.type for e in output.entities}
    return [types.get(output.keys[i], m.type) if output.keys else m.type
            for i, m in enumerate(output.extraction.mentions)
            if output.kept[i] and overlap((m.start, m.end), span)]


def miss_cause(record: dict, output: Output, label: str) -> str:
    """Why the product misses the gold relation of ``record``: an end not found, an end typed so that
    the graph cannot hold the fact, or both ends there and well typed but no rule reads the sentence.

    Examples
    --------
    >>> from kg.types import Extraction, Mention
    >>> rec = {"text": "Acme is based in Lyon.", "relations": [{"subject": {"start": 0, "end": 4},
    ...        "object": {"start": 17, "end": 21}}]}
    >>> ms = (Mention(0, 4, "Acme", "Company", 0, "t", 1.0), Mention(17, 21, "Lyon", "Person", 0, "t", 1.0))
    >>> ex = Extraction(make_article("x", rec["text"], "en"), (), ms, (), (), ())
    >>> miss_cause(rec, Output(ex, (True, True)), "headquarteredIn")
    'end mistyped'
    """
    gold = record["relations"][0]
    signature = FACT_SIGNATURES[label]
    subjects = _ends(output, _span(gold["subject"]))
    objects = None if signature.literal is not None else _ends(output, _span(gold["object"]))
    if not subjects or objects == []:
        return "end not found"
    if not any(t in signature.subjects for t in subjects) or (
            objects is not None and not any(t in signature.objects for t in objects)):
        return "end mistyped"
    return "no rule"


def write_misses(path: Path, rows: list[tuple[str, ...]]) -> None:
    """The misses and false positives as TSV (id, predicate, kind, cause, marked pair)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("id", "predicate", "kind", "cause", "e1", "e2"))
        writer.writerows(rows)


def load(split: str | None = None, *, directory: Path = DEFAULT_DIR) -> list[dict]:
    """The records of ``split`` (only ``dev``: the test split is kept aside)."""
    split = split or "dev"
    if split not in SPLITS:
        raise bad_choice("RELX-fr split", split, SPLITS)
    path = directory / f"{split}.jsonl"
    return read_jsonl(path, "RELX-fr")


def evaluate(*, split: str | None = None, limit: int | None = None, directory: Path = DEFAULT_DIR,
             out: Path | None = None) -> EvalReport:
    """Relation P/R/F1 per predicate on RELX-fr (recall over gold, precision on the marked pair).

    With ``out``, the misses (with :func:`miss_cause`) and false positives are written there as TSV.

    Examples
    --------
    >>> evaluate(limit=2).micro.label
    'micro'
    """
    records = load(split, directory=directory)[:limit]
    outputs = list(run_product(make_article(r["id"], r["text"], r.get("lang", "fr")) for r in records))
    counts: dict[str, Counter] = defaultdict(Counter)
    rows: list[tuple[str, ...]] = []
    for record, output in zip(records, outputs):
        mine: dict[str, Counter] = defaultdict(Counter)
        score_record(record, output, mine)
        pair = (record["pair"]["e1"]["text"], record["pair"]["e2"]["text"])
        for label, c in sorted(mine.items()):
            counts[label].update(c)
            if c["fn"]:
                rows.append((record["id"], label, "fn", miss_cause(record, output, label), *pair))
            rows.extend((record["id"], label, "fp", "", *pair) for _ in range(c["fp"]))
    if out is not None:
        write_misses(out, rows)
    return counts_to_report("relx-fr", split or "dev", counts, LABELS, items=len(records),
                            notes=failure_notes(outputs))
