"""Sentences and name mentions of a parsed article (the spaCy entities as typed by ``kg_type_vote``)."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc

from kg.extract.relations_slots import slot_mentions
from kg.types import Article, Mention, Sentence


def sentences(doc: Doc, article: Article) -> tuple[Sentence, ...]:
    """The article's sentences, whitespace trimmed, with text from the original article.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> *_, art = make_article("Acme opened a store. It was busy.", ident="a", source="a.txt", lang="en")
    >>> [s.text for s in sentences(get_pipeline("en")(art.text), art)]
    ['Acme opened a store.', 'It was busy.']
    """
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = article.text[start:end]
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        out.append(Sentence(start, start + len(stripped), stripped))
    return tuple(out)


def sentence_at(sents: tuple[Sentence, ...], char: int) -> int:
    """Index of the sentence holding character ``char`` (the nearest one before it otherwise).

    Examples
    --------
    >>> sentence_at((Sentence(0, 5, "Hello"), Sentence(6, 11, "World")), 7)
    1
    """
    starts = [s.start for s in sents]
    return max(0, bisect.bisect_right(starts, char) - 1)


def entity_mentions(doc: Doc, article: Article, sents: tuple[Sentence, ...]) -> list[Mention]:
    """Name mentions (organisations, people, places, products), sorted by offset.

    Only spans typed by the ``kg_type_vote`` component are mentions: dates, numbers and nationalities
    stay out, as does anything the clean-up dropped (emoji, hashtags, navigation text).

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> *_, art = make_article("Airbus opened a plant in Toulouse.", ident="a", source="a.txt", lang="en")
    >>> doc = get_pipeline("en")(art.text)
    >>> [(m.text, m.type) for m in entity_mentions(doc, art, sentences(doc, art))]
    [('Airbus', 'Company'), ('Toulouse', 'City')]
    """
    types = doc._.kg_types or {}
    out = []
    for ent in doc.ents:
        info = types.get((ent.start_char, ent.end_char))
        if info is None:
            continue
        kind, conf, extractor = info
        out.append(Mention(ent.start_char, ent.end_char, article.text[ent.start_char:ent.end_char],
                           kind, sentence_at(sents, ent.start_char), extractor, conf))
    # organisations the model missed in a relation's slot ("CEO of Harrow Mills")
    return sorted(out + slot_mentions(doc, article.text, out, lambda c: sentence_at(sents, c)))
