"""The nearest-name fallback: a trigger word with the closest fitting mentions around it.

For parses that lose the link between a title or seat word and its names, :func:`rule_nearby` pairs the
trigger with the nearest mention of each wanted type in its sentence (low confidence, no verb in
between); :mod:`kg.extract.relations.surface` reuses its trigger groups for sentence pairs.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.relations.base import FOUNDABLE, ORG_LIKE, PER, PLACE_LIKE, Ctx, doc_tokens, sentence_of
from kg.extract.relations.grammar import title_phrase
from kg.types import Fact, is_named


def _nearest(ctx: Ctx, tok: Token, want: frozenset[str], *, side: int = 0, window: int = 8,
             exclude: tuple[int, ...] = ()) -> int | None:
    """The closest mention of a wanted type to ``tok`` in its sentence (``side`` -1 left, +1 right)."""
    best = None
    for i in range(max(tok.sent.start, tok.i - window), min(tok.sent.end, tok.i + window + 1)):
        m = ctx.tok_mention.get(i)
        if m is None or m in exclude or ctx.mentions[m].type not in want or not is_named(ctx.mentions[m]):
            continue
        if side and (i - tok.i) * side <= 0:
            continue
        if any(t.pos_ == "VERB" for t in tok.doc[min(i, tok.i) + 1:max(i, tok.i)]):
            continue  # "Tim Cook met the CEO of Samsung": a verb in between breaks the link
        if best is None or abs(i - tok.i) < best[0]:
            best = (abs(i - tok.i), m)
    return None if best is None else best[1]


#: trigger group -> (subject types, subject side, object types or "date", object side, predicate)
NEARBY = {
    "role.ceo": (ORG_LIKE, 0, PER, 0, "ceo"),
    "role.founder": (ORG_LIKE, 0, PER, 0, "foundedBy"),
    "role.subsidiary": (ORG_LIKE, -1, ORG_LIKE, 1, "subsidiaryOf"),
    "noun.hq": (ORG_LIKE, -1, PLACE_LIKE, 1, "headquarteredIn"),
    "verb.hq": (ORG_LIKE, -1, PLACE_LIKE, 1, "headquarteredIn"),
    "verb.found": (FOUNDABLE, 0, "date", 1, "foundedOn"),
}


def trigger_groups(ctx: Ctx, tok: Token) -> list[str]:
    """The fallback trigger groups ``tok`` starts: a founding or seat verb or noun, or a role title."""
    # rule_nearby and rule_sentence_pair both ask this of every token
    key = ("trigger_groups", tok.i)
    if ctx.memo is not None and key in ctx.memo:
        return ctx.memo[key]
    found_in = ctx.lex.groups_of(tok.lemma_.lower()) | ctx.lex.groups_of(tok.lower_)
    groups = [g for g in ("verb.found", "verb.hq", "noun.hq") if g in found_in]
    found = title_phrase(ctx, tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if found is not None and found[0] in NEARBY:
        groups.append(found[0])
    if ctx.memo is not None:
        ctx.memo[key] = groups
    return groups


def _no_seat(ctx: Ctx, tok: Token, obj: int) -> bool:
    """A company is no seat ("between Aeroflot and Chicago-based Boeing"), and "X-based Y" reads the other
    way round ("the Intel-based Mac"): the dependency rule reads that compound."""
    return ctx.mentions[obj].type == "Company" or tok.i > 0 and tok.doc[tok.i - 1].text == "-"


def rule_nearby(ctx: Ctx) -> Iterator[Fact]:
    """Fallback when the parse is wrong: a trigger with the nearest fitting mentions around it (low confidence)."""
    for tok in doc_tokens(ctx):
        for group in trigger_groups(ctx, tok):
            s_types, s_side, o_types, o_side, predicate = NEARBY[group]
            if o_types == "date":
                dates = [ctx.tok_date[i] for i in range(tok.i + 1, min(tok.sent.end, tok.i + 5)) if i in ctx.tok_date]
                subj = _nearest(ctx, tok, s_types, side=-1, window=12)
                if dates and subj is not None:
                    yield Fact(subj, predicate, None, ctx.dates[dates[0]].value, sentence_of(ctx, tok.idx),
                               "kg.rules.nearby", 0.5)
                continue
            obj = _nearest(ctx, tok, o_types, side=o_side)
            if obj is not None and predicate == "headquarteredIn" and _no_seat(ctx, tok, obj):
                continue
            subj = _nearest(ctx, tok, s_types, side=s_side, exclude=() if obj is None else (obj,))
            if obj is not None and subj is not None:
                yield Fact(subj, predicate, obj, None, sentence_of(ctx, tok.idx), "kg.rules.nearby", 0.5)
