"""Re-DocRED dev: document-level relations, end to end (the product finds its own entities).

Documents are rebuilt from their tokens (single spaces, sentences joined by a space), so every gold
mention has exact character offsets. A predicted fact names the gold entities (``vertexSet``) whose
mentions overlap its subject and object spans; it is correct when the gold labels hold that
(head, relation, tail). A prediction that lands on no gold entity counts as a false positive.
Only the Wikidata relations our ontology expresses are scored (``RELATIONS``).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from kg.errors import InputError, bad_choice
from kg.eval.scoring import EvalReport, counts_to_report, overlap, score_sets
from kg.eval.system import fact_spans, failure_notes, make_article, run_product

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "re-docred" / "dev_revised.json"
SPLITS = ("dev",)

#: our predicate -> (Wikidata property scored, inverse Wikidata property folded into it)
RELATIONS: dict[str, tuple[str, str | None]] = {
    "headquarteredIn": ("P159", None),      # headquarters location
    "foundedOn": ("P571", None),            # inception
    "subsidiaryOf": ("P749", "P355"),       # parent organization (P355 subsidiary, inverted)
    "foundedBy": ("P112", None),            # founded by
    "produces": ("P1056", "P176"),          # product or material produced (P176 manufacturer, inverted)
    "ceo": ("P169", None),                  # chief executive officer
    "worksFor": ("P108", None),             # employer
}
_INVERSE = {inv: code for code, inv in RELATIONS.values() if inv}
LABELS = tuple(sorted(code for code, _ in RELATIONS.values()))


def _document(raw: dict) -> tuple[str, list[list[tuple[int, int]]], set[tuple[str, int, int]]]:
    """Text, each vertex's mention spans, and the gold (code, head, tail) of our relations."""
    offsets: list[list[tuple[int, int]]] = []
    words: list[str] = []
    pos = 0
    for sent in raw["sents"]:
        row = []
        for tok in sent:
            row.append((pos, pos + len(tok)))
            words.append(tok)
            pos += len(tok) + 1
        offsets.append(row)
    vertices = [[(offsets[m["sent_id"]][m["pos"][0]][0], offsets[m["sent_id"]][m["pos"][1] - 1][1]) for m in v]
                for v in raw["vertexSet"]]
    gold = set()
    for label in raw.get("labels", []):
        code = label["r"]
        if code in _INVERSE:
            gold.add((_INVERSE[code], label["t"], label["h"]))
        elif code in LABELS:
            gold.add((code, label["h"], label["t"]))
    return " ".join(words), vertices, gold


def _vertices_at(vertices, span) -> list[int]:
    return [i for i, spans in enumerate(vertices) if any(overlap(span, s) for s in spans)]


def evaluate(*, split: str | None = None, limit: int | None = None, path: Path = DEFAULT_PATH) -> EvalReport:
    """Relation P/R/F1 per Wikidata property on Re-DocRED dev.

    Examples
    --------
    >>> evaluate(limit=2).micro.label
    'micro'
    """
    split = split or "dev"
    if split not in SPLITS:
        raise bad_choice("Re-DocRED split", split, SPLITS)
    if not path.exists():
        raise InputError(f"Re-DocRED file not found: {path}")
    try:
        raws = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}: not JSON ({err.msg})") from None
    docs = [_document(r) for r in raws[:limit]]
    outputs = list(run_product(make_article(f"redocred/{i}", text, "en") for i, (text, _, _) in enumerate(docs)))
    counts: dict[str, Counter] = defaultdict(Counter)
    for (text, vertices, gold), output in zip(docs, outputs):
        ex = output.extraction
        pred = set()
        for fact in ex.facts:
            spans = fact_spans(output, fact) if fact.predicate in RELATIONS else None
            if spans is None:
                continue
            code = RELATIONS[fact.predicate][0]
            subj_span, obj_span = spans
            heads = _vertices_at(vertices, subj_span) or [f"?{subj_span[0]}"]
            tails = _vertices_at(vertices, obj_span) or [f"?{obj_span[0]}"]
            pred.update((code, h, t) for h in heads[:1] for t in tails[:1])
        score_sets(gold, pred, counts)
    return counts_to_report("redocred", split, counts, LABELS, items=len(docs),
                            notes=failure_notes(outputs))
