"""The relation lexicon's lookup tables and the phrase finders that use them to skip most tokens.

The fast paths (term -> groups index, first-word prefix filter) must answer exactly as the plain
group sets do: each test compares them on the real lexicons and on real news sentences parsed by the
product's pipelines.
"""
from __future__ import annotations

import pytest

from kg.extract.relations.base import Lexicon, doc_tokens, load_lexicon, make_ctx
from kg.extract.relations.grammar import title_phrase
from kg.extract.relations.surface import surface_phrase

SENTENCES = {
    "en": [
        "Satya Nadella, chief executive officer of Microsoft, announced the acquisition on Monday.",
        "Instagram co-founder Kevin Systrom said the chief operating officer would leave the company.",
        "Mojang, a subsidiary of Microsoft, is headquartered in Stockholm.",
        "The parent company of Google, Alphabet, was founded in 2015 by Larry Page and Sergey Brin.",
        "Volkswagen's main rival Toyota and its partner Subaru reported higher sales.",
    ],
    "fr": [
        "Le PDG de Renault, Luca de Meo, a présenté le plan stratégique jeudi.",
        "Free, filiale du groupe Iliad, a été fondée en 1999 par Xavier Niel.",
        "La maison-mère de Zara, Inditex, est basée à Arteixo, en Espagne.",
        "Le directeur général délégué de Danone quitte l'entreprise.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_index_answers_as_the_group_sets(lang):
    lex = load_lexicon(lang)
    plain = Lexicon(lex.groups)
    terms = sorted({t for ts in lex.groups.values() for t in ts}) + ["not a term", "ce", "chief"]
    assert len(terms) > 50
    for term in terms:
        assert lex.groups_of(term) == plain.groups_of(term), term
        for group in lex.groups:
            assert lex.has(group, term) == plain.has(group, term) == (term in lex.groups[group]), (group, term)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_prefixes_hold_the_first_token_of_every_term(request, lang):
    # the filter is sound only if the tokenizer's first token of each term is a listed prefix
    nlp = request.getfixturevalue(f"nlp_{lang}")
    lex = load_lexicon(lang)
    for term in sorted({t for ts in lex.groups.values() for t in ts}):
        first = nlp.tokenizer(term)[0].lower_
        assert first in lex.prefixes, (term, first)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_phrase_finders_match_the_exhaustive_search(request, lang):
    nlp = request.getfixturevalue(f"nlp_{lang}")
    lex = load_lexicon(lang)
    found = 0
    for text in SENTENCES[lang]:
        doc = nlp(text)
        fast = make_ctx(doc, (), (), ())
        # no prefixes and no memo: every window of every token is looked up
        slow = fast._replace(lex=Lexicon(lex.groups), memo=None)
        for tok in doc_tokens(fast):
            assert surface_phrase(fast, tok) == surface_phrase(slow, tok), (text, tok.text)
            assert title_phrase(fast, tok) == title_phrase(slow, tok), (text, tok.text)
            found += surface_phrase(fast, tok) is not None
    assert found >= len(SENTENCES[lang])  # every sentence names at least one role


def test_phrase_finders_take_the_longest_title(nlp_en):
    doc = nlp_en("Satya Nadella, chief executive officer of Microsoft, announced the acquisition on Monday.")
    ctx = make_ctx(doc, (), (), ())
    chief = next(t for t in doc if t.text == "chief")
    assert surface_phrase(ctx, chief) == ("role.ceo", chief.i, chief.i + 2)
    group, text, first, last = title_phrase(ctx, doc[chief.i + 2])
    assert (group, text, first.i, last.i) == ("role.ceo", "chief executive officer", chief.i, chief.i + 2)
    assert surface_phrase(ctx, doc[0]) is None
