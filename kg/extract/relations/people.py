"""A person "named" only by honorifics is no person: its facts go to the name that follows it.

The taggers often cut a long form of address from the name it precedes ("Tan Sri Dato 'Seri (Dr.) Yeoh
Tiong Lay" -> "Tan Sri Dato" + "Yeoh Tiong"), and a founder or employee then ends up as "Tan Sri Dato".
The honorifics are data (``data/lexicons/honorifics.txt``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kg.extract.relations.base import LEXICON_DIR, PER, Ctx
from kg.types import Fact, is_named

HONORIFICS_FILE = LEXICON_DIR / "honorifics.txt"
#: how far (in tokens) the real name may follow the honorifics: "Dato 'Seri (Dr.) Yeoh"
_REACH = 8


@cache
def honorifics(path: Path = HONORIFICS_FILE) -> frozenset[str]:
    """The honorific words of ``path`` (lower case)."""
    lines = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


def only_honorifics(text: str) -> bool:
    """True when every word of ``text`` is an honorific.

    Examples
    --------
    >>> only_honorifics("Tan Sri Dato"), only_honorifics("Sir"), only_honorifics("Yeoh Tiong Lay")
    (True, True, False)
    """
    words = [w for w in re.split(r"[\s.'’()]+", text.lower()) if w]
    return bool(words) and all(w in honorifics() for w in words)


def _named_after(ctx: Ctx, m: int) -> int | None:
    """The next named person within reach after mention ``m`` in its sentence."""
    span = ctx.doc.char_span(ctx.mentions[m].start, ctx.mentions[m].end, alignment_mode="expand")
    if span is None:
        return None
    for i in range(span.end, min(span.sent.end, span.end + _REACH)):
        n = ctx.tok_mention.get(i)
        if n is not None and n != m and ctx.mentions[n].type in PER and is_named(ctx.mentions[n]) \
                and not only_honorifics(ctx.mentions[n].text):
            return n
    return None


def repoint_honorifics(ctx: Ctx, facts: Iterable[Fact]) -> list[Fact]:
    """``facts`` with every honorifics-only person replaced by the name after it (dropped if none)."""
    out: dict[tuple, Fact] = {}
    for fact in sorted(facts, key=lambda f: -f.confidence):
        ends = []
        for end in (fact.subject, fact.object):
            if end is not None and ctx.mentions[end].type in PER and only_honorifics(ctx.mentions[end].text):
                end = _named_after(ctx, end)
                if end is None:
                    break
            ends.append(end)
        else:
            moved = fact._replace(subject=ends[0], object=ends[1])
            out.setdefault((moved.subject, moved.predicate, moved.object, moved.value), moved)
    return list(out.values())
