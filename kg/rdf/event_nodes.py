"""The real-world event nodes of the events graph (``id:events``): one node per cluster of event mentions
that :func:`kg.resolve.events.decide` merged, with its merged roles and where each came from.

Pure: the quads depend only on the cluster, its mention rows and the entity labels, so the events graph
is the same whatever order the articles came in.
"""
from __future__ import annotations

import pyoxigraph as ox

from kg.rdf.facts import event_label
from kg.rdf.iris import short_hash
from kg.rdf.literals import date_literal, ox_decimal, ox_integer, ox_literal
from kg.rdf.namespace import ID
from kg.rdf.quads import OX_KG as _KG
from kg.rdf.quads import OX_RDF as _RDF
from kg.rdf.quads import OX_RDFS as _RDFS
from kg.resolve.events import EventCluster, EventMention, first_day, role_of

EVENTS_GRAPH = f"{ID}events"
#: how far along a status is: on one day, conflicting reports keep the furthest ("planned" and "done" -> done)
_PROGRESS = {"proposed": 0, "planned": 1, "done": 2, "cancelled": 3}
ROLES = ("agent", "seller", "target", "product", "places")


def world_event_iri(cluster: EventCluster) -> str:
    """IRI of a real-world event, from its first mention IRI (stable while that mention is stored).

    Examples
    --------
    >>> world_event_iri(EventCluster(("http://x/m1", "http://x/m2"), ())).split("/")[-2]
    'world-event'
    """
    return f"{ID}world-event/{short_hash(cluster.mentions[0])}"


def fingerprint(rows: list[EventMention]) -> str:
    """What an event was decided from: a hash of its mention rows (a changed row re-decides it)."""
    return short_hash(*sorted(repr(tuple(r)) for r in rows))


def status_history(rows: list[EventMention]) -> tuple[str | None, str]:
    """The status of an event and its history, from its mentions in report order.

    The latest report wins ("planned" in March, "done" in June: done); a cancellation ends the event (a
    later "planned" does not revive it); reports of one day that disagree keep the furthest status and the
    history says ``conflict``. Anaphors state no status.

    Examples
    --------
    >>> r = lambda s, day: EventMention("m", "a", "Acquisition", 0, s, None, None, None, (), None, day)
    >>> status_history([r("planned", "2024-03-01"), r("done", "2024-06-02"), r("planned", "2024-06-02")])
    ('done', '2024-03-01 planned; 2024-06-02 done (conflict: planned, done)')
    """
    days: dict[str, set[str]] = {}
    for row in rows:
        if row.status in _PROGRESS:
            days.setdefault(row.published or "undated", set()).add(row.status)
    status, parts = None, []
    for day in sorted(days, key=lambda d: (d == "undated", d)):
        said = sorted(days[day], key=_PROGRESS.__getitem__)
        if status != "cancelled":
            status = said[-1]
        parts.append(f"{day} {said[-1]}" + (f" (conflict: {', '.join(said)})" if len(said) > 1 else ""))
    return status, "; ".join(parts)


def settled_status(rows: list[EventMention], date: str | None) -> tuple[str | None, str]:
    """:func:`status_history`, except that an event whose date only plans state, a date after every report of
    it, has not happened yet: a "done" from a headline in the present ("X quitte Coolblue pour rejoindre
    Nexxworks") and a "planned" from the body ("à partir du 17 juillet") are a plan. (A mention that reports
    the date done keeps it done: a digest's later section is dated after its article.)

    Examples
    --------
    >>> r = lambda s, date: EventMention("m", "a", "Appointment", 0, s, None, None, None, (), date, "2018-05-22")
    >>> settled_status([r("done", None), r("planned", "2018-07-17")], "2018-07-17")
    ('planned', '2018-05-22 done (conflict: planned, done); dated 2018-07-17, after its last report: planned')
    """
    status, history = status_history(rows)
    last = max((r.published for r in rows if r.published), default=None)
    planned_only = date and all(r.status in ("planned", "proposed") for r in rows if r.date == date)
    if status == "done" and planned_only and last and first_day(date) > last:
        return "planned", f"{history}; dated {date}, after its last report: planned"
    return status, history


def best_date(rows: list[EventMention]) -> str | None:
    """The most precise stated date (ties: the one of the latest report)."""
    dated = [(len(r.date), r.published or "", r.date) for r in rows if r.date]
    return max(dated)[2] if dated else None


def event_type(rows: list[EventMention]) -> str:
    """The type of a real-world event: its first report's, except that a sale joined to its buyer's side is the
    buyer's acquisition (the seller is :data:`kg:seller`)."""
    types = {r.type for r in rows}
    return "Acquisition" if {"Acquisition", "Divestiture"} <= types else rows[0].type


def event_quads(cluster: EventCluster, rows: dict[str, EventMention], labels: dict[str, str]) -> list[ox.Quad]:
    """The quads of one real-world event node in the events graph.

    Parameters
    ----------
    cluster
        Its mentions and why they were merged.
    rows
        Mention IRI -> row (every mention of the cluster is there).
    labels
        Entity key (IRI without ``id:``, as in the rows) -> label, for the node's ``rdfs:label``.
    """
    graph = ox.NamedNode(EVENTS_GRAPH)
    node = ox.NamedNode(world_event_iri(cluster))
    mine = sorted((rows[m] for m in cluster.mentions), key=lambda r: (r.published or "", r.article, r.start, r.iri))
    etype = event_type(mine)
    out = [(node, _RDF.type, _KG.WorldEvent), (node, _KG.eventType, _KG[etype])]
    articles = sorted({r.article for r in mine})
    out += [(node, _KG.hasMention, ox.NamedNode(r.iri)) for r in mine]
    out += [(node, _KG.reportedIn, ox.NamedNode(a)) for a in articles]
    out.append((node, _KG.sources, ox_integer(len(articles))))
    names: dict[str, list[str]] = {}
    for role in ROLES:
        given: dict[str, list[str]] = {}
        for r in mine:
            for value in (r.places if role == "places" else (role_of(r, role, etype),)):
                if value:
                    given.setdefault(value, []).append(r.iri)
        if role == "seller" and len(given) > 1:  # one seller: the one most reports name (two spellings of one)
            given = dict([max(given.items(), key=lambda kv: (len(kv[1]), -mine.index(rows[kv[1][0]])))])
        for value, by in sorted(given.items()):
            prop = _KG.place if role == "places" else _KG[role]
            entity = ox.NamedNode(f"{ID}{value}")
            out.append((node, prop, entity))
            source = ox.NamedNode(f"{node.value}/role/{short_hash(role, value)}")
            out += [(node, _KG.roleSource, source), (source, _KG.role, ox.Literal(prop.value.rsplit("#", 1)[-1])),
                    (source, _KG.roleValue, entity)]
            out += [(source, _KG.givenBy, ox.NamedNode(m)) for m in sorted(set(by))]
            names.setdefault(role, []).append(labels.get(value, value.rsplit("/", 1)[-1]))
    date = best_date(mine)
    status, history = settled_status(mine, date)
    if status:
        out += [(node, _KG.status, ox.Literal(status)), (node, _KG.statusHistory, ox.Literal(history))]
    if date and date_literal(date) is not None:
        out.append((node, _KG.date, ox_literal(date_literal(date))))
    amounts = [r for r in mine if r.amount is not None]
    if amounts:
        out.append((node, _KG.amount, ox_decimal(amounts[-1].amount, digits=2)))
        if amounts[-1].currency:
            out.append((node, _KG.currency, ox.Literal(amounts[-1].currency.upper())))
    thing = next((r.thing for r in mine if r.thing), None)
    if thing:  # what an untagged launch launches ("graphics card"), shown as its product
        out.append((node, _KG.launchedThing, ox.Literal(thing)))
        names.setdefault("product", [thing])
    who = {role: names[role][0] for role in ("agent", "target", "product", "seller") if role in names}
    label = event_label(etype, who, names.get("places", []), date, status or "reported")
    out.append((node, _RDFS.label, ox.Literal(f"{label} · {len(articles)} source{'s' * (len(articles) > 1)}")))
    why = "; ".join(cluster.why) if cluster.why else "one mention: nothing merged"
    for key in sorted({v for r in mine for v in (r.agent, r.target, r.product, *r.places) if v}, key=len, reverse=True):
        why = why.replace(key, labels.get(key, key))  # names, not keys, in the explanation
    out.append((node, _KG.resolution, ox.Literal(why)))
    out.append((node, _KG.decidedFrom, ox.Literal(fingerprint(mine))))
    return [ox.Quad(s, p, o, graph) for s, p, o in out]
