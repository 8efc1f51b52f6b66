"""Typing precision of resolved entities on a seeded sample judged by hand, and French typing against WiNER.

The sample: the :data:`SAMPLE_SIZE` entities whose keys hash first under :data:`SEED`, so it is random
but stable: an entity keeps its place while the product still produces it. Judgements live in
``data/gold/entity_typing_<corpus>.tsv`` (columns :data:`COLUMNS`; ``judged_type`` is one of our entity
types or ``none`` for something that is no entity). A judgement scores the entity's *current* type: ok
when it equals ``judged_type``, so a type change needs no new judgement, but a sampled entity with no
judgement is "not judged" and listed. The context is an offset reference (``article:start-end`` of the
first sentence naming the entity), never the text: SENTiVENT's text may not be copied.
"""
from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from kg.errors import InputError
from kg.eval.scoring import Row, make_row, score_sets
from kg.eval.system import Output
from kg.types import ENTITY_TYPES

GOLD_DIR = Path(__file__).resolve().parents[2] / "data" / "gold"
SEED = "kg-entity-typing-1"
SAMPLE_SIZE = 100
COLUMNS = ("key", "label", "predicted_type", "context", "judged_type", "ok")
NOT_ENTITY = "none"
#: a predicted type that is the parent class of the judged one is right, only less specific
SUPERTYPES: dict[str, frozenset[str]] = {
    "Organization": frozenset({"Company"}), "Place": frozenset({"Country", "City", "Region", "Facility"}),
}


def is_ok(predicted: str, judged: str) -> bool:
    """A judged type accepts the predicted one when equal or when the prediction is its parent class.

    Examples
    --------
    >>> is_ok("Organization", "Company"), is_ok("Company", "Organization"), is_ok("Person", "none")
    (True, False, False)
    """
    return predicted == judged or judged in SUPERTYPES.get(predicted, ())

#: our entity type -> WiNER label
WINER_MAP: dict[str, str] = {
    "Person": "Person", "Organization": "Organization", "Company": "Organization", "Product": "Product",
    "Place": "Location", "Country": "Location", "City": "Location", "Region": "Location", "Facility": "Location",
}


def sample(stats: list, size: int = SAMPLE_SIZE) -> list:
    """The sampled entities (objects with ``key``), in sample order.

    Examples
    --------
    >>> from types import SimpleNamespace as E
    >>> [e.key for e in sample([E(key=k) for k in "abcdef"], 3)] == [e.key for e in sample([E(key=k) for k in "fedcba"], 3)]
    True
    """
    def rank(entity) -> str:
        return hashlib.sha256(f"{SEED}\n{entity.key}".encode()).hexdigest()

    return sorted(stats, key=rank)[:size]


def gold_path(corpus: str, gold_dir: Path | None = None) -> Path:
    return (gold_dir or GOLD_DIR) / f"entity_typing_{corpus}.tsv"


def read_judgements(path: Path) -> dict[str, dict[str, str]]:
    """``key -> row`` of a judgement file; an absent file has no judgements."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        if reader.fieldnames is None or not set(COLUMNS) <= set(reader.fieldnames):
            raise InputError(f"{path}: expected the columns {', '.join(COLUMNS)}")
        rows = {row["key"]: row for row in reader}
    for row in rows.values():
        judged = (row.get("judged_type") or "").strip()
        if judged and judged not in ENTITY_TYPES and judged != NOT_ENTITY:
            raise InputError(f"{path}: judged_type {judged!r} of {row['key']} is no entity type nor {NOT_ENTITY!r}")
    return rows


def judged_rows(corpus: str, chosen: list, *, gold_dir: Path | None = None) -> tuple[list[Row], list[str]]:
    """Typing precision per predicted type and overall (``typing (judged)``), and notes on coverage."""
    judgements = read_judgements(gold_path(corpus, gold_dir))
    counts: dict[str, Counter] = defaultdict(Counter)
    missing = []
    strict = 0
    for entity in chosen:
        judged = (judgements.get(entity.key, {}).get("judged_type") or "").strip()
        if not judged:
            missing.append(entity.key)
            continue
        counts[entity.type]["tp" if is_ok(entity.type, judged) else "fp"] += 1
        strict += judged == entity.type
    rows = [make_row(f"typing {t}", c["tp"], c["fp"], 0) for t, c in sorted(counts.items())]
    rows.append(make_row("typing (judged)", sum(c["tp"] for c in counts.values()),
                         sum(c["fp"] for c in counts.values()), 0))
    sampled = {e.key for e in chosen}
    stale = sorted(k for k in judgements if k not in sampled)
    notes = [(f"typing precision on {len(chosen) - len(missing)} judged of {len(chosen)} sampled entities "
             f"(seed {SEED!r}, {gold_path(corpus, gold_dir).name}); recall is not measured (fn = 0); "
             f"{strict} exactly the judged type (the others counted ok: the parent class of it)")]
    if missing:
        notes.append(f"not judged, need a judgement ({len(missing)}): {', '.join(missing)}")
    if stale:
        notes.append(f"judged but no longer in the sample ({len(stale)}): {', '.join(stale[:20])}"
                     + (" ..." if len(stale) > 20 else ""))
    return rows, notes


def template(path: Path, corpus: str, chosen: list, records: list[dict], *, gold_dir: Path | None = None) -> None:
    """Write the judgement file of the current sample, keeping the judgements already made for its keys."""
    judgements = read_judgements(gold_path(corpus, gold_dir))
    try:
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(COLUMNS)
            for e in chosen:
                old = judgements.get(e.key, {})
                judged = (old.get("judged_type") or "").strip()
                ok = "" if not judged else ("1" if is_ok(e.type, judged) else "0")
                writer.writerow((e.key, e.label, e.type, f"{e.first[0]}:{e.first[1]}-{e.first[2]}", judged, ok))
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror}") from None


def winer_counts(records: list[dict], outputs: list[Output]) -> tuple[dict[str, Counter], int]:
    """Exact typed-span counts against WiNER on the articles it annotates, and how many those are.

    WiNER's Date, Hour and Event spans have no type of ours and are not scored; mentions that only
    refer back (``antecedent`` set) are no names and are not predictions.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    annotated = 0
    for record, output in zip(records, outputs):
        if not record.get("entities"):
            continue
        annotated += 1
        labels = set(WINER_MAP.values())
        gold = [(e["type"], e["start"], e["end"]) for e in record["entities"] if e["type"] in labels]
        pred = [(WINER_MAP[m.type], m.start, m.end) for m, kept in zip(output.extraction.mentions, output.kept)
                if kept and m.antecedent is None and m.type in WINER_MAP]
        score_sets(gold, pred, counts)
    return counts, annotated
