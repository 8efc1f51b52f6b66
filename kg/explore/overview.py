"""What makes the overview page tell a story: event captions, a connected node budget, family shapes/colours.

An analyst reads an event diamond without hovering it only when its caption says what happened
("Acquisition: Helios Motors -> Nordwind Coffee · 2024-06 · planned"), and reads the page at all only
when the nodes the budget keeps are linked to each other (the most mentioned entities of a large build
are mostly not linked to one another: keeping them alone draws a cloud with no edges).

Examples
--------
>>> from kg.explore.analysis import to_networkx
>>> g = to_networkx("tests/data/small.trig")
>>> acq = next(n for n in g if g.nodes[n]["type"] == "Acquisition")
>>> event_caption(g, acq)
'Acquisition: Helios Motors -> Nordwind Coffee · 2024-06 · done'
"""
from __future__ import annotations

import heapq
from typing import Any, Iterable

import networkx as nx

from kg.types import EVENT_TYPES

#: roles read as "who -> whom" in a caption; any other role (place, product, roles added later) follows as "@ X"
ACTOR_ROLES = ("agent",)
OBJECT_ROLES = ("target", "product")
#: how much one link counts towards a node's weight: who did what to whom is the backbone of the story,
#: typed facts between entities come next, the other roles (place ...) last
EDGE_WEIGHTS = {"agent": 3, "target": 3, "product": 2}
FACT_WEIGHT = 2
OTHER_ROLE_WEIGHT = 1
NAME_CHARS = 28

#: family -> (vis-network shape, colour per type), colours from Okabe & Ito (2008) and Tol's "muted"
#: scheme (colour-blind safe); the shape tells families apart, the colour types within a family
FAMILIES: dict[str, tuple[str, dict[str, str]]] = {
    "organisation": ("dot", {"Company": "#0072B2", "Organization": "#56B4E9"}),
    "person": ("triangle", {"Person": "#D55E00"}),
    "place": ("square", {"Place": "#009E73", "Country": "#117733", "City": "#44AA99", "Region": "#999933",
                         "Facility": "#6E6E6E"}),
    "product": ("star", {"Product": "#CC79A7"}),
    "event": ("diamond", {"Acquisition": "#882255", "Divestiture": "#AA4499", "Investment": "#E69F00",
                          "Funding": "#DDCC77", "Partnership": "#332288", "IPO": "#F0E442",
                          "StoreOpening": "#009988", "StoreClosure": "#CC3311", "ProductLaunch": "#EE3377",
                          "MarketEntry": "#33BBEE", "Appointment": "#999933", "Departure": "#000000",
                          "FacilityOpening": "#44AA99", "FacilityClosure": "#EE7733", "Layoff": "#BBBBBB"}),
}
_FAMILY_OF = {t: fam for fam, (_, colours) in FAMILIES.items() for t in colours}
FALLBACK_COLOUR = "#BBBBBB"


def family(node_type: str, kind: str = "entity") -> str:
    """The family a type is drawn as; an event type unknown here (added later) is still an event.

    >>> family("FacilityOpening", "event"), family("Company"), family("NewEventType", "event")
    ('event', 'organisation', 'event')
    """
    if kind == "event" or node_type in EVENT_TYPES:
        return "event"
    return _FAMILY_OF.get(node_type, "organisation")


def style(node_type: str, kind: str = "entity") -> tuple[str, str]:
    """(shape, colour) of a type.

    >>> style("Person"), style("Merger", "event")
    (('triangle', '#D55E00'), ('diamond', '#BBBBBB'))
    """
    shape, colours = FAMILIES[family(node_type, kind)]
    return shape, colours.get(node_type, FALLBACK_COLOUR)


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1].rstrip() + "…"


def _names(g: nx.MultiDiGraph, node: str, roles: Iterable[str]) -> str:
    wanted = set(roles)
    names = sorted({g.nodes[b]["label"] for _, b, r in g.out_edges(node, keys=True) if r in wanted})
    return " & ".join(_short(n) for n in names)


def event_caption(g: nx.MultiDiGraph, node: str) -> str:
    """What happened, in one line: ``Type: agent -> target @ place · date · status``.

    Parts with no value are left out, so that new roles, types and statuses need no change here.
    """
    attrs = g.nodes[node]
    who, whom = _names(g, node, ACTOR_ROLES), _names(g, node, OBJECT_ROLES)
    known = set(ACTOR_ROLES) | set(OBJECT_ROLES)
    where = _names(g, node, {r for _, _, r in g.out_edges(node, keys=True) if r not in known})
    story = " -> ".join(filter(None, (who, whom))) + (f" @ {where}" if where else "")
    head = f"{attrs['type']}: {story}" if story else attrs["type"]
    return " · ".join(filter(None, (head, attrs.get("date") or "", attrs.get("status") or "")))


def weights(g: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> dict[str, int]:
    """Mentions plus weighted degree over typed links (agent/target count most), among ``nodes``.

    >>> from kg.explore.analysis import to_networkx
    >>> w = weights(to_networkx("tests/data/small.trig"))
    >>> max(w, key=w.get).rsplit("/", 1)[-1]
    'nordwind-coffee'
    """
    keep = set(g.nodes if nodes is None else nodes)
    score = {n: g.nodes[n]["mentions"] for n in keep}
    players: dict[str, int] = {}
    for a, b, rel in g.edges(keys=True):
        if a in keep and b in keep:
            w = FACT_WEIGHT if g.nodes[a]["kind"] == "entity" else EDGE_WEIGHTS.get(rel, OTHER_ROLE_WEIGHT)
            score[a] += w
            score[b] += w
            if rel in ACTOR_ROLES or rel in OBJECT_ROLES:
                players[a] = players.get(a, 0) + g.nodes[b]["mentions"]
    # an event is as newsworthy as the companies it ties together: without this, one-sentence events
    # rank below every much-mentioned name and the budget keeps names with nothing happening between them
    for ev, mentions in players.items():
        score[ev] += int(mentions ** 0.5)
    return score


def backbone(g: nx.MultiDiGraph, nodes: Iterable[str], budget: int, *, isolated: bool = False,
             first: str | None = None) -> list[str]:
    """Up to ``budget`` of ``nodes``, heaviest first, each linked to another kept node.

    A node with no kept neighbour yet comes in with its heaviest neighbour, so that the page shows
    linked groups, not scattered dots; nodes with no link at all among ``nodes`` are added last and
    only when ``isolated`` is true (or when no node has a link: a filter such as ``--types Person``).

    Examples
    --------
    >>> from kg.explore.analysis import to_networkx
    >>> g = to_networkx("tests/data/small.trig")
    >>> kept = backbone(g, g.nodes, 4)
    >>> sub = nx.Graph(g.subgraph(kept))
    >>> len(kept), all(sub.degree(n) > 0 for n in kept)
    (4, True)
    """
    keep = set(nodes)
    score = weights(g, keep)
    und = nx.Graph(g.subgraph(keep))
    order = {n: (-score[n], g.nodes[n]["label"], n) for n in keep}
    linked = [n for n in keep if und.degree(n) > 0]
    if not linked:
        return sorted(keep, key=lambda n: (n != first, order[n]))[:budget]
    chosen: list[str] = []
    taken: set[str] = set()

    def take(n: str) -> None:
        chosen.append(n)
        taken.add(n)

    if first in keep:
        take(first)
    heap = [order[n] for n in linked]
    heapq.heapify(heap)
    while heap and len(chosen) < budget:
        n = heapq.heappop(heap)[2]
        if n in taken:
            continue
        if any(m in taken for m in und[n]):
            take(n)
        elif len(chosen) + 2 <= budget:
            take(n)
            take(min((m for m in und[n] if m not in taken), key=order.__getitem__))
    if isolated:
        chosen += sorted((n for n in keep - taken if und.degree(n) == 0), key=order.__getitem__)[:budget - len(chosen)]
    return chosen


def caption_of(g: nx.MultiDiGraph, node: str) -> str:
    """The text drawn under a node: the entity's name, or what the event is about."""
    return g.nodes[node]["label"] if g.nodes[node]["kind"] == "entity" else event_caption(g, node)


def legend_entry(node_type: str, kind: str, count: int) -> dict[str, Any]:
    shape, colour = style(node_type, kind)
    return {"type": node_type, "color": colour, "shape": shape, "count": count, "kind": kind,
            "family": family(node_type, kind)}
