"""The small Python API the notebooks use: open a graph, SPARQL to rows or DataFrames, read the model.

``graph`` arguments accept whatever :func:`kg.store.open_store` accepts (a build output folder, a store
folder, an RDF file, an open ``Store``). Everything here only reads.

Examples
--------
>>> from kg.query.api import load, sparql_df
>>> store = load("tests/data/small.trig")
>>> sparql_df(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }")["n"].tolist()
[2]
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store import PREFIXES, Store, open_store
from kg.types import ENTITY_TYPES, EVENT_TYPES

KG = PREFIXES["kg"]
XSD = PREFIXES["xsd"]

#: Generic classes rank below their subclasses: an entity typed both ways shows the specific one.
_GENERIC = {"Organization": 0, "Place": 0}
#: xsd datatype local name -> converter of the lexical form to a Python value
_DATATYPES = {
    "integer": int, "int": int, "long": int, "decimal": float, "double": float, "float": float,
    "boolean": lambda s: s == "true",
}


def load(path: str | Path | Store, *, read_only: bool = True) -> Store:
    """Open a graph for reading (a build output, a store folder, an RDF file or an open Store).

    Examples
    --------
    >>> len(load("tests/data/small.trig")) > 0
    True
    """
    return open_store(path, read_only=read_only)


def to_python(term: Any) -> Any:
    """Turn a pyoxigraph term into a plain Python value: IRI -> str, numbers -> int/float, else str.

    Dates stay ISO strings (``"2018-05"`` has no ``date`` equivalent); unbound is None.

    Examples
    --------
    >>> to_python(ox.Literal("41000000.0", datatype=ox.NamedNode(XSD + "decimal")))
    41000000.0
    >>> to_python(ox.NamedNode("https://w3id.org/newskg/id/place/france"))
    'https://w3id.org/newskg/id/place/france'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value
        convert = _DATATYPES.get(dtype[len(XSD):]) if dtype.startswith(XSD) else None
        if convert is not None:
            try:
                return convert(term.value)
            except ValueError:
                return term.value
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _to_term(value: Any) -> Any:
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, _dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def iri(value: str) -> ox.NamedNode:
    """Mark a parameter value as an IRI (plain strings are bound as string literals).

    Examples
    --------
    >>> iri("https://w3id.org/newskg/id/place/france").value
    'https://w3id.org/newskg/id/place/france'
    """
    return ox.NamedNode(value)


def select(graph: Any, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run a SELECT query and return its rows as dicts of Python values (see :func:`to_python`).

    ``query`` is SPARQL text, or the name of a competency query of ``ontology/queries/`` (or a ``.rq``
    file): ``params`` then fill the parameters its ``# @param`` header lines declare (as strings).
    For SPARQL text, ``params`` pre-bind query variables (``company="Nordwind Coffee"`` binds
    ``?company`` to that string; wrap IRIs with :func:`iri`); a bound variable must be in the SELECT
    clause. The default graph is the union of the article graphs; prefixes
    ``kg: id: schema: prov: rdf: rdfs: skos: owl: xsd:`` are predeclared.

    Examples
    --------
    >>> sorted({r["status"] for r in select("tests/data/small.trig", "store-openings", company="helios motors")})
    ['planned']
    >>> select("tests/data/small.trig", "SELECT DISTINCT ?e ?name WHERE { ?e rdfs:label ?name }",
    ...        name=ox.Literal("Lyon", language="en"))
    [{'e': 'https://w3id.org/newskg/id/place/lyon-5e7f9a1b3c', 'name': 'Lyon'}]
    """
    store = load(graph)
    if not any(c in query for c in "{<?$"):  # no group, IRI or variable: a competency query name or .rq file
        from kg.query.sparql import bind_params, resolve_query

        query = bind_params(resolve_query(query), {k: str(v) for k, v in params.items()})
        params = {}
    if params:
        oxs = store.oxigraph
        if oxs is None:
            raise QueryError(f"query parameters need a local store, not {store.location!r}")
        subs = {ox.Variable(name): _to_term(value) for name, value in sorted(params.items())}
        try:
            result = store.query(query, substitutions=subs)  # the store's union graph (a set)
        except (SyntaxError, RuntimeError) as error:
            raise QueryError(f"bad SPARQL query: {error}") from None
    else:
        result = store.query(query)
    variables = getattr(result, "variables", None)
    if variables is None:
        raise QueryError("select() needs a SELECT query; got an ASK, CONSTRUCT or DESCRIBE query")
    names = [v.value for v in variables]
    return _Rows({name: to_python(row[name]) for name in names} for row in result).named(names)


class _Rows(list):
    """A list of row dicts that remembers the query's variables (for empty results)."""

    columns: list[str] = []

    def named(self, columns: list[str]) -> _Rows:
        self.columns = columns
        return self


def sparql_df(graph: Any, query: str, **params: Any) -> Any:
    """Run a SELECT query and return a pandas DataFrame (one column per variable, in query order).

    Examples
    --------
    >>> df = sparql_df("tests/data/small.trig",
    ...                "SELECT ?c (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m kg:mentionOf ?c . ?c a kg:Company } "
    ...                "GROUP BY ?c ORDER BY DESC(?n) ?c")
    >>> df["n"].tolist()
    [3, 2]
    """
    import pandas as pd

    rows = select(graph, query, **params)
    return pd.DataFrame(rows, columns=rows.columns)


# --- reading the model (ontology/MODEL.md) into plain tuples ---------------------------------------

class EntityRow(NamedTuple):
    iri: str
    label: str
    type: str
    mentions: int
    articles: int


class EventRow(NamedTuple):
    iri: str
    type: str
    label: str
    date: str | None
    status: str | None
    article: str | None


class ArticleRow(NamedTuple):
    iri: str
    title: str
    published: str | None
    lang: str | None


class GraphData(NamedTuple):
    """The entity/event layer of a graph: what the HTML graph and the analytics work on."""

    entities: dict[str, EntityRow]
    events: dict[str, EventRow]
    relations: list[tuple[str, str, str]]
    """(subject IRI, predicate local name, object IRI) between entities, sorted."""
    roles: list[tuple[str, str, str]]
    """(event IRI, role local name, entity IRI), sorted."""
    articles: dict[str, ArticleRow]
    entity_articles: dict[str, tuple[str, ...]]
    """Entity IRI -> IRIs of the articles that mention it, sorted."""


def _values(names: tuple[str, ...]) -> str:
    return " ".join(f"kg:{name}" for name in names)


def local_name(value: str) -> str:
    """The part of an IRI after the last ``#`` or ``/``.

    Examples
    --------
    >>> local_name("https://w3id.org/newskg/ontology#operatesIn")
    'operatesIn'
    """
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def graph_data(graph: Any) -> GraphData:
    """Read entities (with mention counts), events, entity-entity relations, event roles and articles.

    Examples
    --------
    >>> data = graph_data("tests/data/small.trig")
    >>> data.entities["https://w3id.org/newskg/id/organization/nordwind-coffee"].mentions
    3
    >>> sorted({e.type for e in data.events.values()})
    ['Acquisition', 'StoreOpening']
    """
    store = load(graph)
    ents, evs = _values(ENTITY_TYPES), _values(EVENT_TYPES)
    classes: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    # two flat queries, not one OPTIONAL join: where the union is computed on the fly (graphs not
    # written by kg.store) an entity's triples repeat once per article, and the join would square that
    for row in select(store, f"SELECT DISTINCT ?e ?c WHERE {{ VALUES ?c {{ {ents} }} ?e a ?c }}"):
        classes.setdefault(row["e"], []).append(local_name(row["c"]))
    for row in select(store, "SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l }"):
        if row["e"] in classes and (row["e"] not in labels or row["l"] < labels[row["e"]]):
            labels[row["e"]] = row["l"]
    labels = {e: labels.get(e) or local_name(e) for e in classes}
    # most specific class first, then alphabetical, so the choice never depends on row order
    types = {e: min(cs, key=lambda c: (-_GENERIC.get(c, 1), c)) for e, cs in classes.items()}
    # the corpus graph (kg.store.corpus) decides an entity's class and moves mentions to their corpus entity
    types |= {row["e"]: local_name(row["c"]) for row in select(store, "SELECT ?e ?c WHERE { ?e kg:corpusClass ?c }")
              if row["e"] in types}
    counts = {row["e"]: (row["n"], row["na"]) for row in select(
        store, "SELECT ?e (COUNT(DISTINCT ?m) AS ?n) (COUNT(DISTINCT ?a) AS ?na) WHERE { ?m kg:mentionOf ?own "
               "OPTIONAL { ?m kg:corpusEntity ?ce } BIND(COALESCE(?ce, ?own) AS ?e) OPTIONAL { ?m kg:inArticle ?a } } "
               "GROUP BY ?e")}
    moved = {row["e"] for row in select(store, "SELECT DISTINCT ?e WHERE { ?m kg:mentionOf ?e ; kg:corpusEntity ?x }")}
    entities = {e: EntityRow(e, labels[e], types[e], *counts.get(e, (0, 0))) for e in sorted(types)
                if e not in moved or e in counts}

    events: dict[str, EventRow] = {}
    for row in select(store, f"SELECT ?ev ?c (MIN(STR(?l)) AS ?label) (MIN(STR(?d)) AS ?date) "
                             "(MIN(?s) AS ?status) (MIN(STR(?a)) AS ?article) "
                             f"WHERE {{ VALUES ?c {{ {evs} }} ?ev a ?c OPTIONAL {{ ?ev rdfs:label ?l }} "
                             "OPTIONAL { ?ev kg:date ?d } OPTIONAL { ?ev kg:status ?s } "
                             "OPTIONAL { ?ev prov:wasDerivedFrom ?a } } GROUP BY ?ev ?c ORDER BY ?ev ?c"):
        if row["ev"] not in events:
            events[row["ev"]] = EventRow(row["ev"], local_name(row["c"]), row["label"] or local_name(row["c"]),
                                         row["date"], row["status"], row["article"])

    relations = sorted({(r["s"], local_name(r["p"]), r["o"]) for r in select(
        store, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(kg:)) "
               "&& ?p NOT IN (kg:mentionOf, kg:inArticle)) }")
        if r["s"] in entities and r["o"] in entities})
    roles = sorted({(r["ev"], local_name(r["p"]), r["e"]) for r in select(
        store, f"SELECT DISTINCT ?ev ?p ?e WHERE {{ VALUES ?c {{ {evs} }} ?ev a ?c ; ?p ?e . FILTER(isIRI(?e)) }}")
        if r["e"] in entities})
    articles = {r["a"]: ArticleRow(r["a"], r["t"] or local_name(r["a"]), r["d"], r["lang"]) for r in select(
        store, "SELECT ?a (MIN(STR(?h)) AS ?t) (MIN(STR(?p)) AS ?d) (MIN(STR(?l)) AS ?lang) WHERE { ?a a kg:Article "
               "OPTIONAL { ?a schema:headline ?h } OPTIONAL { ?a schema:datePublished ?p } "
               "OPTIONAL { ?a schema:inLanguage ?l } } GROUP BY ?a ORDER BY ?a")}
    entity_articles: dict[str, list[str]] = {}
    for row in select(store, "SELECT DISTINCT ?e ?a WHERE { ?m kg:mentionOf ?own ; kg:inArticle ?a "
                             "OPTIONAL { ?m kg:corpusEntity ?ce } BIND(COALESCE(?ce, ?own) AS ?e) } ORDER BY ?e ?a"):
        entity_articles.setdefault(row["e"], []).append(row["a"])
    return GraphData(entities, events, relations, roles, articles,
                     {e: tuple(a) for e, a in sorted(entity_articles.items())})


def provenance(graph: Any, *, limit: int = 3) -> dict[str, list[tuple[str, str]]]:
    """Source sentences for entities, events and facts: IRI or ``"s p o"`` key -> [(sentence, article title)].

    Entities get the sentences of their mentions, events their own sentence, facts (keyed
    ``"subjectIRI predicateLocalName objectIRI"``) the sentences of their ``rdf:Statement``\\ s;
    at most ``limit`` distinct sentences each, sorted.

    Examples
    --------
    >>> prov = provenance("tests/data/small.trig")
    >>> prov["https://w3id.org/newskg/id/person/anna-keller"]
    [('The Berlin-based company is led by Anna Keller.', 'Nordwind Coffee opens in Lyon <first> & "only"')]
    """
    store = load(graph)
    found: dict[str, set[tuple[str, str]]] = {}
    queries = (
        ("?m kg:mentionOf ?k ; kg:sentence ?s ; kg:inArticle ?a .", None),
        ("?k a ?c ; kg:sentence ?s ; prov:wasDerivedFrom ?a . VALUES ?c { " + _values(EVENT_TYPES) + " }", None),
        ("?st a rdf:Statement ; rdf:subject ?k ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?s ; "
         "prov:wasDerivedFrom ?a . FILTER(isIRI(?o))", "fact"),
    )
    for pattern, kind in queries:
        extra = " ?p ?o" if kind else ""
        for row in select(store, f"SELECT DISTINCT ?k ?s ?t{extra} WHERE {{ {pattern} "
                                 "OPTIONAL { ?a schema:headline ?t } }"):
            key = f"{row['k']} {local_name(row['p'])} {row['o']}" if kind else row["k"]
            found.setdefault(key, set()).add((row["s"], row["t"] or ""))
    return {key: sorted(items)[:limit] for key, items in sorted(found.items())}
