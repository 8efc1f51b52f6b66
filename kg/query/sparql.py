"""SPARQL on a kg graph: named competency queries, safe parameters, result formatting.

Queries run on the store (pyoxigraph) with the union of the article graphs as default graph, so no
``GRAPH`` clause is needed; ``kg: id: schema: prov: rdf: rdfs: skos: owl: xsd:`` are predeclared.

Parameters are never pasted into the query text as raw strings: each value becomes an RDF literal in a
``VALUES`` block placed at the start of the query's outer ``WHERE`` group, binding the variable of the
same name (``--param company=Xiaomi`` binds ``?company`` to ``"Xiaomi"``). Named queries declare their
parameters in their header (``# @param company ...``) and compare them case-insensitively with labels.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Graph, Literal

from kg.errors import QueryError, bad_choice
from kg.rdf.namespace import QUERIES_DIR

TABLE_CELL_MAX = 60
_PARAM_LINE = re.compile(r"^#\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
ROWS_DIR = Path(__file__).resolve().parent / "rows"
_QUERY_FORM = re.compile(r"\b(SELECT|ASK|DESCRIBE)\b[^{]*\{", re.IGNORECASE)


class QueryResult(NamedTuple):
    """Rows of a query: every value is the IRI or the literal's text (None when unbound)."""

    columns: list[str]
    rows: list[tuple[str | None, ...]]


class NamedQuery(NamedTuple):
    """A competency query of ontology/queries/."""

    name: str
    path: Path
    description: str
    params: dict[str, str]
    """parameter name -> description, from the ``# @param`` header lines."""
    text: str


def named_queries() -> dict[str, NamedQuery]:
    """The competency queries of ``ontology/queries/``, by name (file name without ``.rq``).

    Examples
    --------
    >>> "store-openings" in named_queries()
    True
    """
    return {path.stem: _read_query(path) for path in sorted(QUERIES_DIR.glob("*.rq"))}


def _read_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    description, params = [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM_LINE.match(line)
        if match:
            params[match.group(1)] = match.group(2).strip()
        elif not params:
            description.append(line.lstrip("#").strip())
    return NamedQuery(path.stem, path, " ".join(d for d in description if d), params, text)


def resolve_query(query: str) -> NamedQuery:
    """Turn ``query`` (SPARQL text, a .rq path or a competency query name) into a ``NamedQuery``.

    Raw text allows as parameters the variables it uses.

    Examples
    --------
    >>> resolve_query("SELECT ?s WHERE { ?s a kg:Company }").params
    {'s': 'variable ?s'}
    >>> resolve_query("store-openingz")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.OptionError: unknown query 'store-openingz'; valid: co-mentions, ...
    """
    text = query.strip()
    if not any(c in text for c in "{<?$"):  # every SPARQL query has a group, an IRI or a variable
        path = Path(text)
        if path.suffix == ".rq" or path.is_file():
            if not path.is_file():
                raise QueryError(f"query file {text!r} not found")
            return _read_query(path)
        queries = named_queries()
        if text not in queries:
            raise bad_choice("query", text, queries)
        return queries[text]
    variables = sorted(set(_VARIABLE.findall(_strip_comments(query))))
    return NamedQuery("query", Path("-"), "", {v: f"variable ?{v}" for v in variables}, query)


def _strip_comments(text: str) -> str:
    """Blank out ``#`` comments (not ``#`` inside IRIs or strings), keeping every offset."""
    out, in_iri, quote, i = list(text), False, "", 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif in_iri:
            in_iri = c != ">"
        elif c in "\"'":
            quote = c
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]):
            in_iri = True
        elif c == "#":
            while i < len(text) and text[i] != "\n":
                out[i] = " "
                i += 1
            continue
        i += 1
    return "".join(out)


def bind_params(query: NamedQuery, params: Mapping[str, str] | None) -> str:
    """The query text with parameters bound by a ``VALUES`` block (values escaped as RDF literals).

    Examples
    --------
    >>> q = resolve_query('SELECT ?n WHERE { ?c rdfs:label ?n FILTER(LCASE(STR(?n)) = LCASE(?company)) }')
    >>> bind_params(q, {"company": 'Say "hi" }'})  # doctest: +NORMALIZE_WHITESPACE
    'SELECT ?n WHERE { VALUES (?company) { ("Say \\\\"hi\\\\" }") } ?c rdfs:label ?n FILTER(LCASE(STR(?n)) = LCASE(?company)) }'
    """
    params = {k: v for k, v in (params or {}).items() if v is not None}
    for name in params:
        if name not in query.params:
            what = f"parameter of query {query.name!r}" if query.name != "query" else "parameter (a ?variable of the query)"
            raise bad_choice(what, name, query.params)
    if not params:
        return query.text
    names = sorted(params)
    block = ("VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
             + " ".join(Literal(str(params[n])).n3() for n in names) + ") } ")
    masked = _strip_comments(query.text)
    match = _WHERE.search(masked) or _QUERY_FORM.search(masked)
    if match is None:
        raise QueryError(f"cannot bind parameters {', '.join(names)}: the query has no WHERE {{ ... }} group")
    return query.text[:match.end()] + " " + block + query.text[match.end():].lstrip(" ")


def run_query(graph: object, query: str, *, params: Mapping[str, str] | None = None,
              timeout: float | None = None, allow_service: Collection[str] = ()) -> QueryResult:
    """Run a SPARQL query on a graph and return its rows.

    Parameters
    ----------
    graph
        A ``kg.store.Store``, anything ``kg.store.open_store`` accepts (build output, store directory,
        RDF file, ``sparql+http://`` URL), or an rdflib Graph/Dataset (copied into a memory store).
    query
        SPARQL text, a path to a ``.rq`` file, or the name of a query of ``ontology/queries/``.
    params
        ``{name: value}``: binds ``?name`` to the literal ``value``.
    timeout
        Seconds after which the query is stopped with a ``QueryError``.
    allow_service
        Hosts a ``SERVICE <IRI>`` clause may call; any other ``SERVICE`` is refused.

    Returns
    -------
    QueryResult
        Columns and rows (SELECT); ``["ask"]`` and ``"true"``/``"false"`` (ASK);
        ``["subject", "predicate", "object"]`` (CONSTRUCT, DESCRIBE).

    Examples
    --------
    >>> from rdflib import Graph, Literal, RDFS, URIRef
    >>> g = Graph(identifier=URIRef("https://w3id.org/newskg/id/article/a"))
    >>> _ = g.add((URIRef("https://w3id.org/newskg/id/organization/x"), RDFS.label, Literal("Xiaomi", lang="en")))
    >>> run_query(g, "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(LCASE(STR(?l)) = LCASE(?name)) }",
    ...           params={"name": "XIAOMI"}).rows
    [('https://w3id.org/newskg/id/organization/x',)]
    """
    named = resolve_query(query)
    text = bind_params(named, params)
    store = _open(graph)
    variant = _rows_variant(named, store)
    text = bind_params(variant, params) if variant is not named else text
    try:
        result = store.query(text, timeout=timeout, allow_service=allow_service)
    except QueryError as error:
        # name the .rq file (line numbers are kept: parameters are bound on the WHERE line)
        raise QueryError(f"{named.path}: {error}" if named.name != "query" else str(error)) from None
    try:
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(["ask"], [("true" if bool(result) else "false",)])
        variables = getattr(result, "variables", None)
        if variables is None:
            return QueryResult(["subject", "predicate", "object"],
                               [(_value(t.subject), _value(t.predicate), _value(t.object)) for t in result])
        columns = [v.value for v in variables]
        rows = [tuple(_value(row[i]) for i in range(len(columns))) for row in result]
        return QueryResult(columns, rows)
    except (OSError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from None


def _rows_variant(named: NamedQuery, store) -> NamedQuery:
    """A competency query reads the store's query rows (:mod:`kg.store.rows`) when it has a variant
    that does (``kg/query/rows/NAME.rq``: the same rows, in less time) and the rows are complete."""
    variant = ROWS_DIR / f"{named.name}.rq"
    if named.path != QUERIES_DIR / f"{named.name}.rq" or not variant.is_file():
        return named
    from kg.store.rows import rows_ready

    ox_store = store.oxigraph  # (never its truth value: len() of a pyoxigraph store counts every quad)
    if ox_store is None or not rows_ready(ox_store):
        return named
    return named._replace(text=variant.read_text(encoding="utf-8"))


def _open(graph: object):
    from kg.store import open_store

    if isinstance(graph, Graph):
        from kg.store.export import ox_quads  # already pyoxigraph terms: no round trip through rdflib terms

        store = open_store(":memory:")
        store.oxigraph.extend(ox_quads(graph))
        return store
    return open_store(graph, read_only=True)


def _value(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


# --- formatting --------------------------------------------------------------------------------------

def _table(result: QueryResult) -> str:
    def cell(value: str | None) -> str:
        text = " ".join((value or "").split())
        return text if len(text) <= TABLE_CELL_MAX else text[:TABLE_CELL_MAX - 1] + "…"

    rows = [[cell(v) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _delimited(delimiter: str) -> Callable[[QueryResult], str]:
    def write(result: QueryResult) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            # TSV has no quoting convention: tabs and newlines inside values become spaces.
            writer.writerow(["" if v is None else (v if delimiter == "," else " ".join(v.split()))
                             for v in row])
        return out.getvalue().rstrip("\n")
    return write


def _json(result: QueryResult) -> str:
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2)


#: output format -> formatter
FORMATTERS: dict[str, Callable[[QueryResult], str]] = {
    "table": _table, "csv": _delimited(","), "tsv": _delimited("\t"), "json": _json,
}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Format rows as an aligned ``table`` (long cells cut at 60 characters), ``csv``, ``tsv`` or ``json``.

    Examples
    --------
    >>> print(format_result(QueryResult(["company", "city"], [("Xiaomi", "Paris"), ("IKEA", None)])))
    company  city
    -------  -----
    Xiaomi   Paris
    IKEA
    (2 rows)
    >>> format_result(QueryResult(["a"], [("x,y",)]), "csv")
    'a\\n"x,y"'
    """
    if fmt not in FORMATTERS:
        raise bad_choice("output format", fmt, FORMATTERS)
    return FORMATTERS[fmt](result)
