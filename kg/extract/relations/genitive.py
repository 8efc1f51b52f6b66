"""A title in a genitive with its department: "Fabrikam's deputy head of sales Ana Ruiz".

The English model parses the title and the name as two subjects ("head" and "Ruiz" both ``nsubj``), so
neither the tree nor the surface rule of :mod:`~kg.extract.relations.surface` (which wants the name
right after the title) links them. Read in word order: an organisation, "'s", a title of the lexicon
with its rank words (:func:`~kg.extract.relations.grammar.ranked_title`), "of|for" and a few
lower-case words naming a department, then a person's name. The title is the ranked title ("deputy
head"), as in "X, deputy head of Y".
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.relations.base import ORG_LIKE, PER, Ctx, doc_tokens, sentence_of
from kg.extract.relations.grammar import ranked_title
from kg.extract.relations.surface import surface_phrase
from kg.types import Fact

_GENITIVE = frozenset({"'s", "’s"})
#: what opens a department after a title: "head of sales", "vice president for research"
_DEPARTMENT = frozenset({"of", "for"})
#: words a department is made of ("said" after "head of sales" ends it: a new clause)
_DEPARTMENT_POS = frozenset({"NOUN", "ADJ", "CCONJ"})
#: a department is at most this many lower-case words ("global supply chain and logistics")
_MAX_DEPARTMENT = 5


def _department_end(doc, i: int, end: int) -> int | None:
    """The token after "of|for <lower-case words>" starting at ``i``, if it is one."""
    if i >= end or doc[i].lower_ not in _DEPARTMENT:
        return None
    j = i + 1
    while j < end and j - i <= _MAX_DEPARTMENT and doc[j].is_lower and doc[j].pos_ in _DEPARTMENT_POS:
        j += 1
    return j if j > i + 1 else None


def rule_genitive_title(ctx: Ctx) -> Iterator[Fact]:
    """``ORG's [rank] TITLE of|for DEPARTMENT PERSON``: the person works for the organisation."""
    doc = ctx.doc
    for tok in doc_tokens(ctx):
        if tok.text not in _GENITIVE or tok.i + 1 >= tok.sent.end:
            continue
        org = ctx.tok_mention.get(tok.i - 1)
        if org is None or ctx.mentions[org].type not in ORG_LIKE:
            continue
        found = surface_phrase(ctx, doc[tok.i + 1])
        if found is None:  # a rank word first: "deputy head"
            found = surface_phrase(ctx, doc[tok.i + 2]) if tok.i + 2 < tok.sent.end else None
        if found is None or found[0] != "role.title":
            continue
        group, first, last = ranked_title(ctx, *found)
        if first != tok.i + 1:
            continue
        after = _department_end(doc, last + 1, tok.sent.end)
        person = ctx.tok_mention.get(after) if after is not None else None
        if person is None or ctx.mentions[person].type not in PER:
            continue
        s = sentence_of(ctx, tok.idx)
        yield Fact(person, "worksFor", org, None, s, "kg.rules.genitive_title", 0.7)
        yield Fact(person, "jobTitle", None, doc[first:last + 1].text, s, "kg.rules.genitive_title", 0.7)
