"""The words an event mention is reported by (its trigger span).

A verb whose direct object is itself a trigger noun of the same event ("signed an agreement with Boeing",
"a signé un accord avec Airbus") only carries it: the noun names the event and is its trigger, as
annotators of business news mark it, as is the noun a partitive object is of ("raising a new round of
financing"); the verb still gives the roles.
"""
from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from kg.extract.events.frames import Frame, frames
from kg.nlp.cues import doc_text


@functools.lru_cache(maxsize=None)
def _nouns(etype: str, lang: str) -> frozenset[str]:
    return frozenset(w for f in frames(lang) if f.type == etype and f.pos == "noun" for w in f.words if " " not in w)


@functools.lru_cache(maxsize=None)
def _phrases(etype: str, lang: str) -> tuple[str, ...]:
    return tuple(sorted({w for f in frames(lang) if f.type == etype and f.pos == "noun" for w in f.words if " " in w},
                        key=len, reverse=True))


def trigger_span(doc: Doc, tok: Token, n: int, frame: Frame) -> tuple[int, int]:
    """Character span of the trigger found at ``tok`` (``n`` tokens long): the object noun of a light verb.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbis signed a supply agreement with Lumen.")
    >>> frame = next(f for f in frames("en") if f.type == "Partnership" and "sign" in f.words)
    >>> start, end = trigger_span(doc, doc[1], 1, frame)
    >>> doc.text[start:end]
    'agreement'
    """
    if frame.pos == "verb" and tok.pos_ in ("VERB", "AUX"):
        nouns = _nouns(frame.type, frame.lang)
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        # "raising a new round of financing": the event noun is what the round is of
        objects += [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"]
        text = doc_text(doc)
        for child in objects:
            if child.lemma_.lower() in nouns or child.lower_ in nouns:
                return child.idx, child.idx + len(child.text)
            # "signed a memorandum of understanding with X": a noun of several words
            whole = next((w for w in _phrases(frame.type, frame.lang)
                          if text[child.idx: child.idx + len(w)].lower() == w), None)
            if whole is not None:
                return child.idx, child.idx + len(whole)
    end = doc[min(len(doc) - 1, tok.i + n - 1)]
    return tok.idx, end.idx + len(end.text)


def span_head(doc: Doc, tok: Token, n: int) -> Token:
    """The word of the ``n`` tokens from ``tok`` on whose head is outside them: the noun of "initial public offering"."""
    span = range(tok.i, tok.i + n)
    return next((t for t in doc[tok.i: tok.i + n] if t.head.i not in span or t.head is t), tok)
