"""The persistent store: Oxigraph on disk, in memory, or a remote SPARQL server.

One named graph per article (the graph name is the article IRI, see ``ontology/MODEL.md``), so adding,
replacing or removing an article touches one graph, in one transaction. Queries see the union of all
graphs as default graph. Heavy queries never go through rdflib: it is only a view (:meth:`Store.to_rdflib`).

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

import itertools
import json
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.rdf.iris import article_iri
from kg.store.counts import drop_update, record_update, start_counters, write_extras
from kg.store.backends import (
    COUNTERS, CONTENT_HASH, FILE_FORMATS, PREFIXES, REMOTE_SCHEMES, SCHEMA_URL, SOURCE, _drop_update, _graph_quads,
    _Local, _Remote, from_ox, to_ox,
)
from kg.store.files import atomic_path, dump_format, file_format
from kg.store.guard import check_service
from kg.store.staged import recover

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*\Z")


class Store:
    """An RDF dataset with one named graph per article; queries see the union of the graphs.

    Use :func:`open_store` to get one. Usable as a context manager (closes on exit).
    """

    def __init__(self, backend: _Local | _Remote, *, location: str, read_only: bool = False) -> None:
        self._backend, self.location, self.read_only = backend, location, read_only
        self._counted = False

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

    def query(self, sparql: str, *, timeout: float | None = None, substitutions: dict | None = None,
              allow_service: Collection[str] = ()) -> Any:
        """Run a SPARQL query on the union of the article graphs.

        Prefixes ``kg: id: schema: prov: rdf: rdfs: skos: owl: xsd:`` are predeclared. The default
        graph is the union of the article graphs as a set: a triple stated by several articles is
        seen once (use ``GRAPH ?g { ... }`` to see which articles state it). ``substitutions``
        pre-binds variables (``{pyoxigraph.Variable("x"): term}``, local stores only). ``SERVICE`` is
        refused unless its host is in ``allow_service``.

        Returns pyoxigraph results: ``QuerySolutions`` (rows, ``.variables``) for SELECT, a
        ``QueryBoolean`` for ASK, an iterable of ``Triple`` for CONSTRUCT/DESCRIBE.

        Examples
        --------
        >>> with open_store(":memory:") as store:
        ...     bool(store.query("ASK { ?s ?p ?o }"))
        False
        """
        check_service(sparql, allow_service)
        try:
            return self._live().query(sparql, timeout, substitutions)
        except SyntaxError as error:
            raise QueryError(f"bad SPARQL query: {error}") from None
        except OSError as error:
            raise StoreError(f"query failed on {self.location}: {error}") from None
        except RuntimeError as error:  # the engine's evaluation errors, e.g. an allowed SERVICE that answered badly
            raise QueryError(f"query failed: {error}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (one transaction)."""
        self._check_writable()
        backend = self._live()  # an update may touch anything: the counters it cannot follow go with it
        try:
            tail = f" ;\n{drop_update()}" if isinstance(backend, _Local) else ""
            backend.update(sparql.rstrip().rstrip(";") + tail)
        except SyntaxError as error:
            raise QueryError(f"bad SPARQL update: {error}") from None

    def replace_article(self, article_iri: str, graph: rdflib.Graph, content_hash: str) -> None:
        """Replace the named graph of one article (or create it), atomically.

        ``kg:contentHash`` is written in the same transaction, so a store never holds a hash for an
        article whose graph is incomplete.
        """
        self.replace_article_quads(str(article_iri), _graph_quads(str(article_iri), graph, content_hash))

    def replace_article_quads(self, article_iri: str, quads: list[ox.Quad], derived: list | None = None) -> None:
        """As :meth:`replace_article` for quads (``derived``: their rows, :mod:`kg.store.derived`)."""
        self._check_writable()
        backend = self._live()
        if not isinstance(backend, _Local):
            backend.insert_graph(str(article_iri), quads)
            return
        self._counted = self._counted or start_counters(self)
        backend.insert_graph(str(article_iri), quads, *write_extras(backend.ox, str(article_iri), quads, derived))

    def article_graphs(self) -> list[str]:
        """IRIs of the article graphs, sorted."""
        rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != {COUNTERS}) }}")
        return sorted(row["g"].value for row in rows)

    def article_hashes(self) -> dict[str, str]:
        """``{article IRI: content hash}`` for every article in the store."""
        rows = self.query(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{CONTENT_HASH}> ?h }} }}")
        return dict(sorted((row["g"].value, row["h"].value) for row in rows))

    def find_articles(self, article: str) -> list[str]:
        """Article IRIs matching ``article``: its IRI, its id/file name, its source path or its URL."""
        literal = json.dumps(article)
        # Index lookups on kg:source and schema:url only, never a walk over every article graph: a
        # removal from a store of 100,000 articles stays well under a second.
        rows = self.query(f"""SELECT DISTINCT ?g WHERE {{
            {{ GRAPH ?g {{ ?g <{SOURCE}> ?src }}
               FILTER (STR(?src) = {literal} || STRENDS(STR(?src), CONCAT("/", {literal}))) }}
            UNION {{ GRAPH ?g {{ ?g <{SCHEMA_URL}> ?url }} FILTER (STR(?url) = {literal}) }} }}""")
        found = {row["g"].value for row in rows}
        for iri in {article, str(article_iri(article))}:
            if _IRI.match(iri) and self.query(f"ASK {{ GRAPH <{iri}> {{ <{iri}> <{CONTENT_HASH}> ?h }} }}"):
                found.add(iri)
        return sorted(found)

    def remove_article(self, article: str) -> bool:
        """Drop the graph of an article given by IRI, id, source path or URL; False if none matched."""
        self._check_writable()
        found = self.find_articles(str(article))
        backend = self._live()
        if found and isinstance(backend, _Local):
            self._counted = self._counted or start_counters(self)
            for iri in found:  # one transaction each, with its counters' record
                backend.update(f"{_drop_update(iri)} ;\n{record_update(backend.ox, iri)}")
            if not any(g != COUNTERS for g in itertools.islice(backend.ox.named_graphs(), 2)):
                backend.update(drop_update())  # no article left: an empty store has no counters
        elif found:
            backend.update(" ;\n".join(_drop_update(iri) for iri in found))
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
        format_, dataset = dump_format(fmt)
        return self._live().dump(None, format_, dataset)

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Stream a dump to ``path`` atomically (temp file + rename); the format defaults from the suffix."""
        path = Path(path)
        fmt = fmt or {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "ntriples"}.get(path.suffix)
        format_, dataset = dump_format(fmt)
        with atomic_path(path) as tmp:
            self._live().dump(str(tmp), format_, dataset)
        return path

    def load(self, path: str | Path, *, bulk: bool = False) -> None:
        """Load an RDF file (format from its suffix); ``bulk`` skips the transaction for speed."""
        self._check_writable()
        format_ = file_format(Path(path))
        if self.oxigraph is None:
            raise StoreError(f"loading files into remote store {self.location} is not supported; "
                             "use the server's own loader (oxigraph load, Fuseki tdb2.tdbloader)")
        (self.oxigraph.bulk_load if bulk else self.oxigraph.load)(path=str(path), format=format_)
        self._live().materialize_union()
        self._live().update(drop_update())

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
        backend.update(drop_update())

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
            store.oxigraph.load(path=str(path), format=file_format(path))
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
    return recover(Store(_Local(ox_store, on_disk=True), location=str(path), read_only=read_only))


def _memory_store(location: str) -> Store:
    return Store(_Local(ox.Store(), on_disk=False), location=location)
