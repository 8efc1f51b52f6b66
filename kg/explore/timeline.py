"""Events in time order, one row each: when, what, who -> whom, and the article it was read in.

An event with no date of its own is placed at its article's publication date and says so
(``2024-06 (article)``): an undated corpus still gets a usable order instead of an empty axis.

Examples
--------
>>> rows = timeline("tests/data/small.trig", company="Helios Motors")
>>> [(r.when, r.type) for r in rows]
[('2024-06', 'Acquisition'), ('2024-06-05 (article)', 'StoreOpening')]
"""
from __future__ import annotations

from typing import Any, NamedTuple

from kg.explore.analysis import find_node, to_networkx
from kg.explore.overview import event_caption, family
from kg.explore.world_events import fold_events
from kg.query.api import graph_data, load, provenance


class TimelineRow(NamedTuple):
    when: str
    """The event's own date, else its article's date followed by `` (article)``, else ``""``."""
    type: str
    what: str
    """The event caption: ``Type: agent -> target @ place · date · status``."""
    status: str
    article: str
    """Title of the article the event was read in."""
    sentences: tuple[str, ...]
    iri: str
    published: str = ""
    """Publication date of that article (``""`` when unknown)."""
    companies: tuple[str, ...] = ()
    """Names of the organisations taking part (agent, target ...), for filtering by company."""


def timeline(graph: Any, *, company: str | None = None) -> list[TimelineRow]:
    """Events of ``graph`` (only those ``company`` takes part in, if given), oldest first, undated last.

    ``company`` is an entity name or IRI (found as ``kg viz --focus`` finds it).
    """
    store = load(graph)
    data, prov, sources = fold_events(store, graph_data(store), provenance(store))  # one row per real-world event
    g = to_networkx(store, data=data)
    events = sorted(data.events)
    if company is not None:
        node = find_node(g, company)
        events = [e for e in events if g.has_edge(e, node)]
    rows = []
    for e in events:
        ev = data.events[e]
        art = data.articles.get(ev.article or "")
        when = ev.date or (f"{art.published} (article)" if art and art.published else "")
        orgs = sorted({g.nodes[b]["label"] for _, b in g.out_edges(e)
                       if family(g.nodes[b]["type"], g.nodes[b]["kind"]) == "organisation"})
        what = event_caption(g, e) + (f" · {sources[e]} sources" if sources.get(e, 1) > 1 else "")
        rows.append(TimelineRow(when, ev.type, what, ev.status or "", art.title if art else "",
                                tuple(s for s, _ in prov.get(e, [])), e,
                                (art.published or "") if art else "", tuple(orgs)))
    return sorted(rows, key=lambda r: (r.when == "", r.when, r.type, r.what, r.iri))


def format_table(rows: list[TimelineRow]) -> str:
    """Plain-text table: date, type, what happened, article title."""
    if not rows:
        return "no events"
    widths = [max(len(h), *(len(v) for v in col)) for h, col in
              zip(("date", "type"), zip(*[(r.when, r.type) for r in rows]))]
    head = f"{'date':<{widths[0]}}  {'type':<{widths[1]}}  what happened  [article]"
    lines = [head, "-" * len(head)]
    lines += [f"{r.when:<{widths[0]}}  {r.type:<{widths[1]}}  {r.what}  [{r.article}]" for r in rows]
    return "\n".join(lines)
