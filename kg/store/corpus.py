"""The corpus graph: what :func:`kg.resolve.corpus.decide` decides over every article of a store.

Article graphs stay what each article says on its own (built in any order, by any worker). The corpus
graph (:data:`CORPUS_GRAPH`) is recomputed from them after every build, add and remove, so it is a pure
function of the articles in the store: a clean build, an incremental one, ``--workers 2`` or Dask give
the same graph, and removing the article that decided an entity's class re-decides it. It holds:

* ``?mention kg:corpusEntity ?entity`` for each mention whose corpus entity is not the one its article
  gave ("GM" in an article that never spells it out -> General Motors);
* ``?entity kg:corpusClass ?class`` for each corpus entity that some article typed otherwise, or that
  other keys joined, with ``kg:resolution`` saying why.

A reader takes ``COALESCE(?corpusEntity, ?mentionOf)`` and ``COALESCE(?corpusClass, ?class)``
(:func:`kg.query.api.graph_data` does, so ``kg stats`` counts each entity once).
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from kg.rdf.namespace import ID, KG
from kg.resolve.corpus import Decision, Seen, decide
from kg.store.corpus_rows import REFERRING
from kg.store.counts import drop_decided_graph
from kg.types import ENTITY_TYPES, Mention

CORPUS_GRAPH = f"{ID}corpus"


def _key(iri: str) -> str:
    return iri.removeprefix(str(ID))


def corpus_rows(store) -> tuple[list[Seen], dict[tuple[str, str], list[str]]]:
    """The :class:`~kg.resolve.corpus.Seen` rows of every article graph of ``store`` (keys are entity IRIs
    without the ``id:`` prefix), and each (article, key)'s mention IRIs."""
    from kg.nlp.names import name_key
    from kg.rdf.iris import entity_iri
    from kg.resolve.resolver import mention_key  # the NLP stack: only this full read needs it

    hashes = store.article_hashes()
    types: dict[tuple[str, str], str] = {}
    labels: dict[tuple[str, str], tuple[str, str]] = {}
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    classes = " ".join(f"<{KG._NS}{c}>" for c in ENTITY_TYPES)
    for row in store.query(f"""SELECT ?g ?e ?c ?l WHERE {{ VALUES ?c {{ {classes} }} GRAPH ?g {{ ?e a ?c .
                               OPTIONAL {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }} }}"""):
        item = (row["g"].value, _key(row["e"].value))
        if item[0] not in hashes:
            continue
        types[item] = min(types.get(item, "~"), row["c"].value.removeprefix(str(KG._NS)))
        if row["l"] is not None:
            labels[item] = min(labels.get(item, (row["l"].value, "")), (row["l"].value, row["l"].language or "en"))
    for row in store.query("""SELECT ?g ?e ?a WHERE { GRAPH ?g {
                               ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?a } }"""):
        item = (row["g"].value, _key(row["e"].value))
        if item in types:
            aliases[item].add(row["a"].value)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    mentions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in store.query(f"""SELECT ?g ?e ?m ?x WHERE {{ GRAPH ?g {{ ?m <{KG.mentionOf}> ?e .
                               OPTIONAL {{ ?m <{KG.extractor}> ?x }} }} }}"""):
        item = (row["g"].value, _key(row["e"].value))
        mentions[item].append(row["m"].value)
        if row["x"] is None or row["x"].value not in REFERRING:
            counts[item] += 1
    rows = []
    for item, kind in sorted(types.items()):
        article, key = item
        alias_keys = set()
        for alias in aliases[item]:
            alias_key = mention_key(Mention(0, len(alias), alias, kind, 0, "", 1.0), labels.get(item, ("", "en"))[1])[0]
            alias_keys.add(_key(str(entity_iri(alias_key))))
        label, lang = labels.get(item, ("", "en"))
        name = name_key(label, lang) if label else ""
        rows.append(Seen(article, key, kind, counts[item], tuple(sorted(alias_keys - {key})), name))
    return rows, {k: sorted(v) for k, v in mentions.items()}


def corpus_quads(decision: Decision, rows: list[Seen], mentions: dict[tuple[str, str], list[str]]) -> list[ox.Quad]:
    """The quads of the corpus graph for ``decision`` (sorted, so the graph is written identically)."""
    graph = ox.NamedNode(CORPUS_GRAPH)
    out: set[ox.Quad] = set()
    classes: dict[str, set[str]] = defaultdict(set)
    joined: set[str] = set()
    for row in rows:
        target = decision.of(row.article, row.key)
        classes[target].add(row.type)
        if target != row.key:
            joined.add(target)
            for m in mentions.get((row.article, row.key), []):
                out.add(ox.Quad(ox.NamedNode(m), ox.NamedNode(KG.corpusEntity), ox.NamedNode(f"{ID}{target}"), graph))
    for key, cls in sorted(decision.types.items()):
        if key in joined or classes[key] != {cls}:
            node = ox.NamedNode(f"{ID}{key}")
            out.add(ox.Quad(node, ox.NamedNode(KG.corpusClass), ox.NamedNode(f"{KG._NS}{cls}"), graph))
            why = "; ".join(decision.why.get(key, ())) or f"class {cls} decided over all the mentions of the corpus"
            out.add(ox.Quad(node, ox.NamedNode(KG.resolution), ox.Literal(f"corpus: {why}"), graph))
    return sorted(out, key=str)


def refresh(store) -> int:
    """Bring the corpus graph of ``store`` up to date with its articles: re-decide only what the articles
    written or removed since the last refresh touch (:mod:`kg.store.corpus_scope`) when the store keeps
    their rows (:func:`kg.store.corpus_rows.ready`), else :func:`rebuild`. Returns how many quads the
    scoped refresh changed, or the corpus graph's size after a rebuild."""
    from kg.store.corpus_rows import ready
    from kg.store.corpus_scope import refresh as scoped

    ox_store = getattr(store._live(), "ox", None)
    if ox_store is not None and ready(ox_store):
        changed = scoped(store, CORPUS_GRAPH, corpus_quads)
        if changed is not False:
            return changed or 0
    return rebuild(store)


def rebuild(store) -> int:
    """Recompute and replace the whole corpus graph of ``store`` (and, for a local store, rewrite every
    article's corpus rows, :mod:`kg.store.corpus_rows`); returns its number of triples."""
    from kg.store.corpus_rows import rebuild_sets

    ox_store = getattr(store._live(), "ox", None)
    rows, mentions = corpus_rows(store) if ox_store is None else rebuild_sets(ox_store)
    quads = corpus_quads(decide(rows), rows, mentions)
    if quads:
        store.replace_article_quads(CORPUS_GRAPH, quads)
    else:  # nothing decided across articles: no corpus graph at all, as in a clean build
        drop_decided_graph(store, CORPUS_GRAPH)
    return len(quads)
