"""Event coreference: which event mentions report the same real-world event, within and across articles.

A pure function of its input rows (:class:`EventMention`, one per event mention of every article in a
store): the same mentions give the same clusters whatever the order, so a clean build, an incremental one
and ``--workers 2`` agree. Rules, in this order:

1. **Anaphors** (:mod:`kg.resolve.event_anaphora`: "the deal", "ce rachat") join the event they refer back
   to in their article.
2. **Within an article**, a mention joins the nearest earlier story of the same type when both have the
   same agent and the same second anchor (:data:`ANCHORS`: the target, the product or a place), or both
   state the same day, and their stated dates agree (or one announces on a day what the other reports done
   later); so do launches of things the model tags as no product that launch the same thing
   (:attr:`EventMention.thing`, a common noun). Mentions that share only an agent are kept apart: "Apple
   released X ... Apple released Y" are two launches; so are mentions of one target or product that both
   name places and share none ("launching cars in China", "introducing them in Europe"), unless they state
   the same day. An opening or closure that names no place joins the one earlier story of its type and agent
   if there is only one (a headline names the country, the body "all its shops"). The buyer's acquisition
   and the seller's divestiture of one thing are one story, the buyer's (:func:`_other_side`).
3. **Across articles**, two stories merge under the same condition, and only when the days they are about
   (stated date, else the article's publication date) are at most :data:`WINDOW_DAYS` apart
   (:data:`TYPE_DAYS` for partnerships). For people
   (appointments, departures) the person is specific enough: the agent alone anchors them, within
   :data:`PERSON_DAYS` days.

Stories are compared on entity keys (the article resolver's, the same key for the same name in every
article), so two spellings that resolve to two keys are not merged. Every merge says why
(:attr:`EventCluster.why`).
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import NamedTuple

#: event type -> the roles that, besides the agent, must be the same for two mentions to be one event
ANCHORS: dict[str, tuple[str, ...]] = {
    "Acquisition": ("target",), "Divestiture": ("target",), "Investment": ("target",), "Funding": ("target",),
    "Partnership": ("target",), "ProductLaunch": ("product",), "IPO": (),
    "StoreOpening": ("places",), "StoreClosure": ("places",), "FacilityOpening": ("places",),
    "FacilityClosure": ("places",), "MarketEntry": ("places",), "Appointment": ("target",), "Departure": ("target",),
    # job cuts: the same number of jobs, or the same site ("13,000 jobs" in the headline and the body)
    "Layoff": ("amount", "places"),
}
#: types whose agent is a person: the person alone anchors them across articles within PERSON_DAYS
PERSON_TYPES = ("Appointment", "Departure")
#: how far apart (days) two articles' reports of one event may be: long enough for a deal announced in
#: March and closed in June, short enough that next year's opening in the same town is a new event
WINDOW_DAYS = 183
PERSON_DAYS = 45
#: the two sides of a sale, each with the other's type
SIDES = {"Acquisition": "Divestiture", "Divestiture": "Acquisition"}
#: openings and closures, whose place is what tells one from the next
SITE_TYPES = ("StoreOpening", "StoreClosure", "FacilityOpening", "FacilityClosure")
#: statuses of an event not yet done
EARLY = ("planned", "proposed")
#: types whose reports follow the event within weeks, between parties that deal again and again (a follow-on
#: order, an interim agreement after a lease deal): stories further apart than this are two deals
TYPE_DAYS = {"Partnership": 45}


class EventMention(NamedTuple):
    """One event mention of one article, as the decision reads it (entity keys, ISO dates)."""

    iri: str
    article: str
    type: str
    start: int
    """Trigger offset in the article: mentions of an article are taken in text order."""
    status: str
    agent: str | None
    target: str | None
    product: str | None
    places: tuple[str, ...]
    date: str | None
    """The date the sentence states for the event (ISO, any precision), if any."""
    published: str | None
    """The article's publication date (ISO), if known."""
    refers_to: str | None = None
    """For an anaphor, the IRI of the mention it refers back to."""
    amount: float | None = None
    currency: str | None = None
    thing: str | None = None
    """What a launch with no product launches ("graphics card"; :attr:`kg.types.Event.thing`)."""


class EventCluster(NamedTuple):
    """One real-world event: its mentions (IRIs, sorted) and why they were merged."""

    mentions: tuple[str, ...]
    why: tuple[str, ...]


class _Story:
    """The mentions of one event within one article, with their merged roles."""

    def __init__(self, first: EventMention) -> None:
        self.type = first.type
        self.mentions = [first]
        self.why: list[str] = []

    def role(self, name: str) -> str | tuple[str, ...] | None:
        if name == "places":
            return tuple(sorted({p for m in self.mentions for p in m.places}))
        return next((v for m in self.mentions if (v := role_of(m, name, self.type))), None)

    def dates(self) -> set[str]:
        return {m.date for m in self.mentions if m.date}

    def day(self) -> _dt.date | None:
        """The day the story is about: its most precise stated date, else its article's publication date."""
        stated = sorted(self.dates(), key=lambda d: (-len(d), d))
        for value in stated + [m.published for m in self.mentions if m.published]:
            try:
                return _dt.date.fromisoformat(first_day(value))
            except ValueError:
                continue
        return None


def role_of(row: EventMention, role: str, etype: str) -> str | None:
    """What a mention gives an event of type ``etype`` as ``role``: in a sale joined to its buyer's side (an
    ``Acquisition`` holding ``Divestiture`` mentions), the seller's report gives the seller, not the agent."""
    seller = etype == "Acquisition" and row.type == "Divestiture"
    if role in ("agent", "seller"):
        return row.agent if (role == "seller") == seller else None
    return getattr(row, role)


def first_day(value: str) -> str:
    """The first day of an ISO date of any precision ("2024" -> "2024-01-01", "2024-05" -> "2024-05-01")."""
    return value + "-01" * ((10 - len(value)) // 3)


def _dates_agree(a: set[str], b: set[str]) -> bool:
    """Stated dates agree when each pair is equal at the precision both give ("2024-05" and "2024-05-12")."""
    return all(x.startswith(y) or y.startswith(x) for x in a for y in b)


def _progression(a: _Story, b: _Story) -> bool:
    """One story announces what the other reports done or called off, on a later day ("agreed to buy X on
    Monday", then "bought X", dated the day it closed): two days of one deal's status history."""
    for x, y in ((a, b), (b, a)):
        if x.dates() and y.dates() and any(m.status in EARLY for m in x.mentions) \
                and not any(m.status in EARLY for m in y.mentions) and max(x.dates()) <= min(y.dates()):
            return True
    return False


def _anchored(a: _Story, b: _Story) -> str | None:
    """Why ``a`` and ``b`` are one event by their roles, or None."""
    agent = a.role("agent")
    if a.type != b.type or not agent or agent != b.role("agent") or not (
            _dates_agree(a.dates(), b.dates()) or _progression(a, b)):
        return None
    places = a.role("places"), b.role("places")
    # "launching cars in China" and "introducing them in Europe in 2027" are two launches of one product
    elsewhere = all(places) and not set(places[0]) & set(places[1])
    for name in ANCHORS.get(a.type, ()):
        mine, theirs = a.role(name), b.role(name)
        if name == "places" and mine and theirs and set(mine) & set(theirs):
            return f"same type, agent and place ({agent}; {sorted(set(mine) & set(theirs))[0]})"
        if name != "places" and mine and mine == theirs and not elsewhere:
            return f"same type, agent and {name} ({agent}; {mine})"
    if not ANCHORS.get(a.type) and not elsewhere:
        return f"same type and agent ({agent})"
    within = a.mentions[0].article == b.mentions[0].article
    if within and a.type == "ProductLaunch" and not a.role("product") and not b.role("product") and not elsewhere \
            and a.role("thing") and a.role("thing") == b.role("thing"):
        # the same untagged thing launched ("a new graphics card", "the graphics card"); within an article only: a
        # common noun is no name. A side that names nothing stays apart ("after launching the iPhone, we are
        # launching the iPhone 3G")
        return f"same type and agent, the same thing launched ({agent}; {a.role('thing')})"
    days = {d for d in a.dates() | b.dates() if len(d) == 10}
    if len(days) == 1 and a.dates() and b.dates():
        return f"same type, agent and day ({agent}; {days.pop()})"
    return None


def _stories(mentions: list[EventMention]) -> list[_Story]:
    """Rules 1 and 2 over the mentions of one article (in text order)."""
    stories: list[_Story] = []
    of: dict[str, _Story] = {}
    for m in mentions:
        story = of.get(m.refers_to) if m.refers_to else None
        why = f"anaphor refers back to the mention at offset {story.mentions[0].start}" if story else ""
        if story is None:
            alone = _Story(m)
            for earlier in reversed(stories):
                reason = _anchored(earlier, alone)
                if reason:
                    story, why = earlier, f"same article: {reason}"
                    break
        if story is None:
            story, why = _only_site(stories, alone)
        if story is None:
            story, why = _other_side(stories, alone)
            if story is not None:
                story.type = "Acquisition"  # the deal as the buyer's: its seller is a role of its own
        if story is None:
            story = _Story(m)
            stories.append(story)
        else:
            story.mentions.append(m)
            story.why.append(why)
        of[m.iri] = story
    return stories


def _only_site(stories: list[_Story], alone: _Story) -> tuple[_Story | None, str]:
    """A site mention that names no place joins the one earlier story of its type and agent that names one
    ("France : EDF va fermer toutes ses boutiques", then "EDF a annoncé la fermeture de l'ensemble de ses
    boutiques d'ici 2019"). Two or more such stories leave it apart (which of the towns?); so does a plan
    after a site already opened ("it will open more stores"), which is the next step, not this one."""
    m = alone.mentions[0]
    if m.type not in SITE_TYPES or m.places or not m.agent:
        return None, ""
    same = [s for s in stories if s.type == m.type and s.role("agent") == m.agent]
    if len(same) != 1 or not same[0].role("places") or not _dates_agree(same[0].dates(), alone.dates()):
        return None, ""
    if m.status in EARLY and not any(x.status in EARLY for x in same[0].mentions):
        return None, ""
    return same[0], (f"same article: same type and agent ({m.agent}), the only earlier story of its sites; "
                     "this mention names no place")


def _other_side(stories: list[_Story], alone: _Story) -> tuple[_Story | None, str]:
    """The buyer's acquisition and the seller's divestiture of one thing are one deal when one sentence states
    both ("GM sold Opel to PSA", "sold its unit to PSA": the same trigger) or when the article reports one sale
    of that thing on each side ("PSA acquiert Opel" in the headline, "GM cède Opel" in the body), buyer and
    seller apart and their dates agreeing. A later report of the seller's side joins the deal that already
    has that seller."""
    m = alone.mentions[0]
    if m.type not in SIDES or not m.agent:
        return None, ""
    deals = [s for s in stories if s.type in SIDES and m.target and s.role("target") == m.target]
    buyers = [s for s in deals if s.type == "Acquisition"]
    sellers = [s for s in deals if s.type == "Divestiture" or s.role("seller")]
    what = m.target or "what is sold"
    for story in reversed(stories):
        one_sentence = any(x.start == m.start for x in story.mentions)
        if story.type not in SIDES or not (one_sentence or story in deals) \
                or not _dates_agree(story.dates(), alone.dates()):
            continue
        if story.role("seller"):  # a deal already joined to its seller's side
            if m.type == "Divestiture" and story.role("seller") == m.agent and story in deals:
                return story, f"same article: the same seller's side of the sale ({m.agent}; {what})"
            continue
        if story.type == m.type:
            continue
        buyer, seller = (story.role("agent"), m.agent) if m.type == "Divestiture" else (m.agent, story.role("agent"))
        if buyer == seller:
            continue
        if one_sentence:
            return story, f"same article: the two sides of one sale in one sentence ({seller} to {buyer}; {what})"
        if len(buyers) + len(sellers) == 1:
            return story, f"same article: the only sale of {what} on each side ({seller} to {buyer})"
    return None, ""


def decide(mentions: Iterable[EventMention]) -> list[EventCluster]:
    """Cluster event mentions into real-world events (rules in the module docstring).

    Returns
    -------
    list[EventCluster]
        Every mention in exactly one cluster; clusters sorted by their first mention IRI.

    Examples
    --------
    >>> a = EventMention("m1", "a1", "Acquisition", 5, "planned", "orbis", "lumen", None, (), None, "2024-03-01")
    >>> b = EventMention("m2", "a2", "Acquisition", 9, "done", "orbis", "lumen", None, (), None, "2024-06-02")
    >>> [c.mentions for c in decide([b, a])]
    [('m1', 'm2')]
    """
    by_article: dict[str, list[EventMention]] = {}
    for m in sorted(set(mentions), key=lambda m: (m.article, m.start, m.iri)):
        by_article.setdefault(m.article, []).append(m)
    stories = [s for article in sorted(by_article) for s in _stories(by_article[article])]
    parent = list(range(len(stories)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: list[tuple[int, str]] = []
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(stories):
        if s.role("agent"):
            blocks.setdefault((s.type, str(s.role("agent"))), []).append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                reason = _across(stories[i], stories[j])
                if reason and find(i) != find(j):
                    parent[find(j)] = find(i)
                    links.append((j, f"across articles: {reason}"))
    groups: dict[int, list[int]] = {}
    for i in range(len(stories)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        why = [w for i in members for w in stories[i].why] + [w for j, w in links if j in members]
        iris = tuple(sorted(m.iri for i in members for m in stories[i].mentions))
        out.append(EventCluster(iris, tuple(sorted(set(why)))))
    return sorted(out)


def _across(a: _Story, b: _Story) -> str | None:
    if a.mentions[0].article == b.mentions[0].article:
        return None
    days = a.day(), b.day()
    gap = abs((days[0] - days[1]).days) if None not in days else None
    reason = _anchored(a, b)
    if reason and gap is not None and gap <= TYPE_DAYS.get(a.type, WINDOW_DAYS):
        return f"{reason}, {gap} days apart"
    agent = a.role("agent")
    if (a.type == b.type and a.type in PERSON_TYPES and agent and agent == b.role("agent") and gap is not None
            and gap <= PERSON_DAYS and _dates_agree(a.dates(), b.dates())):
        conflict = a.role("target") and b.role("target") and a.role("target") != b.role("target")
        return None if conflict else f"same type and person ({agent}), {gap} days apart"
    return None
