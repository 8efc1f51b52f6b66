"""The scoped events refresh: re-decide only the events of the articles an add or remove touches.

The corpus refresh (:mod:`kg.store.corpus_scope`) leaves, in the update that patches the corpus graph,
a *pending* mark for every article written or removed and every article whose mentions' corpus entity
changed: exactly the articles whose event-mention rows can differ from what the events graph was
decided from. Two mentions merge only within an article or an (event type, agent) block
(:func:`kg.resolve.events.decide`), so the scope is the closure of the pending articles over the blocks
of their rows and the articles of the stored events they report; each block's articles are found by an
index lookup on ``kg:agent`` (and on the corpus graph for the names it moved there), never by reading
every event mention. The decision over that closure is the decision over the whole store restricted to
it (see :mod:`kg.store.events`).
"""
from __future__ import annotations

import pyoxigraph as ox

from kg.rdf.event_nodes import EVENTS_GRAPH, event_quads
from kg.rdf.namespace import ID, KG
from kg.resolve.events import EventMention, decide
from kg.store.backends import COUNTERS
from kg.store.corpus_rows import ALL_ARTICLES, EVENTS_PENDING

_C = COUNTERS.value
_KG = str(KG._NS)


def pending(ox_store: ox.Store) -> set[str] | None:
    """The pending articles; None when every article is (after a corpus rebuild)."""
    found = {q.object for q in ox_store.quads_for_pattern(EVENTS_PENDING, EVENTS_PENDING, None, COUNTERS)}
    return None if ALL_ARTICLES in found else {g.value for g in found}


def clear_update() -> str:
    return f"DELETE WHERE {{ GRAPH <{_C}> {{ {EVENTS_PENDING} {EVENTS_PENDING} ?g }} }}"


def _iris(values) -> str:
    return " ".join(f"<{v}>" for v in sorted(values))


def _block_articles(store, blocks: set[tuple[str, str]]) -> set[str]:
    """The articles with an event of type and agent (after the corpus decision) in ``blocks``: an agent
    written as the key itself, or as a name the corpus graph moved to it (a superset: an article
    more only widens the scope by whole blocks)."""
    out: set[str] = set()
    for kind, agent in sorted(blocks):
        iri, cls = f"{ID}{agent}", f"{_KG}{kind}"
        for row in store.query(f"""SELECT DISTINCT ?g WHERE {{
                {{ GRAPH ?g {{ ?e <{_KG}agent> <{iri}> ; a <{cls}> }} }} UNION
                {{ GRAPH <{ID}corpus> {{ ?m <{_KG}corpusEntity> <{iri}> }}
                   GRAPH ?g {{ ?m <{_KG}mentionOf> ?x . ?e <{_KG}agent> ?x ; a <{cls}> }} }} }}"""):
            out.add(row["g"].value)
    out.discard(EVENTS_GRAPH)
    return out


def _reported(store, articles: set[str]) -> dict[str, set[str]]:
    """Stored event IRI -> the articles it reports, for the events reporting one of ``articles``."""
    if not articles:
        return {}
    found: dict[str, set[str]] = {}
    rows = store.query(f"""SELECT ?e ?a WHERE {{ VALUES ?g {{ {_iris(articles)} }}
                           GRAPH <{EVENTS_GRAPH}> {{ ?e <{_KG}reportedIn> ?g . ?e <{_KG}reportedIn> ?a }} }}""")
    for row in rows:
        found.setdefault(row["e"].value, set()).add(row["a"].value)
    return found


def scope(store, start: set[str], event_rows) -> tuple[list[EventMention], set[str], set[str]]:
    """The closure of ``start``: its event rows (read by ``event_rows``, :func:`kg.store.events.event_rows`),
    its articles and the stored events to replace."""
    articles, rows, stale = set(start), {}, {}
    todo, seen_blocks = set(start), set()
    while todo:
        for r in event_rows(store, todo):
            rows[r.iri] = r
        blocks = {(r.type, r.agent) for r in rows.values() if r.agent and r.article in todo} - seen_blocks
        seen_blocks |= blocks
        reported = _reported(store, todo)
        stale.update(reported)
        todo = (_block_articles(store, blocks) | {a for a_s in reported.values() for a in a_s}) - articles
        articles |= todo
    return sorted(rows.values()), articles, set(stale)


def _old_quads(store, events: set[str]) -> set[ox.Quad]:
    graph = ox.NamedNode(EVENTS_GRAPH)
    out: set[ox.Quad] = set()
    if not events:
        return out
    for row in store.query(f"""SELECT ?s ?p ?o WHERE {{ VALUES ?e {{ {_iris(events)} }} GRAPH <{EVENTS_GRAPH}> {{
                               {{ ?e ?p ?o BIND (?e AS ?s) }} UNION {{ ?e <{_KG}roleSource> ?s . ?s ?p ?o }} }} }}"""):
        out.add(ox.Quad(row["s"], row["p"], row["o"], graph))
    return out


def refresh(store, start: set[str], event_rows, labels_of) -> int:
    """Re-decide the events of the closure of ``start`` and patch the events graph; returns how many
    real-world events were (re)decided. ``event_rows``, ``labels_of``: :mod:`kg.store.events`'s readers
    (passed: that module calls this one)."""
    from kg.store.corpus_scope import patch

    rows, _, stale = scope(store, start, event_rows)
    by_iri = {r.iri: r for r in rows}
    labels = labels_of(store, {f"{ID}{v}" for r in rows for v in (r.agent, r.target, r.product, *r.places) if v})
    clusters = decide(rows)
    new = {q for c in clusters for q in event_quads(c, by_iri, labels)}
    old = _old_quads(store, stale)
    patch(store._live().ox, ox.NamedNode(EVENTS_GRAPH), old - new, new - old, clear_update())
    return len(clusters)
