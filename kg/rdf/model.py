"""Build the named graph of one article from its resolved extraction (the model of ontology/MODEL.md).

Pure and deterministic: the graph depends only on the ``Resolved`` value, never on other articles, on
time or on set order. Facts whose subject or object types do not fit the property's domain and range
(a ``ceo`` that is a place) are left out, so every graph this module builds passes ``shapes.ttl``.

The quads are built as pyoxigraph terms (:func:`article_quads`), what the store holds: the build
pays for no rdflib graph. :func:`article_graph` gives the same graph as an ``rdflib.Graph``.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import bad_choice
from kg.rdf import iris
from kg.rdf.literals import date_literal, ox_decimal, ox_integer, ox_literal, title_literal
from kg.rdf.namespace import KG, SCHEMA, OxTerms, bind_prefixes
from kg.types import ENTITY_TYPES, EVENT_STATUSES, EVENT_TYPES, Entity, Event, Extraction, Fact, Resolved, Sentence

ORGS = ("Organization", "Company")
PLACES = ("Place", "Country", "City", "Region", "Facility")
#: entity type -> ontology class
ENTITY_CLASSES: dict[str, URIRef] = {t: KG[t] for t in ENTITY_TYPES}
#: event type -> ontology class
EVENT_CLASSES: dict[str, URIRef] = {t: KG[t] for t in EVENT_TYPES}
_KG, _SCHEMA, _RDF, _RDFS = OxTerms(KG), OxTerms(SCHEMA), OxTerms(RDF), OxTerms(RDFS)
_OWL, _PROV, _SKOS, _XSD = OxTerms(OWL), OxTerms(PROV), OxTerms(SKOS), OxTerms(XSD)


class FactSignature(NamedTuple):
    """Domain and range of a fact property: entity types allowed, or a literal builder."""

    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    literal: Callable[[str, str], Literal | None] | None = None


#: fact predicate -> signature; object properties have ``objects``, datatype ones a ``literal`` builder
FACT_SIGNATURES: dict[str, FactSignature] = {
    "headquarteredIn": FactSignature(ORGS, PLACES),
    "locatedIn": FactSignature(PLACES, PLACES),
    "country": FactSignature(PLACES, ("Country",)),
    "subsidiaryOf": FactSignature(ORGS, ORGS),
    "foundedBy": FactSignature(ORGS, ("Person",)),
    "foundedOn": FactSignature(ORGS, (), date_literal),
    "ceo": FactSignature(ORGS, ("Person",)),
    "worksFor": FactSignature(("Person",), ORGS),
    "jobTitle": FactSignature(("Person",), (), title_literal),
    "produces": FactSignature(ORGS, ("Product",)),
    "operatesIn": FactSignature(ORGS, PLACES),
    "investsIn": FactSignature(ORGS, ORGS + PLACES),
    "partnerOf": FactSignature(ORGS, ORGS),
    "competitorOf": FactSignature(ORGS, ORGS),
}


class ArticleQuads(NamedTuple):
    """The named graph of one article as pyoxigraph quads (no duplicates)."""

    iri: str
    """The article IRI, which names the graph."""
    quads: list[ox.Quad]


class _Quads:
    """Collects the triples of one graph as quads (what ``graph.add`` was, without an rdflib store)."""

    def __init__(self, iri: str) -> None:
        self.node = ox.NamedNode(iri)
        self.quads: list[ox.Quad] = []

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, p, o, self.node))


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
    for key in sorted(mentioned):
        _add_entity(graph, entities[key], described, article.lang)
        graph.add(node, _SCHEMA.mentions, _entity(key))
    entity_of = _mention_entities(resolved, mentioned, entities)
    for statement in _statements(ext, entity_of):
        _add_fact(graph, node, ext, statement)
    for event in _best(ext.events, _event_key):
        _add_event(graph, node, ext, event, entity_of)
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


@functools.lru_cache(maxsize=65536)  # pure; an entity is named in every graph that mentions it
def _entity(key: str) -> ox.NamedNode:
    return ox.NamedNode(str(iris.entity_iri(key)))


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


def _add_provenance(graph: _Quads, node: ox.NamedNode, sentences: tuple[Sentence, ...], sentence: int,
                    extractor: str, confidence: float) -> None:
    if 0 <= sentence < len(sentences):
        s = sentences[sentence]
        graph.add(node, _KG.sentence, ox.Literal(s.text))
        graph.add(node, _KG.sentenceStart, ox_integer(s.start))
        graph.add(node, _KG.sentenceEnd, ox_integer(s.end))
    graph.add(node, _KG.extractor, ox.Literal(extractor))
    graph.add(node, _KG.confidence, ox_decimal(min(1.0, max(0.0, confidence)), digits=4))


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


def _event_key(event: Event) -> tuple:
    return (event.type, event.trigger_start, event.trigger_end)


def _best(items, key):
    """One item per key (the most confident; ties broken by extractor name), in key order."""
    best = {}
    for item in items:
        k = key(item)
        if k not in best or (-item.confidence, item.extractor) < (-best[k].confidence, best[k].extractor):
            best[k] = item
    return [best[k] for k in sorted(best, key=repr)]


class _Statement(NamedTuple):
    iri: str
    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.Literal
    sentence: int
    extractor: str
    confidence: float


def _statements(ext: Extraction, entity_of: dict[int, Entity]) -> list[_Statement]:
    """Facts as typed triples with their statement IRI; ill-typed facts are left out."""
    out = []
    for fact in ext.facts:
        if fact.predicate not in FACT_SIGNATURES:
            raise bad_choice("fact predicate", fact.predicate, FACT_SIGNATURES)
        signature = FACT_SIGNATURES[fact.predicate]
        subject = entity_of.get(fact.subject)
        if subject is None or subject.type not in signature.subjects:
            continue
        if signature.literal is not None:
            literal = signature.literal(fact.value or "", ext.article.lang)
            # The IRI hashes the object as rdflib writes it (N3), so IRIs stay those of earlier builds.
            obj, obj_n3 = (ox_literal(literal), literal.n3()) if literal is not None else (None, "")
        else:
            target = entity_of.get(fact.object) if fact.object is not None else None
            ok = target is not None and target.type in signature.objects and target.key != subject.key
            obj = _entity(target.key) if ok else None
            obj_n3 = f"<{obj.value}>" if ok else ""
        if obj is None:
            continue
        s, p = _entity(subject.key), _KG[fact.predicate]
        sentence = ext.sentences[fact.sentence] if 0 <= fact.sentence < len(ext.sentences) else None
        bounds = (sentence.start, sentence.end) if sentence else (-1, -1)
        iri = str(iris.statement_iri(ext.article.id, s.value, p.value, obj_n3, *bounds))
        out.append(_Statement(iri, s, p, obj, fact.sentence, fact.extractor, fact.confidence))
    # Several mentions of the same entities in one sentence give one statement: keep the best rule.
    return _best(out, lambda st: st.iri)


def _add_fact(graph: _Quads, node: ox.NamedNode, ext: Extraction, st: _Statement) -> None:
    statement = ox.NamedNode(st.iri)
    graph.add(st.subject, st.predicate, st.object)
    graph.add(statement, _RDF.type, _RDF.Statement)
    graph.add(statement, _RDF.subject, st.subject)
    graph.add(statement, _RDF.predicate, st.predicate)
    graph.add(statement, _RDF.object, st.object)
    graph.add(statement, _PROV.wasDerivedFrom, node)
    _add_provenance(graph, statement, ext.sentences, st.sentence, st.extractor, st.confidence)


def _add_event(graph: _Quads, node: ox.NamedNode, ext: Extraction, event: Event,
               entity_of: dict[int, Entity]) -> None:
    if event.type not in EVENT_CLASSES:
        raise bad_choice("event type", event.type, EVENT_CLASSES)
    ev = ox.NamedNode(str(iris.event_iri(ext.article.id, event.type, event.trigger_start, event.trigger_end)))
    graph.add(ev, _RDF.type, _KG[event.type])
    parts: list[str] = []
    for role, index, allowed in (("agent", event.agent, ORGS + ("Person",)), ("target", event.target, ORGS),
                                 ("product", event.product, ("Product",))):
        entity = entity_of.get(index) if index is not None else None
        if entity is not None and entity.type in allowed:
            graph.add(ev, _KG[role], _entity(entity.key))
            parts.append(entity.label)
    for key in sorted({entity_of[i].key for i in event.places
                       if i in entity_of and entity_of[i].type in PLACES}):
        graph.add(ev, _KG.place, _entity(key))
        parts.append(next(entity_of[i].label for i in event.places if i in entity_of and entity_of[i].key == key))
    date = date_literal(event.date)
    if date is not None:
        graph.add(ev, _KG.date, ox_literal(date))
        parts.append(str(date))
    if event.amount is not None:
        graph.add(ev, _KG.amount, ox_decimal(event.amount, digits=2))
        if event.currency:
            graph.add(ev, _KG.currency, ox.Literal(event.currency.upper()))
    if event.status not in EVENT_STATUSES:
        raise bad_choice("event status", event.status, EVENT_STATUSES)
    graph.add(ev, _KG.status, ox.Literal(event.status))
    graph.add(ev, _RDFS.label, ox.Literal(f"{event.type}: {', '.join(parts)}" if parts else event.type))
    graph.add(ev, _PROV.wasDerivedFrom, node)
    graph.add(ev, _KG.trigger, ox.Literal(ext.article.text[event.trigger_start:event.trigger_end]))
    graph.add(ev, _KG.start, ox_integer(event.trigger_start))
    graph.add(ev, _KG.end, ox_integer(event.trigger_end))
    _add_provenance(graph, ev, ext.sentences, event.sentence, event.extractor, event.confidence)
