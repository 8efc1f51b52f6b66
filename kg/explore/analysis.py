"""Network analytics of a graph: the networkx projection, centrality, communities and summary stats.

The projection keeps the entity/event layer of ``ontology/MODEL.md`` (entities, events, relations
between entities, event roles) and drops literals, mentions and provenance nodes.

Examples
--------
>>> s = stats("tests/data/small.trig")
>>> s.counts["entities"], s.counts["events"]
(9, 3)
"""
from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from typing import Any, NamedTuple

import networkx as nx
from rapidfuzz import fuzz, process

from kg.query.api import GraphData, graph_data
from kg.errors import OptionError

#: How many nodes betweenness samples (exact below it): keeps stats fast on big graphs, seeded.
BETWEENNESS_SAMPLE = 100


def to_networkx(graph: Any, *, events: bool = True, data: GraphData | None = None) -> nx.MultiDiGraph:
    """Project a graph onto networkx: entity (and event) nodes, relation and role edges.

    Node attributes: ``label``, ``type`` (class local name), ``kind`` (``"entity"`` or ``"event"``),
    ``mentions``, ``articles``; events also ``date`` and ``status``. Edge keys and the ``relation``
    attribute are the predicate local names (``operatesIn``, or roles ``agent``, ``place`` ...).

    Examples
    --------
    >>> g = to_networkx("tests/data/small.trig")
    >>> g.nodes["https://w3id.org/newskg/id/organization/nordwind-coffee"]["type"]
    'Company'
    >>> sorted({r for _, _, r in g.edges(keys=True)})[:3]
    ['agent', 'country', 'headquarteredIn']
    """
    data = data or graph_data(graph)
    g = nx.MultiDiGraph()
    for e in data.entities.values():
        g.add_node(e.iri, label=e.label, type=e.type, kind="entity", mentions=e.mentions, articles=e.articles)
    for s, p, o in data.relations:
        g.add_edge(s, o, key=p, relation=p)
    if events:
        for ev in data.events.values():
            g.add_node(ev.iri, label=ev.label, type=ev.type, kind="event", date=ev.date or "",
                       status=ev.status or "", mentions=1, articles=1 if ev.article else 0)
        for ev, role, e in data.roles:
            g.add_edge(ev, e, key=role, relation=role)
    return g


def co_mentions(graph: Any) -> nx.Graph:
    """Entities linked when one article mentions both; ``weight`` = number of such articles.

    Examples
    --------
    >>> g = co_mentions("tests/data/small.trig")
    >>> g["https://w3id.org/newskg/id/organization/helios-motors"][
    ...   "https://w3id.org/newskg/id/organization/nordwind-coffee"]["weight"]
    1
    """
    from kg.query.api import select

    by_article: dict[str, list[str]] = {}
    for row in select(graph, "SELECT DISTINCT ?a ?e WHERE { ?a a kg:Article ; schema:mentions ?e }"):
        by_article.setdefault(row["a"], []).append(row["e"])
    g = nx.Graph()
    weights: Counter[tuple[str, str]] = Counter()
    for article in sorted(by_article):
        for pair in combinations(sorted(set(by_article[article])), 2):
            weights[pair] += 1
    for (a, b), w in sorted(weights.items()):
        g.add_edge(a, b, weight=w)
    return g


def _undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """Simple weighted undirected view, nodes and edges inserted in sorted order (determinism)."""
    u = nx.Graph()
    u.add_nodes_from(sorted(g.nodes))
    for a, b in sorted((min(a, b), max(a, b)) for a, b, _ in g.edges(keys=True) if a != b):
        w = u.get_edge_data(a, b, {"weight": 0})["weight"]
        u.add_edge(a, b, weight=w + 1)
    return u


def centrality(g: nx.MultiDiGraph) -> dict[str, float]:
    """Betweenness centrality on the undirected projection (sampled above BETWEENNESS_SAMPLE nodes, seeded).

    Examples
    --------
    >>> c = centrality(to_networkx("tests/data/small.trig"))
    >>> max(c, key=lambda n: (c[n], n)).rsplit("/", 1)[-1]
    'nordwind-coffee'
    """
    u = _undirected(g)
    k = BETWEENNESS_SAMPLE if len(u) > BETWEENNESS_SAMPLE else None
    return dict(nx.betweenness_centrality(u, k=k, seed=0 if k else None))


def communities(g: nx.MultiDiGraph, *, min_size: int = 2) -> list[list[str]]:
    """Louvain communities (seeded) of the undirected projection, biggest first, members sorted.

    Examples
    --------
    >>> len(communities(to_networkx("tests/data/small.trig"))) >= 1
    True
    """
    u = _undirected(g)
    found = nx.community.louvain_communities(u, weight="weight", seed=0) if len(u) else []
    groups = [sorted(c) for c in found if len(c) >= min_size]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


class Stats(NamedTuple):
    """Summary of a graph; ``table()`` for people, ``to_json()`` for programs."""

    counts: dict[str, int]
    by_type: dict[str, int]
    by_relation: dict[str, int]
    by_event_type: dict[str, int]
    top_mentions: list[tuple[str, str, int]]
    """(label, type, mentions), most mentioned first."""
    top_central: list[tuple[str, str, float]]
    """(label, type, betweenness), most central first."""
    communities: list[list[str]]
    """Labels of the entities of each community of 2+ nodes (events count but are not listed), biggest first."""
    events_per_month: dict[str, int]
    """``YYYY-MM`` (event date, else the article's publication month; ``unknown`` if neither) -> count."""

    def to_json(self) -> str:
        """The stats as a JSON document (keys sorted, so the same graph gives the same bytes).

        Examples
        --------
        >>> json.loads(stats("tests/data/small.trig").to_json())["by_event_type"]
        {'Acquisition': 1, 'StoreOpening': 2}
        """
        return json.dumps(self._asdict(), indent=2, sort_keys=True, ensure_ascii=False)

    def table(self) -> str:
        """The stats as plain-text tables.

        Examples
        --------
        >>> print(stats("tests/data/small.trig").table().splitlines()[1])
          articles                    2
        """
        lines = ["Counts"] + [f"  {k:<20} {v:>8}" for k, v in self.counts.items()]
        for title, table in (("Entities by type", self.by_type), ("Relations", self.by_relation),
                             ("Events by type", self.by_event_type), ("Events per month", self.events_per_month)):
            lines += ["", title] + [f"  {k:<20} {v:>8}" for k, v in table.items()]
            lines += [] if table else ["  (none)"]
        lines += ["", "Top entities by mentions"]
        lines += [f"  {label[:40]:<40} {kind:<12} {n:>6}" for label, kind, n in self.top_mentions]
        lines += ["", "Top entities by centrality (betweenness)"]
        lines += [f"  {label[:40]:<40} {kind:<12} {c:>6.3f}" for label, kind, c in self.top_central]
        lines += ["", f"Communities ({len(self.communities)})"]
        lines += [f"  {i + 1:>3}. " + ", ".join(c[:8]) + (f" ... (+{len(c) - 8})" if len(c) > 8 else "")
                  for i, c in enumerate(self.communities[:10])]
        return "\n".join(lines)


def _month(date: str | None) -> str | None:
    return date[:7] if date and len(date) >= 7 else None


def stats(graph: Any, *, top: int = 10) -> Stats:
    """Counts by type and relation, top entities by mentions and centrality, communities, events per month.

    Examples
    --------
    >>> s = stats("tests/data/small.trig")
    >>> s.top_mentions[0]
    ('Nordwind Coffee', 'Company', 3)
    >>> s.events_per_month
    {'2024-03': 1, '2024-06': 2}
    """
    from kg.query.api import load
    from kg.store.counts import graph_counts

    data = graph_data(graph)
    g = to_networkx(graph, data=data)
    ents = data.entities.values()
    # the same function as the build summary and report.json (issue 18: they agree on every count)
    tally = graph_counts(load(graph))
    counts = {"articles": tally.articles, "entities": sum(tally.entities.values()),
              "events": sum(tally.events.values()), "relations": sum(tally.relations.values()),
              "mentions": sum(e.mentions for e in ents)}
    central = centrality(g)
    label = {n: g.nodes[n]["label"] for n in g.nodes}
    kind = {n: g.nodes[n]["type"] for n in g.nodes}
    months: Counter[str] = Counter()
    for ev in data.events.values():
        published = data.articles[ev.article].published if ev.article in data.articles else None
        months[_month(ev.date) or _month(published) or "unknown"] += 1
    return Stats(
        counts=counts,
        by_type=tally.entities, by_relation=tally.relations, by_event_type=tally.events,
        top_mentions=[(e.label, e.type, e.mentions) for e in sorted(ents, key=lambda e: (-e.mentions, e.label, e.iri))
                      if e.mentions][:top],
        top_central=[(label[n], kind[n], round(c, 6)) for n, c in
                     sorted(central.items(), key=lambda kv: (-kv[1], label[kv[0]], kv[0]))
                     if c > 0 and g.nodes[n]["kind"] == "entity"][:top],
        # listed by their entities: event labels would drown the names
        communities=[names for c in communities(g) if (names := [label[n] for n in c if g.nodes[n]["kind"] == "entity"])],
        events_per_month=dict(sorted(months.items())),
    )


class Profile(NamedTuple):
    """Everything the graph says about one entity, as DataFrames with their sources."""

    iri: str
    label: str
    type: str
    aliases: list[str]
    facts: Any
    """DataFrame: subject, relation, object (label or literal value), sentence, article, confidence."""
    events: Any
    """DataFrame: date, event, role, status, sentence, article; ordered by date (undated last)."""
    mentions: Any
    """DataFrame: text, sentence, article, start, end."""


def profile(graph: Any, entity: str) -> Profile:
    """Facts, events (a timeline) and mentions of one entity, each with its source sentence and article.

    ``entity`` is an IRI or a name (as for ``kg viz --focus``).

    Examples
    --------
    >>> p = profile("tests/data/small.trig", "Nordwind Coffee")
    >>> p.type, p.aliases, len(p.mentions)
    ('Company', ['Nordwind'], 3)
    >>> p.events[["date", "event", "role"]].values.tolist()
    [['2024-03-12', 'StoreOpening', 'agent'], ['2024-06', 'Acquisition', 'target']]
    """
    from kg.query.api import iri as as_iri
    from kg.query.api import load, sparql_df

    store = load(graph)
    data = graph_data(store)
    node = find_node(to_networkx(store, data=data, events=False), entity)
    e = as_iri(node)
    facts = sparql_df(store, """
        SELECT DISTINCT ?e ?subject ?relation ?object ?sentence ?article ?confidence WHERE {
          ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a .
          FILTER(?s = ?e || ?o = ?e)
          OPTIONAL { ?st kg:sentence ?sentence } OPTIONAL { ?st kg:confidence ?confidence }
          OPTIONAL { ?a schema:headline ?article }
          OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?o rdfs:label ?ol }
          BIND(COALESCE(?sl, ?s) AS ?subject) BIND(STRAFTER(STR(?p), "#") AS ?relation)
          BIND(COALESCE(?ol, ?o) AS ?object)
        } ORDER BY ?relation ?subject ?object ?sentence""", e=e)
    events = sparql_df(store, """
        SELECT DISTINCT ?e ?date ?event ?role ?status ?label ?sentence ?article WHERE {
          ?ev ?r ?e ; a ?c ; prov:wasDerivedFrom ?a . FILTER(STRSTARTS(STR(?c), STR(kg:)))
          FILTER(?r IN (kg:agent, kg:target, kg:product, kg:place))
          OPTIONAL { ?ev kg:date ?d } OPTIONAL { ?ev kg:status ?status } OPTIONAL { ?ev rdfs:label ?label }
          OPTIONAL { ?ev kg:sentence ?sentence } OPTIONAL { ?a schema:headline ?article }
          BIND(STR(?d) AS ?date) BIND(STRAFTER(STR(?c), "#") AS ?event) BIND(STRAFTER(STR(?r), "#") AS ?role)
        } ORDER BY (!BOUND(?date)) ?date ?event ?label""", e=e)
    mentions = sparql_df(store, """
        SELECT DISTINCT ?e ?text ?sentence ?article ?start ?end WHERE {
          ?m kg:mentionOf ?e ; kg:text ?text ; kg:inArticle ?a .
          OPTIONAL { ?m kg:sentence ?sentence } OPTIONAL { ?m kg:start ?start } OPTIONAL { ?m kg:end ?end }
          OPTIONAL { ?a schema:headline ?article }
        } ORDER BY ?article ?start""", e=e)
    aliases = sparql_df(store, "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias", e=e)
    drop = {"columns": ["e"], "errors": "ignore"}
    row = data.entities[node]
    return Profile(node, row.label, row.type, aliases["alias"].tolist() if len(aliases) else [],
                   facts.drop(**drop), events.drop(**drop), mentions.drop(**drop))


def find_node(g: nx.MultiDiGraph, focus: str) -> str:
    """The node an IRI or a name designates (exact label first, then case-insensitive, then substring).

    Examples
    --------
    >>> g = to_networkx("tests/data/small.trig")
    >>> find_node(g, "nordwind coffee").rsplit("/", 1)[-1]
    'nordwind-coffee'
    """
    if focus in g:
        return focus
    weight = {n: (-g.nodes[n]["mentions"], n) for n in g.nodes}
    for test in (lambda lab: lab == focus, lambda lab: lab.casefold() == focus.casefold(),
                 lambda lab: focus.casefold() in lab.casefold()):
        hits = sorted((n for n in g.nodes if test(g.nodes[n]["label"])), key=weight.__getitem__)
        if hits:
            return hits[0]
    labels = sorted({g.nodes[n]["label"] for n in g.nodes if g.nodes[n]["kind"] == "entity"})
    close = [m[0] for m in process.extract(focus, labels, scorer=fuzz.ratio, processor=str.casefold, limit=5)]
    names = ", ".join(repr(c) for c in close) or "(no entities)"
    raise OptionError(f"no entity named {focus!r} in the graph; closest: {names}")
