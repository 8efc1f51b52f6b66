"""The scoped corpus refresh: re-decide only the entities an add or remove can change.

:func:`kg.resolve.corpus.decide` joins rows of different articles only through shared keys, alias keys,
squashed names and the first or last word of a name (:func:`kg.store.corpus_rows.tokens`), plus one
article-wide test: a person's surname joins a full name only when both articles name a same organisation.
So the rows of the changed articles (the new sets and the gone ones) seed a closure over the tokens; the
decision over that closure, with the organisations of the articles whose persons it holds, is the
decision over the whole store restricted to it. Rows outside keep theirs, so only the corpus-graph quads
about the closure's entities and mentions are replaced, with the union and the counters kept in the same
update.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pyoxigraph as ox

from kg.rdf.namespace import ID
from kg.resolve.corpus import Decision, Seen, decide
from kg.store.backends import COUNTERS
from kg.store.classes import class_delta
from kg.store.corpus_rows import (
    DONE,
    EVENTS_PENDING,
    GONE,
    NEW,
    ROW_SEEN,
    ROW_SET,
    ROW_TOKEN,
    SET_ARTICLE,
    SET_STATE,
    decode,
    has_live_set,
    reach,
    tokens,
)
from kg.store.counts import _DEFAULT, _keys, _stated_elsewhere, record

_C = COUNTERS.value
#: VALUES lists longer than this are sent in several queries
_BATCH = 400


def _batches(items: list, size: int = _BATCH):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _values(terms) -> str:
    return " ".join(str(t) for t in terms)


def _changed(ox_store: ox.Store) -> dict[str, tuple[str, str]]:
    """Set IRI -> (article IRI, state) of the sets written or gone since the last refresh."""
    rows = ox_store.query(f"""SELECT ?set ?g ?st WHERE {{ VALUES ?st {{ {NEW} {GONE} }}
                              GRAPH <{_C}> {{ ?set <{SET_STATE.value}> ?st ; <{SET_ARTICLE.value}> ?g }} }}""")
    return {row["set"].value: (row["g"].value, row["st"].value) for row in rows}


def _set_rows(ox_store: ox.Store, sets: dict[str, tuple[str, str]]) -> dict[str, tuple[str, tuple]]:
    """Row IRI -> (its set's state, (Seen row, mention IRIs)) for the rows of ``sets``."""
    out = {}
    for batch in _batches(sorted(sets)):
        for row in ox_store.query(f"""SELECT ?set ?r ?lit WHERE {{ VALUES ?set {{ {_values(ox.NamedNode(s) for s in batch)} }}
                                      GRAPH <{_C}> {{ ?r <{ROW_SET.value}> ?set ; <{ROW_SEEN.value}> ?lit }} }}"""):
            out[row["r"].value] = (sets[row["set"].value][1], decode(row["lit"].value))
    return out


def _rows_of(ox_store: ox.Store, items, gone: set[str], known: dict | None = None) -> dict[str, tuple[Seen, tuple]]:
    out = {}
    for item in items:
        iri = item.value
        if iri.rsplit("/", 1)[0] not in gone and iri not in out:  # a row's IRI is its set's and a number
            if known and iri in known:  # read already (the changed sets' rows): not looked up and decoded again
                out[iri] = known[iri]
                continue
            seen = next(ox_store.quads_for_pattern(item, ROW_SEEN, None, COUNTERS), None)
            if seen is not None:
                out[iri] = decode(seen.object.value)
    return out


def _by_token(ox_store: ox.Store, tokens: list[str], gone: set[str],
              known: dict | None = None) -> dict[str, tuple[Seen, tuple]]:
    """The rows holding one of ``tokens``, but those of the ``gone`` sets (index lookups only: a
    ``VALUES`` clause would be joined after reading every token); ``known``: rows read already, by IRI."""
    return _rows_of(ox_store, (q.subject for t in tokens
                               for q in ox_store.quads_for_pattern(None, ROW_TOKEN, ox.Literal(t), COUNTERS)), gone,
                    known)


def _by_article(ox_store: ox.Store, articles: list[str], gone: set[str]) -> dict[str, tuple[Seen, tuple]]:
    """The rows of the sets of ``articles``, but those of the ``gone`` sets."""
    sets = (q.subject for g in articles for q in ox_store.quads_for_pattern(None, SET_ARTICLE, ox.NamedNode(g), COUNTERS))
    return _rows_of(ox_store, (q.subject for s in sets for q in ox_store.quads_for_pattern(None, ROW_SET, s, COUNTERS)),
                    gone)


def closure(ox_store: ox.Store, seeds: set[str], gone: set[str],
            known: dict | None = None) -> dict[str, tuple[Seen, tuple[str, ...]]]:
    """The live rows joined to ``seeds`` (tokens) by a chain of shared tokens (``known``: rows read
    already, by IRI)."""
    found: dict[str, tuple[Seen, tuple[str, ...]]] = {}
    seen, frontier = set(seeds), sorted(seeds)
    while frontier:
        rows = _by_token(ox_store, sorted({r for t in frontier for r in reach(t)}), gone, known)
        new = {}
        for iri, item in rows.items():
            if iri not in found:
                found[iri] = new[iri] = item
        frontier = sorted({t for row, _ in new.values() for t in tokens(row)} - seen)
        seen.update(frontier)
    return found


def _organisations(ox_store: ox.Store, rows: list[Seen], gone: set[str]) -> list[Seen]:
    """The organisation rows the surname test of :func:`decide` reads beside ``rows``: those of every
    article where ``rows`` holds a person a surname could join, and every row of the organisations such
    articles share (the reason names one of them, by the name its last row gives)."""
    # only where a surname could join a full name: the articles of a person key that some other person
    # row gives as its alias, and those of that row's key (``_ties`` reads no other article's organisations)
    alias_of: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.key.startswith("person/"):
            for alias in r.alias_keys:
                if alias.startswith("person/") and alias != r.key:
                    alias_of[alias].add(r.key)
    present = {r.key for r in rows}
    keys = {k for alias, full in alias_of.items() if alias in present for k in (alias, *full)}
    persons = sorted({r.article for r in rows if r.key in keys})
    found = _by_article(ox_store, persons, gone)
    orgs = {r for r, _ in found.values() if r.key.startswith("organization/")}
    where: dict[str, int] = Counter(r.key for r in orgs)
    shared = sorted(k for k, n in where.items() if n > 1)
    more = _by_token(ox_store, ["k:" + k for k in shared], gone)
    orgs |= {r for r, _ in more.values() if r.key in where}
    return sorted(orgs)


def _corpus_quads(ox_store: ox.Store, graph: ox.NamedNode, subjects: set[str]) -> set[ox.Quad]:
    out: set[ox.Quad] = set()
    for batch in _batches(sorted(subjects)):
        for row in ox_store.query(f"""SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(ox.NamedNode(s) for s in batch)} }}
                                      GRAPH {graph} {{ ?s ?p ?o }} }}"""):
            out.add(ox.Quad(row["s"], row["p"], row["o"], graph))
    return out


def refresh(store, graph_iri: str, corpus_quads) -> int | None | bool:
    """Re-decide what the changed sets touch and patch the corpus graph; returns the number of quads
    written or removed, None when nothing changed, False when the sets cannot be trusted (rebuild).
    ``corpus_quads``: :func:`kg.store.corpus.corpus_quads` (passed: that module calls this one)."""

    ox_store = store._live().ox
    changed = _changed(ox_store)
    if not changed:
        return None
    mine = _set_rows(ox_store, changed)
    gone_sets = {s for s, (_, st) in changed.items() if st == GONE.value}
    # a stored article whose set is gone and none live: a crash between the two (see corpus_rows.ready)
    if any(ox_store.contains_named_graph(ox.NamedNode(g)) and not has_live_set(ox_store, g)
           for g, st in changed.values() if st == GONE.value):
        return False
    gone = [item for state, item in mine.values() if state == GONE.value]
    seeds = {t for _, (row, _) in mine.values() for t in tokens(row)}
    scope = closure(ox_store, seeds, gone_sets, {iri: item for iri, (state, item) in mine.items() if state != GONE.value})
    rows = sorted({row for row, _ in scope.values()})
    decision = decide(rows + _organisations(ox_store, rows, gone_sets))
    targets = {decision.of(r.article, r.key) for r in rows}
    decision = Decision(decision.entity, {k: v for k, v in decision.types.items() if k in targets}, decision.why)
    mentions = {(row.article, row.key): list(ms) for row, ms in scope.values()}
    graph = ox.NamedNode(graph_iri)
    new = set(corpus_quads(decision, rows, mentions))
    subjects = {f"{ID}{r.key}" for r, _ in list(scope.values()) + gone} | {f"{ID}{k}" for k in targets}
    subjects |= {m for _, ms in list(scope.values()) + gone for m in ms}
    old = _corpus_quads(ox_store, graph, subjects)
    article_of = {m: row.article for row, ms in list(scope.values()) + gone for m in ms}
    touched = {g for g, _ in changed.values()}
    touched |= {article_of.get(q.subject.value, "") for q in old ^ new if q.predicate.value.endswith("#corpusEntity")}
    patch(ox_store, graph, old - new, new - old, _tail(changed, touched - {""}))
    return len(old ^ new)


def _tail(changed: dict[str, tuple[str, str]], touched: set[str]) -> str:
    """The sets' states and the articles whose events to re-decide, for the update of the patch."""
    parts = []
    if touched:
        pending = " ".join(f"{EVENTS_PENDING} {EVENTS_PENDING} <{g}> ." for g in sorted(touched))
        parts.append(f"INSERT DATA {{ GRAPH <{_C}> {{ {pending} }} }}")
    news = _values(ox.NamedNode(s) for s, (_, st) in sorted(changed.items()) if st == NEW.value)
    gones = _values(ox.NamedNode(s) for s, (_, st) in sorted(changed.items()) if st == GONE.value)
    if news:
        parts.append(f"""DELETE {{ GRAPH <{_C}> {{ ?set <{SET_STATE.value}> {NEW} }} }}
                         INSERT {{ GRAPH <{_C}> {{ ?set <{SET_STATE.value}> {DONE} }} }}
                         WHERE {{ VALUES ?set {{ {news} }} GRAPH <{_C}> {{ ?set <{SET_STATE.value}> {NEW} }} }}""")
    if gones:
        parts.append(f"""DELETE {{ GRAPH <{_C}> {{ ?r ?p ?o }} }} WHERE {{ VALUES ?set {{ {gones} }}
                         GRAPH <{_C}> {{ ?r <{ROW_SET.value}> ?set ; ?p ?o }} }}""")
        parts.append(f"""DELETE {{ GRAPH <{_C}> {{ ?set ?p ?o }} }} WHERE {{ VALUES ?set {{ {gones} }}
                         GRAPH <{_C}> {{ ?set ?p ?o }} }}""")
    return " ;\n".join(parts)


def patch(ox_store: ox.Store, graph: ox.NamedNode, removed: set[ox.Quad], added: set[ox.Quad], tail: str) -> None:
    """One update: ``graph``'s quads (a graph no article owns), the union, the counters' record, and
    ``tail`` (more SPARQL updates)."""
    delta: Counter[str] = Counter()
    union_out = []
    for quad in removed:
        if not _stated_elsewhere(ox_store, quad.triple, graph):
            union_out.append(quad.triple)
            for key in _keys(quad.triple):
                delta[key] -= 1
    union_in = []
    for quad in added:
        if ox.Quad(*quad.triple, _DEFAULT) not in ox_store:
            union_in.append(quad.triple)
            for key in _keys(quad.triple):
                delta[key] += 1
    delta.update(class_delta(ox_store, union_out, union_in))
    parts = []
    if removed:
        body = " .\n".join(str(q.triple) for q in sorted(removed, key=str))
        union = " .\n".join(str(t) for t in sorted(union_out, key=str))
        parts.append(f"DELETE DATA {{ GRAPH {graph} {{ {body} }} {union} }}")
    if added:
        body = " .\n".join(str(q.triple) for q in sorted(added, key=str))
        parts.append(f"INSERT DATA {{ GRAPH {graph} {{ {body} }} {body} }}")
    if removed or added:
        rec = record(delta)
        parts.append(f"INSERT DATA {{ GRAPH {rec.graph_name} {{ {rec.triple} }} }}")
    if tail:
        parts.append(tail)
    if parts:
        ox_store.update(" ;\n".join(parts))
    if removed and next(ox_store.quads_for_pattern(None, None, None, graph), None) is None:
        ox_store.remove_graph(graph)  # nothing decided across articles: no graph, as a full refresh leaves
