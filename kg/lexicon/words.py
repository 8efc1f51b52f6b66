"""Common words of a language: WordNet's lemma index as the spaCy model of that language ships it.

The English spaCy models carry, for their rule lemmatizer, the lower-case lemmas WordNet lists per part of
speech (``lemma_index``: nouns, verbs, adjectives, adverbs; WordNet 3.0, Princeton's licence, which allows
redistribution). A capitalised phrase made only of such words is a phrase, not a name, when nothing but
a heading capitalises it (:mod:`kg.nlp.names`). Models without the table (French) give empty sets.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import spacy
from spacy.lookups import Lookups


class Words(NamedTuple):
    """Lower-case lemmas by use."""

    common: frozenset[str]
    """Nouns, verbs, adjectives and adverbs."""
    nouns: frozenset[str]
    qualities: frozenset[str]
    """Adjectives and adverbs."""
    adverbs: frozenset[str]
    """Words that are adverbs only ("highly", not "fast")."""


def _lookups_file(lang: str) -> Path | None:
    for name in sorted(spacy.util.get_installed_models()):
        if name.startswith(f"{lang}_core_"):
            found = sorted(Path(spacy.util.get_package_path(name)).glob("*/lemmatizer/lookups/lookups.bin"))
            if found:
                return found[0]
    return None


@functools.lru_cache(maxsize=None)
def words(lang: str) -> Words:
    """The common words of ``lang`` (empty when its model ships no lemma index).

    Examples
    --------
    >>> w = words("en")
    >>> "inflection" in w.common, "attractive" in w.qualities, "attractive" in w.nouns, "xyzzy" in w.common
    (True, True, False, False)
    """
    path = _lookups_file(lang)
    if path is None:
        return Words(frozenset(), frozenset(), frozenset(), frozenset())
    lookups = Lookups().from_disk(path.parent)
    if not lookups.has_table("lemma_index"):
        return Words(frozenset(), frozenset(), frozenset(), frozenset())
    index = lookups.get_table("lemma_index")
    part = {pos: frozenset(index.get(pos, ())) for pos in ("noun", "verb", "adj", "adv")}
    return Words(frozenset().union(*part.values()), part["noun"], part["adj"] | part["adv"],
                 part["adv"] - part["noun"] - part["verb"] - part["adj"])
