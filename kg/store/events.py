"""The events graph (``id:events``): one node per real-world event, decided over every article of a store.

Article graphs keep what each sentence states (the event mentions, :mod:`kg.rdf.anaphors`); this graph,
which no article owns, holds the ``kg:WorldEvent`` nodes that gather them (:mod:`kg.rdf.event_nodes`).
Like the corpus graph (:mod:`kg.store.corpus`) it is a pure function of the stored articles, so a clean
build, an incremental one and ``--workers 2`` give the same graph, and removing every article that reported
an event removes it.

The refresh is scoped: events whose mentions did not change keep their nodes untouched, and only the
mentions that can merge with a changed one are re-decided. Two mentions can merge only through a chain of
articles sharing an (event type, agent) block (:func:`kg.resolve.events.decide` merges stories of one
article or of one block), so the scope is the closure of the changed articles over those blocks; the
decision over that closure is the decision over the whole store, restricted to it.
"""
from __future__ import annotations

from itertools import islice

import pyoxigraph as ox

from kg.rdf.event_nodes import EVENTS_GRAPH, event_quads, fingerprint
from kg.rdf.namespace import ID, KG
from kg.resolve.events import EventMention, decide
from kg.store.counts import drop_decided_graph
from kg.types import EVENT_TYPES

_SCHEMA = "https://schema.org/"
_PROV = "http://www.w3.org/ns/prov#"


def _key(iri: str) -> str:
    """An entity IRI without the ``id:`` prefix: the key the resolver gave (and the events graph shows)."""
    return iri.removeprefix(str(ID))


def _text(term) -> str | None:
    return term.value if term is not None else None


def _local(iri: str) -> str:
    return iri.removeprefix(str(KG._NS))


def _select(store, text: str, article: str | None):
    """(article IRI, row) of ``text`` over every article graph, or over ``article`` alone: its IRI bound
    before the query runs (a ``VALUES`` clause is joined after, so every graph would be read)."""
    if article is None:
        for row in store.query(text):
            yield row["g"].value, row
    else:
        for row in store.query(text, substitutions={ox.Variable("g"): ox.NamedNode(article)}):
            yield article, row


def _corpus_entities(store, article: str | None = None) -> dict[tuple[str, str], str]:
    """(article, entity IRI) -> the entity the corpus graph decided for its mentions there ("GM" in an
    article that never spells it out -> General Motors), where it differs (:mod:`kg.store.corpus`);
    of every article, or of ``article`` only."""
    kg = str(KG._NS)
    # the corpus graph first: pyoxigraph joins in the written order, and it is far smaller than the mentions
    # (unless one article is read: then its mentions first)
    corpus, mentions = f"GRAPH <{ID}corpus> {{ ?m <{kg}corpusEntity> ?ce }}", f"GRAPH ?g {{ ?m <{kg}mentionOf> ?e }}"
    text = f"""SELECT ?g ?e (MIN(STR(?ce)) AS ?to) WHERE {{ {mentions + corpus if article else corpus + mentions}
               }} GROUP BY ?g ?e"""
    return {(g, row["e"].value): row["to"].value for g, row in _select(store, text, article)}


def event_rows(store, articles: set[str] | None = None) -> list[EventMention]:
    """Every event mention of every article graph of ``store`` (or of ``articles``), as the decision reads
    it: roles as entity keys, after the corpus decision."""
    if articles is not None and _most_of(store, articles):
        # four queries over every graph instead of four per article (a first build: 1,200 queries for
        # 300 articles), the same rows: a graph's rows do not depend on the others
        return sorted({r for r in _event_rows(store, None) if r.article in articles})
    rows = []
    for article in [None] if articles is None else sorted(articles):
        rows += _event_rows(store, article)
    return sorted(set(rows))


def _most_of(store, articles: set[str]) -> bool:
    """``articles`` are at least half the store's graphs (counted no further than that, so a feed's add
    into a large store does not walk its graphs)."""
    ox_store = getattr(store._live(), "ox", None)
    if ox_store is None or len(articles) < 2:
        return False
    limit = 2 * len(articles) + 3  # + the counters, corpus and events graphs
    return sum(1 for _ in islice(ox_store.named_graphs(), limit + 1)) <= limit


def _event_rows(store, article: str | None) -> list[EventMention]:
    kg = str(KG._NS)
    classes = " ".join(f"<{kg}{t}>" for t in EVENT_TYPES)
    moved = _corpus_entities(store, article)
    places: dict[str, list[str]] = {}
    for g, row in _select(store, f"""SELECT ?g ?e ?p WHERE {{ GRAPH ?g {{ ?e <{kg}place> ?p ; <{_PROV}wasDerivedFrom> ?g }}
                                      FILTER (?g != <{EVENTS_GRAPH}>) }}""", article):
        where = row["p"].value
        places.setdefault(row["e"].value, []).append(moved.get((g, where), where))

    def entity(g: str, row, name: str) -> str | None:
        term = row[name]
        return _key(moved.get((g, term.value), term.value)) if term is not None else None

    rows = []
    for g, row in _select(store, f"""SELECT ?g ?e ?c ?s ?st ?a ?t ?p ?d ?am ?cur ?th ?pub WHERE {{ VALUES ?c {{ {classes} }}
            GRAPH ?g {{ ?e a ?c ; <{kg}status> ?s ; <{kg}start> ?st ; <{_PROV}wasDerivedFrom> ?g .
              OPTIONAL {{ ?e <{kg}agent> ?a }} OPTIONAL {{ ?e <{kg}target> ?t }} OPTIONAL {{ ?e <{kg}product> ?p }}
              OPTIONAL {{ ?e <{kg}date> ?d }} OPTIONAL {{ ?e <{kg}amount> ?am }} OPTIONAL {{ ?e <{kg}currency> ?cur }}
              OPTIONAL {{ ?e <{kg}launchedThing> ?th }} OPTIONAL {{ ?g <{_SCHEMA}datePublished> ?pub }} }} }}""", article):
        amount = float(row["am"].value) if row["am"] is not None else None
        rows.append(EventMention(row["e"].value, g, _local(row["c"].value), int(row["st"].value),
                                 row["s"].value, entity(g, row, "a"), entity(g, row, "t"), entity(g, row, "p"),
                                 tuple(sorted({_key(p) for p in places.get(row["e"].value, ())})),
                                 _text(row["d"]), _text(row["pub"]), None, amount, _text(row["cur"]),
                                 _text(row["th"])))
    for g, row in _select(store, f"""SELECT ?g ?m ?c ?st ?r ?pub WHERE {{ GRAPH ?g {{ ?m a <{kg}EventMention> ;
              <{kg}refersTo> ?r ; <{kg}eventType> ?c ; <{kg}start> ?st .
              OPTIONAL {{ ?g <{_SCHEMA}datePublished> ?pub }} }} }}""", article):
        rows.append(EventMention(row["m"].value, g, _local(row["c"].value), int(row["st"].value), "",
                                 None, None, None, (), None, row["pub"].value if row["pub"] is not None else None,
                                 row["r"].value))
    return rows


def _stored(store) -> tuple[list[ox.Quad], dict[str, set[str]], dict[str, str]]:
    """The events graph as it is: its quads, each event's mentions and its fingerprint."""
    graph = ox.NamedNode(EVENTS_GRAPH)
    quads, mentions, prints = [], {}, {}
    for row in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?s ?p ?o }} }}"):
        s, p, o = row["s"], row["p"], row["o"]
        quads.append(ox.Quad(s, p, o, graph))
        if p.value == f"{KG._NS}hasMention":
            mentions.setdefault(s.value, set()).add(o.value)
        elif p.value == f"{KG._NS}decidedFrom":
            prints[s.value] = o.value
    return quads, mentions, prints


def _scope(rows: list[EventMention], mentions: dict[str, set[str]], prints: dict[str, str]) -> tuple[set[str], set[str]]:
    """The articles to re-decide and the stored events to replace (see the module docstring)."""
    by_iri = {r.iri: r for r in rows}
    linked = {m for ms in mentions.values() for m in ms}
    stale = {e for e, ms in mentions.items()
             if not ms <= by_iri.keys() or prints.get(e) != fingerprint([by_iri[m] for m in sorted(ms)])}
    articles = {r.article for r in rows if r.iri not in linked}
    articles |= {by_iri[m].article for e in stale for m in mentions[e] if m in by_iri}
    blocks_of: dict[str, set[tuple]] = {}
    for r in rows:
        blocks_of.setdefault(r.article, set()).add((r.type, r.agent) if r.agent else ("", r.article))
    in_block: dict[tuple, set[str]] = {}
    for article, blocks in blocks_of.items():
        for block in blocks:
            in_block.setdefault(block, set()).add(article)
    todo, seen_blocks = list(articles), set()
    while todo:
        for block in blocks_of.get(todo.pop(), ()):
            if block not in seen_blocks:
                seen_blocks.add(block)
                new = in_block[block] - articles
                articles |= new
                todo += new
    stale |= {e for e, ms in mentions.items() if any(m in by_iri and by_iri[m].article in articles for m in ms)}
    return articles, stale


def refresh(store) -> int:
    """Re-decide the events the changed articles touch; returns how many real-world events were
    (re)decided. A store that keeps corpus rows (:func:`kg.store.corpus_rows.ready`) knows which articles
    changed since the last refresh: only their closure is read (:mod:`kg.store.events_scope`); else, or
    after a corpus rebuild, :func:`rebuild`."""
    from kg.store.corpus_rows import ready
    from kg.store.events_scope import clear_update, pending
    from kg.store.events_scope import refresh as scoped

    ox_store = getattr(store._live(), "ox", None)
    start = pending(ox_store) if ox_store is not None and ready(ox_store) else None
    if start is not None:
        return scoped(store, start, event_rows, _labels) if start else 0
    decided = rebuild(store)
    if ox_store is not None:
        ox_store.update(clear_update())
    return decided


def rebuild(store) -> int:
    """Read every event mention of the store, re-decide those whose rows changed and rewrite the events
    graph; returns how many real-world events were (re)decided."""
    rows = event_rows(store)
    quads, mentions, prints = _stored(store)
    articles, stale = _scope(rows, mentions, prints)
    if not articles and not stale:
        return 0
    scoped = [r for r in rows if r.article in articles]
    by_iri = {r.iri: r for r in scoped}
    labels = _labels(store, {f"{ID}{v}" for r in scoped for v in (r.agent, r.target, r.product, *r.places) if v})
    keep = [q for q in quads if q.subject.value.split("/role/")[0] not in stale]
    clusters = decide(scoped)
    new = [q for c in clusters for q in event_quads(c, by_iri, labels)]
    out = sorted(set(keep + new), key=str)
    if out:
        store.replace_article_quads(EVENTS_GRAPH, out)
    else:
        drop_decided_graph(store, EVENTS_GRAPH)
    return len(clusters)


def _labels(store, iris: set[str]) -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in sorted(iris))
    rows = store.query(f"""SELECT ?e (MIN(STR(?l)) AS ?n) WHERE {{ VALUES ?e {{ {values} }}
                           ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }} GROUP BY ?e""")
    return {_key(row["e"].value): row["n"].value for row in rows if row["n"] is not None}
