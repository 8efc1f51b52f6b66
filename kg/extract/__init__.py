"""Extraction: a parsed article -> :class:`~kg.types.Extraction` (mentions, dates, facts, events).

Each step is a pure function of the Doc and what earlier steps found:
sentences -> name mentions -> aliases and coreferent mentions -> dates -> company relations -> events.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.aliases import alias_mentions
from kg.extract.coref import coref_mentions
from kg.extract.dates import extract_dates
from kg.extract.entities import entity_mentions, sentences
from kg.extract.events import extract_events
from kg.extract.presence import presence_facts
from kg.extract.relations import extract_facts
from kg.extract.relations.filters import drop_former_roles, drop_second_based_holder
from kg.extract.relations.model import model_facts
from kg.extract.relations.origin import origin_facts
from kg.nlp.cues import doc_text
from kg.types import Article, Extraction, Mention


def _merge(named: list[Mention], corefs: list[Mention]) -> list[Mention]:
    """Named and coreferent mentions in offset order, antecedent indices remapped."""
    allm = [(m, "n", i) for i, m in enumerate(named)] + [(m, "c", i) for i, m in enumerate(corefs)]
    allm.sort(key=lambda x: (x[0].start, x[0].end))
    new_index = {(kind, i): k for k, (_, kind, i) in enumerate(allm)}
    return [m if m.antecedent is None else m._replace(antecedent=new_index[("n", m.antecedent)])
            for m, _, _ in allm]


def _relation_facts(doc, sents, mentions, dates, *, relation_model: bool = True) -> list:
    facts = list(extract_facts(doc, sents, mentions, dates))
    if not relation_model:
        return facts
    # the trained classifier adds (English) facts the rules miss and vetoes unlikely rule facts
    # (the checks below read the classifier's facts against the sentence: "Former Nokia CEO ...", "X-based")
    combined = drop_former_roles(doc, mentions, model_facts(doc, sents, mentions, dates, facts))
    return drop_second_based_holder(doc, mentions, combined)


def extract(doc: Doc, article: Article, *, relation_model: bool = True) -> Extraction:
    """Everything extracted from one parsed article.

    ``relation_model=False`` keeps the rule facts only (the relation classifier is trained on them).

    Examples
    --------
    >>> from kg.nlp import parse
    >>> from kg.ingest import make_article
    >>> *_, art = make_article("Airbus opened a store in Toulouse on 3 March 2024.", ident="a",
    ...                        source="a.txt", lang="en")
    >>> article, doc = next(parse([art]))
    >>> ex = extract(doc, article)
    >>> [(e.type, e.status, e.date) for e in ex.events]
    [('StoreOpening', 'done', '2024-03-03')]
    """
    sents = sentences(doc, article)
    named = entity_mentions(doc, article, sents)
    named, aliases = alias_mentions(doc_text(doc), named, lang=article.lang)
    mentions = _merge(named, aliases + coref_mentions(doc, article, sents, named))
    dates = extract_dates(doc, article, sents)
    facts = _relation_facts(doc, sents, tuple(mentions), tuple(dates), relation_model=relation_model)
    events = extract_events(doc, article, sents, mentions, dates)
    # a store opened or a market entered somewhere is presence there (the event's sentence is the source)
    said = {(f.subject, f.predicate, f.object) for f in facts}
    facts += [f for f in presence_facts(mentions, events) if (f.subject, f.predicate, f.object) not in said]
    # a demonym's country is read last: it is no place of any event or other fact ("le chinois X ouvre à Paris")
    countries, origins = origin_facts(doc, mentions, article.lang)
    mentions += countries
    facts += origins
    facts.sort(key=lambda f: (f.sentence, f.subject, f.predicate, f.object or -1, f.value or ""))
    return Extraction(article, sents, tuple(mentions), tuple(dates), tuple(facts), tuple(events))
