"""Check a graph against ontology/shapes.ttl with pyshacl, and say what is wrong in plain words.

A small graph is checked in one pyshacl call on the union of the article graphs (``progress`` reports its
three steps). pyshacl's time grows faster than the graph (13 s for a 151-article build of 98,000
triples, 775 s and 3.2 GB for 1.15 million), so a store above :data:`PER_GRAPH_QUADS` is checked one
article graph at a time (``progress`` then counts graphs): time linear in the store, memory that of one
article. Each article graph holds the types and labels of everything it links to, so the two give the
same problems (checked on real builds and synthetic graphs with 11,626 problems); a constraint that only
fails across articles (one place given two countries by two articles) is not seen one graph at a time.
Checking chunks of nodes with their neighbours' types was slower: the neighbours become targets too.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH

from kg.errors import KGError
from kg.store.export import _to_rdflib, _union, quads_of
from kg.rdf.namespace import KG, ONTOLOGY_FILE, SCHEMA, SHAPES_FILE, bind_prefixes


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


#: the steps ``progress`` reports: graph read, shapes checked, report written
STEPS = 3
#: stores with more quads than this are checked one article graph at a time
PER_GRAPH_QUADS = 200_000


def validate(graph: object, *, shapes: Graph | None = None, progress: Callable[[int, int], None] | None = None,
             per_graph: bool | None = None) -> ValidationReport:
    """Validate ``graph`` against the SHACL shapes (``ontology/shapes.ttl`` by default).

    Parameters
    ----------
    graph
        An rdflib Graph/Dataset, or anything ``kg.store.open_store`` accepts (build output, RDF file ...).
    shapes
        Other shapes to use instead of ``ontology/shapes.ttl``.
    progress
        Called with (steps done, :data:`STEPS`) after each step, or (graphs done, graphs) one graph at a time.
    per_graph
        Check a store one article graph at a time; default: when it holds more than :data:`PER_GRAPH_QUADS`.

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
    tick = progress or (lambda done, total: None)
    shapes_graph = shapes if shapes is not None else _load("shapes", SHAPES_FILE)
    store, opened = _local_store(graph) if per_graph is not False else (None, False)
    try:
        if store is not None and (per_graph or len(store) > PER_GRAPH_QUADS):
            return _per_graph(store, shapes_graph, tick)
    finally:
        if opened:
            store.close()
    data = _union(quads_of(graph))
    tick(1, STEPS)
    conforms, found = _check(data, shapes_graph)
    tick(2, STEPS)
    violations = sorted(set(found), key=_order)
    report = ValidationReport(conforms and not any(v.severity == "Violation" for v in violations),
                              violations, _text(len(data), violations))
    tick(3, STEPS)
    return report


def _check(data: Graph, shapes_graph: Graph) -> tuple[bool, list[Violation]]:
    """pyshacl's verdict on ``data`` and its problems, with the reified facts whose triple is missing."""
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, ont_graph=_load("ontology", ONTOLOGY_FILE), inference="none",
        allow_warnings=True, abort_on_first=False)
    return bool(conforms), _violations(results, data) + _unasserted_facts(data)


def _order(v: Violation) -> tuple:
    return v.focus, v.path, v.message, v.value or ""


def _local_store(graph: object):
    """(The Oxigraph-backed store ``graph`` names, whether this call opened it): a Store, a build output or
    a store folder; (None, False) for anything else."""
    from kg.store.core import Store, open_store

    if isinstance(graph, Store):
        return (graph if graph.oxigraph is not None else None), False
    if isinstance(graph, (str, Path)) and Path(graph).is_dir():
        store = open_store(graph, read_only=True)
        if store.oxigraph is not None:
            return store, True
        store.close()
    return None, False


def _per_graph(store, shapes_graph: Graph, tick: Callable[[int, int], None]) -> ValidationReport:
    from kg.store.backends import COUNTERS

    oxs = store.oxigraph
    names = sorted((g for g in oxs.named_graphs() if g != COUNTERS), key=str)
    total = max(len(names), 1)
    found: dict[tuple, Violation] = {}
    conforms = True

    def check(quads) -> None:
        nonlocal conforms
        data = _union(_to_rdflib(list(quads)))
        if not len(data):
            return
        ok, violations = _check(data, shapes_graph)
        conforms = conforms and ok
        for v in violations:
            # as the union would say it: the smallest label and source any graph gives the node
            key = v[:1] + v[2:6]  # focus, path, message, value, severity
            old = found.setdefault(key, v)
            sources = [x for x in (old.source, v.source) if x is not None]
            found[key] = old._replace(label=min(old.label, v.label), source=min(sources) if sources else None)

    for done, name in enumerate(names, 1):
        check(oxs.quads_for_pattern(None, None, None, name))
        tick(done, total)
    check(store._live().default_only())  # none in a store kg wrote
    tick(total, total)
    violations = sorted(found.values(), key=_order)
    return ValidationReport(conforms and not any(v.severity == "Violation" for v in violations), violations,
                            _text(len(store), violations))


def _violations(results: Graph, data: Graph) -> list[Violation]:
    bind_prefixes(results)
    out = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
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


def _unasserted_facts(data: Graph) -> list[Violation]:
    """Statements whose triple is not in the graph (the one rule of shapes.ttl that needs SPARQL)."""
    out = []
    for statement in sorted(set(data.subjects(RDF.type, RDF.Statement))):
        s, p, o = (data.value(statement, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if None not in (s, p, o) and (s, p, o) not in data:
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
