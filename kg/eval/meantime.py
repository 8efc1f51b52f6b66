"""MEANTIME (NewsReader, English): cross-document entity resolution, typing, and event coreference.

The product runs on each of the 120 Wikinews articles (article date from the record); then:

* **Entity resolution.** Gold items are the *named* mentions (``syntactic_type == "NAM"``; the release
  leaves the syntactic type of 1,140 mentions empty, names among them, and those are not scored). A gold
  mention is *found* when a product mention that names something (kept by the resolver, no
  ``antecedent``) overlaps its head word (:func:`name_head`: "GM" in "U.S. automaker GM", not
  "U.S."), the one overlapping the mention most (:func:`~kg.eval.clusters.align`). B-cubed
  precision and recall are computed over the found mentions only, across all articles at once: the
  product's cluster is the mention's resolved entity key (``Output.keys``, the same key for the same
  name in any article), the gold cluster its ``instance``. Found / all named mentions is reported too.
* **Typing.** Gold: named mentions of PER, ORG, LOC, PRO (:data:`TYPE_MAP`), each scored through the
  product mention aligned to it by its head, as above (:func:`typing`). FIN (stock indices, currencies, shares) and MIX have
  no type of ours: they are not scored, and product mentions aligned to them are only counted.
  Product mentions aligned to no named gold mention are counted in notes, not scored.
* **Events** (``events=True``). Gold event mentions whose trigger overlaps the trigger of a product event
  mention (an extracted event of one of our types, or an anaphor that refers back to one,
  :mod:`kg.rdf.anaphors`) are scored: pairwise and B-cubed merge precision and recall of the product's
  real-world events (:func:`event_clusters`, the decision of :mod:`kg.resolve.events`) against gold
  ``instance``, across all articles; and the same over the gold mentions the release links to an
  ``instance`` only. A discontinuous gold trigger is aligned by its pieces; one product mention stands for
  one gold mention (the tightest). Event mentions of class MIX are left out: they group other event
  mentions ("... and launched"), whose triggers they share; so are the 10 with no class. The release gives
  1,317 event mentions no ``instance``: each is its own gold cluster (as are the 17 named entity mentions
  without one).
"""
from __future__ import annotations

import datetime as _dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError, bad_choice
from kg.eval.clusters import ClusterScore, align, bcubed, name_head, pairwise
from kg.eval.entity_audit import corpus_outputs
from kg.eval.event_clusters import event_cluster_key, event_clusters
from kg.eval.scoring import EvalReport, counts_to_report, overlap
from kg.eval.system import Output, failure_notes, make_article, run_product
from kg.types import Event

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "meantime" / "all.jsonl"
SPLITS = ("all",)
LABELS = ("LOC", "ORG", "PER", "PRO")
UNSCORED = ("FIN", "MIX")

#: our entity type -> MEANTIME entity type
TYPE_MAP: dict[str, str] = {
    "Person": "PER", "Organization": "ORG", "Company": "ORG", "Product": "PRO",
    "Place": "LOC", "Country": "LOC", "City": "LOC", "Region": "LOC", "Facility": "LOC",
}


def read(path: Path = DEFAULT_PATH, *, limit: int | None = None) -> Iterator[dict]:
    """The article records of the MEANTIME JSONL file (see its README).

    Examples
    --------
    >>> next(read(limit=1))["id"]
    'meantime-en-100911'
    """
    if not path.exists():
        raise InputError(f"MEANTIME file not found: {path}")
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and lineno > limit:
                return
            try:
                record = json.loads(line)
                missing = [k for k in ("id", "text", "entities", "events") if k not in record]
                if missing:
                    raise KeyError(missing[0])
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise InputError(f"{path}:{lineno}: not a MEANTIME record ({err})") from None
            yield record


def _article(record: dict):
    article = make_article(record["id"], record["text"], record.get("lang") or "en")
    try:
        published = _dt.date.fromisoformat(record["date"]) if record.get("date") else None
    except ValueError:
        raise InputError(f"{record['id']}: bad date {record['date']!r}") from None
    return article._replace(published=published)


def _instance(doc_id: str, mention: dict) -> str:
    """Gold cluster of a mention; the release links 17 named mentions to no instance: each is alone."""
    return mention.get("instance") or f"alone:{doc_id}/{mention['m_id']}"


def _heads(record: dict, mentions: list[dict]) -> list[tuple[int, int]]:
    return [name_head(record["text"], e["start"], e["end"]) for e in mentions]


def _named(output: Output) -> list[int]:
    """Indices of the product's mentions that name something and reach the graph."""
    return [i for i, (m, kept) in enumerate(zip(output.extraction.mentions, output.kept))
            if kept and m.antecedent is None]


def resolution(records: list[dict], outputs: list[Output], *,
               by_head: bool = True) -> tuple[ClusterScore, ClusterScore, int, int, int]:
    """B-cubed of the product's entity keys on the gold named mentions it finds.

    A gold mention is found by the product name that overlaps its head (:func:`name_head`) and the
    mention most; without ``by_head``, by the one that overlaps the mention most (the alignment
    before issue 14's measurement was fixed, reported for comparison).

    Returns the score, the same over the found mentions whose product mention covers at least half of
    the gold span (leaving out "Apple" found inside the product name "Apple's iTunes store"), the named
    gold mentions, those found, and the product clusters among the found.
    """
    pred: dict[tuple, str] = {}
    gold: dict[tuple, str] = {}
    covered: set[tuple] = set()
    total = 0
    for record, output in zip(records, outputs):
        names = [e for e in record["entities"] if e.get("syntactic_type") == "NAM"]
        total += len(names)
        mine = _named(output)
        spans = [(output.extraction.mentions[i].start, output.extraction.mentions[i].end) for i in mine]
        heads = _heads(record, names) if by_head else None
        for gi, pi in align([(e["start"], e["end"]) for e in names], spans, heads).items():
            e, (start, end) = names[gi], spans[pi]
            item = (record["id"], e["m_id"])
            pred[item] = output.keys[mine[pi]]
            gold[item] = _instance(record["id"], e)
            if 2 * (min(e["end"], end) - max(e["start"], start)) >= e["end"] - e["start"]:
                covered.add(item)
    half = bcubed({k: v for k, v in pred.items() if k in covered}, {k: v for k, v in gold.items() if k in covered})
    return bcubed(pred, gold), half, total, len(pred), len(set(pred.values()))


def typing(records: list[dict], outputs: list[Output]) -> tuple[dict[str, Counter], Counter]:
    """Typing counts per MEANTIME label on the gold named mentions, and notes on the rest.

    Each gold named mention of a scored label is a TP when the product mention aligned to it has that
    label, else a FN (for its label) and, when aligned, a FP for the product's label. Product mentions
    aligned to no such gold mention are not scored (the release leaves many names without a syntactic
    type, so "not gold" does not mean "not a name"); the second result counts them by what they overlap.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    rest: Counter = Counter()
    for record, output in zip(records, outputs):
        ents = [e for e in record["entities"] if e.get("type")]
        gold = [e for e in ents if e.get("syntactic_type") == "NAM"]
        mine = [output.extraction.mentions[i] for i in _named(output)]
        hits = align([(e["start"], e["end"]) for e in gold], [(m.start, m.end) for m in mine], _heads(record, gold))
        for gi, e in enumerate(gold):
            got = TYPE_MAP.get(mine[hits[gi]].type) if gi in hits else None
            if e["type"] not in LABELS:
                continue
            counts[e["type"]]["tp" if got == e["type"] else "fn"] += 1
            if got is not None and got != e["type"]:
                counts[got]["fp"] += 1
        used = set(hits.values())
        for k, m in enumerate(mine):
            if k in used:
                continue
            over = [e for e in ents if overlap((m.start, m.end), (e["start"], e["end"]))]
            if not over:
                rest["unscored: overlaps no gold entity mention"] += 1
            elif any(e["type"] in UNSCORED for e in over):
                rest["unscored: overlaps a FIN/MIX mention"] += 1
            else:
                rest["unscored: overlaps only gold mentions that are not NAM"] += 1
    return counts, rest


def _align_triggers(gold: list[dict], evs: list[Event]) -> dict[int, int]:
    """Gold event index -> product event index, by trigger overlap; a discontinuous gold trigger
    ("take ... away") is matched by its pieces, not by the words between them."""
    pieces = [(gi, (p["start"], p["end"])) for gi, ev in enumerate(gold)
              for p in (ev["trigger"].get("pieces") or [ev["trigger"]])]
    spans = [(e.trigger_start, e.trigger_end) for e in evs]
    best: dict[int, tuple[int, int]] = {}
    for k, pi in align([span for _, span in pieces], spans).items():
        gi, (start, end) = pieces[k]
        shared = min(end, spans[pi][1]) - max(start, spans[pi][0])
        if gi not in best or shared > best[gi][0]:
            best[gi] = (shared, pi)
    return {gi: pi for gi, (_, pi) in sorted(best.items())}


def event_coreference(records: list[dict], outputs: list[Output], *,
                      linked_only: bool = False) -> tuple[ClusterScore, ClusterScore, int, int]:
    """Pairwise and B-cubed event merge scores on the gold event mentions aligned to product event mentions
    (extracted events, and the anaphors that refer back to them).

    A product mention stands for one gold mention: when several align to it (a discontinuous group
    mention "cut and ... closed" and its own "closed"), the one with the shortest trigger is scored.
    ``linked_only`` scores only the gold mentions the release links to an ``instance``.

    Returns both scores, the gold event mentions (not of class MIX), and how many of them were aligned.
    """
    from kg.rdf.anaphors import anaphor_iri, anaphors
    from kg.rdf.facts import best, event_key

    clusters = event_clusters(outputs)
    pred: dict[tuple, str] = {}
    gold: dict[tuple, str] = {}
    total = 0
    for record, output in zip(records, outputs):
        evs = best(output.extraction.events, event_key)
        spans = [(event_cluster_key(record["id"], e), e.trigger_start, e.trigger_end) for e in evs]
        spans += [(anaphor_iri(record["id"], a.start, a.end), a.start, a.end) for a in anaphors(output.extraction, evs)]
        mine = [Event("", s, e, 0, "", None, None, None, (), None, None, None, "", 1.0) for _, s, e in spans]
        mentions = [ev for ev in record["events"] if ev.get("class") and ev.get("class") != "MIX"]
        total += len(mentions)
        tightest: dict[int, int] = {}
        for gi, pi in _align_triggers(mentions, mine).items():
            size = _size(mentions[gi])
            if pi not in tightest or (size, gi) < (_size(mentions[tightest[pi]]), tightest[pi]):
                tightest[pi] = gi
        for pi, gi in sorted(tightest.items()):
            if linked_only and not mentions[gi].get("instance"):
                continue
            item = (record["id"], mentions[gi]["m_id"])
            pred[item] = clusters.get(spans[pi][0], spans[pi][0])
            gold[item] = _instance(record["id"], mentions[gi])
    return pairwise(pred, gold), bcubed(pred, gold), total, len(pred)


def _size(mention: dict) -> int:
    return mention["trigger"]["end"] - mention["trigger"]["start"]


def evaluate(*, split: str | None = None, limit: int | None = None, path: Path | None = None,
             events: bool = False) -> EvalReport:
    """Typing P/R/F1 rows, and entity B-cubed (and event coreference with ``events``) in the notes.

    Examples
    --------
    >>> [r.label for r in evaluate(limit=1).rows]
    ['LOC', 'ORG', 'PER', 'PRO']
    """
    split = split or "all"
    if split not in SPLITS:
        raise bad_choice("MEANTIME split", split, SPLITS)
    records = list(read(path or DEFAULT_PATH, limit=limit))
    per_article = list(run_product(_article(r) for r in records))
    outputs = corpus_outputs(per_article)
    local, *_ = resolution(records, per_article)
    score, half, named, found, clusters = resolution(records, outputs)
    gold_instances = len({_instance(r["id"], e) for r in records for e in r["entities"] if e.get("syntactic_type") == "NAM"})
    notes = [(f"entity resolution: {found} of {named} named gold mentions found "
             f"(recall {found / named if named else 0.0:.4f}); {gold_instances} gold instances among all named"),
             (f"entity B-cubed over the {score.items} found mentions ({clusters} product entity keys): "
             f"P {score.precision:.4f} R {score.recall:.4f} F1 {score.f1:.4f}"),
             (f"entity B-cubed over the {half.items} of them whose product mention covers half the gold span or "
             f"more: P {half.precision:.4f} R {half.recall:.4f}")]
    notes.append(f"entity B-cubed per article only (before the corpus decision of kg.resolve.corpus): "
                 f"P {local.precision:.4f} R {local.recall:.4f}")
    wide, _, _, wide_found, _ = resolution(records, outputs, by_head=False)
    notes.append(f"entity B-cubed when the largest overlap aligns, head or not ({wide_found} found): "
                 f"P {wide.precision:.4f} R {wide.recall:.4f}")
    counts, ignored = typing(records, outputs)
    notes += [f"typing: {n} product named mention(s) aligned to no named gold mention, {why}"
              for why, n in sorted(ignored.items())]
    if events:  # on the corpus-decided entity keys, as the store's events graph compares them
        pw, b3, total, aligned = event_coreference(records, outputs)
        notes += [f"events: {aligned} of {total} gold event mentions (class MIX or none left out) aligned to a product event mention",
                  (f"event pairwise merge over {pw.items} mentions: P {pw.precision:.4f} R {pw.recall:.4f} "
                  f"(tp {pw.tp} fp {pw.fp} fn {pw.fn})"),
                  f"event B-cubed over {b3.items} mentions: P {b3.precision:.4f} R {b3.recall:.4f}"]
        lpw, lb3, _, _ = event_coreference(records, outputs, linked_only=True)
        notes += [(f"event pairwise merge over the {lpw.items} of them the release links to an instance: "
                   f"P {lpw.precision:.4f} R {lpw.recall:.4f} (tp {lpw.tp} fp {lpw.fp} fn {lpw.fn}); "
                   f"B-cubed P {lb3.precision:.4f} R {lb3.recall:.4f}")]
    return counts_to_report("meantime", split, counts, LABELS, items=len(records),
                            notes=notes + failure_notes(outputs))
