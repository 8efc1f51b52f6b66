"""Hand judgements of the event mentions the product merges on SENTiVENT (``kg eval event-merge --split
sentivent``): our SENTiVENT copy has no event coreference, so precision is measured by reading.

The product runs on the dev and train articles; every pair of mentions that one real-world event gathers
(:func:`kg.eval.event_clusters.event_clusters`, the store's decision) is a merged pair, and a seeded sample of
:data:`SAMPLE` of them is judged in ``data/gold/event_merge_sentivent.tsv``: columns ``doc_a start_a end_a
doc_b start_b end_b type same note``, the triggers given by document id and offsets in the detokenised
text (:func:`kg.eval.sentivent.read`) -- never by their text: SENTiVENT is CC BY-NC and none of it is copied
here. ``same`` is 1 when both mentions report the same real-world event, 0 when not; ``note`` is ours.
Precision = pairs judged 1 / sampled pairs judged; sampled pairs that have no judgement (the product
changed) are listed so they can be judged.
"""
from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError
from kg.eval.scoring import EvalReport, counts_to_report

SAMPLE = 50
SEED = 16
FILE = "event_merge_sentivent.tsv"
COLUMNS = ("doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "type", "same", "note")


class Pair(NamedTuple):
    """Two merged event mentions, by document id and trigger offsets."""

    doc_a: str
    start_a: int
    end_a: int
    doc_b: str
    start_b: int
    end_b: int
    type: str


def merged_pairs(records: list[dict], outputs: list) -> list[Pair]:
    """Every pair of mentions the product puts in one real-world event, sorted."""
    from kg.eval.event_clusters import event_clusters
    from kg.rdf.anaphors import anaphor_iri, anaphors, mention_iri
    from kg.rdf.facts import best, event_key

    where: dict[str, tuple[str, int, int, str]] = {}
    for record, output in zip(records, outputs):
        evs = best(output.extraction.events, event_key)
        for e in evs:
            where[mention_iri(record["id"], e)] = (record["id"], e.trigger_start, e.trigger_end, e.type)
        for a in anaphors(output.extraction, evs):
            where[anaphor_iri(record["id"], a.start, a.end)] = (record["id"], a.start, a.end, a.type)
    members: dict[str, list[tuple]] = {}
    for iri, cluster in event_clusters(outputs).items():
        members.setdefault(cluster, []).append(where[iri])
    pairs = set()
    for items in members.values():
        items.sort()
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                pairs.add(Pair(a[0], a[1], a[2], b[0], b[1], b[2], a[3]))
    return sorted(pairs)


def sample(pairs: list[Pair]) -> list[Pair]:
    """The seeded sample of merged pairs to judge."""
    return sorted(random.Random(SEED).sample(sorted(pairs), min(SAMPLE, len(pairs))))


def read_judgements(path: Path) -> dict[Pair, tuple[int, str]]:
    """Pair -> (same, note) from the judgements file."""
    if not path.exists():
        return {}
    out = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if lineno == 1 or not line.strip():
            continue
        cols = line.split("\t")
        try:
            pair = Pair(cols[0], int(cols[1]), int(cols[2]), cols[3], int(cols[4]), int(cols[5]), cols[6])
            same = int(cols[7])
        except (IndexError, ValueError):
            raise InputError(f"{path}:{lineno}: expected {len(COLUMNS)} tab-separated columns: {', '.join(COLUMNS)}")
        if same not in (0, 1):
            raise InputError(f"{path}:{lineno}: 'same' must be 0 or 1")
        out[pair] = (same, cols[8] if len(cols) > 8 else "")
    return out


def evaluate(*, limit: int | None = None, gold_dir: Path) -> EvalReport:
    """Precision of the merged pairs judged by hand (row ``merge.judged``; no recall: nothing to recall from)."""
    from kg.eval.entity_audit import corpus_outputs
    from kg.eval.sentivent import DEFAULT_DIR, read
    from kg.eval.system import make_article, run_product

    records = [r for split in ("dev", "train") for r in read(DEFAULT_DIR / f"{split}.jsonl")][:limit]
    outputs = corpus_outputs(list(run_product(make_article(r["id"], r["text"], r.get("lang", "en")) for r in records)))
    pairs = merged_pairs(records, outputs)
    drawn = sample(pairs)
    judged = read_judgements(gold_dir / FILE)
    same = [judged[p][0] for p in drawn if p in judged]
    missing = [p for p in drawn if p not in judged]
    counts = {"merge.judged": Counter(tp=sum(same), fp=len(same) - sum(same))}
    notes = [(f"{len(pairs)} merged pairs on {len(records)} dev+train articles; {len(drawn)} sampled (seed {SEED}), "
              f"{len(same)} judged, {sum(same)} the same real-world event: precision "
              f"{sum(same) / len(same) if same else 0.0:.4f} (recall not measured: the corpus has no coreference)")]
    notes += ["needs a judgement: " + "\t".join(map(str, p)) for p in missing]
    return counts_to_report("event-merge", "sentivent", counts, ("merge.judged",), items=len(records), notes=notes)
