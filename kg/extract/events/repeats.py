"""Repeated event mentions within one sentence (:func:`one_per_sentence`): the event extractor's last step."""
from __future__ import annotations

from kg.extract.events import senses
from kg.types import Event, Mention


def _information(e: Event) -> tuple[bool, bool, bool]:
    return e.date is not None, e.amount is not None, e.status != "done"


def one_per_sentence(events: list[Event], mentions: list[Mention]) -> list[Event]:
    """One event mention per (sentence, type, agent, target, places, thing launched), the most informative (a date, an
    amount, a modality), else the first: a headline and its body are two mentions :mod:`kg.resolve.events` merges."""
    def name(i: int | None) -> str | None:
        if i is None:
            return None
        antecedent = mentions[i].antecedent
        return mentions[i if antecedent is None else antecedent].text.casefold()

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
