"""Build the named graph of one article from its resolved extraction (the model of ontology/MODEL.md).

Pure and deterministic: the graph depends only on the ``Resolved`` value, never on other articles, on
time or on set order. Facts whose subject or object types do not fit the property's domain and range
(a ``ceo`` that is a place) are left out, so every graph this module builds passes ``shapes.ttl``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import bad_choice
from kg.rdf import iris
from kg.rdf.literals import date_literal, decimal_literal, title_literal
from kg.rdf.namespace import KG, SCHEMA, bind_prefixes
from kg.types import ENTITY_TYPES, EVENT_STATUSES, EVENT_TYPES, Entity, Event, Extraction, Fact, Resolved, Sentence

ORGS = ("Organization", "Company")
PLACES = ("Place", "Country", "City", "Region", "Facility")
#: entity type -> ontology class
ENTITY_CLASSES: dict[str, URIRef] = {t: KG[t] for t in ENTITY_TYPES}
#: event type -> ontology class
EVENT_CLASSES: dict[str, URIRef] = {t: KG[t] for t in EVENT_TYPES}


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


def article_graph(resolved: Resolved) -> Graph:
    """The named graph of one article: metadata, entities, mentions, facts, events, provenance.

    Parameters
    ----------
    resolved
        One article's extraction with its mentions mapped to entities.

    Returns
    -------
    rdflib.Graph
        Identifier = the article IRI (see ``kg.rdf.iris.article_iri``).

    Examples
    --------
    >>> import datetime
    >>> from kg.types import Article, Extraction, Resolved
    >>> art = Article("a.txt", "a.txt", None, "Hi.", "Hi", datetime.date(2020, 1, 2), "en", None, (), "0" * 64)
    >>> g = article_graph(Resolved(Extraction(art, (), (), (), (), ()), (), ()))
    >>> len(g), str(g.identifier).rsplit("/", 1)[1]
    (7, 'a-txt-cfc7b48853')
    """
    ext = resolved.extraction
    article = ext.article
    node = iris.article_iri(article.id)
    graph = Graph(identifier=node)
    bind_prefixes(graph)
    _add_article(graph, node, ext)
    entities = {e.key: e for e in resolved.entities}
    mentioned = _add_mentions(graph, node, resolved, entities)
    described = {key: entities[key] for key in mentioned}
    for key in sorted(mentioned):
        _add_entity(graph, entities[key], described, article.lang)
        graph.add((node, SCHEMA.mentions, iris.entity_iri(key)))
    entity_of = _mention_entities(resolved, mentioned, entities)
    for statement in _statements(ext, entity_of):
        _add_fact(graph, node, ext, statement)
    for event in _best(ext.events, _event_key):
        _add_event(graph, node, ext, event, entity_of)
    return graph


def _add_article(graph: Graph, node: URIRef, ext: Extraction) -> None:
    article = ext.article
    graph.add((node, RDF.type, KG.Article))
    graph.add((node, SCHEMA.headline, Literal(article.title or article.id, lang=article.lang or None)))
    graph.add((node, SCHEMA.inLanguage, Literal(article.lang)))
    graph.add((node, KG.source, Literal(article.source)))
    graph.add((node, KG.contentHash, Literal(article.content_hash)))
    graph.add((node, SCHEMA.text, Literal(article.text)))
    if article.published is not None:
        graph.add((node, SCHEMA.datePublished, Literal(article.published.isoformat(), datatype=XSD.date)))
    if article.url:
        graph.add((node, SCHEMA.url, URIRef(_safe_iri(article.url))))


def _safe_iri(text: str) -> str:
    # Characters that are illegal in an IRI are percent-encoded; the rest (accents too) are kept.
    return "".join(c if c > " " and c not in '<>"{}|\\^`' else f"%{ord(c):02X}" for c in text)


def _add_mentions(graph: Graph, node: URIRef, resolved: Resolved, entities: dict[str, Entity]) -> set[str]:
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
        m = iris.mention_iri(ext.article.id, mention.start, mention.end)
        graph.add((m, RDF.type, KG.Mention))
        graph.add((m, KG.mentionOf, iris.entity_iri(key)))
        graph.add((m, KG.inArticle, node))
        graph.add((m, KG.text, Literal(mention.text)))
        graph.add((m, KG.start, Literal(mention.start)))
        graph.add((m, KG.end, Literal(mention.end)))
        _add_provenance(graph, m, ext.sentences, mention.sentence, mention.extractor, mention.confidence)
    return mentioned


def _add_provenance(graph: Graph, node: URIRef, sentences: tuple[Sentence, ...], sentence: int,
                    extractor: str, confidence: float) -> None:
    if 0 <= sentence < len(sentences):
        s = sentences[sentence]
        graph.add((node, KG.sentence, Literal(s.text)))
        graph.add((node, KG.sentenceStart, Literal(s.start)))
        graph.add((node, KG.sentenceEnd, Literal(s.end)))
    graph.add((node, KG.extractor, Literal(extractor)))
    graph.add((node, KG.confidence, decimal_literal(min(1.0, max(0.0, confidence)), digits=4)))


def _add_entity(graph: Graph, entity: Entity, entities: dict[str, Entity], lang: str) -> None:
    node = iris.entity_iri(entity.key)
    if entity.type not in ENTITY_CLASSES:
        raise bad_choice(f"entity type of {entity.key!r}:", entity.type, ENTITY_CLASSES)
    label_lang = entity.lang or lang or None
    graph.add((node, RDF.type, ENTITY_CLASSES[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.label, lang=label_lang)))
    for alias in sorted(set(entity.aliases) - {entity.label}):
        graph.add((node, SKOS.altLabel, Literal(alias, lang=label_lang)))
    for same in sorted(set(entity.same_as)):
        graph.add((node, OWL.sameAs, URIRef(_safe_iri(same))))
    if entity.why:
        graph.add((node, KG.resolution, Literal(entity.why)))
    if entity.lat is not None and entity.lon is not None:
        graph.add((node, SCHEMA.latitude, decimal_literal(entity.lat)))
        graph.add((node, SCHEMA.longitude, decimal_literal(entity.lon)))
    parent = entities.get(entity.parent) if entity.parent else None
    # A parent link is kept only when the parent is described in this graph too (no dangling IRIs).
    if parent is None or parent.key == entity.key:
        return
    if entity.type in PLACES and parent.type in PLACES:
        graph.add((node, KG.locatedIn, iris.entity_iri(parent.key)))
        if parent.type == "Country" and entity.type != "Country":
            graph.add((node, KG.country, iris.entity_iri(parent.key)))
    elif entity.type in ORGS and parent.type in ORGS:
        graph.add((node, KG.subsidiaryOf, iris.entity_iri(parent.key)))


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
    iri: URIRef
    subject: URIRef
    predicate: URIRef
    object: URIRef | Literal
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
            obj = signature.literal(fact.value or "", ext.article.lang)
        else:
            target = entity_of.get(fact.object) if fact.object is not None else None
            ok = target is not None and target.type in signature.objects and target.key != subject.key
            obj = iris.entity_iri(target.key) if ok else None
        if obj is None:
            continue
        s, p = iris.entity_iri(subject.key), KG[fact.predicate]
        sentence = ext.sentences[fact.sentence] if 0 <= fact.sentence < len(ext.sentences) else None
        bounds = (sentence.start, sentence.end) if sentence else (-1, -1)
        iri = iris.statement_iri(ext.article.id, str(s), str(p), obj.n3(), *bounds)
        out.append(_Statement(iri, s, p, obj, fact.sentence, fact.extractor, fact.confidence))
    # Several mentions of the same entities in one sentence give one statement: keep the best rule.
    return _best(out, lambda st: st.iri)


def _add_fact(graph: Graph, node: URIRef, ext: Extraction, st: _Statement) -> None:
    graph.add((st.subject, st.predicate, st.object))
    graph.add((st.iri, RDF.type, RDF.Statement))
    graph.add((st.iri, RDF.subject, st.subject))
    graph.add((st.iri, RDF.predicate, st.predicate))
    graph.add((st.iri, RDF.object, st.object))
    graph.add((st.iri, PROV.wasDerivedFrom, node))
    _add_provenance(graph, st.iri, ext.sentences, st.sentence, st.extractor, st.confidence)


def _add_event(graph: Graph, node: URIRef, ext: Extraction, event: Event, entity_of: dict[int, Entity]) -> None:
    if event.type not in EVENT_CLASSES:
        raise bad_choice("event type", event.type, EVENT_CLASSES)
    ev = iris.event_iri(ext.article.id, event.type, event.trigger_start, event.trigger_end)
    graph.add((ev, RDF.type, EVENT_CLASSES[event.type]))
    parts: list[str] = []
    for role, index, allowed in (("agent", event.agent, ORGS + ("Person",)), ("target", event.target, ORGS),
                                 ("product", event.product, ("Product",))):
        entity = entity_of.get(index) if index is not None else None
        if entity is not None and entity.type in allowed:
            graph.add((ev, KG[role], iris.entity_iri(entity.key)))
            parts.append(entity.label)
    for key in sorted({entity_of[i].key for i in event.places
                       if i in entity_of and entity_of[i].type in PLACES}):
        graph.add((ev, KG.place, iris.entity_iri(key)))
        parts.append(next(entity_of[i].label for i in event.places if i in entity_of and entity_of[i].key == key))
    date = date_literal(event.date)
    if date is not None:
        graph.add((ev, KG.date, date))
        parts.append(str(date))
    if event.amount is not None:
        graph.add((ev, KG.amount, decimal_literal(event.amount, digits=2)))
        if event.currency:
            graph.add((ev, KG.currency, Literal(event.currency.upper())))
    if event.status not in EVENT_STATUSES:
        raise bad_choice("event status", event.status, EVENT_STATUSES)
    graph.add((ev, KG.status, Literal(event.status)))
    graph.add((ev, RDFS.label, Literal(f"{event.type}: {', '.join(parts)}" if parts else event.type)))
    graph.add((ev, PROV.wasDerivedFrom, node))
    graph.add((ev, KG.trigger, Literal(ext.article.text[event.trigger_start:event.trigger_end])))
    graph.add((ev, KG.start, Literal(event.trigger_start)))
    graph.add((ev, KG.end, Literal(event.trigger_end)))
    _add_provenance(graph, ev, ext.sentences, event.sentence, event.extractor, event.confidence)
