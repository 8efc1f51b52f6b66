"""The timeline as a page: events along a time axis, one lane per event type, filterable, with sources.

The same section is the "Events" part of a company dossier (:mod:`kg.explore.dossier`) and a page of
its own (``kg timeline STORE --html timeline.html``). The events travel as a JSON block that the script
turns into text nodes only (never markup), so nothing an article says can run in the page; no file is
fetched, so the page works offline.

Examples
--------
>>> import tempfile, pathlib
>>> out = write_timeline("tests/data/small.trig", pathlib.Path(tempfile.mkdtemp()) / "t.html")
>>> text = out.read_text(encoding="utf-8")
>>> '"type": "Acquisition"' in text, "<script src" in text
(True, False)
"""
from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from kg.explore.overview import style
from kg.explore.timeline import TimelineRow, timeline

ASSETS = Path(__file__).resolve().parent / "assets"


def _axis_date(row: TimelineRow) -> str:
    return row.when.split(" ", 1)[0]  # "2024-06-05 (article)": placed at its article's date


def timeline_data(rows: Sequence[TimelineRow]) -> dict[str, Any]:
    """What the page's script draws: events (in time order), types with their colours, companies.

    Examples
    --------
    >>> data = timeline_data(timeline("tests/data/small.trig"))
    >>> [(e["date"], e["dated"]) for e in data["events"]]
    [('2024-03-12', True), ('2024-06', True), ('2024-06-05', False)]
    >>> data["companies"]
    ['Helios Motors', 'Nordwind Coffee']
    """
    events = [{"id": r.iri, "date": _axis_date(r), "dated": bool(r.when) and not r.when.endswith("(article)"),
               "when": r.when, "type": r.type, "what": r.what, "status": r.status, "article": r.article,
               "published": r.published, "sentences": list(r.sentences), "companies": list(r.companies),
               "colour": style(r.type, "event")[1]} for r in rows]
    counts = Counter(r.type for r in rows)
    types = [{"type": t, "colour": style(t, "event")[1], "count": counts[t]} for t in sorted(counts)]
    return {"events": events, "types": types, "companies": sorted({c for r in rows for c in r.companies})}


def _json_block(data: dict[str, Any]) -> str:
    # "<" escaped: a "</script>" inside a sentence cannot close the block
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")


def timeline_section(rows: Sequence[TimelineRow], *, heading: str = "Timeline") -> str:
    """The timeline as an HTML fragment (controls, lanes, details, list) with its style and script inlined."""
    css = (ASSETS / "timeline.css").read_text(encoding="utf-8")
    js = (ASSETS / "timeline.js").read_text(encoding="utf-8")
    return (f'<section id="kg-tl"><style>{css}</style><h2>{html.escape(heading)}</h2>'
            '<div id="kg-tl-controls"><fieldset id="kg-tl-types"><legend>Types</legend></fieldset>'
            '<label>Company <select id="kg-tl-company"><option value="">all companies</option></select></label> '
            '<label>Text <input id="kg-tl-text" type="search" placeholder="word in the caption"></label> '
            '<span id="kg-tl-count" class="kg-tl-hint" aria-live="polite"></span></div>'
            '<div id="kg-tl-body"><div id="kg-tl-chart"></div>'
            '<aside id="kg-tl-details"><p class="kg-tl-hint">Click an event to read its sources here.</p></aside></div>'
            '<table id="kg-tl-list"><thead><tr><th>date</th><th>type</th><th>what happened</th><th>article</th></tr>'
            '</thead><tbody></tbody></table>'
            f'<script type="application/json" id="kg-tl-data">{_json_block(timeline_data(rows))}</script>'
            f"<script>{js}</script></section>")


def timeline_page(graph: Any, *, company: str | None = None, title: str | None = None) -> str:
    """A self-contained page with the timeline of ``graph`` (only ``company``'s events, if given)."""
    rows = timeline(graph, company=company)
    title = title or ("Events of " + company if company else "Events")
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>"
            "<style>body{font:14px/1.45 system-ui,sans-serif;margin:16px 24px;color:#222}</style></head>"
            f"<body><h1>{html.escape(title)}</h1>{timeline_section(rows, heading=f'{len(rows)} events')}</body></html>")


def write_timeline(graph: Any, out: str | Path, *, company: str | None = None) -> Path:
    """Write :func:`timeline_page` to ``out`` (its folder is created); returns the path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(timeline_page(graph, company=company), encoding="utf-8")
    return out
