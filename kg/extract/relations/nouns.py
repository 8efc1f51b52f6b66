"""Founding dates said with a noun: "since its founding in 1931", "our formation in 1999",
"la création de X en 2004", and clauses without a relative pronoun ("a firm she co-founded in 2004").

Registered in :data:`kg.extract.relations.rules.RULES` like the clause and surface rules.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.relations.base import ORG_LIKE, PER, Ctx, adjunct_dates, doc_tokens, make_fact
from kg.extract.relations.grammar import clause_subject, mention_at, pp_objects
from kg.types import Fact


def _owner(ctx: Ctx, noun) -> list[int]:
    """The organisation a founding noun is about: "its founding", "X's creation", "creation of X"."""
    found = [m for c in noun.children if c.dep_ in ("poss", "nmod:poss")
             for m in [mention_at(ctx, c, ORG_LIKE)] if m is not None]
    found += [m for t in pp_objects(ctx, noun, "prep.org") for m in [mention_at(ctx, t, ORG_LIKE)] if m is not None]
    return sorted(set(found))


def rule_founding_noun(ctx: Ctx) -> Iterator[Fact]:
    """"Since its founding in 1931", "la création de Marvelle en 2004": foundedOn from the noun's date.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.extract.relations.base import make_ctx
    >>> from kg.types import DateMention, Mention, Sentence
    >>> doc = get_pipeline("en")("Since its founding in 1931, Hutfield has grown.")
    >>> ctx = make_ctx(doc, (Sentence(0, len(doc.text), doc.text),),
    ...                (Mention(6, 9, "its", "Company", 0, "t", 1.0),),
    ...                (DateMention(23, 27, "1931", "1931", 0, "t", 1.0),))
    >>> [(f.subject, f.predicate, f.value) for f in rule_founding_noun(ctx)]
    [(0, 'foundedOn', '1931')]
    """
    for noun in doc_tokens(ctx):
        if noun.pos_ != "NOUN" or not ctx.lex.has("noun.found", noun.lemma_.lower()):
            continue
        dates = adjunct_dates(ctx, noun)
        if not dates:
            continue
        for org in _owner(ctx, noun):
            for d in dates:
                yield make_fact(ctx, noun, org, "foundedOn", None, ctx.dates[d].value, "founding_noun", 0.65)


def rule_zero_relative(ctx: Ctx) -> Iterator[Fact]:
    """"Quorvane, a cloud company he co-founded in 2004": the founded object is the clause's noun."""
    for verb in doc_tokens(ctx):
        if verb.dep_ not in ("relcl", "acl:relcl") or not ctx.lex.has("verb.found", verb.lemma_.lower()):
            continue
        if any(c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass") for c in verb.children):
            continue  # a relative pronoun or an object fills the slot: the main rule reads it
        noun = verb.head
        orgs = [m for m in [mention_at(ctx, noun, ORG_LIKE)] if m is not None]
        if not orgs and noun.dep_ == "appos":
            orgs = [m for m in [mention_at(ctx, noun.head, ORG_LIKE)] if m is not None]
        founders = [m for m in clause_subject(ctx, verb, PER)]
        for org in orgs:
            for f in founders:
                yield make_fact(ctx, verb, org, "foundedBy", f, None, "zero_relative", 0.7)
            for d in adjunct_dates(ctx, verb):
                yield make_fact(ctx, verb, org, "foundedOn", None, ctx.dates[d].value, "zero_relative", 0.7)
