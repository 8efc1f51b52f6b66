"""People: a person "named" only by honorifics is no person (its facts go to the name that follows it);
an occupation right before a name is that person's title.

The taggers often cut a long form of address from the name it precedes ("Tan Sri Dato Seri (Dr.) Lim
Wei Ming" -> "Tan Sri Dato" + "Lim Wei"), and a founder or employee then ends up as "Tan Sri Dato".
The honorifics are data (``data/lexicons/honorifics.txt``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from kg.extract.relations.base import LEXICON_DIR, PER, Ctx, doc_tokens, sentence_of
from kg.types import Fact, is_named

HONORIFICS_FILE = LEXICON_DIR / "honorifics.txt"
#: how far (in tokens) the real name may follow the honorifics: "Dato Seri (Dr.) Lim"
_REACH = 8


@cache
def honorifics(path: Path = HONORIFICS_FILE) -> frozenset[str]:
    """The honorific words of ``path`` (lower case)."""
    lines = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


def only_honorifics(text: str) -> bool:
    """True when every word of ``text`` is an honorific.

    Examples
    --------
    >>> only_honorifics("Tan Sri Dato"), only_honorifics("Sir"), only_honorifics("Lim Wei Ming")
    (True, True, False)
    """
    words = [w for w in re.split(r"[\s.'’()]+", text.lower()) if w]
    return bool(words) and all(w in honorifics() for w in words)


def _named_after(ctx: Ctx, m: int) -> int | None:
    """The next named person within reach after mention ``m`` in its sentence."""
    span = ctx.doc.char_span(ctx.mentions[m].start, ctx.mentions[m].end, alignment_mode="expand")
    if span is None:
        return None
    for i in range(span.end, min(span.sent.end, span.end + _REACH)):
        n = ctx.tok_mention.get(i)
        if n is not None and n != m and ctx.mentions[n].type in PER and is_named(ctx.mentions[n]) \
                and not only_honorifics(ctx.mentions[n].text):
            return n
    return None


def repoint_honorifics(ctx: Ctx, facts: Iterable[Fact]) -> list[Fact]:
    """``facts`` with every honorifics-only person replaced by the name after it (dropped if none)."""
    out: dict[tuple, Fact] = {}
    for fact in sorted(facts, key=lambda f: -f.confidence):
        ends = []
        for end in (fact.subject, fact.object):
            if end is not None and ctx.mentions[end].type in PER and only_honorifics(ctx.mentions[end].text):
                end = _named_after(ctx, end)
                if end is None:
                    break
            ends.append(end)
        else:
            moved = fact._replace(subject=ends[0], object=ends[1])
            out.setdefault((moved.subject, moved.predicate, moved.object, moved.value), moved)
    return list(out.values())


def rule_occupation(ctx: Ctx) -> Iterator[Fact]:
    """``OCCUPATION NAME``: "le guitariste Paul Mercier", "economist Mary Roe" give a ``jobTitle``.

    Only right before the name: an occupation says nothing of an employer, and "le pianiste X et la
    chanteuse Y" must not give X two titles.
    """
    doc = ctx.doc
    # an occupation ends right before a person's name: only the three tokens before one can start it
    starts = {i for j, m in ctx.tok_mention.items() if ctx.mentions[m].type in PER and is_named(ctx.mentions[m])
              and ctx.mentions[m].start == doc[j].idx for i in range(j - 3, j)}
    for tok in doc_tokens(ctx):
        if tok.i not in starts or tok.i in ctx.tok_mention or tok.lower_[:1] not in ctx.lex.prefixes:
            continue
        for length in (3, 2, 1):
            last = tok.i + length - 1
            if last + 1 >= tok.sent.end:
                continue
            words = doc[tok.i:last + 1]
            if not (ctx.lex.has("role.occupation", words.text.lower())
                    or length == 1 and ctx.lex.has("role.occupation", tok.lemma_.lower())):
                continue
            named = ctx.tok_mention.get(last + 1)
            m = ctx.mentions[named] if named is not None else None
            if m is not None and m.type in PER and is_named(m) and m.start == doc[last + 1].idx:
                yield Fact(named, "jobTitle", None, words.text, sentence_of(ctx, tok.idx), "kg.rules.occupation", 0.7)
            break


#: what may stand in a copula's noun phrase between occupations ("un producteur, scénariste et réalisateur")
_LIST_WORDS = frozenset({",", "et", "and", "-", "puis"})
_COPULAS = frozenset({"be", "être"})
_DETERMINERS = frozenset({"un", "une", "a", "an", "le", "la", "l'", "l’", "the"})


def _after_name(ctx: Ctx, m: int) -> int:
    """The token after mention ``m`` and a parenthesis that follows it ("X (1922-2003) était")."""
    span = ctx.doc.char_span(ctx.mentions[m].start, ctx.mentions[m].end, alignment_mode="expand")
    i = span.end
    if i < span.sent.end and ctx.doc[i].text == "(":
        close = next((t.i for t in ctx.doc[i:span.sent.end] if t.text == ")"), None)
        i = close + 1 if close is not None else i
    return i


def rule_copula_occupations(ctx: Ctx) -> Iterator[Fact]:
    """``PERSON est|was un|an OCCUPATION [ADJ] [, et OCCUPATION]``: each occupation is a ``jobTitle``."""
    doc = ctx.doc
    for m, mention in enumerate(ctx.mentions):
        if mention.type not in PER or not is_named(mention):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        i, end = _after_name(ctx, m), span.sent.end
        if i + 1 >= end or doc[i].lemma_.lower() not in _COPULAS or doc[i + 1].lower_ not in _DETERMINERS:
            continue
        i += 2
        while i < end and i not in ctx.tok_mention:
            tok = doc[i]
            if ctx.lex.has("role.occupation", tok.lower_) or ctx.lex.has("role.occupation", tok.lemma_.lower()):
                yield Fact(m, "jobTitle", None, tok.text, sentence_of(ctx, tok.idx), "kg.rules.copula_occupation", 0.65)
            elif not (tok.pos_ == "ADJ" or tok.pos_ == "NOUN" and tok.text[:1].islower() or tok.lower_ in _LIST_WORDS):
                break
            i += 1
