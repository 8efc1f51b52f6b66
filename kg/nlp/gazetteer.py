"""The ``kg_gazetteer`` component: an EntityRuler fed from ``data/gazetteers/`` whose patterns are looked up.

Company names are phrase patterns; product categories (EN + FR) are token patterns of two shapes (one word
of a set; words separated by optional space tokens) that :class:`GazetteerRuler` finds by dictionary
lookup on each token's lower-case form instead of running spaCy's Matcher. :func:`gazetteer_patterns`
builds the patterns of a pipeline's language.
"""
from __future__ import annotations

import functools

import spacy  # noqa: F401  (the examples use it)
from spacy.attrs import IS_SPACE, LOWER
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from kg import lexicon


class GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler, whose token patterns of the two shapes the gazetteer writes (one word of a
    set; words separated by optional space tokens) are found by dictionary lookup on each token's
    lower-case form: the Matcher tried every category pattern at every token (0.4 s per 300
    articles, as much as the rest of our components). Same matches, same entities; should two
    patterns claim one span (the ruler's order of equal matches then decides), the Matcher runs.

    Examples
    --------
    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("kg_gazetteer_ruler")
    >>> ruler.add_patterns([{"label": "PRODUCT", "pattern": [{"LOWER": "air"}, {"IS_SPACE": True, "OP": "*"},
    ...                                                      {"LOWER": "purifier"}]}])
    >>> [(e.text, e.label_) for e in nlp("New Air  purifier sales.").ents]
    [('Air  purifier', 'PRODUCT')]
    """

    _index: tuple[dict, dict] | None = None
    _compiled = False

    def add_patterns(self, patterns: list[dict]) -> None:
        super().add_patterns(patterns)
        self._compiled = False

    def clear(self) -> None:
        super().clear()
        self._compiled = False

    def remove(self, ent_id: str) -> None:
        super().remove(ent_id)
        self._compiled = False

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        super().set_annotations(doc, [self._full_name(doc, m) for m in matches])

    def _full_name(self, doc: Doc, match: tuple[int, int, int]) -> tuple[int, int, int]:
        """A listed company name with the capitalised words that complete it ("Ford" in "Ford Motor
        Company", "Ford Motors Co."): the list holds the short name, and a match that stopped there
        would leave the rest of the name out of every mention (the NER never sees those tokens)."""
        key, start, end = match
        if self._ent_ids.get(key, (None, None))[1] != "gazetteer":
            return match
        ends = _name_ends(self.nlp.lang)
        last = None
        for i in range(end, min(end + 3, len(doc))):
            word = doc[i]
            if not (word.is_title or word.is_upper) or not word.text[:1].isalpha():
                break
            if word.lower_.rstrip(".") in ends:
                last = i
        return (key, start, last + 1) if last is not None else match

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self._compiled:
            self._index, self._compiled = _compile_token_patterns(self.token_patterns, self.nlp.vocab.strings), True
        if self._index is None or not (self.token_patterns or self.phrase_patterns):
            return super().match(doc)
        matches = _token_matches(doc, *self._index) + list(self.phrase_matcher(doc))
        if len({(start, end) for _, start, end in matches}) < len(set(matches)):
            return super().match(doc)
        return sorted({m for m in matches if m[1] != m[2]}, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@functools.lru_cache(maxsize=None)
def _name_ends(lang: str) -> frozenset[str]:
    """Words that end a company's full name: legal forms, group words, company heads ("Motors")."""
    words = lexicon.cues("legal_suffix", lang) | lexicon.cues("group_word", lang) | lexicon.cues("company_head", lang)
    return frozenset(w.rstrip(".") for w in words)


_OPTIONAL_SPACES = {"IS_SPACE": True, "OP": "*"}


def _compile_token_patterns(token_patterns: dict, strings) -> tuple[dict, dict] | None:
    """``({word: [match ids]}, {first word: [(match id, next words)]})`` as hashes; None for a pattern of
    another shape."""
    single: dict[int, list[int]] = {}
    multi: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for label, patterns in token_patterns.items():
        key = strings.add(label)
        for pattern in patterns:
            words = pattern[0::2]
            if len(pattern) == 1 and set(words[0]) == {"LOWER"} and isinstance(words[0]["LOWER"], dict):
                if set(words[0]["LOWER"]) != {"IN"}:
                    return None
                for word in words[0]["LOWER"]["IN"]:
                    single.setdefault(strings.add(word), []).append(key)
                continue
            if (any(set(w) != {"LOWER"} or not isinstance(w["LOWER"], str) for w in words)
                    or any(gap != _OPTIONAL_SPACES for gap in pattern[1::2]) or len(pattern) % 2 == 0):
                return None
            hashes = tuple(strings.add(w["LOWER"]) for w in words)
            multi.setdefault(hashes[0], []).append((key, hashes[1:]))
    return single, multi


def _token_matches(doc: Doc, single: dict, multi: dict) -> list[tuple[int, int, int]]:
    lower, space = doc.to_array(LOWER).tolist(), doc.to_array(IS_SPACE).tolist()
    found = []
    for i, word in enumerate(lower):
        for key in single.get(word, ()):
            found.append((key, i, i + 1))
        for key, rest in multi.get(word, ()):
            j = i + 1
            for nxt in rest:
                while j < len(lower) and space[j]:
                    j += 1
                if j >= len(lower) or lower[j] != nxt:
                    break
                j += 1
            else:
                found.append((key, i, j))
    return found


@Language.factory("kg_gazetteer_ruler", assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
                  default_config={"overwrite_ents": False})
def _make_gazetteer_ruler(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerRuler:
    """The ``kg_gazetteer`` component's factory (an EntityRuler, see :class:`GazetteerRuler`)."""
    return GazetteerRuler(nlp, name, overwrite_ents=overwrite_ents)


def gazetteer_patterns(nlp: Language) -> list[dict]:
    """Patterns of the gazetteer for ``nlp``'s language: company names and market indices (phrases) and
    product categories."""
    # Company names are phrase patterns (the ruler's PhraseMatcher on ORTH, a hash lookup per token):
    # as token patterns they cost the Matcher a state per name at every token, 2/3 of the ruler's time.
    # the names written with a possessive ("Sam's Club", "Trader Joe's") are company names too
    patterns: list[dict] = [{"label": "ORG", "id": "gazetteer", "pattern": name}
                            for name in lexicon.companies() + lexicon.possessive_spellings()]
    patterns += [{"label": "PRODUCT", "id": "index", "pattern": name} for name in lexicon.market_indices()]
    single: dict[str, list[str]] = {}
    for form, key in sorted(lexicon.product_categories(nlp.lang).items()):
        words = [t.lower_ for t in nlp.make_doc(form)]
        if len(words) == 1:  # one pattern per category with an IN set, not one per form
            single.setdefault(key, []).append(words[0])
            continue
        tokens: list[dict] = []
        for word in words:  # scraped text has stray double spaces ("brosse  à dents")
            tokens += ([{"IS_SPACE": True, "OP": "*"}] if tokens else []) + [{"LOWER": word}]
        patterns.append({"label": "PRODUCT", "id": f"category:{key}", "pattern": tokens})
    for key, words in sorted(single.items()):
        patterns.append({"label": "PRODUCT", "id": f"category:{key}", "pattern": [{"LOWER": {"IN": words}}]})
    return patterns
