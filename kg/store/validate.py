"""Check a graph against ontology/shapes.ttl with pyshacl, and say what is wrong in plain words.

The graph is checked in chunks of nodes, not as one rdflib graph: each chunk holds its nodes' own
triples, the triples pointing at them and, of each neighbour, its type and what names it (label,
article and source). That is all a shape of ``shapes.ttl`` looks at (paths of one step, forward or
inverse; ``sh:class`` of a value), so every node is judged exactly as in the whole graph, while
memory stays that of one chunk and pyshacl's report building, which grows with the square of the
results of one call, stays small (bench/validate.py has the figures).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH

from kg.errors import KGError
from kg.store.backends import from_ox
from kg.store.export import ox_quads
from kg.rdf.namespace import KG, ONTOLOGY_FILE, SCHEMA, SHAPES_FILE, bind_prefixes

#: triples (own and incoming) of the nodes checked per pyshacl call
CHUNK_TRIPLES = 20_000
_IRI = {name: ox.NamedNode(str(term)) for name, term in (
    ("type", RDF.type), ("label", RDFS.label), ("text", KG.text), ("headline", SCHEMA.headline),
    ("source", KG.source), ("inArticle", KG.inArticle), ("derived", PROV.wasDerivedFrom),
    ("Statement", RDF.Statement), ("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object))}
#: what a chunk keeps of a neighbour: its types (sh:class) and what the report names it by
_SHOWN = frozenset(_IRI[k] for k in ("type", "label", "text", "headline", "source", "inArticle", "derived"))
_ARTICLE_LINKS = frozenset((_IRI["inArticle"], _IRI["derived"]))
Progress = Callable[[int, int], None]


class Violation(NamedTuple):
    """One SHACL result, with the focus node's label so a person can find it."""

    focus: str
    label: str
    path: str
    message: str
    value: str | None
    severity: str
    source: str | None = None
    """``kg:source`` of the article the focus node comes from (for an entity: the first that mentions it)."""

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        where = f" [{self.source}]" if self.source else ""
        return f"{self.severity}: {self.label} <{self.focus}> {self.path}: {self.message}{value}{where}"


class ValidationReport(NamedTuple):
    conforms: bool
    violations: list[Violation]
    text: str


_SHAPES: dict[str, Graph] = {}


def _load(name: str, path) -> Graph:
    if name not in _SHAPES:
        try:
            _SHAPES[name] = Graph().parse(path, format="turtle")
        except Exception as error:  # noqa: BLE001 - a broken shipped file must say which file
            raise KGError(f"cannot read {path}: {error}") from None
    return _SHAPES[name]


def validate(graph: object, *, shapes: Graph | None = None, progress: Progress | None = None,
             chunk_triples: int = CHUNK_TRIPLES) -> ValidationReport:
    """Validate ``graph`` against the SHACL shapes (``ontology/shapes.ttl`` by default).

    Parameters
    ----------
    graph
        An rdflib Graph/Dataset, or anything ``kg.store.open_store`` accepts (build output, RDF file ...).
    shapes
        Other shapes to use instead of ``ontology/shapes.ttl`` (paths of one step, as there).
    progress
        Called after each chunk with (nodes checked, nodes in all).
    chunk_triples
        Size of a chunk: bigger is a little faster and takes more memory.

    Returns
    -------
    ValidationReport
        ``conforms``, the violations (sorted) and a readable text, one line per violation.

    Examples
    --------
    >>> from rdflib import RDF
    >>> g = Graph(identifier=URIRef("https://w3id.org/newskg/id/article/a"))
    >>> _ = g.add((g.identifier, RDF.type, KG.Article))
    >>> report = validate(g)
    >>> report.conforms, sorted({v.path for v in report.violations})
    (False, ['kg:contentHash', 'kg:source', 'schema:headline', 'schema:inLanguage'])
    """
    index = _Index(ox_quads(graph))
    shapes_graph = shapes if shapes is not None else _load("shapes", SHAPES_FILE)
    found: list[Violation] = []
    done = 0
    for nodes in index.chunks(chunk_triples):
        data = index.graph(nodes)
        _, results, _ = pyshacl.validate(
            data, shacl_graph=shapes_graph, ont_graph=_load("ontology", ONTOLOGY_FILE), inference="none",
            allow_warnings=True, abort_on_first=False)
        # neighbours are in the chunk to be looked at, not judged: each node is judged in its own chunk
        mine = {from_ox(n) for n in nodes}
        found += [v for v in _violations(results, data, mine)] + _unasserted_facts(data, mine, index.asserted)
        done += len(nodes)
        if progress is not None:
            progress(done, len(index.out))
    violations = sorted(set(found), key=lambda v: (v.focus, v.path, v.message, v.value or ""))
    return ValidationReport(not any(v.severity == "Violation" for v in violations), violations,
                            _text(len(index.triples), violations))


class _Index:
    """The graph's distinct triples by subject and by (non-literal) object, in the graph's sorted order."""

    def __init__(self, quads: list[ox.Quad]) -> None:
        self.triples: set[ox.Triple] = set()
        self.out: dict[object, list[ox.Triple]] = {}
        self.into: dict[object, list[ox.Triple]] = {}
        for q in quads:  # sorted by graph: an article's nodes come together, and chunks follow articles
            t = q.triple
            if t in self.triples:
                continue
            self.triples.add(t)
            self.out.setdefault(t.subject, []).append(t)
            if not isinstance(t.object, ox.Literal):
                self.into.setdefault(t.object, []).append(t)

    def chunks(self, size: int) -> Iterator[list[object]]:
        chunk: list[object] = []
        weight = 0
        for node, own in self.out.items():
            chunk.append(node)
            weight += len(own) + len(self.into.get(node, ()))
            if weight >= size:
                yield chunk
                chunk, weight = [], 0
        if chunk:
            yield chunk

    def graph(self, nodes: list[object]) -> Graph:
        triples: set[ox.Triple] = set()
        for n in nodes:
            triples.update(self.out[n])
            triples.update(self.into.get(n, ()))
        neighbours = {t.subject for t in triples} | {t.object for t in triples if not isinstance(t.object, ox.Literal)}
        articles = set()
        for n in neighbours:
            for t in self.out.get(n, ()):
                if t.predicate in _SHOWN:
                    triples.add(t)
                    if t.predicate in _ARTICLE_LINKS:
                        articles.add(t.object)
        triples.update(t for a in articles for t in self.out.get(a, ()) if t.predicate in _SHOWN)
        data = Graph()
        bind_prefixes(data)
        for t in sorted(triples, key=str):
            data.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return data

    def asserted(self, s: object, p: object, o: object) -> bool:
        from kg.store.backends import to_ox

        return ox.Triple(to_ox(s), to_ox(p), to_ox(o)) in self.triples


def _violations(results: Graph, data: Graph, mine: set) -> list[Violation]:
    bind_prefixes(results)
    out = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        if focus not in mine:
            continue
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        severity = results.value(result, SH.resultSeverity)
        out.append(Violation(
            focus=str(focus), label=_label(data, focus),
            path=_short(results, path) if path is not None else "(node)",
            message=messages[0] if messages else "does not conform",
            value=None if value is None or value == focus else _short(results, value),
            severity=str(severity).rsplit("#", 1)[-1], source=_source(data, focus)))
    return out


def _source(data: Graph, node) -> str | None:
    """The source file of the article a node was extracted from."""
    articles = [node] if (node, RDF.type, KG.Article) in data else []
    for prop in (KG.inArticle, PROV.wasDerivedFrom):
        articles += list(data.objects(node, prop))
    articles += list(data.subjects(SCHEMA.mentions, node))
    articles += [a for m in data.subjects(KG.mentionOf, node) for a in data.objects(m, KG.inArticle)]
    sources = sorted(str(s) for a in articles for s in data.objects(a, KG.source))
    return sources[0] if sources else None


def _unasserted_facts(data: Graph, mine: set, asserted: Callable[[object, object, object], bool]) -> list[Violation]:
    """Statements whose triple is not in the graph (the one rule of shapes.ttl that needs SPARQL)."""
    out = []
    for statement in sorted(set(data.subjects(RDF.type, RDF.Statement)) & mine):
        s, p, o = (data.value(statement, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if None not in (s, p, o) and not asserted(s, p, o):
            out.append(Violation(str(statement), _label(data, statement), "(node)",
                                 "the reified fact is not asserted in the graph", None, "Violation",
                                 _source(data, statement)))
    return out


def _label(data: Graph, node) -> str:
    subject, predicate = data.value(node, RDF.subject), data.value(node, RDF.predicate)
    if subject is not None and predicate is not None:  # a reified fact: show the fact
        obj = data.value(node, RDF.object)
        return f"{_label(data, subject)} {str(predicate).rsplit('#', 1)[-1]} {_label(data, obj)}"
    for prop in (RDFS.label, KG.text, URIRef("https://schema.org/headline")):
        values = sorted(str(v) for v in data.objects(node, prop))
        if values:
            return repr(values[0])
    return repr(str(node).rsplit("/", 1)[-1])


def _short(graph: Graph, term) -> str:
    if isinstance(term, URIRef):
        return graph.namespace_manager.normalizeUri(term)
    if isinstance(term, Literal):
        return repr(str(term))
    # a complex path (blank node): show it as SHACL Turtle would
    inverse = graph.value(term, SH.inversePath)
    return f"^{_short(graph, inverse)}" if inverse is not None else str(term)


def _text(triples: int, violations: list[Violation]) -> str:
    if not violations:
        return f"OK: the graph conforms to ontology/shapes.ttl ({triples} triples)."
    lines = [f"{len(violations)} problem(s) in {triples} triples:"]
    lines += [f"- {v}" for v in violations]
    return "\n".join(lines)
