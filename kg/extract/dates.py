"""Dates normalised to ISO values, as precise as the text allows (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``).

Spans come from the ``kg_dates`` component (our own patterns, both languages). A date without a year
("Ce 22 mai", "à partir du 17 juillet") or a relative one ("l'année dernière") is read against the
date of its section: the dated teaser it sits in, else the publication date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

import dateparser
from spacy.tokens import Doc

from kg import lexicon
from kg.ingest.article import segments
from kg.extract.entities import sentence_at
from kg.nlp import date_patterns
from kg.nlp.pipelines import NEWS_DAY
from kg.types import Article, DateMention, Sentence

_PRECISION = {"iso": "day", "numeric": "day", "day_month": "day", "month_day": "day",
              "month_year": "month", "year": "year"}
SYNONYMS = {"fr": {r"l'an dernier": "l'année dernière", r"l'an prochain": "l'année prochaine",
                   r"l'an passé": "l'année dernière", NEWS_DAY["fr"]: "aujourd'hui"},
            "en": {NEWS_DAY["en"]: "today"}}
_FORMAT = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def base_date(segs: list[tuple[int, int, dt.date | None]], char: int, default: dt.date | None) -> dt.date | None:
    """The date relative expressions at ``char`` refer to."""
    for start, end, date in segs:
        if start <= char < end and date is not None:
            return date
    return default


def _relative_precision(text: str) -> str:
    low = text.lower()
    if re.search(r"year|année|\ban\b", low):
        return "year"
    if re.search(r"month|mois", low):
        return "month"
    return "day"


@functools.lru_cache(maxsize=4096)
def normalise(text: str, kind: str, lang: str, base: dt.date | None) -> str | None:
    """ISO value of a date expression found by the ``kind`` pattern, read against ``base``.

    Examples
    --------
    >>> normalise("22 mai", "day_month", "fr", dt.date(2018, 5, 23))
    '2018-05-22'
    >>> normalise("06/07/2018", "numeric", "fr", None)
    '2018-07-06'
    >>> normalise("l'année dernière", "relative", "fr", dt.date(2018, 6, 15))
    '2017'
    >>> normalise("November 2025", "month_year", "en", None)
    '2025-11'
    """
    if kind == "year":
        return text
    match = date_patterns(lang)[kind].fullmatch(text)
    has_year = kind in ("iso", "numeric", "month_year") or bool(match and match.groupdict().get("y"))
    if not has_year and base is None:
        return None
    settings = {"PREFER_DATES_FROM": "current_period", "PREFER_DAY_OF_MONTH": "first",
                "DATE_ORDER": "DMY" if lang == "fr" else "MDY", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    if kind == "numeric" and lang == "en" and match and int(match["d"]) > 12:
        settings["DATE_ORDER"] = "DMY"  # 25/12/2025 can only be day first
    query = text.replace("’", "'")
    for short, long in SYNONYMS.get(lang, {}).items():  # forms dateparser does not know
        query = re.sub(short, long, query, flags=re.I)
    found = dateparser.parse(query, languages=[lang], settings=settings)
    if found is None:
        return None
    precision = _relative_precision(text) if kind == "relative" else _PRECISION[kind]
    return found.strftime(_FORMAT[precision])


_NUMBERS = (("a", "one", "un", "une"), ("two", "deux"), ("three", "trois"), ("four", "quatre"), ("five", "cinq"),
            ("six",), ("seven", "sept"), ("eight", "huit"), ("nine", "neuf"), ("ten", "dix"))
_COUNTS = {w: n for n, words in enumerate(_NUMBERS, start=1) for w in words}
_UNITS = (("year", "year"), ("an", "year"), ("année", "year"), ("month", "month"), ("mois", "month"),
          ("week", "week"), ("semaine", "week"), ("day", "day"), ("jour", "day"))


def later(text: str, previous: str) -> str | None:
    """The date ``text`` ("two years later", "l'année suivante") names, counted from the ISO date ``previous``,
    at no finer precision than both give; None when ``previous`` is too coarse for the unit.

    Examples
    --------
    >>> later("One year later", "1984")
    '1985'
    >>> later("deux mois plus tard", "2019-11-20")
    '2020-01'
    >>> later("le mois suivant", "2019-12")
    '2020-01'
    >>> later("three days later", "2019-11")
    """
    words = re.findall(r"\d+|[^\W\d]+", text.lower().replace("’", "'").replace("l'", ""))
    count = int(words[0]) if words[0].isdigit() else _COUNTS.get(words[0], 1)
    unit = next((u for w in words for stem, u in _UNITS if w.startswith(stem)), None)
    if unit is None:
        return None
    parts = [int(p) for p in previous.split("-")]
    if unit == "year":
        return str(parts[0] + count)
    if unit == "month":
        if len(parts) < 2:
            return None
        months = parts[0] * 12 + parts[1] - 1 + count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if len(parts) < 3:
        return None
    day = dt.date(*parts) + dt.timedelta(days=count * (7 if unit == "week" else 1))
    return day.isoformat()


_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}


def weekday(text: str, base: dt.date | None, *, future: bool = False) -> str | None:
    """The day a weekday names, read against the news date ``base``: the last such day on or before it
    ("ce lundi", "on Friday" report the week's news), after it for "next" or a future verb.

    Examples
    --------
    >>> weekday("ce lundi", dt.date(2017, 3, 11))
    '2017-03-06'
    >>> weekday("on Friday", dt.date(2017, 10, 20))
    '2017-10-20'
    >>> weekday("Monday", dt.date(2017, 10, 20), future=True)
    '2017-10-23'
    >>> weekday("lundi dernier", dt.date(2017, 10, 23))
    '2017-10-16'
    """
    words = text.lower().split()
    day = next((_WEEKDAYS[w] for w in words if w in _WEEKDAYS), None)
    if base is None or day is None:
        return None
    if "next" in words or "prochain" in words or future:
        return (base + dt.timedelta(days=(day - base.weekday() - 1) % 7 + 1)).isoformat()
    back = (base.weekday() - day) % 7
    if "last" in words or "dernier" in words:
        back = back or 7
    return (base - dt.timedelta(days=back)).isoformat()


def _future(doc: Doc, start: int) -> bool:
    """The verb a date hangs on speaks of the future ("will open on Monday", "ouvrira lundi", "va ouvrir")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    tok = span.root if span is not None and len(span) else None
    for _ in range(4):
        if tok is None or tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            auxes = {c.lower_ for c in tok.children if c.dep_.split(":")[0] == "aux"} | {tok.head.lemma_}
            return "Fut" in tok.morph.get("Tense") or bool(auxes & {"will", "'ll", "shall", "aller"})
    return False


def _names_a_version(text: str, end: int, lang: str) -> bool:
    after = re.match(r"\s+([^\W\d][\w-]*)", text[end:end + 30])
    return bool(after) and after.group(1).lower() in lexicon.cues("version_noun", lang)


def extract_dates(doc: Doc, article: Article, sents: tuple[Sentence, ...]) -> list[DateMention]:
    """Date mentions of a parsed article, sorted by offset.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> from kg.extract.entities import sentences
    >>> *_, art = make_article("Le magasin ouvrira le 3 mars.", ident="a", source="a.txt", lang="fr",
    ...                    published="2024-01-10")
    >>> doc = get_pipeline("fr")(art.text)
    >>> [(d.text, d.value) for d in extract_dates(doc, art, sentences(doc, art))]
    [('3 mars', '2024-03-03')]
    """
    segs = segments(article)
    out: list[DateMention] = []
    for start, end, kind in doc._.kg_dates or []:
        text = article.text[start:end]
        if kind == "year" and _names_a_version(article.text, end, article.lang):
            continue  # "the 2011 version of its software suite": which version, not when
        if kind == "later":  # "in 1984 ... One year later": counted from the date named last, never the news
            value = later(text, out[-1].value) if out else None
        elif kind == "weekday":
            value = weekday(text, base_date(segs, start, article.published), future=_future(doc, start))
        else:
            value = normalise(text, kind, article.lang, base_date(segs, start, article.published))
        if value is None:
            continue
        conf = 0.9 if kind in ("iso", "numeric", "day_month", "month_day", "month_year") else 0.7
        out.append(DateMention(start, end, text, value, sentence_at(sents, start), f"kg.dates.{kind}", conf))
    return out
