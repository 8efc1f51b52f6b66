"""KnowledgeNet (Diffbot, EMNLP 2019): five company relations, scored the upstream "Text F1" way.

The shared file has, per document, its annotated passages (sentences) with document offsets. We
rebuild each document from its passages in order (joined by blank lines, so sentence boundaries stay)
and run the product on it, so coreference sees the previous sentences as it would in an article.
Gold offsets are mapped into the rebuilt text; each predicted fact is scored in the passage that holds
its sentence. Matching: :func:`kg.eval.scoring.score_passage` (the rules of the upstream `evaluator.py`).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError, bad_choice
from kg.eval.scoring import EvalReport, SpanFact, counts_to_report, score_passage
from kg.eval.system import fact_spans, failure_notes, make_article, run_product

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "knowledgenet" / "folds1-3.jsonl"

#: KnowledgeNet property -> our predicate. Same direction for all five (CEO runs organisation -> person).
PROPERTIES: dict[str, str] = {
    "CEO": "ceo",
    "DATE_FOUNDED": "foundedOn",
    "FOUNDED_BY": "foundedBy",
    "HEADQUARTERS": "headquarteredIn",
    "SUBSIDIARY_OF": "subsidiaryOf",
}
PREDICATES = {v: k for k, v in PROPERTIES.items()}

#: split -> folds. Rules are tuned on "train" only; "test" (fold 3) is the held-out figure.
SPLITS: dict[str, tuple[int, ...]] = {"train": (1, 2), "test": (3,), "all": (1, 2, 3)}


class Passage(NamedTuple):
    id: str
    start: int
    """Start in the rebuilt document text."""
    end: int
    annotated: tuple[str, ...]
    gold: tuple[SpanFact, ...]


class Document(NamedTuple):
    id: str
    fold: int
    text: str
    passages: tuple[Passage, ...]


def read(path: Path = DEFAULT_PATH, *, folds: tuple[int, ...] = (1, 2, 3), limit: int | None = None) -> Iterator[Document]:
    """Documents of the given folds, in file order, with gold facts of our five properties.

    Examples
    --------
    >>> doc = next(read(folds=(1,), limit=1))
    >>> doc.fold, doc.text[doc.passages[0].start:doc.passages[0].end] == doc.text.split("\\n\\n")[0]
    (1, True)
    """
    if not path.exists():
        raise InputError(f"KnowledgeNet file not found: {path}")
    count = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and count >= limit:
                return
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{path}:{lineno}: not JSON ({err.msg})") from None
            if raw.get("fold") not in folds:
                continue
            count += 1
            yield _document(raw)


def _document(raw: dict) -> Document:
    parts: list[str] = []
    passages: list[Passage] = []
    pos = 0
    for p in sorted(raw["passages"], key=lambda p: p["passageStart"]):
        text = p["passageText"]
        shift = pos - p["passageStart"]
        gold = tuple(
            SpanFact(f["propertyName"], (f["subjectStart"] + shift, f["subjectEnd"] + shift),
                     (f["objectStart"] + shift, f["objectEnd"] + shift))
            for f in p["facts"] if f["propertyName"] in PROPERTIES)
        annotated = tuple(sorted(a if isinstance(a, str) else a["propertyName"]
                                 for a in p["exhaustivelyAnnotatedProperties"]))
        passages.append(Passage(p["passageId"], pos, pos + len(text), annotated, gold))
        parts.append(text)
        pos += len(text) + 2
    return Document(str(raw["documentId"]), raw["fold"], "\n\n".join(parts), tuple(passages))


def predicted_facts(output, *, unresolved: bool = True) -> list[tuple[int, SpanFact]]:
    """The product's facts of our five predicates as (sentence start, SpanFact).

    KnowledgeNet annotates a pronoun as the slot it stands for ("He served as CEO of ..."), and the
    shared file lacks the upstream document text that names who "He" is, so by default facts read
    through an unresolved pronoun are scored too, as upstream scores any system's spans;
    ``unresolved=False`` scores only the facts the graph holds.
    """
    ex = output.extraction
    out: list[tuple[int, SpanFact]] = []
    for fact in ex.facts:
        label = PREDICATES.get(fact.predicate)
        spans = fact_spans(output, fact, unresolved=unresolved) if label is not None else None
        if spans is None:
            continue
        subj, obj = spans
        sentence_start = ex.sentences[fact.sentence].start if ex.sentences else subj[0]
        out.append((sentence_start, SpanFact(label, subj, obj)))
    return out


def evaluate(*, split: str | None = None, limit: int | None = None, path: Path = DEFAULT_PATH) -> EvalReport:
    """Score the product on KnowledgeNet ``split`` ("train" = folds 1-2, "test" = fold 3, "all").

    Examples
    --------
    >>> evaluate(split="train", limit=3).micro.label
    'micro'
    """
    split = split or "test"
    if split not in SPLITS:
        raise bad_choice("KnowledgeNet split", split, SPLITS)
    docs = list(read(path, folds=SPLITS[split], limit=limit))
    outputs = list(run_product(make_article(f"knowledgenet/{d.id}", d.text, "en") for d in docs))
    counts: dict[str, Counter] = defaultdict(Counter)
    graph: dict[str, Counter] = defaultdict(Counter)
    for doc, output in zip(docs, outputs):
        for unresolved, into in ((True, counts), (False, graph)):
            preds = predicted_facts(output, unresolved=unresolved)
            for p in doc.passages:
                # a fact belongs to the passage holding its sentence (the trigger's sentence)
                mine = [f for start, f in preds if p.start <= start < p.end + 2]
                score_passage(p.gold, mine, p.annotated, into)
    only = counts_to_report("knowledgenet", split, graph, sorted(PROPERTIES), items=len(docs)).micro
    note = (f"facts the graph holds (no unresolved pronoun slot): P {only.precision:.3f} "
            f"R {only.recall:.3f} F1 {only.f1:.3f}")
    return counts_to_report("knowledgenet", split, counts, sorted(PROPERTIES), items=len(docs),
                            notes=[*failure_notes(outputs), note])
