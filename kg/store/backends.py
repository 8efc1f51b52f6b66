"""Store backends: the few primitives that differ between a local Oxigraph store and a remote SPARQL
server, and the conversion of RDF terms between rdflib and pyoxigraph. :mod:`kg.store` builds the public
``Store`` on them."""
from __future__ import annotations

import itertools
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError

# Hard-coded rather than imported from kg.rdf.namespace: the store must work on any RDF file.
KG_NS = "https://w3id.org/newskg/ontology#"
CONTENT_HASH = KG_NS + "contentHash"
SOURCE = KG_NS + "source"
SCHEMA_URL = "https://schema.org/url"
#: the named graph of the store's counters (kg.store.counts): not an article, never dumped
COUNTERS = ox.NamedNode("urn:x-kg:counters")

PREFIXES = {
    "kg": KG_NS,
    "id": "https://w3id.org/newskg/id/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: file extension -> pyoxigraph format, for RDF files opened in memory
FILE_FORMATS = {
    ".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE, ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
}
#: dump format name -> (pyoxigraph format, True if it keeps the named graphs)
DUMP_FORMATS = {
    "trig": (ox.RdfFormat.TRIG, True), "nquads": (ox.RdfFormat.N_QUADS, True),
    "turtle": (ox.RdfFormat.TURTLE, False), "ntriples": (ox.RdfFormat.N_TRIPLES, False),
}
REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")
# Instance IRIs contain "/", which Turtle would have to escape in a prefixed name: written in full.
DUMP_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}


# --- term conversion (rdflib <-> pyoxigraph) -------------------------------------------------------

def to_ox(term: rdflib.term.Node) -> Any:
    """Convert an rdflib term to a pyoxigraph term.

    Examples
    --------
    >>> to_ox(rdflib.Literal("Paris", lang="fr"))
    <Literal value=Paris language=fr>
    """
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store RDF term {term!r}; valid: IRI, blank node, literal")


def from_ox(term: Any) -> rdflib.term.Node:
    """Convert a pyoxigraph term to an rdflib term.

    Examples
    --------
    >>> from_ox(ox.NamedNode("http://example.org/x"))
    rdflib.term.URIRef('http://example.org/x')
    """
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise StoreError(f"cannot convert RDF term {term!r}; valid: IRI, blank node, literal")


def _graph_quads(graph_iri: str, graph: rdflib.Graph, content_hash: str) -> list[ox.Quad]:
    g = ox.NamedNode(graph_iri)
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph]
    hash_quad = ox.Quad(g, ox.NamedNode(CONTENT_HASH), ox.Literal(content_hash), g)
    # The hash rides in the article's own graph, so it is written in the same transaction.
    quads = [q for q in quads if not (q.subject == g and q.predicate.value == CONTENT_HASH)]
    quads.append(hash_quad)
    return quads


def _drop_update(graph_iri: str) -> str:
    # The default graph holds the union of the article graphs as a set (see _Local): a triple leaves
    # it only when no other article graph still states it.
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{graph_iri}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph_iri}>")


def _replace_update(graph_iri: str, quads: list[ox.Quad]) -> str:
    body = " .\n".join(str(q.triple) for q in quads)
    return (f"{_drop_update(graph_iri)} ;\n"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body} .\n}}\n{body} .\n}}")


# MINUS, not FILTER NOT EXISTS: same rows (every variable is bound on both sides), in the same order,
# but one anti-join instead of a lookup per triple (4x faster on a 300-article store).
_DEFAULT_ONLY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o MINUS { GRAPH ?g { ?s ?p ?o } } }"


# --- backends: the few primitives that differ between a local and a remote store -------------------

class _Local:
    """A pyoxigraph store. Besides one named graph per article, the default graph holds their union
    as a set, maintained in the same transactions: a union computed at query time
    (``use_default_graph_as_union``) repeats a triple once per article stating it, so joins on
    popular entities (a country named by 10,000 articles) would multiply rows."""

    #: article writes between two flushes of RocksDB's memtables: without them a long build's memory
    #: grows with the corpus (measured: +360 MB over 1,500 articles; flat with a flush every 200)
    FLUSH_EVERY = 200

    def __init__(self, ox_store: ox.Store, *, on_disk: bool) -> None:
        self.ox, self.on_disk, self.writes = ox_store, on_disk, 0

    def _wrote(self) -> None:
        self.writes += 1
        if self.on_disk and self.writes % self.FLUSH_EVERY == 0:
            self.ox.flush()

    def _union_fallback(self) -> bool:
        # Graphs written by other tools (oxigraph load, direct pyoxigraph writes) have no union copy.
        return not self.ox.query("ASK { ?s ?p ?o }")

    def query(self, sparql: str, timeout: float | None, substitutions: dict | None = None) -> Any:
        result = self.ox.query(sparql, use_default_graph_as_union=self._union_fallback(), prefixes=PREFIXES,
                               substitutions=substitutions)
        if timeout is None or isinstance(result, ox.QueryBoolean):
            return result
        return _Deadline(result, time.monotonic() + timeout, timeout)

    def update(self, sparql: str) -> None:
        self.ox.update(sparql, prefixes=PREFIXES)

    def materialize_union(self) -> None:
        self.ox.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def insert_graph(self, graph_iri: str, quads: list[ox.Quad], extra: tuple[ox.Quad, ...] = (),
                     replaced: str = "") -> None:
        """``extra``: quads of other graphs (the counters' record) written in the same transaction;
        ``replaced``: a SPARQL update run first in it when the graph exists (its old query rows deleted)."""
        if self.ox.contains_named_graph(ox.NamedNode(graph_iri)):
            more = "".join(f" ;\nINSERT DATA {{ GRAPH {q.graph_name} {{ {q.triple} }} }}" for q in extra)
            first = f"{replaced} ;\n" if replaced else ""
            self.ox.update(first + _replace_update(graph_iri, quads) + more)  # drop + insert in one transaction
        else:
            union = [ox.Quad(*q.triple) for q in quads]  # no graph name: the default graph
            self.ox.extend(quads + union + list(extra))  # one transaction
        self._wrote()

    def quads(self) -> Iterator[ox.Quad]:
        graphs = sorted((g for g in self.ox.named_graphs() if g != COUNTERS), key=str)
        # A C-level chain, not a generator: no Python frame per quad (a dump walks every quad).
        named = itertools.chain.from_iterable(self.ox.quads_for_pattern(None, None, None, g) for g in graphs)
        return itertools.chain(named, self.default_only())

    def default_only(self) -> Iterator[ox.Quad]:
        """Triples of the default graph that no article graph states."""
        if self.ox.contains_named_graph(COUNTERS):
            return  # every write kept the counters, so the default graph is exactly the union: no need to look
        for row in self.ox.query(_DEFAULT_ONLY):
            yield ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph())

    def dump(self, output: Any, fmt: ox.RdfFormat, dataset: bool) -> Any:
        if dataset:
            return ox.serialize(self.quads(), output, format=fmt, prefixes=DUMP_PREFIXES)
        if not self._union_fallback():
            return self.ox.dump(output, format=fmt, from_graph=ox.DefaultGraph(), prefixes=DUMP_PREFIXES)
        union = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        return ox.serialize(union, output, format=fmt, prefixes=DUMP_PREFIXES)

    def __len__(self) -> int:
        count = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
        rows = self.ox.query(count, use_default_graph_as_union=self._union_fallback())
        return int(next(iter(rows))["n"].value)

    def close(self) -> None:
        if self.on_disk:
            self.ox.flush()
        self.ox = None  # dropping the last reference releases RocksDB's lock for the next opener


class _Deadline:
    """A lazy result that raises QueryError once the deadline has passed (checked between rows)."""

    def __init__(self, result: Any, deadline: float, timeout: float) -> None:
        self._result, self._deadline, self._timeout = result, deadline, timeout
        self.variables = getattr(result, "variables", None)

    def __iter__(self) -> Iterator[Any]:
        for n, row in enumerate(self._result):
            if n % 256 == 0 and time.monotonic() > self._deadline:
                raise QueryError(f"query took more than {self._timeout:g} s; raise --timeout or add LIMIT")
            yield row


class _Remote:
    """A SPARQL 1.1 server: ``/query`` and ``/update`` endpoints (Oxigraph server, Fuseki dataset).

    Written the same way as a local store (article graphs + their union in the default graph), so
    the server answers plain queries with no union option."""

    def __init__(self, base: str, *, timeout: float = 60.0) -> None:
        self.base, self.timeout = base.rstrip("/"), timeout

    def _post(self, endpoint: str, field: str, text: str, accept: str, timeout: float | None) -> bytes:
        data = urllib.parse.urlencode({field: text}).encode()
        request = urllib.request.Request(f"{self.base}/{endpoint}", data=data, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise StoreError(f"{self.base}/{endpoint} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(f"cannot reach SPARQL server {self.base}: {error}") from None

    def query(self, sparql: str, timeout: float | None, substitutions: dict | None = None) -> Any:
        if substitutions:
            raise QueryError(f"pre-bound variables need a local store, not {self.base}; bind them in the query")
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        body = self._post("query", "query", prologue + sparql,
                          "application/sparql-results+json, application/n-triples;q=0.9", timeout)
        if body.lstrip().startswith(b"{"):
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]

    def update(self, sparql: str) -> None:
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        self._post("update", "update", prologue + sparql, "*/*", None)

    def insert_graph(self, graph_iri: str, quads: list[ox.Quad], extra: tuple[ox.Quad, ...] = (),
                     replaced: str = "") -> None:
        self._post("update", "update", _replace_update(graph_iri, quads), "*/*", None)

    def quads(self) -> Iterator[ox.Quad]:
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", None)
        for row in rows:
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
        for row in self.query(_DEFAULT_ONLY, None):
            yield ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph())

    def dump(self, output: Any, fmt: ox.RdfFormat, dataset: bool) -> Any:
        if dataset:
            return ox.serialize(self.quads(), output, format=fmt, prefixes=DUMP_PREFIXES)
        triples = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", None)
        return ox.serialize(triples, output, format=fmt, prefixes=DUMP_PREFIXES)

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", None))
        return int(rows[0]["n"].value)

    def close(self) -> None:
        pass
