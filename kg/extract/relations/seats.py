"""Seats read in word order: "Ashford College à Leeds en Angleterre", "basée à Lyon en France", "the
Northfield School in Portland, Oregon".

The small French model attaches the place of such phrases anywhere (to the verb, to a person's title),
so the dependency rules of :mod:`~kg.extract.relations.clauses` miss them; the word order does not lie.
An institution's name (a word of ``org.institution``: université, college, école ...) followed by a
place preposition and a place is where it is: an institution is named with its town, while a company
"in Paris" may only have a shop there, so companies need a seat word ("basée à"). A place that follows
the first one ("à Leeds en Angleterre", "in Portland, Oregon") is the larger place the seat is in,
and is a seat too.

Two more French readings follow the same reasoning: a copula's description ("X est une école de Nantes",
:func:`rule_is_a_noun_of`) and a description in apposition ("X SA, une entreprise de robots à
Toulouse", :func:`rule_described_at`), whose place is a seat unless the description makes it presence
("une société présente en Chine").

English parses get these right (:func:`~kg.extract.relations.clauses.rule_institution_in`), and on
KnowledgeNet's training folds the word-order reading added more wrong seats than right ones there: these
rules read French only.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.relations.base import LOC, ORG_LIKE, PP_HOLDERS, Ctx, doc_tokens, make_fact, sentence_of
from kg.extract.relations.grammar import clause_subject, mention_at
from kg.types import Fact, is_named

#: words skipped between a place preposition and its place ("à l'Université", "dans le Derbyshire")
_DETERMINERS = frozenset({"le", "la", "les", "l'", "l’", "the"})
#: what joins a place to the larger place it is in: "à Leeds en Angleterre", "Portland, Oregon"
_JOINERS = frozenset({",", "en", "au", "aux", "dans", "in"})
#: seat phrases whose place follows the participle (the participle's token, lower-case)
_SEAT_WORDS = frozenset({"basé", "basée", "basés", "basées", "based", "headquartered", "situé", "située",
                         "implanté", "implantée", "installé", "installée", "located"})


def _french(ctx: Ctx) -> bool:
    return (ctx.doc.lang_ or "en")[:2] == "fr"


def _place_after(ctx: Ctx, i: int, end: int) -> int | None:
    """The place mention starting at token ``i`` (after determiners), if any."""
    doc = ctx.doc
    while i < end and doc[i].lower_ in _DETERMINERS:
        i += 1
    m = ctx.tok_mention.get(i) if i < end else None
    if m is None or ctx.mentions[m].type not in LOC or not is_named(ctx.mentions[m]):
        return None
    return m if ctx.doc.char_span(ctx.mentions[m].start, ctx.mentions[m].end, alignment_mode="expand")[0].i == i \
        else None


def _last_token(ctx: Ctx, m: int) -> int:
    return ctx.doc.char_span(ctx.mentions[m].start, ctx.mentions[m].end, alignment_mode="expand")[-1].i


def place_chain(ctx: Ctx, first: int, end: int, limit: int = 3) -> list[int]:
    """``first`` and the places that follow it as its larger places ("à Leeds en Angleterre", "à
    Wilmington Delaware").

    Parameters
    ----------
    ctx : Ctx
        The document context.
    first : int
        A place mention.
    end : int
        The token index where the sentence ends.
    limit : int
        At most this many places in the chain.
    """
    chain = [first]
    while len(chain) < limit:
        i = _last_token(ctx, chain[-1]) + 1
        if i >= end:
            break
        if ctx.doc[i].lower_ in _JOINERS:  # ", au Texas", ", dans le Massachusetts": joiners in a row
            while i + 1 < end and ctx.doc[i + 1].lower_ in _JOINERS:
                i += 1
            nxt = _place_after(ctx, i + 1, end)
        else:  # "à Wilmington Delaware": a town and its region with the comma left out
            nxt = _place_after(ctx, i, end) if ctx.doc[i].lower_ not in _DETERMINERS else None
        if nxt is None or nxt in chain:
            break
        chain.append(nxt)
    return chain


def rule_institution_at(ctx: Ctx) -> Iterator[Fact]:
    """``INSTITUTION à|in PLACE [en|, PLACE]``: an institution named with its town is seated there."""
    doc = ctx.doc
    if not _french(ctx):
        return
    for i, m in enumerate(ctx.mentions):
        if m.type not in ORG_LIKE or not is_named(m):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not any(ctx.lex.has("org.institution", t.lower_) for t in span):
            continue
        nxt, end = span.end, span.sent.end
        if nxt >= end or not ctx.lex.has("prep.place", doc[nxt].lower_):
            continue
        place = _place_after(ctx, nxt + 1, end)
        if place is None:
            continue
        sent = sentence_of(ctx, m.start)
        for k, p in enumerate(place_chain(ctx, place, end)):
            yield Fact(i, "headquarteredIn", p, None, sent, "kg.rules.institution_at", 0.55 if k == 0 else 0.5)


def rule_seat_chain(ctx: Ctx) -> Iterator[Fact]:
    """``ORG ... basée à PLACE en PLACE``: the larger places of a seat phrase are seats too.

    The nearest named organisation before the participle (in its sentence, with nothing but its
    description between: no verb) is the one seated there.
    """
    doc = ctx.doc
    if not _french(ctx):
        return
    for tok in doc_tokens(ctx):
        if tok.lower_ not in _SEAT_WORDS or tok.i + 1 >= tok.sent.end:
            continue
        if not ctx.lex.has("prep.place", doc[tok.i + 1].lower_):
            continue
        place = _place_after(ctx, tok.i + 2, tok.sent.end)
        if place is None:
            continue
        org = None
        for j in range(tok.i - 1, tok.sent.start - 1, -1):
            if doc[j].pos_ in ("VERB", "AUX"):
                break
            m = ctx.tok_mention.get(j)
            if m is not None and ctx.mentions[m].type in ORG_LIKE and is_named(ctx.mentions[m]):
                org = m
                break
        if org is None:
            continue
        for p in place_chain(ctx, place, tok.sent.end)[1:]:
            yield Fact(org, "headquarteredIn", p, None, sentence_of(ctx, tok.idx), "kg.rules.seat_chain", 0.5)


#: "une université de Sheffield": a town or country after "de" on an organisation noun is its seat
_OF = frozenset({"de", "du", "d'", "d’", "des"})
#: places a description's "de" may seat an organisation in (a site, "l'usine de Lyon", is no seat)
_TOWNS = frozenset({"Place", "Country", "City", "Region"})


def rule_is_a_noun_of(ctx: Ctx) -> Iterator[Fact]:
    """``ORG est une université de|à PLACE``: the French copula's noun is the root, and its place may
    come with "de" ("une école de Lyon"), which an organisation noun reads as its town."""
    if not _french(ctx):
        return
    for noun in doc_tokens(ctx):
        if not any(c.dep_ == "cop" for c in noun.children) or not ctx.lex.has("noun.org", noun.lemma_.lower()):
            continue
        places = []
        for child in noun.children:
            case = [g.lower_ for g in child.children if g.dep_ in ("case", "fixed")]
            if child.dep_ not in PP_HOLDERS or not case:
                continue
            if case[0] in _OF or ctx.lex.has("prep.place", case[0]):
                m = mention_at(ctx, child, _TOWNS)
                if m is not None and is_named(ctx.mentions[m]):
                    places.append(m)
        if not places:
            continue
        for org in clause_subject(ctx, noun, ORG_LIKE):
            for p in places:
                yield make_fact(ctx, noun, org, "headquarteredIn", p, None, "is_a_noun_of", 0.5)


#: articles opening a description in apposition: "Fraser Holdings, un conglomérat ... à Singapour"
_INDEFINITE = frozenset({"un", "une"})


def rule_described_at(ctx: Ctx) -> Iterator[Fact]:
    """``ORG, un|une <organisation noun> ... à|en|dans PLACE``: the town or country in the description
    set in apposition to a company is its seat.

    The small French model attaches such descriptions to the verb, so they are read in word order, up
    to the next comma: "Fraser Holdings, un conglomérat de la brasserie dans Singapour, ..."
    """
    doc = ctx.doc
    if not _french(ctx):
        return
    for i, m in enumerate(ctx.mentions):
        if m.type not in ORG_LIKE or not is_named(m):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        k, end = span.end, span.sent.end
        if k < end and doc[k].text != "," and ctx.tok_mention.get(k) is None:
            k += 1  # a legal form the name leaves out: "Kelvane Robotique SA, une entreprise ..."
        if k + 2 >= end or doc[k].text != "," or doc[k + 1].lower_ not in _INDEFINITE:
            continue
        if not ctx.lex.has("noun.org", doc[k + 2].lemma_.lower()):
            continue
        for j in range(k + 3, end - 1):
            if doc[j].text in (",", ";", "(") or doc[j].pos_ in ("VERB", "AUX") \
                    or ctx.lex.has("adj.presence", doc[j].lower_):
                break
            if ctx.lex.has("prep.place", doc[j].lower_):
                place = _place_after(ctx, j + 1, end)
                if place is not None and ctx.mentions[place].type in _TOWNS:
                    yield Fact(i, "headquarteredIn", place, None, sentence_of(ctx, m.start),
                               "kg.rules.described_at", 0.5)
                    break


#: what may stand between "... de PLACE" and the organisation it describes: "..., la Kestrel Bank"
_APPOSED = frozenset({",", "le", "la", "les", "l'", "l’"})


def rule_described_before(ctx: Ctx) -> Iterator[Fact]:
    """``<organisation noun> de|d' PLACE, ORG``: "la première banque d'Arabie saoudite, la National
    Commercial Bank", "le premier opérateur de Belgique, Proximus": the description set before the
    name gives its seat, as :func:`rule_is_a_noun_of` reads "X est une banque de P"."""
    doc = ctx.doc
    if not _french(ctx):
        return
    for p, m in enumerate(ctx.mentions):
        if m.type not in _TOWNS or not is_named(m):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start < 2 or doc[span.start - 1].lower_ not in _OF:
            continue
        if not ctx.lex.has("noun.org", doc[span.start - 2].lemma_.lower()):
            continue
        k, end = span.end, span.sent.end
        if k >= end or doc[k].text != ",":
            continue
        while k < end and doc[k].lower_ in _APPOSED:
            k += 1
        org = ctx.tok_mention.get(k)
        if org is not None and ctx.mentions[org].type in ORG_LIKE and is_named(ctx.mentions[org]):
            yield Fact(org, "headquarteredIn", p, None, sentence_of(ctx, m.start), "kg.rules.described_before", 0.5)
