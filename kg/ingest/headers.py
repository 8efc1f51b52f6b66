"""An article's own date and headline near the top of its text, and its dated sections.

:func:`header_date` finds the article's date line (or dateline) near the top, :func:`header_title` the
headline above it, and :func:`dated_sections` splits off blocks of dated teasers ("related items") so
that each keeps its own date. Noise is found by :mod:`kg.ingest.clean`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

import dateparser

from kg.ingest.clean import SOCIAL_LINE, Line, _strip_span, find_noise, is_furniture, lines, mask

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


class DateLine(NamedTuple):
    """A line that holds a date: where it is, which line (index into :func:`lines`) and the date."""

    start: int
    end: int
    index: int
    date: dt.date


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
