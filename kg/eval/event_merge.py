"""Event merging (issue 16) scored on our own judgements: ``kg eval event-merge``.

* ``--split wikinews-fr`` (default): the French Wikinews gold (``data/gold/wikinews-fr/``) gives every
  event a ``same_as`` key (one real-world event, within and across articles). The product runs on the 40
  articles; a gold event is aligned to the product event mention of an acceptable type whose agent carries
  one of the gold agent's names, preferring one whose trigger lies in the gold ``trigger`` quote (each
  product mention stands for one gold event). Pairwise and B-cubed merge precision and recall of the
  product's clusters (:func:`kg.eval.meantime.event_clusters`, the store's decision) are computed over the
  aligned gold events, across all articles; gold events that are not aligned are counted, not scored.
* ``--split sentivent``: our SENTiVENT copy has no event coreference, so a seeded sample of the pairs the
  product merges on its dev and train articles is judged by hand (:mod:`kg.eval.event_judgements`).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from kg.errors import bad_choice
from kg.eval.clusters import bcubed, pairwise
from kg.eval.scoring import EvalReport, counts_to_report

SPLITS = ("wikinews-fr", "sentivent")
GOLD_DIR = Path(__file__).resolve().parents[2] / "data" / "gold"


def _align(gold_events: list[dict], output, text: str) -> dict[int, int]:
    """Gold event index -> index in the article's best-per-trigger events (see the module docstring)."""
    from kg.eval.gold import _agent_ok
    from kg.rdf.facts import best, event_key

    evs = best(output.extraction.events, event_key)
    taken: dict[int, int] = {}
    # two passes: a product trigger inside a gold event's quote goes to that event before any other event of
    # the same type and agent can claim it ("la vente de filiales" is not the earlier "rachat ... à EDF")
    for inside_only in (True, False):
        for gi, g in enumerate(gold_events):
            if gi in taken:
                continue
            types = g["type"] if isinstance(g["type"], list) else [g["type"]]
            start = text.find(g.get("trigger") or "\x00")
            span = (start, start + len(g["trigger"])) if start >= 0 else (-1, -1)
            hits = [k for k, e in enumerate(evs)
                    if e.type in types and _agent_ok(g, e, output) and k not in taken.values()]
            hits = [k for k in hits if span[0] <= evs[k].trigger_start < span[1]] or ([] if inside_only else hits)
            if hits:
                taken[gi] = hits[0]
    return taken


def french(gold_dir: Path = GOLD_DIR, limit: int | None = None) -> tuple:
    """Pairwise and B-cubed scores, gold events, aligned ones, gold merged pairs (all of them)."""
    from kg.eval.entity_audit import corpus_outputs
    from kg.eval.gold import _texts, load
    from kg.eval.meantime import event_cluster_key, event_clusters
    from kg.eval.system import run_product
    from kg.rdf.facts import best, event_key

    golds = [load(p) for p in sorted((gold_dir / "wikinews-fr").glob("*.json"))][:limit]
    articles = _texts(golds, gold_dir.parent / "articles")
    outputs = corpus_outputs(list(run_product(articles)))  # roles after the corpus decision, as the store
    clusters = event_clusters(outputs)
    pred: dict[tuple, str] = {}
    gold: dict[tuple, str] = {}
    total = 0
    keys: Counter = Counter()
    for g, article, output in zip(golds, articles, outputs):
        events = list(g.events)
        total += len(events)
        keys.update(e.get("same_as") or f"{g.article}/{e['id']}" for e in events)
        evs = best(output.extraction.events, event_key)
        for gi, pi in _align(events, output, article.text).items():
            item = (g.article, events[gi]["id"])
            iri = event_cluster_key(article.id, evs[pi])
            pred[item] = clusters.get(iri, iri)
            gold[item] = events[gi].get("same_as") or f"{g.article}/{events[gi]['id']}"
    pairs = sum(n * (n - 1) // 2 for n in keys.values())
    return pairwise(pred, gold), bcubed(pred, gold), total, len(pred), pairs


def evaluate(*, split: str | None = None, limit: int | None = None, gold_dir: Path = GOLD_DIR) -> EvalReport:
    """Merge precision and recall (row ``merge.pairwise``), with B-cubed and counts in the notes."""
    split = split or "wikinews-fr"
    if split not in SPLITS:
        raise bad_choice("event-merge split", split, SPLITS)
    if split == "sentivent":
        from kg.eval.event_judgements import evaluate as judged

        return judged(limit=limit, gold_dir=gold_dir)
    pw, b3, total, aligned, pairs = french(gold_dir, limit)
    notes = [(f"{aligned} of {total} gold events aligned to a product event mention; the gold merges {pairs} pairs "
              f"of events in all, {pw.tp + pw.fn} of them between aligned events"),
             f"pairwise over the aligned: P {pw.precision:.4f} R {pw.recall:.4f} (tp {pw.tp} fp {pw.fp} fn {pw.fn})",
             f"B-cubed over the aligned: P {b3.precision:.4f} R {b3.recall:.4f}"]
    counts = {"merge.pairwise": Counter(tp=pw.tp, fp=pw.fp, fn=pw.fn)}
    return counts_to_report("event-merge", split, counts, ("merge.pairwise",), items=total, notes=notes)
