"""Event anaphors: a noun phrase that refers back to an event the article already reported ("the deal",
"the $2bn purchase", "l'opération", "ce rachat").

The event extractor reports an event where a sentence states it with its roles; a later "the deal" states
none and the extractor rightly reports nothing there. These anaphors are found here so that the article
graph keeps them as event mentions of the event they refer back to (:mod:`kg.rdf.anaphors`), and so that
the event's node lists every sentence that talks about it. The cue nouns and determiners are data
(``data/frames/event_anaphora.tsv``); the antecedent is the nearest earlier event of a listed type.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from functools import cache
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError
from kg.types import EVENT_TYPES, Event, Sentence

CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "frames" / "event_anaphora.tsv"
#: words between the determiner and the noun ("the proposed $2bn purchase")
MAX_BETWEEN = 3
#: a noun followed by these states its own roles ("the acquisition of Lumen", "the deal between A and B"):
#: it may be a new event, not an anaphor
_OWN_ROLES = re.compile(r"\s*(?:\s(?:of|by|between|with|de|du|des|entre|avec)\b|\sd['’])", re.IGNORECASE)


class Anaphor(NamedTuple):
    """A noun that refers back to an earlier event of its article."""

    start: int
    end: int
    """Offsets of the noun (the trigger of the mention) in the article text."""
    sentence: int
    type: str
    """The type of the event it refers to."""
    antecedent: int
    """Index, in the events given to :func:`find_anaphors`, of the event it refers back to."""


class _Cues(NamedTuple):
    patterns: tuple[tuple[re.Pattern, tuple[str, ...]], ...]
    neutral: frozenset[str]
    """Words between the determiner and the noun that any report of the event may use ("proposed")."""
    plurals: frozenset[str]
    """The cue nouns in the plural: a trigger in the plural ("its investments") reports no one event."""
    not_after: frozenset[str] = frozenset()
    """Words after the noun that make it a modifier of an activity ("the deal advisory business"): no anaphor."""


@cache
def _cues(path: Path = CUES_FILE) -> dict[str, _Cues]:
    """Per language: one regular expression per noun row with the event types it may refer to, and word sets."""
    dets: dict[str, list[str]] = {}
    stops: dict[str, list[str]] = {}
    neutral: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    nouns: dict[str, list[tuple[list[str], tuple[str, ...]]]] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""]
        lang, kind, words, types = cols[0], cols[1], cols[2].split("|"), tuple(t for t in cols[3].split("|") if t)
        if kind == "determiners":
            dets[lang] = words
        elif kind == "not-between":
            stops[lang] = words
        elif kind == "neutral":
            neutral.setdefault(lang, []).extend(w.lower() for w in words)
        elif kind == "not-after":
            after.setdefault(lang, []).extend(w.lower() for w in words)
        elif kind == "noun" and types and all(t in EVENT_TYPES for t in types):
            nouns.setdefault(lang, []).append((words, types))
        else:
            raise InputError(f"{path}:{lineno}: expected 'determiners', 'not-between', 'neutral', 'not-after' or "
                             "'noun' with kg event types")
    out = {}
    for lang, rows in nouns.items():
        det = "|".join(re.escape(d) + (r"\s*" if d.endswith(("'", "’")) else r"\s+")
                       for d in sorted(dets.get(lang, []), key=len, reverse=True))
        # another determiner in between starts another phrase ("the bank closed the deal")
        stop = "|".join(re.escape(w) for w in sorted(stops.get(lang, []) + [d for d in dets.get(lang, [])
                                                                           if not d.endswith(("'", "’"))],
                                                      key=len, reverse=True))
        word = rf"(?!(?:{stop})\s)[^\s;:!?]+\s+" if stop else r"[^\s;:!?]+\s+"
        compiled = []
        for words, types in rows:
            noun = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            compiled.append((re.compile(rf"\b(?:{det})(?:{word}){{0,{MAX_BETWEEN}}}?(?P<noun>{noun})\b",
                                        re.IGNORECASE), types))
        plurals = frozenset(w.lower() + "s" for words, _ in rows for w in words if not w.endswith("s"))
        out[lang] = _Cues(tuple(compiled), frozenset(neutral.get(lang, ())), plurals, frozenset(after.get(lang, ())))
    return out


def find_anaphors(text: str, lang: str, sentences: Sequence[Sentence], events: Sequence[Event]) -> list[Anaphor]:
    """The event anaphors of an article, in text order.

    Parameters
    ----------
    text, lang
        The article text and its language (``en`` or ``fr``; other languages have no cues).
    sentences
        The article's sentences (an anaphor is looked for within one sentence).
    events
        The events extracted from the article; an anaphor needs an earlier one of a type its noun lists,
        and never overlaps the trigger of one.

    Returns
    -------
    list[Anaphor]
        One per noun, referring to the nearest earlier event of a listed type.

    Examples
    --------
    >>> from kg.types import Event, Sentence
    >>> text = "Orbis bought Lumen. The deal closed."
    >>> ev = Event("Acquisition", 6, 12, 0, "done", None, None, None, (), None, None, None, "x", 1.0)
    >>> [(text[a.start:a.end], a.antecedent) for a in
    ...  find_anaphors(text, "en", [Sentence(0, 19, text[:19]), Sentence(20, 36, text[20:])], [ev])]
    [('deal', 0)]
    """
    found: dict[tuple[int, int], Anaphor] = {}
    cues = _cues().get(lang)
    if cues is None or not events:  # no anaphor without an event to refer back to
        return []
    # bisection, not a scan of every event per noun: a long article holds thousands of events
    order = sorted((e.trigger_start, e.trigger_end) for e in events)
    starts, reach = [s for s, _ in order], list(accumulate((e for _, e in order), max))
    nearest = _Nearest(events)
    first = min(e.trigger_end for e in events)
    for index, sentence in enumerate(sentences):
        if sentence.end <= first:
            continue
        chunk = text[sentence.start:sentence.end]
        for pattern, types in cues.patterns:
            for match in pattern.finditer(chunk):
                start, end = sentence.start + match.start("noun"), sentence.start + match.end("noun")
                k = bisect_left(starts, end)  # the triggers starting before the noun's end
                if _OWN_ROLES.match(text, end) or (k and reach[k - 1] > start) or (
                        text[end:end + 40].split()[:1] and text[end:end + 40].split()[0].lower() in cues.not_after):
                    continue
                antecedent = nearest.before(types, start)
                if antecedent is not None and (start, end) not in found:
                    before = events[antecedent]
                    if text[before.trigger_start:before.trigger_end].lower() in cues.plurals or _names_another(
                            text, sentence.start + match.start(), start, sentences[before.sentence], cues.neutral):
                        continue
                    found[(start, end)] = Anaphor(start, end, index, events[antecedent].type, antecedent)
    return [found[k] for k in sorted(found)]


class _Nearest:
    """The nearest earlier event of some types: of the events whose trigger ends at or before an offset,
    the one whose trigger starts last (the first listed on a tie)."""

    def __init__(self, events: Sequence[Event]) -> None:
        rows: dict[str, list[tuple[int, int, int]]] = {}
        for i, e in enumerate(events):
            rows.setdefault(e.type, []).append((e.trigger_end, e.trigger_start, -i))
        self.ends: dict[str, list[int]] = {}
        self.best: dict[str, list[tuple[int, int]]] = {}
        for kind, found in rows.items():
            found.sort()
            self.ends[kind] = [end for end, _, _ in found]
            self.best[kind] = list(accumulate(((start, i) for _, start, i in found), max))

    def before(self, types: Sequence[str], offset: int) -> int | None:
        """Index of the nearest event of one of ``types`` whose trigger ends at or before ``offset``."""
        best = None
        for kind in types:
            k = bisect_right(self.ends.get(kind, ()), offset)
            if k and (best is None or self.best[kind][k - 1] > best):
                best = self.best[kind][k - 1]
        return None if best is None else -best[1]


def _names_another(text: str, phrase_start: int, noun_start: int, antecedent: Sentence,
                   neutral: frozenset[str]) -> bool:
    """A word between the determiner and the noun that the antecedent's sentence does not contain, other
    than a number, an amount or a ``neutral`` word: a name ("the Vega launch" after NVIDIA's launch, "the
    AerCap deal" after a deal with another lessor) or a kind ("the nuclear deal" after a plane order): the
    phrase names its own event."""
    words = text[phrase_start:noun_start].split()[1:]
    # a common noun in the possessive is whose deal it is ("the company's biggest acquisition"), not a kind
    own = [re.sub(r"['’]s$", "", w).strip(".,") for w in words if any(c.isalpha() for c in w)
           and w.lower() not in neutral and not re.fullmatch(r"[$€£¥]?[\d.,]+\w{0,3}", w)
           and not (w[:1].islower() and re.search(r"['’]s?$", w))]
    return any(not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", antecedent.text, re.IGNORECASE) for w in own)
