"""Corpus rows: per article, what :func:`kg.resolve.corpus.decide` reads of it, kept beside the article.

Recomputing the corpus graph from every entity of the store after each ``kg add`` or ``kg remove``
costs seconds at 10,000 articles (README, issue 19). So every article write also writes, in the same
transaction, the article's :class:`~kg.resolve.corpus.Seen` rows (one JSON literal per entity, with its
mention IRIs) and, per row, the *tokens* through which the decision can join it to rows of other
articles (:func:`tokens`). Each article's rows hang off a *set* whose state is ``new`` (written since
the last refresh), ``done`` (decided) or ``gone`` (its article was replaced or removed; the rows stay
until the next refresh, which needs them to know what the removal touched). :mod:`kg.store.corpus_scope`
reads only the sets that are not ``done`` and the rows sharing tokens with them.

The sets live in the counters graph (:data:`~kg.store.backends.COUNTERS`), so any write that bypasses the
article methods (a SPARQL update, a file load) drops them with the counters. :func:`ready` trusts them
when the store carries the marker written with its first set (a long article written in parts gets its set
read back, :func:`write_staged_set`); otherwise (a store from before, an RDF file, counters dropped), or
when a refresh finds a stored article whose set is gone and none live (a crash between the two writes),
the refresh recomputes everything (:func:`kg.store.corpus.rebuild`) and writes every set anew.
"""
from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from kg.rdf.namespace import ID, KG
from kg.resolve.corpus import KINDS, Seen, squashed
from kg.store.backends import CONTENT_HASH, COUNTERS
from kg.types import ALIAS

SET_ARTICLE = ox.NamedNode("urn:x-kg:crows/article")
SET_STATE = ox.NamedNode("urn:x-kg:crows/state")
ROW_SET = ox.NamedNode("urn:x-kg:crows/set")
ROW_SEEN = ox.NamedNode("urn:x-kg:crows/seen")
ROW_TOKEN = ox.NamedNode("urn:x-kg:crows/token")
NEW, DONE, GONE = ox.Literal("new"), ox.Literal("done"), ox.Literal("gone")
#: written with the first sets: a store without it has none yet (older, or its counters dropped)
STARTED = ox.Quad(ox.NamedNode("urn:x-kg:crows"), ox.NamedNode("urn:x-kg:crows/started"), ox.Literal("1"), COUNTERS)
#: articles whose events the next events refresh re-decides (kg.store.events_scope): changed, or their
#: mentions' corpus entities changed; ALL_ARTICLES after a corpus rebuild
EVENTS_PENDING = ox.NamedNode("urn:x-kg:events/pending")
ALL_ARTICLES = ox.NamedNode("urn:x-kg:events/all")
#: graphs decided over all articles: they have no rows
DECIDED = frozenset({ox.NamedNode(f"{ID}corpus"), ox.NamedNode(f"{ID}events")})
#: mentions that only refer back to a name ("the company", "it", an alias) do not vote for its kind
REFERRING = ("kg.coref", ALIAS)
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
#: the predicates the rows are made of
_READ = (_TYPE, _LABEL, _ALT, f"{KG._NS}mentionOf", f"{KG._NS}extractor", CONTENT_HASH)
_READ_SET = frozenset(_READ)


def _key(iri: str) -> str:
    return iri.removeprefix(str(ID))


def article_seen(graph_iri: str, quads: Iterable[ox.Quad]) -> list[tuple[Seen, tuple[str, ...]]]:
    """The Seen rows of one article graph (as :func:`kg.store.corpus.corpus_rows` reads them over the
    store) and each row's mention IRIs; empty for a graph without its own content hash."""
    from kg.nlp.names import name_key
    from kg.rdf.iris import entity_iri
    from kg.resolve.resolver import mention_key
    from kg.types import ENTITY_TYPES, Mention

    classes = {f"{KG._NS}{c}": c for c in ENTITY_TYPES}
    types: dict[str, str] = {}
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    alts: dict[str, set[str]] = defaultdict(set)
    of: dict[str, list[str]] = defaultdict(list)
    extractors: dict[str, list[str]] = defaultdict(list)
    hashed = False
    for q in quads:
        p = q.predicate.value
        if p not in _READ_SET:  # most of an article's quads: their terms are not taken apart
            continue
        s, o = q.subject.value, q.object
        if p == _TYPE and o.value in classes and isinstance(o, ox.NamedNode):
            types[s] = min(types.get(s, "~"), classes[o.value])
        elif p == _LABEL and isinstance(o, ox.Literal):
            labels[s].add((o.value, o.language or "en"))
        elif p == _ALT:
            alts[s].add(o.value)
        elif p == f"{KG._NS}mentionOf":
            of[s].append(o.value)
        elif p == f"{KG._NS}extractor":
            extractors[s].append(o.value)
        elif p == CONTENT_HASH and s == graph_iri:
            hashed = True
    if not hashed:
        return []
    counts: dict[str, int] = defaultdict(int)
    mentions: dict[str, set[str]] = defaultdict(set)
    for m, entities in of.items():
        for e in entities:
            mentions[e].add(m)
            # the SPARQL read joins each extractor (or none): one row, one vote, each
            counts[e] += sum(1 for x in extractors.get(m) or [None] if x is None or x not in REFERRING)
    out = []
    for e, kind in sorted(types.items(), key=lambda kv: _key(kv[0])):
        label = None
        for value, lang in sorted(labels.get(e, ())):  # the first one read wins its "" language (as the query)
            label = min(label or (value, ""), (value, lang))
        label, lang = label or ("", "en")
        alias_keys = {_key(str(entity_iri(mention_key(Mention(0, len(a), a, kind, 0, "", 1.0), lang)[0])))
                      for a in alts.get(e, ())}
        key = _key(e)
        name = name_key(label, lang) if label else ""
        out.append((Seen(graph_iri, key, kind, counts.get(e, 0), tuple(sorted(alias_keys - {key})), name),
                    tuple(sorted(mentions.get(e, ())))))
    return out


def _name(key: str) -> str:
    kind, _, name = key.partition("/")
    return name if kind in KINDS else key


def tokens(row: Seen) -> set[str]:
    """What can join ``row`` to rows of other articles in :func:`kg.resolve.corpus.decide`: its key and
    alias keys (ties, short forms), its names squashed (one name, one kind), and for a one-word
    organisation its name ``w:`` (a hub), for a longer organisation its first word and for a person's
    full name its last ``v:`` (a leaf: leaves join only through a hub, as only a one-word organisation
    compares them; see :func:`reach`). Rows sharing no chain of tokens with a changed row keep their
    decision."""
    out = {"k:" + row.key, *("k:" + a for a in row.alias_keys), "n:" + squashed(_name(row.key))}
    if row.name:
        out.add("n:" + squashed(row.name))
    kind, words = row.key.split("/", 1)[0], _name(row.key).split()
    if kind == "organization" and len(words) == 1:
        out.add("w:" + words[0])
    elif kind == "organization" and words:
        out.add("v:" + words[0])
    elif kind == "person" and len(words) > 1:
        out.add("v:" + words[-1])
    return out


def reach(token: str) -> tuple[str, ...]:
    """The tokens of the rows ``token`` joins: a leaf reaches the hubs of its word, a hub hubs and leaves."""
    if token.startswith("v:"):
        return ("w:" + token[2:],)
    if token.startswith("w:"):
        return (token, "v:" + token[2:])
    return (token,)


def encode(row: Seen, mentions: tuple[str, ...]) -> str:
    return json.dumps([row.article, row.key, row.type, row.mentions, list(row.alias_keys), row.name, list(mentions)])


def decode(text: str) -> tuple[Seen, tuple[str, ...]]:
    article, key, kind, count, aliases, name, mentions = json.loads(text)
    return Seen(article, key, kind, count, tuple(aliases), name), tuple(mentions)


def set_quads(graph_iri: str, quads: Iterable[ox.Quad], state: ox.Literal = NEW, seen: list | None = None) -> list[ox.Quad]:
    """The set of article ``graph_iri`` about to be written as ``quads`` (``seen``: its rows, if read)."""
    node = ox.NamedNode(f"urn:x-kg:crows/set/{uuid.uuid4().hex}")
    out = [ox.Quad(node, SET_ARTICLE, ox.NamedNode(graph_iri), COUNTERS), ox.Quad(node, SET_STATE, state, COUNTERS)]
    for i, (row, mentions) in enumerate(article_seen(graph_iri, quads) if seen is None else seen):
        item = ox.NamedNode(f"{node.value}/{i}")
        out += [ox.Quad(item, ROW_SET, node, COUNTERS), ox.Quad(item, ROW_SEEN, ox.Literal(encode(row, mentions)), COUNTERS)]
        out += [ox.Quad(item, ROW_TOKEN, ox.Literal(t), COUNTERS) for t in sorted(tokens(row))]
    return out


def gone_update(graph_iri: str) -> str:
    """The SPARQL update marking the sets of article ``graph_iri`` gone (run with its removal or replace)."""
    c, st = COUNTERS.value, SET_STATE.value
    return (f"DELETE {{ GRAPH <{c}> {{ ?set <{st}> ?s }} }} INSERT {{ GRAPH <{c}> {{ ?set <{st}> {GONE} }} }} "
            f"WHERE {{ GRAPH <{c}> {{ ?set <{SET_ARTICLE.value}> <{graph_iri}> ; <{st}> ?s }} }}")


def write_sets(ox_store: ox.Store, graph_iri: str, quads: list[ox.Quad],
               made: list[ox.Quad] | None = None) -> list[ox.Quad]:
    """The set to write with article ``graph_iri`` (its old ones are marked gone first: a crash in between
    leaves an article without a live set, which :func:`ready` sees); ``made``: its :func:`set_quads`."""
    graph = ox.NamedNode(graph_iri)
    if graph in DECIDED:
        return []
    first = []
    if STARTED not in ox_store:
        if any(g != COUNTERS for g in ox_store.named_graphs()):
            return []  # a store written before sets existed: the next refresh rebuilds them all
        first = [STARTED]
    if ox_store.contains_named_graph(graph):
        ox_store.update(gone_update(graph_iri))
    return first + (set_quads(graph_iri, quads) if made is None else made)


def ready(ox_store: ox.Store) -> bool:
    """True when the store keeps sets: written with every article write since its first, or rebuilt.

    Every write path keeps them (:meth:`Store.replace_article_quads`, :func:`kg.store.staged.write_staged`
    through :func:`write_staged_set`, a removal), and every write that bypasses them drops the marker with
    the counters. A crash between marking an article's old set gone and writing the new one leaves a
    stored article whose set is gone and none live: :func:`kg.store.corpus_scope.refresh` checks that for
    each gone set, and rebuilds."""
    return STARTED in ox_store


def has_live_set(ox_store: ox.Store, graph_iri: str) -> bool:
    return any(ox.Quad(s.subject, SET_STATE, state, COUNTERS) in ox_store
               for s in ox_store.quads_for_pattern(None, SET_ARTICLE, ox.NamedNode(graph_iri), COUNTERS)
               for state in (NEW, DONE))


def write_staged_set(ox_store: ox.Store, graph_iri: str) -> None:
    """After a long article was written in parts (:mod:`kg.store.staged`): its set, read back."""
    graph = ox.NamedNode(graph_iri)
    quads = [q for p in _READ for q in ox_store.quads_for_pattern(None, ox.NamedNode(p), None, graph)]
    ox_store.extend(write_sets(ox_store, graph_iri, quads))


def rebuild_sets(ox_store: ox.Store) -> tuple[list[Seen], dict[tuple[str, str], list[str]]]:
    """Write every article's set anew (decided: the caller replaces the whole corpus graph); returns
    every row and each (article, key)'s mention IRIs, as :func:`kg.store.corpus.corpus_rows`."""
    c = COUNTERS.value
    ox_store.update(f"DELETE WHERE {{ GRAPH <{c}> {{ ?r <{ROW_SET.value}> ?set . ?r ?p ?o }} }} ;\n"
                    f"DELETE WHERE {{ GRAPH <{c}> {{ ?set <{SET_ARTICLE.value}> ?g . ?set ?p ?o }} }}")
    graphs: dict[ox.NamedNode, list[ox.Quad]] = {g: [] for g in ox_store.named_graphs()
                                                  if g != COUNTERS and g not in DECIDED}
    # only what the rows read, predicate by predicate over the store: not every quad of every article
    for predicate in _READ:
        for quad in ox_store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if quad.graph_name in graphs:
                graphs[quad.graph_name].append(quad)
    rows, mentions, batch = [], {}, []
    for graph in sorted(graphs, key=str):
        seen = article_seen(graph.value, graphs.pop(graph))
        batch += set_quads(graph.value, (), DONE, seen)
        for row, ms in seen:
            rows.append(row)
            mentions[(row.article, row.key)] = list(ms)
        if len(batch) > 50_000:  # one transaction per batch, not per article
            ox_store.extend(batch)
            batch = []
    ox_store.extend(batch + [STARTED, ox.Quad(EVENTS_PENDING, EVENTS_PENDING, ALL_ARTICLES, COUNTERS)])
    return rows, mentions
