"""Event merging (issue 16) scored on our own judgements: ``kg eval event-merge``.

* ``--split wikinews-fr`` (default): the French Wikinews gold (``data/gold/wikinews-fr/``) gives every
  event a ``same_as`` key (one real-world event, within and across articles). The product runs on the 40
  articles; each product event mention (one per reporting sentence) is aligned to the gold event it
  reports (:func:`_align`), so a headline and its body are two mentions of one gold event. Pairwise and
  B-cubed merge precision and recall of the product's clusters (:func:`kg.eval.event_clusters.event_clusters`,
  the store's decision) are computed over the aligned mentions, across all articles, as for MEANTIME's
  mentions; gold events no mention reports are counted, not scored.
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
    """Product mention index (in the article's best-per-trigger events) -> the gold event it reports.

    A mention reports a gold event of an acceptable type whose agent it names and whose target, when both
    give one, it names too: the one whose ``trigger`` quote holds its trigger, else the only such event (or
    several of one ``same_as`` key), else the only one with the amount it states (a headline's "8 000
    emplois" among a company's job cuts); a mention that could report two distinct events is left out.
    """
    from kg.eval.gold import _agent_ok, _names, alternatives
    from kg.rdf.facts import best, event_key

    quotes = []
    for g in gold_events:
        start = text.find(g.get("trigger") or "\x00")
        quotes.append((start, start + len(g["trigger"])) if start >= 0 else (-1, -1))
    aligned: dict[int, int] = {}
    for k, e in enumerate(best(output.extraction.events, event_key)):
        fits = [gi for gi, g in enumerate(gold_events)
                if e.type in (g["type"] if isinstance(g["type"], list) else [g["type"]]) and _agent_ok(g, e, output)
                and (not g.get("target") or e.target is None or _names(output, e.target) & alternatives(g["target"]))]
        inside = [gi for gi in fits if quotes[gi][0] <= e.trigger_start < quotes[gi][1]]
        keys = {gold_events[gi].get("same_as") or gold_events[gi]["id"] for gi in fits}
        if not inside and len(keys) > 1 and e.amount is not None:
            # "PSA va supprimer 8 000 emplois" in a headline: of the company's job cuts, the one of 8,000
            fits = [gi for gi in fits if gold_events[gi].get("amount") == e.amount]
            keys = {gold_events[gi].get("same_as") or gold_events[gi]["id"] for gi in fits}
        if inside or len(keys) == 1:
            aligned[k] = (inside or fits)[0]
    return aligned


def french(gold_dir: Path = GOLD_DIR, limit: int | None = None) -> tuple:
    """Pairwise and B-cubed scores over the product mentions that report a gold event; gold events, those
    reported, mentions aligned, gold merged pairs of events (all of them)."""
    from kg.eval.entity_audit import corpus_outputs
    from kg.eval.gold import _texts, load
    from kg.eval.event_clusters import event_cluster_key, event_clusters
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
    reported: set[tuple[str, str]] = set()
    for g, article, output in zip(golds, articles, outputs):
        events = list(g.events)
        total += len(events)
        keys.update(e.get("same_as") or f"{g.article}/{e['id']}" for e in events)
        evs = best(output.extraction.events, event_key)
        for pi, gi in _align(events, output, article.text).items():
            iri = event_cluster_key(article.id, evs[pi])
            pred[iri] = clusters.get(iri, iri)
            gold[iri] = events[gi].get("same_as") or f"{g.article}/{events[gi]['id']}"
            reported.add((g.article, events[gi]["id"]))
    pairs = sum(n * (n - 1) // 2 for n in keys.values())
    return pairwise(pred, gold), bcubed(pred, gold), total, len(reported), len(pred), pairs


def evaluate(*, split: str | None = None, limit: int | None = None, gold_dir: Path = GOLD_DIR) -> EvalReport:
    """Merge precision and recall (row ``merge.pairwise``), with B-cubed and counts in the notes."""
    split = split or "wikinews-fr"
    if split not in SPLITS:
        raise bad_choice("event-merge split", split, SPLITS)
    if split == "sentivent":
        from kg.eval.event_judgements import evaluate as judged

        return judged(limit=limit, gold_dir=gold_dir)
    pw, b3, total, reported, aligned, pairs = french(gold_dir, limit)
    notes = [(f"{aligned} product event mentions report {reported} of the {total} gold events; the gold merges "
              f"{pairs} pairs of events in all; {pw.tp + pw.fn} pairs of the aligned mentions report one "
              "real-world event"),
             (f"pairwise over the aligned mentions: P {pw.precision:.4f} R {pw.recall:.4f} "
              f"(tp {pw.tp} fp {pw.fp} fn {pw.fn})"),
             f"B-cubed over the aligned mentions: P {b3.precision:.4f} R {b3.recall:.4f}"]
    counts = {"merge.pairwise": Counter(tp=pw.tp, fp=pw.fp, fn=pw.fn)}
    return counts_to_report("event-merge", split, counts, ("merge.pairwise",), items=total, notes=notes)
