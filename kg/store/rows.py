"""Query rows: per article, the rows of the mention, fact and co-mention queries, one literal each.

At a million triples ``entity-mentions``, ``fact-sources`` and ``co-mentions`` take seconds: each
mention or statement joins eight or nine properties, one index lookup each, and no reordering of the
pattern avoids them (measured in the README, issue 19). So every article write also writes, in the
same transaction, one literal per mention, per statement and per pair of entities sharing a sentence,
made from the article's own quads: a query reads one triple where it joined nine.

The rows live in the counters graph (:data:`~kg.store.backends.COUNTERS`), which is no article: out of
the union, the dumps and :meth:`Store.article_graphs`, and dropped with the counters by any write
that bypasses the article methods. Each article's rows hang off a *row set* stamped with the article
and its content hash. A removal deletes them in its transaction (``counts.record_update``); a
replace deletes the old set just before the write (the replace is one SPARQL update the backend
builds), so a crash in between leaves an article without rows, never stale ones. :func:`rows_ready`
trusts the rows only when every article graph has exactly one row set, of its current hash, and
there is no other; otherwise (an RDF file, a store whose counters were dropped, a staged long article
written without rows, a copy of an article whose mentions name the original) ``kg.query`` runs the
plain query. An article whose data the literals cannot carry exactly (a mention of another article,
a language-tagged text, an unexpected datatype) gets no row set, with the same effect.
"""
from __future__ import annotations

import itertools
import uuid
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from kg.rdf.namespace import ID
from kg.store.backends import CONTENT_HASH, COUNTERS, KG_NS, SOURCE

#: field separator inside a row literal (a control character no article text carries; checked)
SEP = "\u001f"
ROW_ARTICLE = ox.NamedNode("urn:x-kg:rows/article")
ROW_HASH = ox.NamedNode("urn:x-kg:rows/hash")
MENTION_ROW = ox.NamedNode("urn:x-kg:rows/mention")
FACT_ROW = ox.NamedNode("urn:x-kg:rows/fact")
PAIR_ROW = ox.NamedNode("urn:x-kg:rows/pair")
SENTENCE_PAIR_ROW = ox.NamedNode("urn:x-kg:rows/sentence-pair")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = _RDF + "type"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
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
        mentions, facts, sentences = set(), set(), defaultdict(set)
        for subject, props in subjects.items():
            types = {t.value for t in props.get(_TYPE, []) if isinstance(t, ox.NamedNode)}
            # a mention or fact of another article (or of none) would join across graphs: not carried
            if (KG_NS + "mentionOf" in props or KG_NS + "Mention" in types) and \
                    props.get(KG_NS + "inArticle") != [graph]:
                raise _Unsupported(subject)
            if _RDF + "Statement" in types and props.get(_PROV_DERIVED) != [graph]:
                raise _Unsupported(subject)
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
                             (PAIR_ROW, sorted(set().union(*pairs.values())))):
        out += [ox.Quad(node, predicate, ox.Literal(text), COUNTERS) for text in texts]
    # a pair's sentences: one node per sentence, so that the query counts them as triples (grouping on
    # the stored literal costs nothing; parsing a count out of it costs a string operation per row)
    for i, (start, texts) in enumerate(sorted(pairs.items(), key=lambda kv: kv[0].value)):
        sentence = ox.NamedNode(f"{node.value}/{i}")
        out.append(ox.Quad(sentence, ROW_ARTICLE, graph, COUNTERS))
        out += [ox.Quad(sentence, SENTENCE_PAIR_ROW, ox.Literal(text), COUNTERS) for text in sorted(texts)]
    return out


def delete_update(graph_iri: str) -> str:
    """The SPARQL update deleting every row set of article ``graph_iri`` (run with its removal)."""
    return (f"DELETE WHERE {{ GRAPH <{COUNTERS.value}> {{ ?set <{ROW_ARTICLE.value}> <{graph_iri}> . "
            f"?set ?p ?o }} }}")


_READY = f"""SELECT (COUNT(?set) AS ?sets) (COUNT(?g) AS ?current) (COUNT(DISTINCT ?g) AS ?articles) WHERE {{
  GRAPH <{COUNTERS.value}> {{ ?set <{ROW_HASH.value}> ?h }}
  OPTIONAL {{ GRAPH <{COUNTERS.value}> {{ ?set <{ROW_ARTICLE.value}> ?g }} ?g <{CONTENT_HASH}> ?h }} }}"""
#: graphs decided over all articles (kg.store.corpus, kg.store.events): they hold no mention or fact
_DECIDED = frozenset({ox.NamedNode(f"{ID}corpus"), ox.NamedNode(f"{ID}events")})
#: written with the first row sets: a store without it has none yet (older, or its counters dropped)
_STARTED = ox.Quad(ox.NamedNode("urn:x-kg:rows"), ox.NamedNode("urn:x-kg:rows/started"), ox.Literal("1"), COUNTERS)


def rows_ready(ox_store: ox.Store) -> bool:
    """True when every article graph of the store has one row set, of its current content hash, and
    there is no other (so the queries read every row there is, with no check of the stamps)."""
    if _STARTED not in ox_store:
        return False
    graphs = sum(1 for g in ox_store.named_graphs() if g != COUNTERS and g not in _DECIDED)
    row = next(iter(ox_store.query(_READY)))
    return graphs > 0 and graphs == int(row["sets"].value) == int(row["current"].value) == int(row["articles"].value)


def write_rows(ox_store: ox.Store, graph_iri: str, quads: list[ox.Quad],
               made: list[ox.Quad] | None = None) -> list[ox.Quad]:
    """The row set to write with article ``graph_iri`` (its old one is deleted first: a crash in
    between leaves an article without rows, which :func:`rows_ready` sees); ``made``: the
    :func:`article_rows` of ``quads``, if a worker made them."""
    first = []
    if _STARTED not in ox_store:
        if any(g != COUNTERS for g in ox_store.named_graphs()):
            return []  # a store written before rows existed: start() builds them all or none
        first = [_STARTED]
    if ox_store.contains_named_graph(ox.NamedNode(graph_iri)):
        ox_store.update(delete_update(graph_iri))
    return first + (article_rows(graph_iri, quads) if made is None else made)


def start(ox_store: ox.Store) -> None:
    """Before a session's first write: a store with articles but no rows gets them (one full read)."""
    if _STARTED not in ox_store and any(g != COUNTERS for g in ox_store.named_graphs()):
        rebuild(ox_store)


def rebuild(ox_store: ox.Store) -> int:
    """Write the row sets of every article graph from scratch; returns how many articles have one."""
    ox_store.update(f"DELETE WHERE {{ GRAPH <{COUNTERS.value}> {{ ?set <{ROW_ARTICLE.value}> ?g . ?set ?p ?o }} }}")
    written = 0
    for graph in list(ox_store.named_graphs()):
        if graph != COUNTERS and graph not in _DECIDED:
            quads = article_rows(graph.value, ox_store.quads_for_pattern(None, None, None, graph))
            ox_store.extend(quads)
            written += bool(quads)
    ox_store.add(_STARTED)
    return written
