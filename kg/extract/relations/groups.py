"""What a group is made of, read in word order: "le groupe Evergreen comprend A, B et C", "the Vantor
group comprises A, B and C".

A list of company names after the verb is a string of proper nouns the small models parse as anything
(objects, modifiers, even punctuation), so the tree does not say which names the verb governs; the
word order does: the named organisations between the verb and the end of its clause are the group's
members. The group must be called one (``noun.group`` next to its name): "Acme comprend A et B" may
be a customer list.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.relations.base import ORG, Ctx, doc_tokens, make_fact
from kg.types import Fact, is_named

#: tokens that end the list of members: a new clause or sentence part
_STOPS = frozenset({";", ":", "(", "mais", "but", "qui", "which", "who", "dont"})


def _group_before(ctx: Ctx, verb) -> int | None:
    """The named organisation called a group just before ``verb``: "le groupe X", "the X group"."""
    doc, sent = ctx.doc, verb.sent
    for j in range(verb.i - 1, sent.start - 1, -1):
        if doc[j].pos_ in ("VERB", "AUX"):
            return None
        m = ctx.tok_mention.get(j)
        if m is None or ctx.mentions[m].type not in ORG or not is_named(ctx.mentions[m]):
            continue
        span = doc.char_span(ctx.mentions[m].start, ctx.mentions[m].end, alignment_mode="expand")
        near = [doc[k] for k in (span.start - 1, span.end) if sent.start <= k < sent.end]
        inside = list(span)
        return m if any(ctx.lex.has("noun.group", t.lower_) for t in near + inside) else None
    return None


def _members_after(ctx: Ctx, verb, group: int) -> list[int]:
    doc, found = ctx.doc, []
    for k in range(verb.i + 1, verb.sent.end):
        if doc[k].lower_ in _STOPS or doc[k].pos_ in ("VERB", "AUX") and ctx.tok_mention.get(k) is None:
            break
        m = ctx.tok_mention.get(k)
        if m is None or m == group or m in found:
            continue
        if ctx.mentions[m].type in ORG and is_named(ctx.mentions[m]):
            found.append(m)
    return found


def rule_group_members(ctx: Ctx) -> Iterator[Fact]:
    """``le groupe X comprend|regroupe A, B et C``: A, B and C are subsidiaries of X."""
    for verb in doc_tokens(ctx):
        if verb.pos_ not in ("VERB", "AUX") or not ctx.lex.has("verb.comprise", verb.lemma_.lower()):
            continue
        group = _group_before(ctx, verb)
        if group is None:
            continue
        for member in _members_after(ctx, verb, group):
            yield make_fact(ctx, verb, member, "subsidiaryOf", group, None, "group_members", 0.6)
