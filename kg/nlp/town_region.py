"""A town written with its region: "à Wilmington Delaware", "in Sendai Miyagi", "Bethesda, Md.".

Without the comma news put between them (dropped by scrapers and translations), the small models
read a town and its state, county or prefecture as one name, and type it a person or an
organisation ("Wilmington Delaware" as a person); with it, English models take a state's AP
abbreviation ("Md.") for an organisation. Both then block the facts the sentence states ("based in
Wilmington, Delaware"). A run is split into its town and its region only where a place is meant (a
locative preposition before it), when the town is in the place gazetteer and the rest is a region
(:mod:`kg.lexicon.regions`) or a country.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.lexicon import places, regions

_LABEL = {"en": "GPE", "fr": "LOC"}
#: the id a region's span carries: the type vote reads it as a place whatever the words around say
#: ("Bethesda, Md., the company said" is no apposition of "Md.")
REGION = "region"


def _is_town(text: str) -> bool:
    place = places.lookup(text)
    return place is not None and place.kind == "City"


def _is_region(text: str) -> bool:
    return regions.containing_country(text) is not None


def _after_locative(doc: Doc, span: Span) -> bool:
    before = span.start - 1
    if before >= 0 and doc[before].pos_ == "DET":
        before -= 1
    return before >= 0 and doc[before].lower_ in lexicon.cues("locative", doc.lang_)


def _town_before(doc: Doc, i: int) -> bool:
    """A town's name (up to three words) ends right before token ``i``, or before its comma."""
    end = i - 1 if i > 0 and doc[i - 1].text == "," else i
    return any(start >= 0 and all(t.text[:1].isupper() for t in doc[start:end]) and _is_town(doc[start:end].text)
               for start in range(end - 1, end - 4, -1))


def town_and_region(doc: Doc, span: Span) -> list[Span]:
    """``span`` split into a town and its region when it runs the two together, else ``[span]``;
    a region right after its town ("Austin, Texas", "Bethesda, Md.") is marked a place whatever the
    words around it say.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("fr")("Le groupe est basé à Wilmington Delaware depuis 1990.")
    >>> [(s.text, s.label_) for s in town_and_region(doc, doc[5:7])]
    [('Wilmington', 'LOC'), ('Delaware', 'LOC')]
    >>> [s.text for s in town_and_region(doc, doc[1:2])]
    ['groupe']
    """
    label = _LABEL.get(doc.lang_, "GPE")
    if _is_region(span.text) and _town_before(doc, span.start):
        return [Span(doc, span.start, span.end, label=label, span_id=REGION)]
    if len(span) < 2 or places.lookup(span.text) is not None or not _after_locative(doc, span):
        return [span]
    for cut in range(span.start + 1, span.end):
        head, tail = doc[span.start:cut], doc[cut:span.end]
        if _is_town(head.text) and _is_region(tail.text):
            return [Span(doc, span.start, cut, label=label), Span(doc, cut, span.end, label=label, span_id=REGION)]
    return [span]
