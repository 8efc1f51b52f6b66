"""The event extractor's last steps over one article: repeated mentions within one sentence
(:func:`one_per_sentence`), and a headline's status read from its body (:func:`headline_status`)."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.events import senses
from kg.nlp.cues import doc_text
from kg.types import Event, Mention, Sentence

#: auxiliaries of a perfect ("has bought", "a racheté", "est parti"): the event is stated as past
_PERFECT = {"have", "has", "had", "avoir", "être"}


def _information(e: Event) -> tuple[bool, bool, bool]:
    return e.date is not None, e.amount is not None, e.status != "done"


def _namer(mentions: list[Mention]):
    """Mention index -> the case-folded text of the name it stands for (its antecedent's), None for None."""
    def name(i: int | None) -> str | None:
        if i is None:
            return None
        antecedent = mentions[i].antecedent
        return mentions[i if antecedent is None else antecedent].text.casefold()
    return name


def one_per_sentence(events: list[Event], mentions: list[Mention]) -> list[Event]:
    """One event mention per (sentence, type, agent, target, places, thing launched), the most informative (a date, an
    amount, a modality), else the first: a headline and its body are two mentions :mod:`kg.resolve.events` merges."""
    name = _namer(mentions)
    best: dict[tuple, Event] = {}
    things = senses.launch_keys(events, name)
    for e in events:
        key = (e.sentence, e.type, name(e.agent), name(e.target),
               tuple(sorted(name(p) or "" for p in e.places)), things[id(e)])
        old = best.get(key)
        if old is None or _information(e) > _information(old):
            best[key] = e
    kept = {id(e) for e in best.values()}
    return [e for e in events if id(e) in kept]


def _stated_past(doc: Doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if not span:
        return True
    tok = span[0]
    return "Past" in tok.morph.get("Tense") or tok.tag_ in ("VBD", "VBN") or any(
        c.dep_.startswith("aux") and c.lemma_.lower() in _PERFECT for c in tok.children)


def headline_status(events: list[Event], mentions: list[Mention], doc: Doc,
                    sents: tuple[Sentence, ...]) -> list[Event]:
    """A headline in the present ("Microsoft rachète LinkedIn", "Microsoft buys LinkedIn") or without a verb
    says the news is of the day, not whether the deal is closed or only agreed: when its body states the
    same event (type, agent and target) with a status of its own, the headline takes the body's first one.
    A headline in the past, or with a cue of its own ("X to buy Y"), keeps its status.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> from kg.extract import extract
    >>> text = "Microsoft rachète LinkedIn\\nMicrosoft a annoncé lundi le rachat de LinkedIn."
    >>> *_, art = make_article(text, ident="a", source="a.txt", lang="fr")
    >>> [(e.sentence, e.status) for e in extract(get_pipeline("fr")(art.text), art).events]
    [(0, 'planned'), (1, 'planned')]
    """
    if not sents or "\n" not in doc_text(doc)[sents[0].start: sents[0].end + 1]:
        return events  # no headline line of its own

    name = _namer(mentions)
    out = []
    for e in events:
        if e.sentence == 0 and e.status == "done" and not _stated_past(doc, e.trigger_start):
            body = next((b for b in events if b.sentence > 0 and b.type == e.type and name(b.agent) == name(e.agent)
                         and name(b.target) == name(e.target)), None)
            e = e._replace(status=body.status) if body is not None else e
        out.append(e)
    return out
