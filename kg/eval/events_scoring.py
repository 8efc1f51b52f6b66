"""Pure matching of predicted business events with gold events (SENTiVENT conventions, reusable by other gold).

An event is matched one-to-one with a gold event of the same type whose trigger span overlaps its own
(gold events in order, each taking the first free prediction). Role fillers are matched one-to-one
inside each pair of events: names by span overlap, dates by their normalised value to the precision
both give (or by span when the gold date has no absolute value: "Tuesday" in undated text), amounts
within 1%. Types whose parties are symmetric (:data:`PARTY_TYPES`) pool agent and target: a filler
matches a gold party of either role and the hit counts for the gold filler's role.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from kg.eval.scoring import overlap

Span = tuple[int, int]
ROLES = ("agent", "target", "product", "place", "date", "amount")
#: Lender and borrower, partner and partner: SENTiVENT's MainCompany may be either side.
PARTY_TYPES = frozenset({"Funding", "Partnership"})
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                      "nov", "dec"), 1)}
#: capitalised full names and abbreviations only: "may" the verb and "Marketing" are not months
_MONTH_NAMES = frozenset(("january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                          "sept", "oct", "nov", "dec"))
_MULT = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
         "b": 1e9, "trillion": 1e12}
_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*([a-z]+)?", re.I)


class Filler(NamedTuple):
    """One role filler: its span (None when unknown) and, for dates and amounts, its value."""

    span: Span | None
    value: str | float | None = None


class ScoredEvent(NamedTuple):
    """An event reduced to what is scored: type, trigger span, role -> fillers (roles of :data:`ROLES`)."""

    type: str
    trigger: Span
    roles: dict[str, tuple[Filler, ...]]


def date_value(text: str) -> str | None:
    """ISO value (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) of an absolute date phrase, else None.

    Examples
    --------
    >>> date_value("on March 5 , 2019"), date_value("in 2018"), date_value("last Tuesday")
    ('2019-03-05', '2018', None)
    """
    year = re.search(r"\b(19\d\d|20\d\d)\b", text)
    if not year:
        return None
    month = next((MONTHS[w[:3].lower()] for w in re.findall(r"[A-Z][a-z]+", text) if w.lower() in _MONTH_NAMES), None)
    if month is None:
        return year[1]
    day = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)", text.replace(year[1], ""))
    return f"{year[1]}-{month:02d}-{int(day[1]):02d}" if day and 1 <= int(day[1]) <= 31 else f"{year[1]}-{month:02d}"


def amount_value(text: str) -> float | None:
    """The first number of ``text`` with its multiplier, currency ignored; None without a number.

    Examples
    --------
    >>> amount_value("$ 1.5 billion"), amount_value("1,200 million dollars"), amount_value("billions")
    (1500000000.0, 1200000000.0, None)
    """
    m = _NUMBER.search(text)
    if not m:
        return None
    return float(m[1].replace(",", "")) * _MULT.get((m[2] or "").lower(), 1.0)


def dates_agree(gold: str, pred: str) -> bool:
    """Same date to the precision both give.

    Examples
    --------
    >>> dates_agree("2019-03", "2019-03-05"), dates_agree("2019", "2018-01")
    (True, False)
    """
    g, p = gold.split("-"), pred.split("-")
    n = min(len(g), len(p))
    return g[:n] == p[:n]


def filler_matches(role: str, gold: Filler, pred: Filler) -> bool:
    """Whether a predicted filler matches a gold filler of ``role``.

    Examples
    --------
    >>> filler_matches("amount", Filler((0, 9), 1.0e9), Filler(None, 1.005e9))
    True
    >>> filler_matches("date", Filler((0, 7), None), Filler((3, 10), "2019-05-07"))
    True
    """
    if role == "amount":
        return gold.value is not None and pred.value is not None and \
            abs(float(pred.value) - float(gold.value)) <= 0.01 * abs(float(gold.value))
    if role == "date" and gold.value is not None and pred.value is not None:
        return dates_agree(str(gold.value), str(pred.value))
    return gold.span is not None and pred.span is not None and overlap(gold.span, pred.span)


def match_events(gold: Sequence[ScoredEvent], pred: Sequence[ScoredEvent]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: same type, overlapping triggers.

    Examples
    --------
    >>> g = [ScoredEvent("Acquisition", (5, 9), {}), ScoredEvent("Acquisition", (30, 38), {})]
    >>> p = [ScoredEvent("Acquisition", (6, 9), {}), ScoredEvent("Funding", (30, 38), {})]
    >>> match_events(g, p)
    [(0, 0)]
    """
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        pi = next((i for i, p in enumerate(pred)
                   if i not in used and p.type == g.type and overlap(g.trigger, p.trigger)), None)
        if pi is not None:
            used.add(pi)
            pairs.append((gi, pi))
    return pairs


def _groups(etype: str) -> list[tuple[str, ...]]:
    rest = [(r,) for r in ROLES if r not in ("agent", "target")]
    return ([("agent", "target")] if etype in PARTY_TYPES else [("agent",), ("target",)]) + rest


def role_counts(gold: ScoredEvent | None, pred: ScoredEvent | None, counts: dict[str, Counter]) -> None:
    """Add the role TP/FP/FN of one matched pair (or of an unmatched gold or predicted event) to ``counts``.

    ``counts`` is keyed ``"<role>.<type>"``; a missed gold event makes all its fillers misses, a spurious
    prediction all its fillers false positives.

    Examples
    --------
    >>> from collections import defaultdict
    >>> counts = defaultdict(Counter)
    >>> g = ScoredEvent("Funding", (10, 15), {"agent": (Filler((0, 4)),), "target": (Filler((20, 25)),)})
    >>> p = ScoredEvent("Funding", (10, 15), {"agent": (Filler((20, 25)),), "target": (Filler((0, 4)),)})
    >>> role_counts(g, p, counts)
    >>> dict(counts["agent.Funding"]), dict(counts["target.Funding"])
    ({'tp': 1}, {'tp': 1})
    """
    etype = (gold or pred).type
    for group in _groups(etype):
        golds = [(r, f) for r in group for f in (gold.roles.get(r, ()) if gold else ())]
        preds = [(r, f) for r in group for f in (pred.roles.get(r, ()) if pred else ())]
        used: set[int] = set()
        for role, g in golds:
            k = next((i for i, (_, p) in enumerate(preds) if i not in used and filler_matches(role, g, p)), None)
            counts[f"{role}.{etype}"]["fn" if k is None else "tp"] += 1
            if k is not None:
                used.add(k)
        for i, (role, _) in enumerate(preds):
            if i not in used:
                counts[f"{role}.{etype}"]["fp"] += 1


def agent_found(gold: ScoredEvent, pred: ScoredEvent) -> bool:
    """Event + agent: the predicted agent overlaps a gold agent (a gold party for :data:`PARTY_TYPES`).

    Examples
    --------
    >>> g = ScoredEvent("Partnership", (5, 9), {"target": (Filler((0, 4)),)})
    >>> agent_found(g, ScoredEvent("Partnership", (5, 9), {"agent": (Filler((1, 3)),)}))
    True
    """
    roles = ("agent", "target") if gold.type in PARTY_TYPES else ("agent",)
    golds = [f for r in roles for f in gold.roles.get(r, ())]
    return any(filler_matches("agent", g, p) for p in pred.roles.get("agent", ()) for g in golds)
