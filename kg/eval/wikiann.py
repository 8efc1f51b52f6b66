"""WikiANN French (silver NER, IOB2): entity F1 for PER, ORG and LOC on the product's mentions.

Each sentence is one tiny article (tokens joined by single spaces, so gold offsets are exact). The
product's mention types are mapped to WikiANN's three labels by ``TYPE_MAP``; products and mentions
that only refer back ("il", "la marque": ``antecedent`` set) are not named entities and are skipped.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError, bad_choice
from kg.eval.scoring import EvalReport, counts_to_report, score_sets
from kg.eval.system import failure_notes, make_article, run_product

DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "wikiann-fr"
SPLITS = ("dev", "train")
LABELS = ("LOC", "ORG", "PER")

#: our entity type -> WikiANN label
TYPE_MAP: dict[str, str] = {
    "Person": "PER", "Organization": "ORG", "Company": "ORG",
    "Place": "LOC", "Country": "LOC", "City": "LOC", "Region": "LOC", "Facility": "LOC",
}


class Sentence(NamedTuple):
    text: str
    entities: tuple[tuple[str, int, int], ...]
    """(label, start, end) character spans."""


def read(path: Path, *, limit: int | None = None) -> Iterator[Sentence]:
    """Sentences of an IOB2 file with ``fr:token<TAB>tag`` lines.

    Examples
    --------
    >>> s = next(read(DEFAULT_DIR / "dev"))
    >>> all(s.text[a:b] for _, a, b in s.entities)
    True
    """
    if not path.exists():
        raise InputError(f"WikiANN file not found: {path}")
    tokens: list[tuple[str, str]] = []
    count = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    yield _sentence(tokens)
                    count += 1
                    tokens = []
                    if limit is not None and count >= limit:
                        return
                continue
            word, sep, tag = line.rpartition("\t")
            if not sep:
                raise InputError(f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}")
            tokens.append((word.split(":", 1)[1] if word.startswith("fr:") else word, tag))
    if tokens and (limit is None or count < limit):
        yield _sentence(tokens)


def _sentence(tokens: list[tuple[str, str]]) -> Sentence:
    text, spans, pos = [], [], 0
    current: list = []
    for word, tag in tokens:
        start = pos
        text.append(word)
        pos += len(word) + 1
        if tag.startswith("B-") or (tag.startswith("I-") and (not current or current[0] != tag[2:])):
            if current:
                spans.append(tuple(current))
            current = [tag[2:], start, start + len(word)]
        elif tag.startswith("I-"):
            current[2] = start + len(word)
        else:
            if current:
                spans.append(tuple(current))
            current = []
    if current:
        spans.append(tuple(current))
    return Sentence(" ".join(text), tuple(spans))


def evaluate(*, split: str | None = None, limit: int | None = None, path: Path | None = None) -> EvalReport:
    """Entity P/R/F1 per label (exact span and label) on WikiANN-fr ``split`` (default dev).

    Examples
    --------
    >>> evaluate(limit=5).rows[0].label
    'LOC'
    """
    split = split or "dev"
    if split not in SPLITS:
        raise bad_choice("WikiANN split", split, SPLITS)
    sentences = list(read(path or DEFAULT_DIR / split, limit=limit))
    outputs = list(run_product(make_article(f"wikiann-fr/{i}", s.text, "fr") for i, s in enumerate(sentences)))
    counts: dict[str, Counter] = defaultdict(Counter)
    for sentence, output in zip(sentences, outputs):
        pred = {(TYPE_MAP[m.type], m.start, m.end) for m, kept in zip(output.extraction.mentions, output.kept)
                if kept and m.antecedent is None and m.type in TYPE_MAP}
        score_sets(sentence.entities, pred, counts)
    return counts_to_report("wikiann-fr", split, counts, LABELS, items=len(sentences),
                            notes=failure_notes(outputs))
