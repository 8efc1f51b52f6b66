"""``operatesIn`` from statements of presence: "Fabrikam has plants in Poland and Mexico", "Xiaomi
disposait déjà de magasins à Madrid et Barcelone", "le groupe a des usines en Pologne", "Ikea operates
stores in 30 countries including India".

A company that has (runs, owns, counts) stores, plants or offices somewhere operates there; the sentence
is the provenance. The verbs (``verb.have_site``) and the nouns of sites (``noun.site``) are data in
``data/lexicons/relations_{lang}.txt``. Openings (an event that took place) are read from the events by
:mod:`kg.extract.presence`; this reads what the sentence says the company has.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.relations.base import LOC, ORG, Ctx, doc_tokens, sentence_of
from kg.extract.relations.grammar import clause_subject
from kg.types import Fact, is_named

#: words allowed between the verb and the site noun ("a déjà des usines", "has two new plants")
_BETWEEN_POS = frozenset({"DET", "NUM", "ADJ", "ADV", "ADP", "PRON"})
#: words allowed between a site noun and its place preposition ("magasins physiques à", "stores of its own in")
_AFTER_POS = frozenset({"ADJ", "ADV"})
_AND = frozenset({"et", "and", ",", "ou", "or"})
_DETERMINERS = frozenset({"le", "la", "les", "l'", "l’", "the"})
#: "n'a plus de magasins en France", "has no plants in Asia": no presence
_NEGATIONS = frozenset({"ne", "n'", "n’", "pas", "plus", "jamais", "aucun", "aucune", "no", "not", "n't", "never",
                        "longer", "without", "sans"})


def _site_verb(ctx: Ctx, noun: Token) -> Token | None:
    """The possession verb a site noun is the object of, by word order: "disposait déjà de magasins"."""
    i = noun.i - 1
    while i >= noun.sent.start and noun.i - i <= 5:
        tok = ctx.doc[i]
        if ctx.lex.has("verb.have_site", tok.lemma_.lower()) or ctx.lex.has("verb.have_site", tok.lower_):
            before = ctx.doc[max(noun.sent.start, i - 2):noun.i]
            return None if any(t.lower_ in _NEGATIONS for t in before) else tok
        if tok.pos_ not in _BETWEEN_POS or i in ctx.tok_mention:
            return None
        i -= 1
    return None


def _subject(ctx: Ctx, verb: Token) -> list[int]:
    """The company that has the sites: the verb's subject, else the nearest named company before it
    with no other verb between (the small French model often loses "Xiaomi ... et disposait")."""
    found = [m for m in clause_subject(ctx, verb, ORG) if ctx.mentions[m].type in ORG]
    if found:
        return found
    for i in range(verb.i - 1, verb.sent.start - 1, -1):
        m = ctx.tok_mention.get(i)
        if m is not None and ctx.mentions[m].type in ORG:
            return [m]
        if ctx.doc[i].pos_ == "VERB" or ctx.doc[i].text in (";", ":"):
            return []
    return []


def _places_after(ctx: Ctx, noun: Token) -> list[int]:
    """The places of "à Madrid et Barcelone", "in Poland, Mexico and Spain" after the site noun."""
    doc, end = ctx.doc, noun.sent.end
    i = noun.i + 1
    while i < end and doc[i].pos_ in _AFTER_POS and i not in ctx.tok_mention:
        i += 1
    if i >= end or not ctx.lex.has("prep.place", doc[i].lower_):
        return []
    found: list[int] = []
    i += 1
    while i < end:
        while i < end and doc[i].lower_ in _DETERMINERS:
            i += 1
        m = ctx.tok_mention.get(i) if i < end else None
        if m is None or ctx.mentions[m].type not in LOC or not is_named(ctx.mentions[m]):
            break
        found.append(m)
        while i < end and ctx.tok_mention.get(i) == m:
            i += 1
        if i < end and doc[i].lower_ in _AND:
            i += 1
            if i < end and ctx.lex.has("prep.place", doc[i].lower_):
                i += 1
            continue
        break
    return found


def rule_has_sites(ctx: Ctx) -> Iterator[Fact]:
    """``ORG has|a|dispose de|compte SITES in|à|en PLACE [and PLACE]``: the company operates there."""
    for noun in doc_tokens(ctx):
        if noun.pos_ not in ("NOUN", "PROPN") or not (ctx.lex.has("noun.site", noun.lemma_.lower())
                                                      or ctx.lex.has("noun.site", noun.lower_)):
            continue
        verb = _site_verb(ctx, noun)
        if verb is None:
            continue
        places = _places_after(ctx, noun)
        if not places:
            continue
        for org in _subject(ctx, verb):
            for p in places:
                yield Fact(org, "operatesIn", p, None, sentence_of(ctx, noun.idx), "kg.rules.has_sites", 0.6)
