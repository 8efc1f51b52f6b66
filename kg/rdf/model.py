"""Build the named graph of one article from its resolved extraction (the model of ontology/MODEL.md).

Pure and deterministic: the graph depends only on the ``Resolved`` value, never on other articles, on
time or on set order. Facts whose subject or object types do not fit the property's domain and range
(a ``ceo`` that is a place) are left out, so every graph this module builds passes ``shapes.ttl``.

The quads are built as pyoxigraph terms (:func:`article_quads`), what the store holds: the build
pays for no rdflib graph. :func:`article_graph` gives the same graph as an ``rdflib.Graph``.
"""
from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import bad_choice
from kg.rdf import iris
from kg.rdf.anaphors import add_anaphors
# FACT_SIGNATURES, ORGS, PLACES, ENTITY_CLASSES, EVENT_CLASSES are re-exported: the model's public constants.
from kg.rdf.facts import FACT_SIGNATURES, FactSignature, add_event, add_fact, best, event_key, statements
from kg.rdf.literals import ox_decimal, ox_integer
from kg.rdf.namespace import bind_prefixes
from kg.rdf.quads import (ENTITY_CLASSES, EVENT_CLASSES, ORGS, OX_KG as _KG, OX_OWL as _OWL, OX_RDF as _RDF,
                          OX_RDFS as _RDFS, OX_SCHEMA as _SCHEMA, OX_SKOS as _SKOS, OX_XSD as _XSD, PLACES,
                          Quads as _Quads, add_provenance as _add_provenance, entity_node as _entity)
from kg.types import Entity, Extraction, Resolved

__all__ = ["ENTITY_CLASSES", "EVENT_CLASSES", "FACT_SIGNATURES", "ORGS", "PLACES", "ArticleQuads", "FactSignature",
           "article_graph", "article_quads"]


class ArticleQuads(NamedTuple):
    """The named graph of one article as pyoxigraph quads (no duplicates)."""

    iri: str
    """The article IRI, which names the graph."""
    quads: list[ox.Quad]



def article_quads(resolved: Resolved) -> ArticleQuads:
    """The named graph of one article: metadata, entities, mentions, facts, events, provenance.

    Parameters
    ----------
    resolved
        One article's extraction with its mentions mapped to entities.

    Returns
    -------
    ArticleQuads
        The article IRI (see ``kg.rdf.iris.article_iri``) and the quads of its graph, in build order.

    Examples
    --------
    >>> import datetime
    >>> from kg.types import Article, Extraction, Resolved
    >>> art = Article("a.txt", "a.txt", None, "Hi.", "Hi", datetime.date(2020, 1, 2), "en", None, (), "0" * 64)
    >>> built = article_quads(Resolved(Extraction(art, (), (), (), (), ()), (), ()))
    >>> len(built.quads), built.iri.rsplit("/", 1)[1]
    (7, 'a-txt-cfc7b48853')
    """
    ext = resolved.extraction
    article = ext.article
    iri = str(iris.article_iri(article.id))
    graph = _Quads(iri)
    node = graph.node
    _add_article(graph, node, ext)
    entities = {e.key: e for e in resolved.entities}
    mentioned = _add_mentions(graph, node, resolved, entities)
    described = {key: entities[key] for key in mentioned}
    # the country of a town the article names is described too, though the article does not name it
    parents = {e.parent: entities[e.parent] for e in described.values()
               if e.parent in entities and e.parent not in described and entities[e.parent].type == "Country"}
    shown = described | parents
    for key in sorted(mentioned):
        _add_entity(graph, entities[key], shown, article.lang)
        graph.add(node, _SCHEMA.mentions, _entity(key))
    for key in sorted(parents):
        _add_entity(graph, parents[key], described, article.lang)
    entity_of = _mention_entities(resolved, mentioned, entities)
    for statement in statements(ext, entity_of):
        add_fact(graph, node, ext, statement)
    events = best(ext.events, event_key)
    for event in events:
        add_event(graph, node, ext, event, entity_of)
    add_anaphors(graph, node, ext, events)
    # A fact stated in two sentences adds its triple twice: a graph is a set.
    return ArticleQuads(iri, list(dict.fromkeys(graph.quads)))


def article_graph(resolved: Resolved) -> Graph:
    """:func:`article_quads` as an ``rdflib.Graph`` (identifier = the article IRI), prefixes bound.

    Examples
    --------
    >>> import datetime
    >>> from kg.types import Article, Extraction, Resolved
    >>> art = Article("a.txt", "a.txt", None, "Hi.", "Hi", datetime.date(2020, 1, 2), "en", None, (), "0" * 64)
    >>> g = article_graph(Resolved(Extraction(art, (), (), (), (), ()), (), ()))
    >>> len(g), str(g.identifier).rsplit("/", 1)[1]
    (7, 'a-txt-cfc7b48853')
    """
    built = article_quads(resolved)
    graph = Graph(identifier=URIRef(built.iri))
    bind_prefixes(graph)
    for q in built.quads:
        graph.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
    return graph


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _add_article(graph: _Quads, node: ox.NamedNode, ext: Extraction) -> None:
    article = ext.article
    graph.add(node, _RDF.type, _KG.Article)
    title = article.title or article.id
    graph.add(node, _SCHEMA.headline, ox.Literal(title, language=article.lang) if article.lang else ox.Literal(title))
    graph.add(node, _SCHEMA.inLanguage, ox.Literal(article.lang))
    graph.add(node, _KG.source, ox.Literal(article.source))
    graph.add(node, _KG.contentHash, ox.Literal(article.content_hash))
    graph.add(node, _SCHEMA.text, ox.Literal(article.text))
    if article.published is not None:
        graph.add(node, _SCHEMA.datePublished, ox.Literal(article.published.isoformat(), datatype=_XSD.date))
    if article.url:
        graph.add(node, _SCHEMA.url, ox.NamedNode(_safe_iri(article.url)))


def _safe_iri(text: str) -> str:
    # Characters that are illegal in an IRI are percent-encoded; the rest (accents too) are kept.
    return "".join(c if c > " " and c not in '<>"{}|\\^`' else f"%{ord(c):02X}" for c in text)


def _add_mentions(graph: _Quads, node: ox.NamedNode, resolved: Resolved, entities: dict[str, Entity]) -> set[str]:
    """Add one node per mention span; return the keys of the entities mentioned."""
    ext = resolved.extraction
    mentioned: set[str] = set()
    seen: set[tuple[int, int]] = set()
    for index, mention in enumerate(ext.mentions):
        key = resolved.mention_entity[index] if index < len(resolved.mention_entity) else None
        span = (mention.start, mention.end)
        # Two extractors may find the same span: the first one mapped to an entity wins.
        if key is None or key not in entities or span in seen:
            continue
        seen.add(span)
        mentioned.add(key)
        m = ox.NamedNode(str(iris.mention_iri(ext.article.id, mention.start, mention.end)))
        graph.add(m, _RDF.type, _KG.Mention)
        graph.add(m, _KG.mentionOf, _entity(key))
        graph.add(m, _KG.inArticle, node)
        graph.add(m, _KG.text, ox.Literal(mention.text))
        graph.add(m, _KG.start, ox_integer(mention.start))
        graph.add(m, _KG.end, ox_integer(mention.end))
        _add_provenance(graph, m, ext.sentences, mention.sentence, mention.extractor, mention.confidence)
    return mentioned


def _lang_literal(text: str, lang: str | None) -> ox.Literal:
    return ox.Literal(text, language=lang) if lang else ox.Literal(text)


def _add_entity(graph: _Quads, entity: Entity, entities: dict[str, Entity], lang: str) -> None:
    node = _entity(entity.key)
    if entity.type not in ENTITY_CLASSES:
        raise bad_choice(f"entity type of {entity.key!r}:", entity.type, ENTITY_CLASSES)
    label_lang = entity.lang or lang or None
    graph.add(node, _RDF.type, _KG[entity.type])
    graph.add(node, _RDFS.label, _lang_literal(entity.label, label_lang))
    for alias in sorted(set(entity.aliases) - {entity.label}):
        graph.add(node, _SKOS.altLabel, _lang_literal(alias, label_lang))
    for same in sorted(set(entity.same_as)):
        graph.add(node, _OWL.sameAs, ox.NamedNode(_safe_iri(same)))
    if entity.why:
        graph.add(node, _KG.resolution, ox.Literal(entity.why))
    if entity.lat is not None and entity.lon is not None:
        graph.add(node, _SCHEMA.latitude, ox_decimal(entity.lat))
        graph.add(node, _SCHEMA.longitude, ox_decimal(entity.lon))
    parent = entities.get(entity.parent) if entity.parent else None
    # A parent link is kept only when the parent is described in this graph too (no dangling IRIs).
    if parent is None or parent.key == entity.key:
        return
    if entity.type in PLACES and parent.type in PLACES:
        graph.add(node, _KG.locatedIn, _entity(parent.key))
        if parent.type == "Country" and entity.type != "Country":
            graph.add(node, _KG.country, _entity(parent.key))
    elif entity.type in ORGS and parent.type in ORGS:
        graph.add(node, _KG.subsidiaryOf, _entity(parent.key))


def _mention_entities(resolved: Resolved, mentioned: set[str],
                      entities: dict[str, Entity]) -> dict[int, Entity]:
    keys = resolved.mention_entity
    return {i: entities[keys[i]] for i in range(min(len(keys), len(resolved.extraction.mentions)))
            if keys[i] in mentioned}
