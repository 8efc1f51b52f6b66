"""Query rows: per article, the rows of the mention, fact, co-mention and event-report queries, one
literal each.

At a million triples ``entity-mentions``, ``fact-sources``, ``co-mentions`` and ``event-sources`` take
seconds: each mention or statement joins six to ten properties, one index lookup each, and no
reordering of the pattern avoids them (measured in the README, issue 19). So every article write also
writes, in the same transaction, one literal per mention, per statement, per pair of entities sharing a
sentence and per event mention (its event-sources row, and the key by which ``company-events`` and
``store-openings`` find an event's first report), made from the article's own quads: a query reads one
triple where it joined ten.

The rows live in the counters graph (:data:`~kg.store.backends.COUNTERS`), which is no article: out of
the union, the dumps and :meth:`Store.article_graphs`, and dropped with the counters by any write
that bypasses the article methods. Each article's rows hang off a *row set* stamped with the article
and its content hash. A replace deletes the old set in the write's own transaction
(:func:`replace_update`), a removal in its own (``counts.record_update``). An article whose data the
literals cannot carry exactly (a mention of another article, a language-tagged text, an unexpected
datatype), and a long article written in parts by :mod:`kg.store.staged`, get a *missing* marker
instead, in the same transaction. :func:`rows_ready` is then a few index lookups whatever the store's
size: the rows are trusted when the store has started them, holds at least one set and no marker;
otherwise (an RDF file, a store whose counters were dropped, a marked article) ``kg.query`` runs the
plain query. Direct pyoxigraph writes to an article graph bypass all this (as they bypass the union).
"""
from __future__ import annotations

import itertools
import uuid
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from kg.rdf.namespace import ID
from kg.store.backends import CONTENT_HASH, COUNTERS, KG_NS, SOURCE
from kg.types import EVENT_TYPES

#: field separator inside a row literal (a control character no article text carries; checked)
SEP = "\u001f"
ROW_ARTICLE = ox.NamedNode("urn:x-kg:rows/article")
ROW_HASH = ox.NamedNode("urn:x-kg:rows/hash")
MENTION_ROW = ox.NamedNode("urn:x-kg:rows/mention")
FACT_ROW = ox.NamedNode("urn:x-kg:rows/fact")
PAIR_ROW = ox.NamedNode("urn:x-kg:rows/pair")
SENTENCE_PAIR_ROW = ox.NamedNode("urn:x-kg:rows/sentence-pair")
#: an event mention's report (its IRI, then the key of event-sources' "first report") and its row
REPORT_ROW = ox.NamedNode("urn:x-kg:rows/report")
EVENT_ROW = ox.NamedNode("urn:x-kg:rows/event-mention")
_ROWS = ox.NamedNode("urn:x-kg:rows")
#: (_ROWS, MISSING, article): an article graph without a row set (see :func:`missing`)
MISSING = ox.NamedNode("urn:x-kg:rows/missing")
#: written with the first row sets: a store without it has none yet (older, or its counters dropped).
#: "2": missing markers kept; a store started as "1" may hold articles without rows and no marker
STARTED = ox.Quad(_ROWS, ox.NamedNode("urn:x-kg:rows/started"), ox.Literal("2"), COUNTERS)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = _RDF + "type"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_PUBLISHED = "https://schema.org/datePublished"
#: what kg.store.events merges into real-world events (kg:hasMention): event mentions and anaphors
_EVENT_CLASSES = frozenset([KG_NS + t for t in EVENT_TYPES] + [KG_NS + "EventMention"])
#: an event mention row (event-sources.rq), after its IRI: the values the query joins, each required
_EVENT = (("trigger", "string"), ("start", "integer"), ("sentence", "string"), ("sentenceStart", "integer"),
          ("sentenceEnd", "integer"))
#: (property, what its value must be) of a mention row, in the literal's order (entity-mentions.rq)
_MENTION = (("mentionOf", "iri"), ("text", "string"), ("start", "integer"), ("end", "integer"),
            ("sentence", "string"), ("extractor", "string"), ("confidence", "decimal"))
#: the same for a fact row (fact-sources.rq); the object is an IRI or any literal
_FACT = ((_RDF + "subject", "iri"), (_RDF + "predicate", "iri"), (_RDF + "object", "any"),
         ("sentence", "string"), ("sentenceStart", "integer"), ("sentenceEnd", "integer"),
         ("extractor", "string"), ("confidence", "decimal"))


class _Unsupported(Exception):
    """The article holds data a row literal cannot carry exactly: it gets no row set."""


def _field(term: ox.NamedNode | ox.Literal | ox.BlankNode, kind: str) -> str:
    if kind == "iri" or (kind == "any" and isinstance(term, ox.NamedNode)):
        if not isinstance(term, ox.NamedNode):
            raise _Unsupported(term)
        value = ("I" if kind == "any" else "") + term.value
    elif kind == "any" and isinstance(term, ox.Literal):
        value = "L" + term.value  # only its text is shown (fact-sources), so any datatype or language
    elif not isinstance(term, ox.Literal) or term.language:
        raise _Unsupported(term)
    elif term.datatype.value != _XSD + kind:
        raise _Unsupported(term)
    else:
        value = term.value
    if SEP in value:
        raise _Unsupported(term)
    return value


def _rows(props: dict[str, list], spec: tuple[tuple[str, str], ...], tail: list[str]) -> Iterable[str]:
    """The row literals of one subject: every combination of its values, as the query's join gives."""
    columns = [[_field(v, kind) for v in props.get(p if ":" in p else KG_NS + p, [])] for p, kind in spec]
    for combination in itertools.product(*columns, tail):
        yield SEP.join(combination)


def _str(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    """``STR(term)`` of SPARQL."""
    if isinstance(term, ox.BlankNode) or SEP in term.value:
        raise _Unsupported(term)
    return term.value


def _event_rows(subject: ox.NamedNode, props: dict[str, list], article: dict[str, list]) -> tuple[set, set]:
    """An event mention's report rows (its IRI and each key of the queries' first-report sub-select:
    publication or "~", source, sentence, tab-joined) and its event-sources rows (the required values,
    then status or "", anaphor, "s" + source or "-", "p" + publication or "-")."""
    iri = _field(subject, "iri")
    published, sources = [_str(p) for p in article.get(_PUBLISHED, [])], [_str(s) for s in article.get(SOURCE, [])]
    reports = {SEP.join((iri, f"{p}\t{s}\t{_str(sent)}")) for sent in props.get(KG_NS + "sentence", [])
               for p in published or ["~"] for s in sources or [""]}
    anaphor = "yes" if KG_NS + "EventMention" in {t.value for t in props.get(_TYPE, [])} else "no"
    tail = [SEP.join((st, anaphor, s, p)) for st in [_str(v) for v in props.get(KG_NS + "status", [])] or [""]
            for s in ["s" + v for v in sources] or ["-"] for p in ["p" + v for v in published] or ["-"]]
    return reports, {SEP.join((iri, row)) for row in _rows(props, _EVENT, tail)}


def article_rows(graph_iri: str, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The row set of an article graph about to be written as ``quads`` (empty when it cannot have one)."""
    graph = ox.NamedNode(graph_iri)
    subjects: dict[object, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        values = subjects[quad.subject][quad.predicate.value]
        if quad.object not in values:  # a graph is a set: a quad listed twice is one
            values.append(quad.object)
    own = subjects.get(graph, {})
    hashes = own.get(CONTENT_HASH, [])
    if len(hashes) != 1:
        return []
    try:
        # an absent source is an empty field marked "-" (the query's OPTIONAL leaves it unbound)
        sources = ["s" + _field(s, "string") for s in own.get(SOURCE, [])] or ["-"]
        mentions, facts, sentences, reports, events = set(), set(), defaultdict(set), set(), set()
        for subject, props in subjects.items():
            types = {t.value for t in props.get(_TYPE, []) if isinstance(t, ox.NamedNode)}
            # a mention or fact of another article (or of none) would join across graphs: not carried
            if (KG_NS + "mentionOf" in props or KG_NS + "Mention" in types) and \
                    props.get(KG_NS + "inArticle") != [graph]:
                raise _Unsupported(subject)
            if _RDF + "Statement" in types and props.get(_PROV_DERIVED) != [graph]:
                raise _Unsupported(subject)
            if types & _EVENT_CLASSES and _PROV_DERIVED in props:
                if props[_PROV_DERIVED] != [graph]:
                    raise _Unsupported(subject)
                found = _event_rows(subject, props, own)
                reports.update(found[0])
                events.update(found[1])
            if KG_NS + "Mention" in types:
                mentions.update(_rows(props, _MENTION, sources))
            if _RDF + "Statement" in types:
                facts.update(_rows(props, _FACT, sources))
            for entity in props.get(KG_NS + "mentionOf", []):
                for start in props.get(KG_NS + "sentenceStart", []):
                    sentences[start].add(_field(entity, "iri"))
        pairs: dict[object, set[str]] = defaultdict(set)
        for start, entities in sentences.items():
            pairs[start].update(SEP.join(p) for p in itertools.combinations(sorted(entities), 2))
    except _Unsupported:
        return []
    node = ox.NamedNode(f"urn:x-kg:rows/set/{uuid.uuid4().hex}")
    out = [ox.Quad(node, ROW_ARTICLE, graph, COUNTERS), ox.Quad(node, ROW_HASH, hashes[0], COUNTERS)]
    for predicate, texts in ((MENTION_ROW, sorted(mentions)), (FACT_ROW, sorted(facts)),
                             (PAIR_ROW, sorted(set().union(*pairs.values()))),
                             (REPORT_ROW, sorted(reports)), (EVENT_ROW, sorted(events))):
        out += [ox.Quad(node, predicate, ox.Literal(text), COUNTERS) for text in texts]
    # a pair's sentences: one node per sentence, so that the query counts them as triples (grouping on
    # the stored literal costs nothing; parsing a count out of it costs a string operation per row)
    for i, (start, texts) in enumerate(sorted(pairs.items(), key=lambda kv: kv[0].value)):
        sentence = ox.NamedNode(f"{node.value}/{i}")
        out.append(ox.Quad(sentence, ROW_ARTICLE, graph, COUNTERS))
        out += [ox.Quad(sentence, SENTENCE_PAIR_ROW, ox.Literal(text), COUNTERS) for text in sorted(texts)]
    return out


def missing(graph_iri: str) -> ox.Quad:
    """The marker of article ``graph_iri`` written without a row set (while it is there,
    :func:`rows_ready` is False)."""
    return ox.Quad(_ROWS, MISSING, ox.NamedNode(graph_iri), COUNTERS)


def delete_update(graph_iri: str) -> str:
    """The SPARQL update deleting every row set and the missing marker of article ``graph_iri`` (run
    with its removal, and before its replacement in the same transaction)."""
    return (f"DELETE WHERE {{ GRAPH <{COUNTERS.value}> {{ ?set <{ROW_ARTICLE.value}> <{graph_iri}> . "
            f"?set ?p ?o }} }} ;\nDELETE DATA {{ GRAPH <{COUNTERS.value}> {{ {missing(graph_iri).triple} }} }}")


#: graphs decided over all articles (kg.store.corpus, kg.store.events): they hold no mention or fact
_DECIDED = frozenset({ox.NamedNode(f"{ID}corpus"), ox.NamedNode(f"{ID}events")})


def rows_ready(ox_store: ox.Store) -> bool:
    """True when every article graph of the store has one row set, of its current content hash, and
    there is no other (so the queries read every row there is, with no check of the stamps).

    Three index lookups, whatever the store's size: every article write keeps the rows or marks the
    article :func:`missing` in its own transaction, and a removal deletes both, so the store has
    complete rows when it started them, has a row set (so an article) and no marker."""
    return (STARTED in ox_store
            and next(ox_store.quads_for_pattern(_ROWS, MISSING, None, COUNTERS), None) is None
            and next(ox_store.quads_for_pattern(None, ROW_HASH, None, COUNTERS), None) is not None)


def write_rows(ox_store: ox.Store, graph_iri: str, quads: list[ox.Quad],
               made: list[ox.Quad] | None = None) -> tuple[list[ox.Quad], str]:
    """The row set to write with article ``graph_iri`` (or its missing marker), and the update to run
    first in the same transaction when the article replaces an older version (its old set deleted);
    ``made``: the :func:`article_rows` of ``quads``, if a worker made them."""
    if ox.NamedNode(graph_iri) in _DECIDED:
        return [], ""
    first = []
    if STARTED not in ox_store:
        if any(g != COUNTERS for g in ox_store.named_graphs()):
            return [], ""  # a store written before rows existed: start() builds them all or none
        first = [STARTED]
    rows = article_rows(graph_iri, quads) if made is None else made
    replaced = delete_update(graph_iri) if ox_store.contains_named_graph(ox.NamedNode(graph_iri)) else ""
    return first + (rows or [missing(graph_iri)]), replaced


def start(ox_store: ox.Store) -> None:
    """Before a session's first write: a store with articles but no rows gets them (one full read)."""
    if STARTED not in ox_store and any(g != COUNTERS for g in ox_store.named_graphs()):
        rebuild(ox_store)


def rebuild(ox_store: ox.Store) -> int:
    """Write the row sets of every article graph from scratch; returns how many articles have one."""
    ox_store.update(f"DELETE WHERE {{ GRAPH <{COUNTERS.value}> {{ ?set <{ROW_ARTICLE.value}> ?g . ?set ?p ?o }} }} ;\n"
                    f"DELETE WHERE {{ GRAPH <{COUNTERS.value}> {{ <{_ROWS.value}> ?p ?o }} }}")  # markers, older starts
    written = 0
    for graph in list(ox_store.named_graphs()):
        if graph != COUNTERS and graph not in _DECIDED:
            quads = article_rows(graph.value, ox_store.quads_for_pattern(None, None, None, graph))
            ox_store.extend(quads or [missing(graph.value)])
            written += bool(quads)
    ox_store.add(STARTED)
    return written
