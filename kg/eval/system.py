"""Run THE PRODUCT on benchmark text: ``kg.nlp.parse`` -> ``kg.extract.extract`` -> ``kg.resolve.resolve``.

Benchmarks hand us raw text; we wrap each document in an :class:`~kg.types.Article` and score what
the product extracts from it, so the figures describe the graph users get. Facts or mentions that
the resolver drops (``mention_entity`` is None) are not in the graph, so they are not scored either,
with one exception a benchmark may ask for (``fact_spans(..., unresolved=True)``): facts read through a
pronoun whose antecedent is not in the text, where the benchmark's gold marks the pronoun itself.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice
from typing import NamedTuple

from kg.errors import InputError
from kg.types import UNRESOLVED, Article, Extraction, Fact


class Output(NamedTuple):
    """What the product keeps of one document: its extraction, with dropped mentions marked."""

    extraction: Extraction
    kept: tuple[bool, ...]
    """For each mention: True when the resolver mapped it to an entity (it reaches the graph)."""
    keys: tuple[str | None, ...] = ()
    """For each mention: its entity key (``Resolved.mention_entity``); empty for the baseline."""
    entities: tuple = ()
    """The resolved entities (``Resolved.entities``); empty for the baseline."""
    error: str | None = None
    """Why the product failed on this document (it then counts as extracting nothing)."""


def fact_spans(output: Output, fact: Fact, *, unresolved: bool = False) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where ``fact``'s subject and object are in the text; None when the graph does not hold the fact
    (a mention the resolver dropped, or a literal with no date mention in its sentence).

    ``unresolved=True`` also locates facts read through a pronoun whose antecedent is not in the text
    (:data:`~kg.types.UNRESOLVED`): span-level benchmarks annotate the pronoun itself as the slot.

    A literal (a founding date) is located by the date mention of its sentence it was read from.

    Examples
    --------
    >>> from kg.types import DateMention, Fact, Mention
    >>> art = make_article("x", "Acme was founded in 1998.", "en")
    >>> ex = Extraction(art, (), (Mention(0, 4, "Acme", "Company", 0, "t", 1.0),),
    ...                 (DateMention(20, 24, "1998", "1998", 0, "t", 1.0),), (), ())
    >>> fact_spans(Output(ex, (True,)), Fact(0, "foundedOn", None, "1998", 0, "t", 1.0))
    ((0, 4), (20, 24))
    """
    ex = output.extraction

    def scored(i: int) -> bool:
        return output.kept[i] or (unresolved and ex.mentions[i].extractor == UNRESOLVED)

    if not scored(fact.subject):
        return None
    subj = ex.mentions[fact.subject]
    if fact.object is not None:
        if not scored(fact.object):
            return None
        obj = ex.mentions[fact.object]
        return (subj.start, subj.end), (obj.start, obj.end)
    spans = [(d.start, d.end) for d in ex.dates if d.sentence == fact.sentence and d.value == fact.value]
    return ((subj.start, subj.end), spans[0]) if spans else None


def make_article(doc_id: str, text: str, lang: str, *, source: str = "benchmark") -> Article:
    """An in-memory article for benchmark text (no noise, no publication date).

    Examples
    --------
    >>> make_article("kn/1", "Apple is based in Cupertino.", "en").lang
    'en'
    """
    digest = hashlib.sha256(f"{doc_id}\n{lang}\n{text}".encode()).hexdigest()
    return Article(doc_id, source, None, text, "", None, lang, None, (), digest)


#: called with each Output as :func:`run_product` yields it (``kg eval``'s progress bar); see :func:`progress_to`
_PROGRESS: ContextVar[Callable[[Output], None] | None] = ContextVar("kg_eval_progress", default=None)


@contextmanager
def progress_to(callback: Callable[[Output], None] | None) -> Iterator[None]:
    """Within the block, every document any benchmark puts through the product calls ``callback``: the
    benchmarks differ in how they read their files, not in how they run the product."""
    token = _PROGRESS.set(callback)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


def run_product(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Output]:
    """Parse, extract and resolve each article with the product's own stages, order preserved.

    A document the product fails on yields an empty output with ``error`` set (the evaluation goes
    on and its report says how many failed), as ``kg build`` does for a bad article.
    """
    from kg.extract import extract
    from kg.nlp import parse
    from kg.resolve import resolve

    def one(article: Article, doc) -> Output:
        resolved = resolve(extract(doc, article))
        kept = tuple(key is not None for key in resolved.mention_entity)
        return Output(resolved.extraction, kept, tuple(resolved.mention_entity), tuple(resolved.entities))

    stream = iter(articles)
    while chunk := list(islice(stream, batch_size)):
        try:
            results = [one(a, doc) for a, doc in parse(chunk, batch_size=batch_size)]
        except Exception:  # find the culprit: redo the chunk one article at a time
            results = []
            for article in chunk:
                try:
                    results.extend(one(a, doc) for a, doc in parse([article]))
                except Exception as err:
                    results.append(failed(article, err))
        tick = _PROGRESS.get()
        for result in results:
            if tick is not None:
                tick(result)
            yield result


def failed(article: Article, err: Exception) -> Output:
    empty = Extraction(article, (), (), (), (), ())
    return Output(empty, (), error=f"{article.id}: {type(err).__name__}: {err}")


def failure_notes(outputs: Sequence[Output]) -> list[str]:
    """One note line for the documents the product failed on (with the first error)."""
    errors = [o.error for o in outputs if o.error]
    return [f"{len(errors)} document(s) failed in the product and scored as empty; first: {errors[0]}"] if errors else []


def read_jsonl(path, what: str) -> list[dict]:
    """The records of a benchmark's JSON Lines file, in file order; blank lines are skipped.

    A missing file or a line that is not JSON is an :class:`~kg.errors.InputError` naming the benchmark
    (``what``), the file and the line.
    """
    if not path.exists():
        raise InputError(f"{what} file not found: {path}")
    records = []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}:{n}: not JSON ({err.msg})") from None
    return records
