"""Gold files that name an article of a shared corpus, and the checks and rows they add to ``kg eval gold``.

A gold file under ``data/gold/<corpus>/`` carries ``"corpus": "<corpus>"`` and ``"article": "<record id>"``;
its text is the record of that id in ``../shared/corpora/<corpus>/business.jsonl`` (the shared corpora are
not copied into the repository). Events there carry an ``id`` and a ``same_as`` cluster key so merge
quality can be scored across articles (issue 16); the loader checks types, statuses and roles so a typo
in a hand-written file fails loudly, naming the file and the field.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from kg.errors import InputError
from kg.types import EVENT_STATUSES, EVENT_TYPES

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
#: corpus name -> its JSONL file (one article a line, with an ``id`` field)
CORPORA: dict[str, Path] = {"wikinews-fr": SHARED / "corpora" / "wikinews-fr" / "business.jsonl"}
#: the gold runs ahead of the extractor: facility events and ``proposed`` are in the events work to come
GOLD_EVENT_TYPES = EVENT_TYPES + tuple(t for t in ("FacilityOpening", "FacilityClosure") if t not in EVENT_TYPES)
GOLD_STATUSES = EVENT_STATUSES + tuple(s for s in ("proposed",) if s not in EVENT_STATUSES)
EVENT_FIELDS = {"id", "type", "agent", "target", "product", "places", "date", "status", "trigger", "same_as",
                "amount", "currency", "note"}


def check_events(path: Path, events: list) -> None:
    """Raise :class:`InputError` naming ``path`` and the field when an event is malformed."""
    ids = set()
    for n, ev in enumerate(events):
        where = f"{path}: events[{n}]"
        if not isinstance(ev, dict):
            raise InputError(f"{where}: not an object")
        unknown = set(ev) - EVENT_FIELDS
        if unknown:
            raise InputError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        types = ev.get("type")
        for t in (types if isinstance(types, list) else [types]):
            if t not in GOLD_EVENT_TYPES:
                raise InputError(f"{where}.type: {t!r} is not an event type; valid: {', '.join(GOLD_EVENT_TYPES)}")
        if "status" in ev and ev["status"] not in GOLD_STATUSES:
            raise InputError(f"{where}.status: {ev['status']!r}; valid: {', '.join(GOLD_STATUSES)}")
        if not isinstance(ev.get("places", []), list):
            raise InputError(f"{where}.places: must be a list of names")
        if "id" in ev:
            if ev["id"] in ids:
                raise InputError(f"{where}.id: duplicate id {ev['id']!r}")
            ids.add(ev["id"])


def corpus_articles(corpus: str, ids: set[str]) -> dict:
    """Articles of ``corpus`` whose id is in ``ids``, read through ``kg.ingest``."""
    from kg.ingest import read_inputs
    from kg.types import Article

    path = CORPORA.get(corpus)
    if path is None:
        raise InputError(f"gold names unknown corpus {corpus!r}; known: {', '.join(CORPORA)}")
    if not path.exists():
        raise InputError(f"gold needs the shared corpus {corpus!r}, not found at {path}")
    found = {a.id: a for a in read_inputs([path]) if isinstance(a, Article) and a.id in ids}
    missing = sorted(ids - set(found))
    if missing:
        raise InputError(f"gold names articles not in {path}: {', '.join(missing)}")
    return found


def unmatched_events(found: list, used: set[int], cluster_of: list[str]) -> list:
    """The false events: one mention for each merged event none of whose mentions matched a gold event."""
    used_clusters = {cluster_of[k] for k in used}
    first: dict[str, object] = {}
    for k, e in enumerate(found):
        if cluster_of[k] not in used_clusters:
            first.setdefault(cluster_of[k], e)
    return list(first.values())


def detection_counts(golds: list[dict], found: list, agent_ok, counts: dict[str, Counter],
                     cluster_of: list[str]) -> None:
    """Event-detection rows that ignore places, date and status.

    ``detect.<Type>``: a gold event is found by a predicted event of an acceptable type with its agent;
    ``detect.any-type``: by a predicted event of any type with its agent. ``agent_ok(gold, event)``
    tells whether the agents agree (true when the gold gives none). A false event is counted once for all
    the mentions the product merged into it (``cluster_of``: :func:`kg.eval.event_clusters.event_cluster_of`).
    """
    used: set[int] = set()
    used_any: set[int] = set()
    for g in golds:
        types = g["type"] if isinstance(g["type"], list) else [g["type"]]
        hits = [k for k, e in enumerate(found) if e.type in types and agent_ok(g, e)]
        counts[f"detect.{types[0]}"]["tp" if hits else "fn"] += 1
        used.update(hits)
        any_hits = [k for k, e in enumerate(found) if agent_ok(g, e)]
        counts["detect.any-type"]["tp" if any_hits else "fn"] += 1
        used_any.update(any_hits)
    for e in unmatched_events(found, used, cluster_of):
        counts[f"detect.{e.type}"]["fp"] += 1
    for e in unmatched_events(found, used_any, cluster_of):
        counts["detect.any-type"]["fp"] += 1
