"""Capitalised common words that are no name: a title-case heading's words ("Acme Mulls Sanctions"), a
phrase of common words only headings capitalise ("an Inflection Point"), an adverb and its adjectives
("Highly Attractive"). :func:`kg.nlp.names.keeps_name` drops such spans.
"""
from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.lexicon.words import words
from kg.nlp.cues import doc_text, word_hits
from kg.nlp.folding import folded_words, mostly_capitalised


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # read on first use: importing spacy.lang.fr builds its tokenizer exceptions (5 s of CPU), which every
    # command that only opens the store (kg remove, kg query) would otherwise pay through kg.resolve
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP
    return frozenset(EN_STOP | FR_STOP)



_ORG_WORDS = ("company_head", "org_head", "group_word", "legal_suffix")


def _common(tok: Token, known) -> bool:
    """A common word, inflected or not: a heading's capitals defeat the lemmatizer ("Mulls")."""
    low = tok.lower_
    return low in known.common or tok.lemma_.lower() in known.common or (low.endswith("s") and low[:-1] in known.common)


def common_phrase(doc: Doc, span: Span, lang: str) -> bool:
    r"""True when a capitalised phrase of several words is common words, not a name.

    Either every word is a common word (WordNet's, :mod:`kg.lexicon.words`) and only
    title-case headings capitalise the phrase ("Facebook Nears an Inflection Point", "Acme Mulls Sanctions"),
    or it is an adverb and the words it qualifies, adjectives or adverbs ("rates the stock as Highly
    Attractive"): no name opens with an adverb. A name of common words written in a running sentence ("General Motors
    said") stays.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbit Nears Its Inflection Point\nOrbit rates Delta Air Lines as Highly Attractive.")
    >>> [common_phrase(doc, doc.char_span(s, e), "en") for s, e in ((16, 32), (45, 60), (64, 81))]
    [True, False, True]
    """
    tokens = [t for t in span if t.is_alpha]
    if len(tokens) < 2 or span.text.isupper():
        return False
    known = words(lang)
    folded = [t.lower_ for t in tokens]
    if folded[0] in known.adverbs and all(
            w in known.qualities and w not in known.nouns for w in folded):
        return True  # "Highly Attractive"; a name of adjectives alone stays ("Intuitive Surgical")
    content = [t for t in tokens if t.lower_ not in _stop_words()]
    if any(t.lower_ in lexicon.cues(kind, lang) for t in tokens for kind in _ORG_WORDS):
        return False  # "Triumph Group", "Interactive Brokers Inc", "Trade Commission": an organisation's words
    return bool(content) and all(_common(t, known) for t in content) \
        and _only_in_headings(doc, span.text, starts=False)  # "Orbital Dynamics said" opens a sentence as a name


_WORDS = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


def headline_words(doc: Doc, span: Span) -> bool:
    r"""True when the name is common words that only a heading or a sentence start capitalises.

    The article writes the same words in lower case elsewhere ("an inflection point", "dans un
    communiqué"), and every capitalised occurrence opens a sentence or sits in a title-case line
    ("Facebook Nears an Inflection Point"): then the capitals are the heading's, not a name's. A
    name capitalised inside a running sentence even once ("shares of Target fell", beside "price
    target") stays a name.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbit Nears Its Inflection Point\nOrbit said it reached an inflection point.")
    >>> headline_words(doc, doc.char_span(16, 32)), headline_words(doc, doc.char_span(0, 5))
    (True, False)
    """
    text = span.text
    if not _WORDS.fullmatch(text) or text.isupper() or text.islower():
        return False
    if not word_hits(doc_text(doc), text.lower()):
        return False
    return _only_in_headings(doc, text)


def _only_in_headings(doc: Doc, text: str, *, starts: bool = True) -> bool:
    """Every occurrence of ``text`` sits in a title-case line (or, with ``starts``, opens a sentence)."""
    for start in word_hits(doc_text(doc), text):
        where = doc.char_span(start, start + len(text), alignment_mode="expand")
        if where is not None and not ((starts and where[0].is_sent_start) or _title_case(where.sent, strict=not starts)):
            return False
    return True


def _title_case(sent: Span, *, strict: bool = False) -> bool:
    """A heading: most of its longer words capitalised; ``strict``, also no verb in lower case and no
    full stop at the end (a sentence full of names, "Lumen Air ordered two Skyliners from Vantor.", or
    "The cases are Acme v. Michigan Department of Treasury.", is no heading), and a line of its own
    that text follows (a title alone, a list item, a caption may be all names)."""
    # the words the text the models read has folded to lower case (kg.nlp.folding) count for neither side
    folded = folded_words(sent.doc.lang_)
    words = [t for t in sent if t.is_alpha and len(t) > 3 and t.lower_ not in folded]
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if strict and (any(t.pos_ == "VERB" and t.text.islower() for t in words) or (last is not None and last.text in ".;,")
                   or last is None or not re.match(r"[ \t]*\n\s*\S", doc_text(sent.doc)[last.idx + len(last):])):
        return False
    return mostly_capitalised([t.text for t in words], least=2)


def opening_adjective(span: Span, lang: str) -> bool:
    """One word opening a sentence that is an adjective, never a noun, in the common words, before the
    lower-case noun it qualifies ("Rheumatoid arthritis drugs sell"): the sentence's capital, not a
    name ("Intuitive said" is followed by its verb and stays)."""
    if len(span) != 1 or not span[0].is_sent_start or span.end >= len(span.doc):
        return False
    known, nxt = words(lang), span.doc[span.end]
    low = span[0].lower_
    return low in known.qualities and low not in known.nouns and nxt.is_lower and nxt.pos_ == "NOUN"
