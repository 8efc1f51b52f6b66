"""Export a graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD or GraphML, byte-identical for the same graph.

Every exporter first rebuilds the graph from its quads in sorted order, so the output never depends on
insertion order, hash seeds or the store the graph came from. ``turtle`` and ``ntriples`` are the union of
the article graphs (what SPARQL sees); ``trig``, ``nquads`` and ``jsonld`` keep one named graph per article;
``graphml`` is the entity graph for Gephi (entities and events as nodes, facts and event roles as edges).
"""
from __future__ import annotations

import io
import json
from decimal import Decimal, InvalidOperation
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx
import rdflib
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import bad_choice
from kg.rdf.model import canonical_decimal
from kg.rdf.namespace import KG, ONTOLOGY_DIR, bind_prefixes
from kg.types import ENTITY_TYPES, EVENT_TYPES

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
Quad = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node, rdflib.term.Node | None]

_NODE_CLASSES = frozenset(ENTITY_TYPES + EVENT_TYPES)
#: the relations drawn as GraphML edges: entity-to-entity facts and event roles
_EDGE_PROPERTIES = frozenset(KG[p] for p in (
    "headquarteredIn", "locatedIn", "country", "subsidiaryOf", "foundedBy", "ceo", "worksFor", "produces",
    "operatesIn", "investsIn", "partnerOf", "competitorOf", "agent", "target", "product", "place"))


def quads_of(graph: object) -> list[Quad]:
    """Sorted, de-duplicated quads of an rdflib Graph/Dataset or of anything ``open_store`` accepts.

    The graph name is None for triples of a default graph.

    Examples
    --------
    >>> g = Graph(identifier=URIRef("http://example.org/g"))
    >>> _ = g.add((URIRef("http://example.org/s"), RDFS.label, Literal("x")))
    >>> [str(t) for t in quads_of(g)[0]][-1]
    'http://example.org/g'
    """
    quads: set[Quad] = set()
    if isinstance(graph, Dataset):
        for s, p, o, g in graph.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            quads.add((s, p, canonical_term(o), None if name is None
                       or name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else name))
    elif isinstance(graph, Graph):
        name = graph.identifier if isinstance(graph.identifier, URIRef) else None
        quads.update((s, p, canonical_term(o), name) for s, p, o in graph)
    else:
        from kg.store import open_store

        store = open_store(graph, read_only=True)
        return quads_of(store.to_rdflib())
    return sorted(quads, key=_quad_key)


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


def _quad_key(quad: Quad) -> tuple[str, ...]:
    return tuple("" if t is None else t.n3() for t in (quad[3], quad[0], quad[1], quad[2]))


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


def _lines(text: str) -> bytes:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(line + "\n" for line in lines).encode("utf-8")


def to_turtle(quads: list[Quad]) -> bytes:
    """The union graph as Turtle."""
    return _union(quads).serialize(format="turtle", encoding="utf-8")


def to_ntriples(quads: list[Quad]) -> bytes:
    """The union graph as sorted N-Triples lines."""
    return _lines(_union(quads).serialize(format="nt11", encoding="utf-8").decode("utf-8"))


def to_nquads(quads: list[Quad]) -> bytes:
    """Every quad as sorted N-Quads lines."""
    return _lines(_dataset(quads).serialize(format="nquads", encoding="utf-8").decode("utf-8"))


def to_trig(quads: list[Quad]) -> bytes:
    """One TriG block per named graph, graphs in IRI order."""
    dataset = _dataset(quads)
    serializer = TrigSerializer(dataset)
    # rdflib keeps its graphs in a set: put them in a stable order before writing.
    serializer.contexts = sorted((c for c in serializer.contexts if len(c)), key=lambda c: str(c.identifier))
    stream = io.BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue()


def to_jsonld(quads: list[Quad]) -> bytes:
    """JSON-LD with the context of ontology/context.jsonld, nodes sorted by ``@id``, keys sorted."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    raw = _dataset(quads).serialize(format="json-ld", context=context, encoding="utf-8")
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


def to_graphml(quads: list[Quad]) -> bytes:
    """Entities and events as nodes, facts and event roles as edges (GraphML for Gephi)."""
    union = _union(quads)
    kinds: dict[URIRef, str] = {}
    for node, _, cls in sorted(union.triples((None, RDF.type, None))):
        local = str(cls)[len(str(KG._NS)):] if str(cls).startswith(str(KG._NS)) else ""
        if local in _NODE_CLASSES:
            kinds.setdefault(node, local)
    graph = nx.MultiDiGraph()
    for node in sorted(kinds, key=str):
        label = min((str(x) for x in union.objects(node, RDFS.label)), default=str(node).rsplit("/", 1)[-1])
        graph.add_node(str(node), label=label, type=kinds[node])
    edges = sorted((str(s), str(o), str(p)[len(str(KG._NS)):]) for s, p, o in union
                   if p in _EDGE_PROPERTIES and s in kinds and o in kinds)
    for s, o, predicate in edges:
        graph.add_edge(s, o, key=predicate, predicate=predicate)
    stream = io.BytesIO()
    nx.write_graphml(graph, stream, encoding="utf-8", prettyprint=True)
    return stream.getvalue()


#: format name -> exporter
EXPORTERS: dict[str, Callable[[list[Quad]], bytes]] = {
    "turtle": to_turtle, "ntriples": to_ntriples, "nquads": to_nquads, "trig": to_trig,
    "jsonld": to_jsonld, "graphml": to_graphml,
}


def export(graph: object, fmt: str, out: str | Path | None = None) -> bytes:
    """Serialise ``graph`` in ``fmt``; write it to ``out`` too when given.

    Parameters
    ----------
    graph
        An rdflib Graph/Dataset, or anything ``kg.store.open_store`` accepts (build output, store, RDF file).
    fmt
        One of ``turtle``, ``ntriples``, ``nquads``, ``trig``, ``jsonld``, ``graphml``.
    out
        Optional file to write.

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
    data = EXPORTERS[fmt](quads_of(graph))
    if out is not None:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data
