"""Noise spans of an article's text (the header date, title and dated sections: :mod:`kg.ingest.headers`).

Nothing here cuts text: noise is returned as ``(start, end)`` character spans into the original
text, so every offset computed later still points at the source. :func:`mask` blanks those spans
with spaces (newlines kept) for the NLP stage.

Noise rules live in :data:`NOISE_RULES` (``name -> rule``); the phrases they use are data in
``data/noise/furniture.txt`` and ``data/noise/related.txt``.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import regex

NOISE_DIR = Path(__file__).resolve().parents[2] / "data" / "noise"
#: Phrase lists: page furniture, and headings of blocks of other articles (also furniture).
PHRASE_FILES = {"furniture": NOISE_DIR / "furniture.txt", "related": NOISE_DIR / "related.txt"}

# Emoji code points, flags (regional indicators), skin tones, joiners, variation selectors and the
# music notes that social embeds use; (c), (R) and TM are Extended_Pictographic but are ordinary text.
EMOJI = regex.compile(
    r"[[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}"
    r"\uFE0E\uFE0F\u200D\u20E3\u2669-\u266C]--[\u00A9\u00AE\u2122\u203C\u2049]]+",
    regex.V1,
)
# A hashtag starts a word; "#1" or "C#" are not hashtags (a letter must follow, nothing before).
HASHTAG = regex.compile(r"(?<![\w#])#\p{L}[\p{L}\p{N}_]*")
# Whole-line social embed parts: a bare "@handle", a TikTok/Instagram sound credit ("♬ original
# sound - x", "🎶 title - artist"), a bare domain used as an image credit ("example.com"), a
# copyright/photo credit line, an embedded post's attribution ("— Name (@handle) March 12, 2024").
SOCIAL_LINE = regex.compile(
    r"@[\w.]{2,30}(?:\s*[·•|]\s*\S.*)?"
    r"|[—–-]\s*[^@\n]{0,60}\(@[\w.]{2,30}\).*"
    r"|[\u2669-\u266C\U0001F3B5\U0001F3B6].*"
    r"|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}"
    r"|(?:©|\(c\)|photo\s*:|crédits?\s*(?:photo)?\s*:|credits?\s*:|image\s*:).*",
    regex.IGNORECASE,
)
_END_PUNCT = " \t\u00a0:.!?…›»«-–—|"

class Line(NamedTuple):
    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    """Split text into lines with their offsets (terminators excluded).

    Examples
    --------
    >>> lines("ab\\r\\ncd")
    [Line(start=0, end=2, text='ab'), Line(start=4, end=6, text='cd')]
    """
    found, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        found.append(Line(pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    found.append(Line(pos, len(text), text[pos:]))
    return found


def _strip_span(line: Line) -> tuple[int, int]:
    left = len(line.text) - len(line.text.lstrip())
    right = len(line.text.rstrip())
    return line.start + left, line.start + right


class Phrases(NamedTuple):
    exact: frozenset[str]
    prefixes: tuple[str, ...]


@functools.cache
def phrases(kind: str) -> Phrases:
    """Whole-line phrases and line prefixes of one of :data:`PHRASE_FILES`."""
    exact, prefixes = set(), []
    for raw in PHRASE_FILES[kind].read_text(encoding="utf-8").splitlines():
        phrase = raw.strip().lower()
        if not phrase or phrase.startswith("#"):
            continue
        if phrase.endswith("*"):
            prefixes.append(phrase[:-1].strip())
        else:
            exact.add(phrase)
    return Phrases(frozenset(exact), tuple(sorted(prefixes)))


def _bare(text: str) -> str:
    return " ".join(EMOJI.sub(" ", text).split()).strip(_END_PUNCT).lower()


def is_furniture(text: str, *, kinds: Sequence[str] = tuple(PHRASE_FILES)) -> bool:
    """True if a whole line is page furniture (a phrase of the ``kinds`` of :data:`PHRASE_FILES`).

    Examples
    --------
    >>> is_furniture("Trending Now"), is_furniture("Trending stocks fell on Monday.")
    (True, False)
    >>> is_furniture("Share on Facebook", kinds=["related"])
    False
    """
    bare = _bare(text)
    return bool(bare) and any(bare in phrases(k).exact or bare.startswith(phrases(k).prefixes) for k in kinds)


Rule = Callable[[str, Sequence[Line], str], Iterator[tuple[int, int]]]


def _emoji(text: str, _lines: Sequence[Line], _title: str) -> Iterator[tuple[int, int]]:
    return (m.span() for m in EMOJI.finditer(text))


def _hashtag(text: str, _lines: Sequence[Line], _title: str) -> Iterator[tuple[int, int]]:
    return (m.span() for m in HASHTAG.finditer(text))


def _furniture(_text: str, all_lines: Sequence[Line], _title: str) -> Iterator[tuple[int, int]]:
    return (_strip_span(ln) for ln in all_lines if is_furniture(ln.text))


def _social(_text: str, all_lines: Sequence[Line], _title: str) -> Iterator[tuple[int, int]]:
    return (_strip_span(ln) for ln in all_lines if SOCIAL_LINE.fullmatch(ln.text.strip()))


def _title_repeat(_text: str, all_lines: Sequence[Line], title: str) -> Iterator[tuple[int, int]]:
    # Scraped pages repeat the headline (page title, og:title, image alt) in a run of copies: only
    # the first is text, the others would double every fact of the headline. A copy elsewhere, after
    # other text, is text (an album named like the article, on a line of its own).
    title = title.strip()
    filled = [ln for ln in all_lines if ln.text.strip()]
    first = next((k for k, ln in enumerate(filled) if title and ln.text.strip() == title), None)
    if first is None:
        return
    for ln in filled[first + 1:]:
        if ln.text.strip() != title:
            return
        yield _strip_span(ln)


def _symbols_only(_text: str, all_lines: Sequence[Line], _title: str) -> Iterator[tuple[int, int]]:
    # A line of nothing but emojis, hashtags and punctuation (a social caption) is noise as a whole.
    for ln in all_lines:
        rest = HASHTAG.sub("", EMOJI.sub("", ln.text))
        if ln.text.strip() and not regex.search(r"[\p{L}\p{N}]", rest):
            yield _strip_span(ln)


#: name -> rule(text, lines, title) yielding noise spans; every rule runs, spans are merged.
NOISE_RULES: dict[str, Rule] = {
    "emoji": _emoji,
    "hashtag": _hashtag,
    "furniture": _furniture,
    "social": _social,
    "title_repeat": _title_repeat,
    "symbols_only": _symbols_only,
}


def find_noise(text: str, *, title: str = "") -> tuple[tuple[int, int], ...]:
    """Noise spans of a text, sorted and merged (spans separated only by spaces are joined).

    Examples
    --------
    >>> text = "Big news 🚀 #Launch\\nTrending Now"
    >>> [text[s:e] for s, e in find_noise(text)]
    ['🚀 #Launch', 'Trending Now']
    """
    all_lines = lines(text)
    spans = sorted(s for rule in NOISE_RULES.values() for s in rule(text, all_lines, title) if s[0] < s[1])
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip(" \t\u00a0")):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Replace the characters of ``spans`` by spaces, keeping newlines: same length, same offsets.

    Examples
    --------
    >>> mask("ab🚀\\ncd", [(2, 4)])
    'ab \\ncd'
    """
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)
