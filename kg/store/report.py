"""What a build, an add or a remove did, and what the store then holds: ``report.json`` and the summary.

The counts come from :func:`kg.store.counts.graph_counts`: the store's counters (the same cost on a
store of ten articles as on one of a million) and, for entities, each one's decided class, read from the
store (a cost that grows with the entities stored).
"""
from __future__ import annotations

import json
from typing import Any, NamedTuple

from kg.store.outputs import DUMPS
from kg.types import IngestWarning


class BuildReport(NamedTuple):
    """What a build (or an add) did; ``report.json`` is this, as JSON."""

    out: str
    """Output folder (or store location for ``add`` on a bare store)."""
    read: int
    """Articles read (ingest warnings not included)."""
    built: int
    skipped: int
    """Articles whose content hash was already in the store."""
    removed: int
    """Articles of a previous build that are no longer in the inputs."""
    failed: int
    words: int
    """Words in the built articles."""
    articles_in_store: int
    triples: int
    entities: dict[str, int]
    """Entities in the graph by class."""
    facts: dict[str, int]
    """Reified fact statements (one per source sentence) in the graph by predicate."""
    events: dict[str, int]
    relations: dict[str, int]
    """Distinct entity-to-entity relations in the graph by predicate (as ``kg stats``)."""
    exports: dict[str, str]
    """Each whole-graph dump in the output: ``"current"``, or ``"stale"`` (the store changed since)."""
    export_states: dict[str, str]
    """The store state each dump was written at (see :mod:`kg.store.outputs`)."""
    warnings: tuple[dict[str, Any], ...]
    """Ingest warnings: ``{"source", "line", "message"}``."""
    errors: tuple[dict[str, Any], ...]
    """Per-article errors: ``{"article", "source", "line", "error"}``."""
    timings: dict[str, float]
    """Seconds: total, nlp, extract (summed over workers), store, export; wait_results (the build waited for
    the engine), wait_writer (it waited for the store writer)."""

    @property
    def ok(self) -> bool:
        """False only when nothing could be built (no article built nor already present)."""
        return self.built + self.skipped > 0

    def to_json(self) -> str:
        data = self._asdict() | {"ok": self.ok}
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def summary(self) -> str:
        """A short human summary: articles, entities/facts/events by type, warnings and errors."""
        lines = [f"{self.read} articles read: {self.built} built, {self.skipped} unchanged, "
                 f"{self.failed} failed" + (f", {self.removed} removed" if self.removed else "")
                 + f" ({self.timings.get('total', 0.0):.1f} s) -> {self.out}",
                 f"graph: {self.articles_in_store} articles, {self.triples} triples"]
        for name, counts in (("entities", self.entities), ("relations", self.relations),
                             ("fact statements", self.facts), ("events", self.events)):
            detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            lines.append(f"{name}: {sum(counts.values())}" + (f" ({detail})" if detail else ""))
        stale = [name for name, status in self.exports.items() if status == "stale"]
        if stale:
            lines.append(f"stale exports (the store changed since they were written): {', '.join(stale)}; "
                         f"refresh with --export {','.join(k for k, v in DUMPS.items() if v in stale)}")
        for title, items, fmt in (("warnings", self.warnings, _where_warning), ("errors", self.errors, _where_error)):
            if items:
                lines.append(f"{title}: {len(items)}")
                lines += [f"  {fmt(item)}" for item in items[:10]]
                if len(items) > 10:
                    lines.append(f"  ... {len(items) - 10} more in report.json")
        return "\n".join(lines)


def _where_warning(item: dict[str, Any]) -> str:
    return str(IngestWarning(item["source"], item["line"], item["message"]))


def _where_error(item: dict[str, Any]) -> str:
    where = item["source"] if item["line"] is None else f"{item['source']}:{item['line']}"
    return f"{where}: {item['error']}"
