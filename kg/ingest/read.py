"""Read articles from .txt, .html and .jsonl files: text, metadata, language and noise.

:func:`read_inputs` is the entry point. Bad content never raises: each bad file or JSONL line
becomes an :class:`~kg.types.IngestWarning` (file, line, message) and reading goes on; only a path
that does not exist raises :class:`~kg.errors.InputError`.

``Article.text`` is the original text (after a ``.txt`` front-matter block, or the main text that
trafilatura extracts from HTML). Noise (emojis, hashtags, social embeds, page furniture) is never cut:
it is listed in ``Article.noise`` and :func:`masked_text` blanks it with spaces, so offsets computed
on the masked text point into ``Article.text``.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import trafilatura

# One Article from text is kg.ingest.article's job; its names stay importable from here, where readers look.
from kg.ingest.files import decode, qualified_id, walk
from kg.ingest.plain import plain_text
from kg.ingest.article import SUPPORTED_LANGS, detect_language, make_article, masked_text, segments  # noqa: F401
from kg.errors import InputError
from kg.types import Article, IngestWarning

FRONT_MATTER_KEYS = ("date", "id", "lang", "title", "url")
_HTML_LANG = re.compile(r"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)

Item = Article | IngestWarning


class FrontMatter(NamedTuple):
    fields: dict[str, str]
    start: int
    """Offset where the text starts (0 without front matter)."""
    problems: list[str]


class Page(NamedTuple):
    """What trafilatura finds in an HTML page."""

    text: str
    title: str | None
    date: str | None
    url: str | None
    lang: str | None


def split_front_matter(text: str) -> FrontMatter:
    """Front-matter fields, the offset where the text starts, and problems found.

    A front-matter block is a ``---`` line at the very top, ``key: value`` lines, and a closing
    ``---`` line; the text starts right after it.

    Examples
    --------
    >>> split_front_matter("---\\ndate: 2018-05-22\\n---\\nTitre\\n")
    FrontMatter(fields={'date': '2018-05-22'}, start=25, problems=[])
    """
    first = re.match(r"---[ \t]*\r?\n", text)
    if not first:
        return FrontMatter({}, 0, [])
    close = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.MULTILINE).search(text, first.end())
    if not close:
        return FrontMatter({}, 0, ["front matter opened with '---' is never closed; read as text"])
    fields: dict[str, str] = {}
    problems = []
    for n, raw in enumerate(text[first.end():close.start()].splitlines(), start=2):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        key, sep, value = raw.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            problems.append(f"front matter line {n}: unknown field {raw.strip()!r}; "
                            f"valid: {', '.join(FRONT_MATTER_KEYS)}")
            continue
        fields[key] = value.strip().strip("\"'")
    return FrontMatter(fields, close.end(), problems)


def read_txt(path: Path, source: str, rel: str) -> Iterator[Item]:
    """Articles of a plain-text file: optional front matter, then the text."""
    warn = functools.partial(IngestWarning, source, None)
    text, problems = decode(path.read_bytes(), warn)
    yield from problems
    if text is None:
        return
    meta, start, issues = split_front_matter(text)
    yield from map(warn, issues)
    yield from make_article(text[start:], ident=meta.get("id") or meta.get("url") or rel, source=source,
                            title=meta.get("title"), published=meta.get("date"), lang=meta.get("lang"),
                            url=meta.get("url"))


def html_page(html: str, *, url: str | None = None) -> Page | None:
    """Main text and metadata of an HTML page (trafilatura), or None if it has no main text.

    Examples
    --------
    >>> page = "<html lang='fr'><body><article><p>" + "Le magasin ouvre à Lyon. " * 20 + "</p></article>"
    >>> html_page(page).lang
    'fr'
    """
    # No extensive date search: it falls back to any year on the page ("© 2024" -> 2024-01-01).
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or not (doc.text or "").strip():
        return None
    lang = _HTML_LANG.search(html[:5000])
    return Page(doc.text, doc.title, doc.date, doc.url or url, lang.group(1) if lang else None)


def _page_or_plain(html: str, *, url: str | None = None) -> tuple[Page | None, str | None]:
    """The page, or its plain text when the main-text extractor gives up on text a reader would see."""
    page = html_page(html, url=url)
    if page is not None:
        return page, None
    text, title = plain_text(html)
    # Under ~30 words a page is a login form or a shell of links, not an article the extractor missed.
    if len(text.split()) < 30:
        return None, "no main text found"
    lang = _HTML_LANG.search(html[:5000])
    return Page(text, title, None, url, lang.group(1) if lang else None), \
        "no main text found by the extractor (too deeply nested?); read all visible text"


def read_html(path: Path, source: str, rel: str) -> Iterator[Item]:
    """The article of an HTML page: trafilatura's main text, title, date and URL; language detected."""
    warn = functools.partial(IngestWarning, source, None)
    html, problems = decode(path.read_bytes(), warn)
    yield from problems
    if html is None:
        return
    page, problem = _page_or_plain(html)
    if problem:
        yield warn(problem + " in the HTML page")
    if page is None:
        return
    yield from make_article(page.text, ident=page.url or rel, source=source, title=page.title,
                            published=page.date, lang_hint=page.lang, url=page.url)


def _jsonl_record(raw: bytes, n: int, source: str, rel: str) -> Iterator[Item]:
    warn = functools.partial(IngestWarning, source, n)
    text, problems = decode(raw, warn)
    yield from problems
    if text is None:
        return
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        yield warn(f"malformed JSON ({err.msg} at column {err.colno})")
        return
    if not isinstance(record, dict):
        yield warn(f"expected a JSON object, got {type(record).__name__}")
        return
    bad = sorted(k for k in ("text", "html", "title", "date", "published", "lang", "url", "id")
                 if record.get(k) is not None and not isinstance(record[k], str))
    if bad:
        yield warn(f"field {bad[0]!r} must be a string, got {type(record[bad[0]]).__name__}")
        return
    url = record.get("url") or None
    body, page = record.get("text"), Page("", None, None, None, None)
    if not (body or "").strip() and (record.get("html") or "").strip():
        found, problem = _page_or_plain(record["html"], url=url)
        if problem:
            yield warn(problem + " in the 'html' field")
        if found is None:
            return
        page, body = found, found.text
    if not (body or "").strip():
        yield warn("no 'text' (or 'html') field with content; fields found: "
                   + (", ".join(sorted(record)) or "none"))
        return
    url = url or page.url
    yield from make_article(body, ident=record.get("id") or url or f"{rel}#L{n}", source=source, line=n,
                            title=record.get("title") or page.title,
                            published=record.get("date") or record.get("published") or page.date,
                            lang=record.get("lang"), lang_hint=page.lang, url=url)


def read_jsonl(path: Path, source: str, rel: str) -> Iterator[Item]:
    """Articles of a JSON Lines file: one JSON object a line with ``text`` or ``html``.

    Optional fields: ``title``, ``date`` (or ``published``), ``lang``, ``url``, ``id``. Blank lines
    are skipped; a bad line is a warning with its line number.
    """
    data = path.read_bytes()
    if not data.strip():
        yield IngestWarning(source, None, "empty file")
        return
    for n, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            yield from _jsonl_record(raw.rstrip(b"\r"), n, source, rel)


#: file extension (lower case) -> reader(path, source, id relative to the input root)
READERS: dict[str, Callable[[Path, str, str], Iterator[Item]]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}


def _read_file(path: Path, rel: str) -> Iterator[Item]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"'{path.suffix}'" if path.suffix else "without extension"
        yield IngestWarning(str(path), None, f"unsupported file type {kind}; supported: {', '.join(sorted(READERS))}")
        return
    try:
        yield from reader(path, str(path), rel)
    except OSError as err:
        yield IngestWarning(str(path), None, f"cannot read the file: {err.strerror or err}")


def _read_all(args: list[Path], exclude: Sequence[Path]) -> Iterator[Item]:
    seen: set[Path] = set()
    ids: dict[str, tuple[str, str]] = {}
    for arg in args:
        for found in walk(arg, exclude):
            if isinstance(found, IngestWarning):
                yield found
                continue
            path, rel = found
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            for item in _read_file(path, rel):
                if isinstance(item, Article):
                    # Two articles with one id would overwrite each other in the store: the second is renamed.
                    where = f"{item.source}:{item.line}" if item.line else item.source
                    first = ids.get(item.id)
                    if first and first[1] != item.source and (new := qualified_id(item.id, item.source,
                                                                                   first[1])) not in ids:
                        yield IngestWarning(item.source, item.line, f"duplicate id {item.id!r} (first read from "
                                            f"{ids[item.id][0]}); read as {new!r}")
                        item = item._replace(id=new)
                    if item.id in ids:
                        item = IngestWarning(item.source, item.line, f"duplicate id {item.id!r} (first read from "
                                             f"{ids[item.id][0]}); skipped: give it its own id")
                    else:
                        ids[item.id] = (where, item.source)
                yield item


def read_inputs(paths: Sequence[str | Path], *,
                exclude: Sequence[str | Path] = ()) -> Iterator[Article | IngestWarning]:
    """Read articles from files and folders (folders recursively, in sorted order).

    Files are read by extension through :data:`READERS`; every unreadable file or record is an
    :class:`~kg.types.IngestWarning` and the rest goes on, as is every path not read (links to
    folders, dangling links, unreadable folders, folders in ``exclude`` such as the build's output).

    Raises
    ------
    InputError
        If a path does not exist (checked before anything is read).

    Examples
    --------
    >>> items = list(read_inputs(["data/articles"]))
    >>> sorted(a.id for a in items if isinstance(a, Article))
    ['xiaomi-paris-2018-fr.txt', 'xiaomi-stores-france-2025-en.txt']
    """
    args = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    missing = [str(p) for p in args if not p.exists()]
    if missing:
        raise InputError(f"input path {missing[0]!r} does not exist"
                         + (f" (nor {', '.join(map(repr, missing[1:]))})" if missing[1:] else ""))
    return _read_all(args, [Path(p) for p in exclude])
