"""The persistent store: Oxigraph on disk, in memory, or a remote SPARQL server.

One named graph per article (the graph name is the article IRI, see ``ontology/MODEL.md``), so adding,
replacing or removing an article touches one graph, in one transaction. Queries see the union of all
graphs as default graph. Heavy queries never go through rdflib's engine: rdflib is only a view
(:meth:`Store.to_rdflib`) for code that needs its API.

Examples
--------
>>> import rdflib
>>> g = rdflib.Graph(identifier=rdflib.URIRef("https://w3id.org/newskg/id/article/a"))
>>> _ = g.add((g.identifier, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/newskg/ontology#Article")))
>>> with open_store(":memory:") as store:
...     store.replace_article(g.identifier, g, "abc")
...     store.article_hashes()
{'https://w3id.org/newskg/id/article/a': 'abc'}
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError, bad_choice

# Hard-coded rather than imported from kg.rdf.namespace: the store must work on any RDF file.
KG_NS = "https://w3id.org/newskg/ontology#"
CONTENT_HASH = KG_NS + "contentHash"
SOURCE = KG_NS + "source"
SCHEMA_URL = "https://schema.org/url"

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


_DEFAULT_ONLY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"


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

    def insert_graph(self, graph_iri: str, quads: list[ox.Quad]) -> None:
        if self.ox.contains_named_graph(ox.NamedNode(graph_iri)):
            self.ox.update(_replace_update(graph_iri, quads))  # drop + insert in one transaction
        else:
            union = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads]
            self.ox.extend(quads + union)  # one transaction
        self._wrote()

    def quads(self) -> Iterator[ox.Quad]:
        for graph in sorted(self.ox.named_graphs(), key=str):
            yield from self.ox.quads_for_pattern(None, None, None, graph)
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

    def insert_graph(self, graph_iri: str, quads: list[ox.Quad]) -> None:
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


# --- the public Store ------------------------------------------------------------------------------

class Store:
    """An RDF dataset with one named graph per article; queries see the union of the graphs.

    Use :func:`open_store` to get one. Usable as a context manager (closes on exit).
    """

    def __init__(self, backend: _Local | _Remote, *, location: str, read_only: bool = False) -> None:
        self._backend, self.location, self.read_only = backend, location, read_only

    def __repr__(self) -> str:
        return f"Store({self.location!r}, read_only={self.read_only})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._live())

    @property
    def oxigraph(self) -> ox.Store | None:
        """The underlying ``pyoxigraph.Store`` (None for a remote store)."""
        backend = self._live()
        return backend.ox if isinstance(backend, _Local) else None

    def query(self, sparql: str, *, timeout: float | None = None, substitutions: dict | None = None) -> Any:
        """Run a SPARQL query on the union of the article graphs.

        Prefixes ``kg: id: schema: prov: rdf: rdfs: skos: owl: xsd:`` are predeclared. The default
        graph is the union of the article graphs as a set: a triple stated by several articles is
        seen once (use ``GRAPH ?g { ... }`` to see which articles state it). ``substitutions``
        pre-binds variables (``{pyoxigraph.Variable("x"): term}``, local stores only).

        Returns pyoxigraph results: ``QuerySolutions`` (rows, ``.variables``) for SELECT, a
        ``QueryBoolean`` for ASK, an iterable of ``Triple`` for CONSTRUCT/DESCRIBE.

        Examples
        --------
        >>> with open_store(":memory:") as store:
        ...     bool(store.query("ASK { ?s ?p ?o }"))
        False
        """
        try:
            return self._live().query(sparql, timeout, substitutions)
        except SyntaxError as error:
            raise QueryError(f"bad SPARQL query: {error}") from None
        except OSError as error:
            raise StoreError(f"query failed on {self.location}: {error}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (one transaction)."""
        self._check_writable()
        try:
            self._live().update(sparql)
        except SyntaxError as error:
            raise QueryError(f"bad SPARQL update: {error}") from None

    def replace_article(self, article_iri: str, graph: rdflib.Graph, content_hash: str) -> None:
        """Replace the named graph of one article (or create it), atomically.

        ``kg:contentHash`` is written in the same transaction, so a store never holds a hash for an
        article whose graph is incomplete.
        """
        self._check_writable()
        self._live().insert_graph(str(article_iri), _graph_quads(str(article_iri), graph, content_hash))

    def replace_article_quads(self, article_iri: str, quads: list[ox.Quad]) -> None:
        """Like :meth:`replace_article` for quads already converted (from a worker process)."""
        self._check_writable()
        self._live().insert_graph(str(article_iri), quads)

    def article_graphs(self) -> list[str]:
        """IRIs of the article graphs, sorted."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows)

    def article_hashes(self) -> dict[str, str]:
        """``{article IRI: content hash}`` for every article in the store."""
        rows = self.query(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{CONTENT_HASH}> ?h }} }}")
        return dict(sorted((row["g"].value, row["h"].value) for row in rows))

    def find_articles(self, article: str) -> list[str]:
        """Article IRIs matching ``article``: its IRI, its id/file name, its source path or its URL."""
        literal = json.dumps(article)
        rows = self.query(f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{CONTENT_HASH}> ?h .
            OPTIONAL {{ ?g <{SOURCE}> ?src }} OPTIONAL {{ ?g <{SCHEMA_URL}> ?url }}
            FILTER (STR(?g) = {literal} || STR(?src) = {literal} || STR(?url) = {literal}
                    || STRENDS(STR(?src), CONCAT("/", {literal}))) }} }}""")
        found = {row["g"].value for row in rows}
        iri = _article_iri(article)
        if iri and iri in self.article_hashes():
            found.add(iri)
        return sorted(found)

    def remove_article(self, article: str) -> bool:
        """Drop the graph of an article given by IRI, id, source path or URL; False if none matched."""
        self._check_writable()
        found = self.find_articles(str(article))
        if found:
            self._live().update(" ;\n".join(_drop_update(iri) for iri in found))
        return bool(found)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store, as pyoxigraph ``Quad``s."""
        return self._live().quads()

    def to_rdflib(self) -> rdflib.Dataset:
        """Copy the store into an ``rdflib.Dataset`` (default graph = union of the article graphs).

        For small graphs and rdflib-only tools; query large stores with :meth:`query`.
        """
        dataset = rdflib.Dataset(default_union=True)
        graphs: dict[str, rdflib.Graph] = {}
        for q in self.quads():
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
            if name not in graphs:
                graphs[name] = dataset.graph(rdflib.URIRef(name)) if name else dataset.default_graph
            graphs[name].add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        for prefix, iri in PREFIXES.items():
            dataset.bind(prefix, iri, replace=True)
        return dataset

    def dump(self, fmt: str = "trig") -> bytes:
        """Serialise the store: ``trig``/``nquads`` keep the named graphs, ``turtle``/``ntriples`` are the union.

        Examples
        --------
        >>> with open_store(":memory:") as store:
        ...     store.dump("nquads")
        b''
        """
        format_, dataset = _dump_format(fmt)
        return self._live().dump(None, format_, dataset)

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Stream a dump to ``path`` atomically (temp file + rename); the format defaults from the suffix."""
        path = Path(path)
        fmt = fmt or {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "ntriples"}.get(path.suffix)
        format_, dataset = _dump_format(fmt)
        with atomic_path(path) as tmp:
            self._live().dump(str(tmp), format_, dataset)
        return path

    def load(self, path: str | Path, *, bulk: bool = False) -> None:
        """Load an RDF file (format from its suffix); ``bulk`` skips the transaction for speed."""
        self._check_writable()
        format_ = _file_format(Path(path))
        if self.oxigraph is None:
            raise StoreError(f"loading files into remote store {self.location} is not supported; "
                             "use the server's own loader (oxigraph load, Fuseki tdb2.tdbloader)")
        (self.oxigraph.bulk_load if bulk else self.oxigraph.load)(path=str(path), format=format_)
        self._live().materialize_union()

    def add_rdflib(self, graph: rdflib.Graph) -> None:
        """Add an rdflib Graph (into its named graph) or Dataset (graph by graph), keeping the union.

        Examples
        --------
        >>> g = rdflib.Graph(identifier=rdflib.URIRef("https://w3id.org/newskg/id/article/a"))
        >>> _ = g.add((g.identifier, rdflib.RDFS.label, rdflib.Literal("a")))
        >>> with open_store(":memory:") as store:
        ...     store.add_rdflib(g)
        ...     len(store)
        1
        """
        self._check_writable()
        graphs = list(graph.graphs()) if isinstance(graph, rdflib.Dataset) else [graph]
        quads = []
        for g in graphs:
            name = g.identifier
            target = ox.NamedNode(str(name)) if isinstance(name, rdflib.URIRef) else ox.DefaultGraph()
            if str(name) == str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
                target = ox.DefaultGraph()
            for s, p, o in g:
                triple = (to_ox(s), to_ox(p), to_ox(o))
                quads.append(ox.Quad(*triple, target))
                if not isinstance(target, ox.DefaultGraph):
                    quads.append(ox.Quad(*triple, ox.DefaultGraph()))
        backend = self._live()
        if not isinstance(backend, _Local):
            raise StoreError(f"add_rdflib needs a local store, not {self.location}")
        backend.ox.extend(quads)

    def close(self) -> None:
        """Flush and release the store (idempotent)."""
        if self._backend is not None:
            if self.read_only and isinstance(self._backend, _Local):
                self._backend.ox = None
            else:
                self._backend.close()
            self._backend = None

    def _live(self) -> _Local | _Remote:
        if self._backend is None:
            raise StoreError(f"store {self.location} is closed")
        return self._backend

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")


def _dump_format(fmt: str | None) -> tuple[ox.RdfFormat, bool]:
    if fmt not in DUMP_FORMATS:
        raise bad_choice("dump format", fmt, DUMP_FORMATS)
    return DUMP_FORMATS[fmt]


def _file_format(path: Path) -> ox.RdfFormat:
    if path.suffix.lower() not in FILE_FORMATS:
        raise bad_choice(f"RDF file type of {path}:", path.suffix, FILE_FORMATS)
    return FILE_FORMATS[path.suffix.lower()]


def _article_iri(article_id: str) -> str | None:
    """The article IRI for an id, when kg.rdf.iris is available (it owns the IRI scheme)."""
    try:
        from kg.rdf import iris
    except ImportError:
        return None
    make = getattr(iris, "article_iri", None) or getattr(iris, "article", None)
    return str(make(article_id)) if callable(make) else None


class atomic_path:
    """Context manager giving a temp path next to ``path``, renamed onto it only on success."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Keep the suffix: some writers (pyvis) choose their format from it.
        fd, name = tempfile.mkstemp(prefix=f".{self.path.stem}.", suffix=self.path.suffix, dir=self.path.parent)
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # mkstemp's 0600 would make the outputs private
        self.tmp = Path(name)
        return self.tmp

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def _is_store_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file()  # RocksDB's marker file


def open_store(location: str | Path | Store, *, read_only: bool = False, create: bool = False) -> Store:
    """Open a store.

    Parameters
    ----------
    location
        A store directory (Oxigraph on disk); a build output directory (its ``store/``); an RDF file
        (``.trig .ttl .nq .nt .jsonld``, loaded in memory); ``":memory:"`` (empty in-memory store);
        ``sparql+http://host:port/path`` (a SPARQL 1.1 server with ``path/query`` and ``path/update``);
        or an open ``Store`` (returned as is).
    read_only
        Open for reading only; several readers may share a store directory.
    create
        Create a new store directory when ``location`` does not exist (else a missing path is an error).

    Examples
    --------
    >>> open_store("no/such/dir")
    Traceback (most recent call last):
    kg.errors.StoreError: no store at 'no/such/dir': not a store directory, build output, RDF file (.jsonld, .nq, .nt, .trig, .ttl) or sparql+http:// URL
    """
    if isinstance(location, Store):
        return location
    # A URL that went through pathlib ("sparql+http:/host") gets its second slash back.
    text = re.sub(r"^(sparql\+https?):/(?=[^/])", r"\1://", str(location))
    if text.startswith(REMOTE_SCHEMES):
        return Store(_Remote(text.replace("sparql+", "", 1)), location=text, read_only=read_only)
    if text == ":memory:":
        return _memory_store(text)
    path = Path(location)
    if path.is_file():
        store = _memory_store(text)
        try:
            store.oxigraph.load(path=str(path), format=_file_format(path))
            store._live().materialize_union()
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"cannot read RDF file {path}: {error}") from None
        store.read_only = read_only
        return store
    if path.is_dir() and not _is_store_dir(path) and (path / "store").is_dir():
        path = path / "store"
    exists = path.is_dir() and (_is_store_dir(path) or (create and not any(path.iterdir())))
    if not exists and not (create and not path.exists()):
        valid = ", ".join(sorted(FILE_FORMATS))
        raise StoreError(f"no store at {text!r}: not a store directory, build output, RDF file ({valid}) "
                         "or sparql+http:// URL")
    if create and not read_only:
        path.mkdir(parents=True, exist_ok=True)
    try:
        ox_store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        raise StoreError(f"cannot open store {path}: {error} (is another process writing it?)") from None
    return Store(_Local(ox_store, on_disk=True), location=str(path), read_only=read_only)


def _memory_store(location: str) -> Store:
    ox_store = ox.Store()
    return Store(_Local(ox_store, on_disk=False), location=location)
