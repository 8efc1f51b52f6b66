"""Noise spans, header dates and dated sections of an article's text.

Nothing here cuts text: noise is returned as ``(start, end)`` character spans into the original
text, so every offset computed later still points at the source. :func:`mask` blanks those spans
with spaces (newlines kept) for the NLP stage.

Noise rules live in :data:`NOISE_RULES` (``name -> rule``); the phrases they use are data in
``data/noise/furniture.txt`` and ``data/noise/related.txt``. The header functions find an article's
own date and headline near the top (:func:`header_date`, :func:`header_title`), and
:func:`dated_sections` splits off dated teasers so that each keeps its own date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import dateparser
import regex

NOISE_DIR = Path(__file__).resolve().parent.parent / "data" / "noise"
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

# Date lines: a label before the date and a time after it are not part of the date.
_DATE_LABEL = re.compile(
    r"^(?:(?:last\s+)?(?:published|posted|updated|modified)(?:\s+on)?|publié(?:\s+le)?"
    r"|mis\s+à\s+jour(?:\s+le)?|date|on|le)\s*:?\s*",
    re.IGNORECASE,
)
_TIME_TAIL = re.compile(r"\s+(?:at\s+|à\s+|[-–,]\s*)?\d{1,2}\s?[:h]\s?\d{2}\b.*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]\d\d|2\d\d\d)\b")
# "PARIS, 22 mai 2018 (AFP) - ..." / "NEW YORK, Nov. 20, 2025 (Reuters) — ...".
_DATELINE = re.compile(
    r"^\s*[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*){0,3}\s*,\s*(?P<date>[^—–(]{6,40}?)"
    r"\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s"
)
_BYLINE_SEP = re.compile(r"\s*[·•|]\s*")
#: A date line within the first 15 non-empty lines, and before the first paragraph of body text
#: (a line this long), is the article's own date; further down, dates belong to the content.
HEADER_LINES = 15
BODY_LINE_CHARS = 200
#: A teaser title (a short line above a standalone date line) is at most this long.
TITLE_MAX_CHARS = 160


class Line(NamedTuple):
    start: int
    end: int
    text: str


class DateLine(NamedTuple):
    """A line that holds a date: where it is, which line (index into :func:`lines`) and the date."""

    start: int
    end: int
    index: int
    date: dt.date


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


def parse_date_line(text: str, lang: str) -> dt.date | None:
    """The date of a line that is only a date (a label such as "Published" and a time allowed).

    Day, month and year must all be written: "Ce 22 mai" or "2027" are not date lines.

    Examples
    --------
    >>> parse_date_line("Publié le 22 mai 2018 à 10h30", "fr")
    datetime.date(2018, 5, 22)
    >>> parse_date_line("06/07/2018", "fr"), parse_date_line("Trending Now", "en")
    (datetime.date(2018, 7, 6), None)
    """
    core = _TIME_TAIL.sub("", _DATE_LABEL.sub("", " ".join(text.split())))
    # The year check keeps relative phrases ("11 days ago") out: dateparser would date them from today.
    if not 6 <= len(core) <= 50 or not _YEAR.search(core) or len(re.findall(r"\d+", core)) < 2:
        return None
    found = dateparser.parse(core, languages=[lang], settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
    })
    return found.date() if found else None


def _line_date(text: str, lang: str) -> dt.date | None:
    m = _DATELINE.match(text)
    if m and (found := parse_date_line(m.group("date"), lang)):
        return found
    return next(filter(None, (parse_date_line(p, lang) for p in _BYLINE_SEP.split(text) if p)), None)


def header_date(text: str, lang: str) -> DateLine | None:
    """The article's own date: the first date line or dateline near the top.

    Only the first :data:`HEADER_LINES` non-empty lines count, and the search stops at the heading
    of a block of other articles ("Related items") or at the first body paragraph, so dates of
    teasers further down are never taken.

    Examples
    --------
    >>> header_date("Title\\n\\n20 November 2025\\nBody.", "en").date
    datetime.date(2025, 11, 20)
    >>> header_date("Titre\\nCe 22 mai la boutique a ouvert.", "fr") is None
    True
    """
    non_empty = [(i, ln) for i, ln in enumerate(lines(text)) if ln.text.strip()]
    for i, ln in non_empty[:HEADER_LINES]:
        if is_furniture(ln.text, kinds=["related"]):
            return None
        if found := _line_date(ln.text.strip(), lang):
            return DateLine(*_strip_span(ln), i, found)
        if len(ln.text.strip()) >= BODY_LINE_CHARS:
            return None
    return None


def _is_title_line(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= TITLE_MAX_CHARS and not text.endswith((".", ":", ";", ",")) \
        and not is_furniture(text) and not SOCIAL_LINE.fullmatch(text)


def header_title(text: str, date_line: DateLine | None) -> str:
    """The headline: the title line right above the header date line, else the first real line.

    Noise is left out; a first line that is a whole paragraph is cut to :data:`TITLE_MAX_CHARS`.

    Examples
    --------
    >>> text = "Jane Doe Notes\\nSummary.\\nShop opens in Lyon\\n20 November 2025\\nBody."
    >>> header_title(text, header_date(text, "en"))
    'Shop opens in Lyon'
    """
    all_lines = lines(text)
    if date_line is not None:
        above = [ln for ln in all_lines[:date_line.index] if ln.text.strip()]
        if above and _is_title_line(above[-1].text):
            return " ".join(mask(above[-1].text, find_noise(above[-1].text)).split())
    for ln in all_lines:
        clean = " ".join(mask(ln.text, find_noise(ln.text)).split())
        if len(clean) > TITLE_MAX_CHARS:
            return clean[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + " …"
        if clean:
            return clean
    return ""


def dated_sections(text: str, lang: str, published: dt.date | None) -> list[tuple[int, int, dt.date | None]]:
    """Split a text into sections, each with the date that relative dates in it refer to.

    A section starts at a short title line followed by a standalone date line (a "related items"
    block of dated teasers) below the header; the article itself is the first section, dated
    ``published``. Sections cover the whole text, in order.

    Examples
    --------
    >>> text = "Shop opens\\nBody.\\nRelated\\nRival grows\\n06/07/2018\\nIt grew."
    >>> dated_sections(text, "fr", None)
    [(0, 25, None), (25, 56, datetime.date(2018, 7, 6))]
    """
    all_lines = lines(text)
    header = header_date(text, lang)
    starts: list[tuple[int, dt.date]] = []
    previous: Line | None = None
    for i, ln in enumerate(all_lines):
        if not ln.text.strip():
            continue
        if previous is not None and (header is None or i > header.index) and _is_title_line(previous.text):
            found = parse_date_line(ln.text.strip(), lang)
            if found and parse_date_line(previous.text.strip(), lang) is None:
                starts.append((previous.start, found))
        previous = ln
    bounds = [(0, published)] + [(s, d) for s, d in starts if s > 0]
    ends = [s for s, _ in bounds[1:]] + [len(text)]
    return [(s, e, d) for (s, d), e in zip(bounds, ends)]
