"""Clustering scores (B-cubed, pairwise merge) and span alignment, for coreference benchmarks.

Pure functions: items are any hashable ids (here gold mention ids), a clustering maps each item to a
cluster id. Both clusterings must cover the same items: the caller chooses them (for example the gold
mentions the product found), and says so in its report, since B-cubed over a subset says nothing of
the items left out.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from typing import NamedTuple

from kg import lexicon
from kg.eval.scoring import Span, overlap


class ClusterScore(NamedTuple):
    """Precision and recall of a clustering against a gold one, with the counts they rest on."""

    items: int
    """Items scored (in both clusterings)."""
    precision: float
    recall: float
    tp: int = 0
    """Pairwise only: pairs merged in both."""
    fp: int = 0
    """Pairwise only: pairs merged by the system, apart in gold."""
    fn: int = 0
    """Pairwise only: pairs merged in gold, apart in the system."""

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _groups(clustering: Mapping[Hashable, Hashable]) -> dict[Hashable, set]:
    groups: dict[Hashable, set] = defaultdict(set)
    for item, cluster in clustering.items():
        groups[cluster].add(item)
    return groups


def _check(pred: Mapping, gold: Mapping) -> None:
    if set(pred) != set(gold):
        raise ValueError("both clusterings must cover the same items")


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> ClusterScore:
    """B-cubed precision and recall (Bagga & Baldwin 1998), averaged over items.

    For an item, precision is the share of its system cluster that is in its gold cluster, recall the
    share of its gold cluster that is in its system cluster (both counting the item itself). An empty
    item set scores 0.0.

    Examples
    --------
    >>> bcubed({1: "a", 2: "a", 3: "a"}, {1: "x", 2: "x", 3: "y"})
    ClusterScore(items=3, precision=0.5556, recall=1.0, tp=0, fp=0, fn=0)
    """
    _check(pred, gold)
    if not pred:
        return ClusterScore(0, 0.0, 0.0)
    pg, gg = _groups(pred), _groups(gold)
    p = r = 0.0
    for item in pred:
        mine, true = pg[pred[item]], gg[gold[item]]
        shared = len(mine & true)
        p += shared / len(mine)
        r += shared / len(true)
    n = len(pred)
    return ClusterScore(n, round(p / n, 4), round(r / n, 4))


def pairwise(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> ClusterScore:
    """Pairwise merge precision and recall: over unordered item pairs put in one cluster.

    Precision = pairs merged in both / pairs the system merged; recall = / pairs gold merged
    (0.0 when there are no such pairs).

    Examples
    --------
    >>> pairwise({1: "a", 2: "a", 3: "a"}, {1: "x", 2: "x", 3: "y"})
    ClusterScore(items=3, precision=0.3333, recall=1.0, tp=1, fp=2, fn=0)
    """
    _check(pred, gold)
    items = sorted(pred, key=repr)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_pred, same_gold = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return ClusterScore(len(items), round(p, 4), round(r, 4), tp, fp, fn)


def align(gold: Sequence[Span], pred: Sequence[Span], heads: Sequence[Span] | None = None) -> dict[int, int]:
    """Map gold span indices to the predicted span that overlaps them most (ties: the earlier one).

    A gold span no prediction overlaps is left out; one prediction may serve several gold spans
    (the benchmark nests "Northrop Grumman" inside "Northrop Grumman and EADS"). With ``heads`` (one
    span per gold span), only predictions that overlap the gold span's head qualify: a name found
    inside a longer gold mention ("Airbus" in "Airbus parent EADS") names its modifier, not the thing.

    Examples
    --------
    >>> align([(0, 8), (10, 14), (20, 25)], [(0, 4), (2, 9), (11, 13)])
    {0: 1, 1: 2}
    >>> align([(0, 18)], [(0, 6), (14, 18)]), align([(0, 18)], [(0, 6), (14, 18)], heads=[(14, 18)])
    ({0: 0}, {0: 1})
    """
    out: dict[int, int] = {}
    for gi, g in enumerate(gold):
        best, best_len = None, 0
        for pi, p in enumerate(pred):
            if overlap(g, p) and (heads is None or overlap(heads[gi], p)):
                shared = min(g[1], p[1]) - max(g[0], p[0])
                if shared > best_len:
                    best, best_len = pi, shared
        if best is not None:
            out[gi] = best
    return out


#: what ends the name part of a long gold mention: an apposition, a parenthesis, a dash, a prepositional phrase
_HEAD_END = re.compile(r",\s| \(| [-\u2013\u2014] | (?:of|in|near|at|for|from) ")
_HEAD_TRIM = "'\"\u2019.,;:)!?"


def name_head(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the head word of the gold mention ``text[start:end]``, for alignment.

    MEANTIME's named mentions span the whole noun phrase ("U.S. automaker GM", "Apple's iTunes store",
    "Prime Minister of Canada"); in English its head is the last word before an apposition,
    parenthesis, dash or prepositional phrase ("of Canada", "in San Jose"), possessive, punctuation and trailing legal forms ("Ford Motor
    Company") left out. In "European airframer Airbus, ..." style appositions whose first part ends
    in a common noun or a title ("low cost airline, Ryanair", "CEO, Jane Roe"), the name after the
    comma is the head. A product name that misses that word names a modifier of the mention, another
    thing (the country, the parent company).

    Examples
    --------
    >>> t = "Shares of U.S. automaker GM, the largest, rose."
    >>> s, e = name_head(t, 10, 27); t[s:e]
    'GM'
    >>> t = "Apple's iTunes store (US)"
    >>> s, e = name_head(t, 0, len(t)); t[s:e]
    'store'
    >>> t = "the budget airline, Northwind Air Inc., said"
    >>> s, e = name_head(t, 0, 38); t[s:e]
    'Air'
    """
    phrase = text[start:end]
    cut = _HEAD_END.search(phrase, 1)
    body = phrase[:cut.start()] if cut else phrase
    words = list(re.finditer(r"\S+", body))
    if cut and cut.group().startswith(",") and words and _describes(words[-1].group()):
        rest = start + cut.end()
        if text[rest:rest + 1].isupper():
            return name_head(text, rest, end)
    skip = _legal_words()
    while len(words) > 1 and words[-1].group().lower().rstrip(".,") in skip:
        words.pop()
    if not words:
        return start, end
    word, at = words[-1].group(), start + words[-1].start()
    stem = word.removesuffix("'s").removesuffix("\u2019s").strip(_HEAD_TRIM)
    if not stem:
        return start, end
    lead = len(word) - len(word.lstrip(_HEAD_TRIM))
    return at + lead, at + lead + len(stem)


def _describes(word: str) -> bool:
    """True for the last word of a description before a comma: a common noun or a job title."""
    return word[:1].islower() or word.lower().rstrip(".") in lexicon.cues("title", "en")


@functools.lru_cache(maxsize=1)
def _legal_words() -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in lexicon.cues("legal_suffix", "en") | lexicon.cues("group_word", "en"))
