"""One article from text and whatever metadata is known: language, publication date, noise, content hash.

:func:`make_article` is what every reader of :mod:`kg.ingest` calls once it has the text of an article;
benchmarks and tests call it on in-memory text. :func:`masked_text` and :func:`segments` are the views
of an Article that the NLP and date stages read.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterator

import regex
from lingua import Language, LanguageDetectorBuilder

from kg.ingest.clean import find_noise, mask
from kg.ingest.headers import dated_sections, header_date, header_title, parse_date_line
from kg.types import Article, IngestWarning

SUPPORTED_LANGS = ("en", "fr")
# Besides English and French, the languages most likely to reach a European business-news corpus,
# so that such text is reported as unsupported instead of being forced into "en" or "fr".
DETECTED_LANGUAGES = (Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH,
                      Language.ITALIAN, Language.DUTCH, Language.PORTUGUESE)
# Capitalised words (names), bracketed asides and non-letters: left out of language detection, since
# an English text about German companies is full of German names but its lower-case words are English.
_NOT_FOR_DETECTION = regex.compile(r"\([^)]*\)|\[[^\]]*\]|\b\p{Lu}[\p{L}\p{M}'’.-]*|[^\p{L}\s'’-]+")

Item = Article | IngestWarning


@functools.cache
def _detector():
    return LanguageDetectorBuilder.from_languages(*DETECTED_LANGUAGES).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, offline (lingua), or None if undecidable.

    Only the lower-case words are used when there are at least four: proper names say nothing of
    the language the article is written in.

    Examples
    --------
    >>> detect_language("Die Firma hat heute in Berlin einen neuen Laden eröffnet.")
    'de'
    >>> detect_language("Friedrich Wilhelm Bechstein was the founder of C. Bechstein Pianofortefabrik.")
    'en'
    """
    words = " ".join(_NOT_FOR_DETECTION.sub(" ", text[:20000]).split())
    found = _detector().detect_language_of(words if len(words.split()) >= 4 else text[:20000])
    return found.iso_code_639_1.name.lower() if found else None


def masked_text(article: Article) -> str:
    """The article text with its noise replaced by spaces (newlines kept): same length and offsets.

    Examples
    --------
    >>> from kg.ingest import read_inputs
    >>> art = next(read_inputs(["data/articles/xiaomi-stores-france-2025-en.txt"]))
    >>> text = masked_text(art)
    >>> len(text) == len(art.text) and "Trending Now" not in text
    True
    """
    return mask(article.text, article.noise)


def segments(article: Article) -> list[tuple[int, int, dt.date | None]]:
    """Sections ``(start, end, date)`` of an article, each with the date its relative dates refer to.

    The article is one section dated ``published``, unless the page carries a block of dated
    teasers ("related items": a short title line followed by a standalone date line such as
    ``06/07/2018``); each teaser is then a section of its own, dated by its date line. Sections
    cover the whole text in order; noise inside them is still in ``article.noise``.

    Examples
    --------
    >>> from kg.ingest import read_inputs
    >>> art = next(read_inputs(["data/articles/xiaomi-stores-france-2025-en.txt"]))
    >>> segments(art) == [(0, len(art.text), art.published)]
    True
    """
    return dated_sections(article.text, article.lang, article.published)


def _lang_code(value: str) -> str:
    return re.split(r"[-_]", value.strip().lower())[0]


def _parse_date(value: object, lang: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return parse_date_line(text, lang)


def make_article(text: str, *, ident: str, source: str, line: int | None = None, title: str | None = None,
                 published: object = None, lang: str | None = None, url: str | None = None,
                 lang_hint: str | None = None) -> Iterator[Item]:
    """Build an Article from text and whatever metadata is known; infer the rest.

    ``lang`` is trusted; without it the language is detected, and ``lang_hint`` (a page's
    ``<html lang>``, often a template default) only serves when detection cannot decide.

    Yields warnings first (a bad date, an unsupported language ...), then the Article, unless it is
    skipped: ``*_, article = make_article(...)`` takes the article of good text.

    Examples
    --------
    >>> items = list(make_article("Le magasin a ouvert à Lyon.", ident="a", source="a.txt", lang="de"))
    >>> str(items[0])
    "a.txt: language 'de' is not supported; supported: en, fr"
    """
    warn = functools.partial(IngestWarning, source, line)
    if not text.strip():
        yield warn("no text: the article is empty")
        return
    rough = find_noise(text)
    if not mask(text, rough).strip():
        yield warn("no text: the article is only emojis, hashtags and page furniture")
        return
    if lang:
        lang = _lang_code(lang)
    else:
        hint = _lang_code(lang_hint) if lang_hint else None
        lang = detect_language(mask(text, rough)) or hint
        if lang is None:
            yield warn(f"cannot tell the language; state it (lang: {' or '.join(SUPPORTED_LANGS)})")
            return
        if hint and hint != lang:
            yield warn(f"the page declares lang {hint!r} but its text reads as {lang!r}; read as {lang!r}")
    if lang not in SUPPORTED_LANGS:
        yield warn(f"language {lang!r} is not supported; supported: {', '.join(SUPPORTED_LANGS)}")
        return
    date = None
    if published not in (None, ""):
        date = _parse_date(published, lang)
        if date is None:
            yield warn(f"cannot read the date {published!r}; expected YYYY-MM-DD; inferring it from the text")
    head = header_date(text, lang)
    date = date or (head.date if head else None)
    title = " ".join((title or "").split()) or header_title(text, head)
    noise = find_noise(text, title=title)
    key = json.dumps([text, title, date.isoformat() if date else None, lang, url], ensure_ascii=False)
    yield Article(id=ident, source=source, line=line, text=text, title=title, published=date, lang=lang,
                  url=url or None, noise=noise, content_hash=hashlib.sha256(key.encode("utf-8")).hexdigest())
