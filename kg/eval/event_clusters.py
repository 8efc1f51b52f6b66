"""The product's event-coreference decision on benchmark outputs, as the store makes it: which event mentions
the events graph merges into one real-world event (:mod:`kg.resolve.events`). Read by the event-merge scores
(MEANTIME, the French gold, the SENTiVENT judgements) and by the gold scorer, which counts an event the graph
shows once as one."""
from __future__ import annotations

from kg.eval.system import Output
from kg.resolve.events import decide
from kg.types import Event


def event_clusters(outputs: list[Output]) -> dict[str, str]:
    """The product's event-coreference clusters: event mention IRI -> cluster (its first mention's IRI).

    The rows are built from each article's extraction as its graph states them
    (:func:`kg.rdf.anaphors.event_mentions`: entity keys of the roles, anaphors with their antecedent) and
    clustered across all articles at once by :func:`kg.resolve.events.decide`, as the store does. Give
    outputs whose keys are the corpus decision's (:func:`kg.eval.entity_audit.corpus_outputs`): the
    store's events graph compares roles after it.
    """
    from kg.rdf.anaphors import event_mentions
    from kg.rdf.facts import best, event_key

    rows = []
    for output in outputs:
        entities = {e.key: e for e in output.entities}
        entity_of = {i: entities[k] for i, k in enumerate(output.keys) if k in entities and output.kept[i]}
        rows += event_mentions(output.extraction, best(output.extraction.events, event_key), entity_of)
    return {iri: cluster.mentions[0] for cluster in decide(rows) for iri in cluster.mentions}


def event_cluster_key(article_id: str, event: Event) -> str:
    """The event mention IRI of ``event`` (:func:`kg.rdf.anaphors.mention_iri`), the key of :func:`event_clusters`."""
    from kg.rdf.iris import event_iri

    return str(event_iri(article_id, event.type, event.trigger_start, event.trigger_end))


def event_cluster_of(output: Output) -> list[str]:
    """For each of ``output``'s event mentions (``extraction.events``, in order), the event the product merges
    it into within its article: the graph shows that event once."""
    clusters = event_clusters([output])
    art = output.extraction.article.id
    return [clusters.get(k, k) for k in (event_cluster_key(art, e) for e in output.extraction.events)]
