"""A long article's graph in parts: :func:`kg.rdf.article_quads` run on slices of its resolved extraction.

The graph of one article is a set, and almost all of it is local: a mention node, a fact statement, an
event node depend on their own record, the entities they point to and their sentence. So the graph of a
long article is built slice by slice (:data:`SLICE_SENTENCES` sentences at a time, with their mentions and
facts) and the union of the slices is the whole article's graph, provided each slice also carries what its
records point to:

* every mention its facts refer to, and every mention of the same span (the first one mapped wins);
* one mention of the parent of each entity it describes (a parent link is written only when the parent
  is described in the same graph);
* the events are not sliced: one extra part holds them all with the mentions their roles name, because an
  event anaphor ("the deal") is read over the whole text against every event.

Each part repeats the article's own node (a few quads) and the entities it mentions: the store keeps a
graph as a set. Only one part's quads are alive at a time.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from kg.types import Extraction, Resolved

#: sentences per part of a long article's graph
SLICE_SENTENCES = 1000


def graph_parts(resolved: Resolved, *, size: int | None = None) -> Iterator[list[ox.Quad]]:
    """The quads of ``resolved``'s article graph, part by part (their union is :func:`article_quads`'s)."""
    from kg.rdf import article_quads
    from kg.rdf.iris import article_iri

    ext, size = resolved.extraction, size or SLICE_SENTENCES
    by_span: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_sentence: dict[int, list[int]] = defaultdict(list)
    first_of: dict[str, int] = {}
    for i, m in enumerate(ext.mentions):
        by_span[(m.start, m.end)].append(i)
        by_sentence[m.sentence].append(i)
        key = resolved.mention_entity[i] if i < len(resolved.mention_entity) else None
        if key is not None:
            first_of.setdefault(key, i)
    parents = {e.key: e.parent for e in resolved.entities if e.parent}

    def sub(indices: set[int], facts: list, events: tuple) -> Resolved:
        for i in list(indices):  # the parents of what the part describes, then every mention of each span
            parent = parents.get(resolved.mention_entity[i]) if i < len(resolved.mention_entity) else None
            if parent in first_of:
                indices.add(first_of[parent])
        indices = {j for i in indices for j in by_span[(ext.mentions[i].start, ext.mentions[i].end)]}
        order = sorted(indices)
        new = {old: k for k, old in enumerate(order)}
        mentions = tuple(ext.mentions[i]._replace(antecedent=new.get(ext.mentions[i].antecedent)) for i in order)
        keys = tuple(resolved.mention_entity[i] if i < len(resolved.mention_entity) else None for i in order)
        facts = tuple(f._replace(subject=new[f.subject], object=None if f.object is None else new[f.object])
                      for f in facts)
        events = tuple(e._replace(agent=new.get(e.agent), target=new.get(e.target), product=new.get(e.product),
                                  places=tuple(new[p] for p in e.places)) for e in events)
        return Resolved(Extraction(ext.article, ext.sentences, mentions, (), facts, events), resolved.entities, keys)

    facts_of: dict[int, list] = defaultdict(list)
    for f in ext.facts:
        facts_of[f.sentence // size].append(f)
    node, own = ox.NamedNode(str(article_iri(ext.article.id))), set()
    for part in range((len(ext.sentences) + size - 1) // size or 1):
        facts = facts_of.pop(part, [])
        indices = {i for s in range(part * size, (part + 1) * size) for i in by_sentence.get(s, ())}
        indices |= {i for f in facts for i in (f.subject, f.object) if i is not None}
        yield _once(article_quads(sub(indices, facts, ())).quads, node, own)
    roles = {i for e in ext.events for i in (e.agent, e.target, e.product, *e.places) if i is not None}
    yield _once(article_quads(sub(roles, [], ext.events)).quads, node, own)


def _once(quads: list[ox.Quad], node: ox.NamedNode, own: set[ox.Quad]) -> list[ox.Quad]:
    # The article node's quads (its whole text among them) go with the first part only: repeated in each
    # part, the text alone made the write grow with the square of the length.
    if not own:
        own.update(q for q in quads if q.subject == node)
        return quads
    return [q for q in quads if q.subject != node or q not in own]
