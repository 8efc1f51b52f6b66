"""Export a graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD or GraphML, byte-identical for the same graph.

Every exporter works on the graph's quads de-duplicated and sorted (graph, subject, predicate, object),
with decimals in canonical form, so the output never depends on insertion order, hash seeds or the store
the graph came from. Turtle, N-Triples, N-Quads and TriG are written by Oxigraph's streaming serializers
(fast on large graphs); JSON-LD and GraphML go through rdflib and networkx. ``turtle`` and ``ntriples`` are the union of
the article graphs (what SPARQL sees); ``trig``, ``nquads`` and ``jsonld`` keep one named graph per article;
``graphml`` is the entity graph for Gephi (entities and events as nodes, facts and event roles as edges).
"""
from __future__ import annotations

import io
import json
from decimal import Decimal, InvalidOperation
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import StoreError, bad_choice
from kg.rdf.literals import canonical_decimal
from kg.rdf.namespace import KG, ONTOLOGY_DIR, bind_prefixes
from kg.store.files import atomic_path
from kg.types import ENTITY_TYPES, EVENT_TYPES

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
#: prefixes of the Turtle and TriG exports (not ``id:``: instance IRIs contain slashes, which Turtle would
#: have to escape in prefixed names)
PREFIXES = {
    "kg": str(KG._NS), "schema": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
Quad = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node, rdflib.term.Node | None]

_NODE_CLASSES = frozenset(ENTITY_TYPES + EVENT_TYPES)
#: the relations drawn as GraphML edges: entity-to-entity facts and event roles
_EDGE_PROPERTIES = frozenset(str(KG[p]) for p in (
    "headquarteredIn", "locatedIn", "country", "subsidiaryOf", "foundedBy", "ceo", "worksFor", "produces",
    "operatesIn", "investsIn", "partnerOf", "competitorOf", "agent", "target", "product", "place"))


def ox_quads(graph: object) -> list[ox.Quad]:
    """Sorted, de-duplicated quads (pyoxigraph terms) of an rdflib Graph/Dataset or of anything
    ``open_store`` accepts; decimals in canonical form.

    Examples
    --------
    >>> g = Graph(identifier=URIRef("http://example.org/g"))
    >>> _ = g.add((URIRef("http://example.org/s"), RDFS.label, Literal("x")))
    >>> str(ox_quads(g)[0].graph_name)
    '<http://example.org/g>'
    """
    from kg.store.core import open_store
    from kg.store.backends import to_ox

    if isinstance(graph, Graph):
        quads = {ox.Quad(to_ox(s), to_ox(p), to_ox(canonical_term(o)), to_ox(g) if g is not None else ox.DefaultGraph())
                 for s, p, o, g in _rdflib_quads(graph)}
    else:
        quads = set(open_store(graph, read_only=True).quads())
    return sorted(quads, key=_ox_key)


def _ox_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def _rdflib_quads(graph: Graph) -> Iterable[Quad]:
    if isinstance(graph, Dataset):
        for s, p, o, g in graph.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            yield s, p, o, None if name is None or name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else name
    else:
        name = graph.identifier if isinstance(graph.identifier, URIRef) else None
        for s, p, o in graph:
            yield s, p, o, name


def quads_of(graph: object) -> list[Quad]:
    """The same quads as :func:`ox_quads`, as rdflib terms (graph name None for a default graph).

    Examples
    --------
    >>> g = Graph(identifier=URIRef("http://example.org/g"))
    >>> _ = g.add((URIRef("http://example.org/s"), RDFS.label, Literal("x")))
    >>> [str(t) for t in quads_of(g)[0]][-1]
    'http://example.org/g'
    """
    from kg.store.backends import from_ox

    return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
             None if isinstance(q.graph_name, ox.DefaultGraph) else from_ox(q.graph_name))
            for q in ox_quads(graph)]


def canonical_term(term: rdflib.term.Node) -> rdflib.term.Node:
    """Decimals in canonical lexical form, so ``46.0`` (rdflib's Turtle) and ``46`` (Oxigraph) export alike.

    Examples
    --------
    >>> canonical_term(Literal("46.0", datatype=XSD.decimal))
    rdflib.term.Literal('46', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        try:
            return Literal(canonical_decimal(Decimal(str(term))), datatype=XSD.decimal)
        except InvalidOperation:
            return term
    return term


def _to_rdflib(quads: list[ox.Quad]) -> list[Quad]:
    from kg.store.backends import from_ox

    return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
             None if isinstance(q.graph_name, ox.DefaultGraph) else from_ox(q.graph_name)) for q in quads]


def _dataset(quads: Iterable[Quad]) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    graphs: dict[object, Graph] = {}
    for s, p, o, g in quads:
        if g not in graphs:
            graphs[g] = dataset.graph(g) if g is not None else dataset.default_graph
        graphs[g].add((s, p, o))
    return dataset


def _union(quads: Iterable[Quad]) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    return graph


def _triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    return sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def to_turtle(quads: list[ox.Quad]) -> bytes:
    """The union graph as Turtle (subjects in IRI order)."""
    return ox.serialize(_triples(quads), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def to_ntriples(quads: list[ox.Quad]) -> bytes:
    """The union graph as sorted N-Triples lines."""
    return ox.serialize(_triples(quads), format=ox.RdfFormat.N_TRIPLES)


def to_nquads(quads: list[ox.Quad]) -> bytes:
    """Every quad as N-Quads lines, sorted by graph, subject, predicate, object."""
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def to_trig(quads: list[ox.Quad]) -> bytes:
    """One TriG block per named graph, graphs and subjects in IRI order."""
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def to_jsonld(quads: list[Quad]) -> bytes:
    """JSON-LD with the context of ontology/context.jsonld, nodes sorted by ``@id``, keys sorted."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    raw = _dataset(_to_rdflib(quads)).serialize(format="json-ld", context=context, encoding="utf-8")
    data = _canonical_json(json.loads(raw))
    if isinstance(data, dict):
        data["@context"] = context
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _canonical_json(value: object) -> object:
    # RDF property values are sets: sorting every JSON array (none is an @list here) loses nothing.
    if isinstance(value, dict):
        return {k: _canonical_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def to_graphml(quads: list[ox.Quad]) -> bytes:
    """Entities and events as nodes, facts and event roles as edges (GraphML for Gephi)."""
    ns, rdf_type, label = str(KG._NS), str(RDF.type), str(RDFS.label)
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    for q in quads:  # sorted, so the first class and the smallest label win: deterministic
        subject, predicate, obj = q.subject.value, q.predicate.value, q.object.value
        if predicate == rdf_type and obj.startswith(ns) and obj[len(ns):] in _NODE_CLASSES:
            kinds.setdefault(subject, obj[len(ns):])
        elif predicate == label and (subject not in labels or obj < labels[subject]):
            labels[subject] = obj
    graph = nx.MultiDiGraph()
    for node in sorted(kinds):
        graph.add_node(node, label=labels.get(node, node.rsplit("/", 1)[-1]), type=kinds[node])
    edges = sorted({(q.subject.value, q.object.value, q.predicate.value[len(ns):]) for q in quads
                    if q.predicate.value in _EDGE_PROPERTIES and q.subject.value in kinds
                    and isinstance(q.object, ox.NamedNode) and q.object.value in kinds})
    for s, o, predicate in edges:
        graph.add_edge(s, o, key=predicate, predicate=predicate)
    stream = io.BytesIO()
    nx.write_graphml(graph, stream, encoding="utf-8", prettyprint=True)
    return stream.getvalue()


#: format name -> exporter
EXPORTERS: dict[str, Callable[[list[ox.Quad]], bytes]] = {
    "turtle": to_turtle, "ntriples": to_ntriples, "nquads": to_nquads, "trig": to_trig,
    "jsonld": to_jsonld, "graphml": to_graphml,
}


#: called with (graphs done, graphs in all) while a store is streamed
Progress = Callable[[int, int], None]

#: formats written graph by graph, straight to the file: memory grows with the largest article, not the store
STREAMED = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def _sorted_quads(store: object, progress: Progress | None = None) -> Iterator[ox.Quad]:
    """The quads of :func:`ox_quads`, in the same order, one article graph in memory at a time."""
    from kg.store.backends import COUNTERS

    oxs = store.oxigraph
    names = sorted((g for g in oxs.named_graphs() if g != COUNTERS), key=str)
    for done, name in enumerate(names, 1):
        yield from sorted(oxs.quads_for_pattern(None, None, None, name), key=_ox_key)
        if progress is not None:
            progress(done, len(names))
    # triples of the default graph that no article states (none in a store kg wrote), last like "DEFAULT"
    yield from sorted(store._live().default_only(), key=_ox_key)


def stream(graph: object, fmt: str, out: str | Path, *, progress: Progress | None = None) -> bytes:
    """Write ``graph`` as ``fmt`` (``nquads`` or ``trig``) to ``out`` without holding the store in
    memory; the same bytes as :func:`export`, written atomically (a kill midway leaves the old file).
    ``progress(done, total)`` is called after each named graph. Returns ``b""`` (the data is in the file)."""
    from kg.store.core import open_store

    store = open_store(graph, read_only=True)

    def write(tmp: Path) -> None:
        if store.oxigraph is None:  # a remote store has no local index to walk
            tmp.write_bytes(EXPORTERS[fmt](ox_quads(store)))
        else:
            prefixes = PREFIXES if fmt == "trig" else None
            ox.serialize(_sorted_quads(store, progress), str(tmp), format=STREAMED[fmt], prefixes=prefixes)

    _write_atomically(out, write)
    return b""


def _write_atomically(out: str | Path, write: Callable[[Path], None]) -> None:
    """``write`` a temporary file renamed onto ``out`` at the end: a kill midway leaves the old file."""
    try:
        with atomic_path(out) as tmp:
            write(tmp)
    except OSError as error:
        raise StoreError(f"cannot write {out}: {error.strerror or error}") from None


def export(graph: object, fmt: str, out: str | Path | None = None, *, progress: Progress | None = None) -> bytes:
    """Serialise ``graph`` in ``fmt``; write it to ``out`` too when given.

    Parameters
    ----------
    graph
        An rdflib Graph/Dataset, or anything ``kg.store.open_store`` accepts (build output, store, RDF file).
    fmt
        One of ``turtle``, ``ntriples``, ``nquads``, ``trig``, ``jsonld``, ``graphml``.
    out
        Optional file to write.
    progress
        ``progress(done, total)`` after each article graph of a store streamed to ``out`` (N-Quads, TriG).

    Returns
    -------
    bytes
        The serialisation; the same graph always gives the same bytes.

    Examples
    --------
    >>> g = Graph(identifier=URIRef("https://w3id.org/newskg/id/article/a"))
    >>> _ = g.add((g.identifier, RDF.type, KG.Article))
    >>> export(g, "nquads").decode()  # doctest: +NORMALIZE_WHITESPACE
    '<https://w3id.org/newskg/id/article/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
     <https://w3id.org/newskg/ontology#Article> <https://w3id.org/newskg/id/article/a> .\\n'
    """
    if fmt not in EXPORTERS:
        raise bad_choice("export format", fmt, EXPORTERS)
    if fmt in STREAMED and out is not None and not isinstance(graph, Graph):
        return stream(graph, fmt, out, progress=progress)
    data = EXPORTERS[fmt](ox_quads(graph))
    if out is not None:
        _write_atomically(out, lambda tmp: tmp.write_bytes(data))
    return data
