"""``operatesIn`` from what a company did somewhere: the events that show presence (a store opened, a
market entered) give the agent the event's places, with the event's sentence as provenance.

The event types are data (``data/lexicons/presence_events.txt``). Planned or cancelled events give nothing:
a company that "will open" a store in Lyon does not operate there yet.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.types import Event, Fact, Mention

PRESENCE_FILE = Path(__file__).resolve().parents[2] / "data" / "lexicons" / "presence_events.txt"
EXTRACTOR = "kg.events.presence"
_ORGS = frozenset({"Organization", "Company"})
_PLACES = frozenset({"Place", "Country", "City", "Region", "Facility"})  # kg:operatesIn's range


@cache
def presence_types(path: Path = PRESENCE_FILE) -> frozenset[str]:
    """The event types that show presence, as listed in ``path``."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


def presence_facts(mentions: tuple[Mention, ...] | list[Mention], events: tuple[Event, ...] | list[Event]) -> list[Fact]:
    """``operatesIn(agent, place)`` for every presence event that took place, one per (agent, place).

    Examples
    --------
    >>> ms = [Mention(0, 4, "Acme", "Company", 0, "t", 1.0), Mention(25, 29, "Lyon", "City", 0, "t", 1.0)]
    >>> ev = Event("StoreOpening", 10, 16, 0, "done", 0, None, None, (1,), None, None, None, "t", 0.8)
    >>> [(f.subject, f.predicate, f.object) for f in presence_facts(ms, [ev])]
    [(0, 'operatesIn', 1)]
    """
    kinds = presence_types()
    facts: dict[tuple[int, int], Fact] = {}
    for ev in events:
        if ev.type not in kinds or ev.status != "done" or ev.agent is None \
                or mentions[ev.agent].type not in _ORGS:
            continue
        for place in ev.places:
            if mentions[place].type in _PLACES and (ev.agent, place) not in facts:
                facts[ev.agent, place] = Fact(ev.agent, "operatesIn", place, None, ev.sentence, EXTRACTOR,
                                              round(min(ev.confidence, 0.8), 3))
    return list(facts.values())
