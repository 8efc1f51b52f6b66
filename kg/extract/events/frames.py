"""Event frames: the words that evoke each business event and how each role is read from the parse.

The frames are data (``data/frames/events.tsv``, documented in its header) so that a linguist can add a
verb or a noun without touching code. Each row gives, for one event type, language and part of speech,
its trigger lemmas, what must be near for this sense of the word (a store noun for a store opening, an
amount for a funding), and the role of the active subject, the object, each preposition and a
possessor.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

FRAMES_FILE = Path(__file__).resolve().parents[3] / "data" / "frames" / "events.tsv"
ROLES = frozenset({"agent", "target", "product", "-", "source"})


class Frame(NamedTuple):
    """One row of the frames file."""

    type: str
    lang: str
    pos: str
    """``verb``, ``noun``, ``any`` or ``taken`` (a noun object of a verb of taking)."""
    words: tuple[str, ...]
    requires: str
    subj: str
    obj: str
    preps: tuple[tuple[str, str], ...]
    """(preposition, role) pairs."""
    poss: str

    def prep_role(self, prep: str) -> str | None:
        return next((role for p, role in self.preps if p == prep), None)


def _row(fields: list[str], n: int) -> Frame:
    if len(fields) != 9:
        raise ValueError(f"{FRAMES_FILE}:{n}: expected 9 tab-separated columns, got {len(fields)}")
    type_, lang, pos, lemmas, requires, subj, obj, preps, poss = (f.strip() for f in fields)
    pairs = tuple(tuple(p.split("=", 1)) for p in preps.split(";") if "=" in p)
    for role in (subj, obj, poss, *(r for _, r in pairs)):
        if role not in ROLES:
            raise ValueError(f"{FRAMES_FILE}:{n}: unknown role {role!r}; valid: {', '.join(sorted(ROLES))}")
    words = tuple(w.strip() for w in lemmas.split("|") if w.strip())
    return Frame(type_, lang, pos, words, "" if requires == "-" else requires, subj, obj, pairs, poss)


@functools.lru_cache(maxsize=None)
def frames(lang: str) -> tuple[Frame, ...]:
    """The frames of one language, in file order.

    Examples
    --------
    >>> [f.pos for f in frames("en") if f.type == "Acquisition"]
    ['verb', 'noun', 'noun', 'verb', 'noun']
    >>> next(f for f in frames("fr") if "rachat" in f.words).prep_role("par")
    'agent'
    """
    out = []
    for n, line in enumerate(FRAMES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("type\t"):
            continue
        frame = _row(line.split("\t"), n)
        if frame.lang == lang:
            out.append(frame)
    return tuple(out)
