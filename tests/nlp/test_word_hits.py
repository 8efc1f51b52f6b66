"""``kg.nlp.cues.word_hits`` finds a name where ``re.finditer(r"(?<!\\w)name(?!\\w)")`` does (the name checks
of ``kg.nlp.names`` used that pattern, compiled once per name). Every sentence is invented."""
from __future__ import annotations

import re

import pytest

from kg.nlp.cues import word_hits

TEXT = ("Target fell 3% as price target cuts spread; Targets and _Target and Target_ differ.\n"
        "Orvane Orvane2 2Orvane l'Orvane Orvane-Sud «Orvane» Électrique électrique Électriques\n"
        "aaa aaaa a aa_a Zoë Zoëa")


@pytest.mark.parametrize("word", ["Target", "target", "Orvane", "Électrique", "électrique", "aa", "a",
                                  "Zoë", "Orvane Orvane2", "Sud", "spread;", "absent"])
def test_word_hits_match_the_regex(word):
    expected = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", TEXT)]
    assert word_hits(TEXT, word) == expected


def test_word_hits_skip_names_inside_words():
    assert word_hits("Targets and retargeted, not Target.", "Target") == [28]
