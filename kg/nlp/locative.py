"""Where the text puts a name where a place goes (:func:`place_context`): the evidence the type vote of
:mod:`kg.nlp.types` needs before a gazetteer's small town or region counts as a place.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.lexicon import places
from kg.nlp.cues import _context_phrase, doc_text

_DATELINE_DASH = ("—", "–", "-", "(")


def _conjunct_of(doc: Doc, ent: Span) -> list[Span]:
    """The name ``ent`` is coordinated with, placed before it ("Gennevilliers" of "Gennevilliers and Velizy")."""
    head = ent.root.head
    if ent.root.dep_ != "conj" or head.i >= ent.start:
        return []
    return [e for e in doc.ents if e.start <= head.i < e.end][:1] or [doc[head.i: head.i + 1]]


def place_context(doc: Doc, ent: Span, lang: str) -> bool:
    """True when the text puts ``ent`` where a place goes: after a locative preposition ("in", "à";
    not "according to"), before ", <country or state code>" ("Taylor, TX"; "Monsanto, Portugal"), or as a
    dateline ("LINCOLN, Neb. -", "TAYLOR —" opening a line).

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Acme opened a plant in Taylor. Taylor said so.")
    >>> [place_context(doc, doc.char_span(s, s + 6), "en") for s in (23, 31)]
    [True, False]
    """
    text = doc_text(doc)
    for span in (ent, *_conjunct_of(doc, ent)):  # "in Gennevilliers and Velizy"
        before = text[span.sent.start_char: span.start_char].lower().rstrip()
        if _context_phrase(doc, span, "locative", lang) and not before.endswith(("according to", "thanks to")):
            return True
    after = text[ent.end_char: ent.end_char + 40]
    hit = re.match(r",\s*([A-Z][\w.\-]*(?: [A-Z][\w\-]*)?)", after)
    if hit and (places.state_name(hit.group(1)) or (p := places.lookup(hit.group(1))) and p.kind == "Country"):
        return True
    line_start = ent.start_char == 0 or text[ent.start_char - 1] == "\n"
    rest = re.sub(r"^,[^,\n]{1,20}?(?=\s[—–(-])", "", after).lstrip()
    return line_start and rest.startswith(_DATELINE_DASH)
