"""One node per real-world event in the explorer views: the event mentions the events graph gathers
(:mod:`kg.store.events`) are folded into their ``kg:WorldEvent``, whose label says how many articles
report it; a graph without an events graph (one article's graph, an RDF file) is left as it is.

Examples
--------
>>> from kg.query.api import graph_data, provenance
>>> data, prov, sources = fold_events("tests/data/small.trig", graph_data("tests/data/small.trig"), {})
>>> sorted({e.type for e in data.events.values()})
['Acquisition', 'StoreOpening']
"""
from __future__ import annotations

from typing import Any

from kg.query.api import EventRow, GraphData, local_name, select

_WORLD = ("SELECT ?w ?m ?c ?l ?d ?s ?n ?a ?p WHERE { ?w a kg:WorldEvent ; kg:hasMention ?m ; kg:eventType ?c ; "
          "rdfs:label ?l ; kg:sources ?n . ?m prov:wasDerivedFrom ?a OPTIONAL { ?a schema:datePublished ?p } "
          "OPTIONAL { ?w kg:date ?d } OPTIONAL { ?w kg:status ?s } }")


def fold_events(graph: Any, data: GraphData,
                prov: dict[str, list[tuple[str, str]]]) -> tuple[GraphData, dict, dict[str, int]]:
    """``data`` and ``prov`` with each gathered event mention replaced by its real-world event, and the
    number of articles reporting each real-world event.

    The real-world event takes the mentions' roles, the sentences of its mentions (at most three, sorted,
    as :func:`kg.query.api.provenance` gives) and, as its article, the first that reported it.
    """
    rows = select(graph, _WORLD)
    if not rows:
        return data, prov, {}
    world_of = {r["m"]: r["w"] for r in rows}
    first: dict[str, tuple[str, str]] = {}
    for r in rows:
        first[r["w"]] = min(first.get(r["w"], ("~", "~")), (str(r["p"] or "~"), r["a"]))
    events = {iri: ev for iri, ev in data.events.items() if iri not in world_of}
    for r in sorted(rows, key=lambda r: (r["w"], r["m"])):
        if r["w"] not in events:
            events[r["w"]] = EventRow(r["w"], local_name(r["c"]), r["l"], r["d"], r["s"], first[r["w"]][1])
    roles = sorted({(world_of.get(ev, ev), role, e) for ev, role, e in data.roles})
    folded = dict(prov)
    gathered: dict[str, set[tuple[str, str]]] = {}
    for mention, world in world_of.items():
        gathered.setdefault(world, set()).update(folded.pop(mention, []))
    folded |= {w: sorted(items)[:3] for w, items in gathered.items()}
    sources = {r["w"]: int(r["n"]) for r in rows}
    return data._replace(events=dict(sorted(events.items())), roles=roles), dict(sorted(folded.items())), sources
