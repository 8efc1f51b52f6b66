"""Long articles, streamed: extraction per window of pieces, compact records kept, the graph stored in parts.

A text longer than :data:`kg.nlp.pipelines.CHUNK_CHARS` is already parsed in pieces; an article longer
than :data:`kg.store.staged.LONG_CHARS` is moreover *extracted* in windows of :data:`WINDOW_PIECES` consecutive pieces,
each window sharing its first piece with the previous one. The shared piece gives an anaphor or a fact at
the window's start its antecedent and sentence; what a window finds there was already kept from the
previous window, so each window keeps only the records of the sentences it owns (all but its first
piece's), and maps its references to the shared piece onto the kept records by their offsets. Each
window's Doc is released before the next is parsed: what stays is the article's mentions, dates, facts and
events as plain tuples. They are resolved once, over the whole article (so one entity keeps one node), and
the graph is written in parts by :func:`kg.store.staged.store_long`.

Examples
--------
>>> windows([(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)], 3)
[(0, 30, 0), (20, 50, 30)]
"""
from __future__ import annotations

import ctypes
import gc
import pickle
from collections.abc import Callable
from typing import Any

from kg.types import Article, Extraction, Mention

#: pieces per window (the first shared with the previous window)
WINDOW_PIECES = 4
_COUNTRY = "kg.demonym"  # kg.extract.relations.origin.EXTRACTOR: its mentions follow all others


def windows(bounds: list[tuple[int, int]], size: int) -> list[tuple[int, int, int]]:
    """``(start, end, owned_from)`` of each window of ``size`` pieces over ``bounds``, one piece of overlap.

    A window owns its text from ``owned_from`` on: all of it for the first, all but the shared piece after.
    """
    size = max(2, size)
    out, i = [], 0
    while True:
        j = min(i + size, len(bounds))
        out.append((bounds[i][0], bounds[j - 1][1], bounds[i][0] if i == 0 else bounds[i][1]))
        if j >= len(bounds):
            return out
        i = j - 1


def _window_article(article: Article, start: int, end: int) -> Article:
    noise = tuple((max(s, start) - start, min(e, end) - start) for s, e in article.noise if s < end and start < e)
    return article._replace(text=article.text[start:end], noise=noise)


class _Merged:
    """The article's records so far, in article offsets, and the maps that find them again.

    Each window's records are kept pickled (one ``bytes`` object per window) and unpickled together at
    the end: kept as objects, the few records a window keeps sat scattered among the window's freed
    objects and pinned their memory (CPython frees an arena only when all its objects are gone), about
    70 MB per MB of text. The offset maps keep only what the next window can refer to (its shared piece).
    """

    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.n_sentences = self.n_mentions = 0
        self.countries: list[Mention] = []
        self.sentence_at: dict[int, int] = {}
        self.mention_at: dict[tuple[int, int, str, str], int] = {}

    def add(self, ex: Extraction, start: int, owned_from: int, next_start: int | None = None) -> None:
        sentences, mentions, dates, facts, events = [], [], [], [], []
        sent_map: dict[int, int | None] = {}
        owned: set[int] = set()
        for i, s in enumerate(ex.sentences):
            g = s.start + start
            if g >= owned_from:
                owned.add(i)
                self.sentence_at[g] = self.n_sentences + len(sentences)
                sentences.append(s._replace(start=g, end=s.end + start))
            sent_map[i] = self.sentence_at.get(g)
        shifted = [m._replace(start=m.start + start, end=m.end + start, sentence=sent_map[m.sentence])
                   for m in ex.mentions]
        ment_map: dict[int, int | None] = {}
        kept: list[tuple[int, Mention]] = []
        for i, m in enumerate(shifted):
            key = (m.start, m.end, m.type, m.extractor)
            if ex.mentions[i].sentence in owned and m.extractor != _COUNTRY:
                ment_map[i] = self.mention_at[key] = self.n_mentions + len(kept)
                kept.append((i, m))
            else:
                ment_map[i] = self.mention_at.get(key)
        for i, m in kept:
            antecedent = None if m.antecedent is None else ment_map.get(m.antecedent)
            mentions.append(m._replace(antecedent=antecedent))
        # countries are numbered after every other mention (as extract() does): kept aside, mapped at the end
        for i, m in enumerate(shifted):
            if m.extractor == _COUNTRY and ex.mentions[i].sentence in owned:
                ment_map[i] = -1 - len(self.countries)
                self.countries.append(m)
        dates += [d._replace(start=d.start + start, end=d.end + start, sentence=sent_map[d.sentence])
                  for d in ex.dates if d.sentence in owned]
        for f in ex.facts:
            subject, obj = ment_map.get(f.subject), None if f.object is None else ment_map.get(f.object)
            if f.sentence in owned and subject is not None and (f.object is None or obj is not None):
                facts.append(f._replace(subject=subject, object=obj, sentence=sent_map[f.sentence]))
        for e in ex.events:
            if e.sentence not in owned:
                continue
            role = {k: None if getattr(e, k) is None else ment_map.get(getattr(e, k))
                    for k in ("agent", "target", "product")}
            places = tuple(p for p in (ment_map.get(p) for p in e.places) if p is not None)
            events.append(e._replace(trigger_start=e.trigger_start + start, trigger_end=e.trigger_end + start,
                                     sentence=sent_map[e.sentence], places=places, **role))
        self.blobs.append(pickle.dumps((sentences, mentions, dates, facts, events), pickle.HIGHEST_PROTOCOL))
        self.n_sentences += len(sentences)
        self.n_mentions += len(mentions)
        if next_start is not None:  # the next window refers back to its shared piece only
            self.sentence_at = {g: k for g, k in self.sentence_at.items() if g >= next_start}
            self.mention_at = {key: k for key, k in self.mention_at.items() if key[0] >= next_start}

    def extraction(self, article: Article) -> Extraction:
        sentences, mentions, dates, facts, events = [], [], [], [], []
        for blob in self.blobs:
            for out, part in zip((sentences, mentions, dates, facts, events), pickle.loads(blob)):
                out += part
        self.blobs.clear()
        base = len(mentions)

        def index(i: int | None) -> int | None:
            return base - 1 - i if i is not None and i < 0 else i

        facts = [f._replace(subject=index(f.subject), object=index(f.object)) for f in facts]
        facts.sort(key=lambda f: (f.sentence, f.subject, f.predicate, f.object or -1, f.value or ""))
        events = [e._replace(agent=index(e.agent), target=index(e.target), product=index(e.product),
                             places=tuple(index(p) for p in e.places)) for e in events]
        return Extraction(article, tuple(sentences), tuple(mentions + self.countries), tuple(dates),
                          tuple(facts), tuple(events))


def _trim() -> None:
    """Hand the memory freed with a window back to the system (glibc only; elsewhere nothing to do).

    The window's arrays and objects are freed, but glibc keeps the freed pages of its heap mapped, so
    the process would grow by what each window left scattered between live records."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def extract_long(article: Article, extract: Callable[[Any, Article], Extraction], *, window: int = WINDOW_PIECES,
                 size: int | None = None) -> Extraction:
    """The :class:`~kg.types.Extraction` of a long article, extracted window by window (see module doc).

    ``extract`` is :func:`kg.extract.extract` (passed in: a module never imports its own package).
    """
    from kg.nlp import pipelines
    from kg.nlp.folding import model_text

    nlp = pipelines.get_pipeline(article.lang)
    size = size or pipelines.CHUNK_CHARS
    merged = _Merged()
    # read once for the whole article: a window's headings fold as they would in a short article, by the names
    # of all its prose
    text = model_text(article)
    spans = windows(pipelines.chunk_bounds(text, nlp, size), window)
    for k, (start, end, owned_from) in enumerate(spans):
        part = _window_article(article, start, end)
        doc = pipelines.parse_long(nlp, text[start:end], part.noise, size=size)
        merged.add(extract(doc, part), start, owned_from, spans[k + 1][0] if k + 1 < len(spans) else None)
        del doc, part  # the window's Doc goes before the next is parsed
        _trim()
    return merged.extraction(article)
