"""Relation rules that read clauses: each is ``ctx -> Iterator[Fact]``, registered by name in
:data:`kg.extract.relations.rules.RULES`.

A rule starts from a trigger (a role noun or a verb of the lexicon) and asks the grammar helpers of
:mod:`kg.extract.relations.grammar` for the mentions in its slots. Confidence is per rule: appositions and
copulas are reliable, long climbs through relative clauses less so.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from kg.extract.relations.base import (
    ANY, FOUNDABLE, LOC, OBJ, ORG, ORG_LIKE, PER, PLACE_LIKE, Ctx, adjunct_dates, doc_tokens, make_fact,
)
from kg.extract.relations.grammar import (
    PERSON_TITLES, clause_subject, coordinated, holders, is_passive, mention_at, mentions_at, place_chain, pp_objects,
    title_phrase,
)
from kg.types import Fact, is_named


def _orgs_of(ctx: Ctx, noun: Token) -> list[int]:
    """The organisation a role noun belongs to: "CEO of X", "X's CEO", "X CEO", "PDG de X"."""
    found: list[int] = []
    for tok in pp_objects(ctx, noun, "prep.org"):
        for t in coordinated(tok):
            m = mention_at(ctx, t, ORG_LIKE)
            if m is not None:
                found.append(m)
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "nmod:poss") and child.i < noun.i:
            m = mention_at(ctx, child, ORG_LIKE)
            if m is not None:
                found.append(m)
    if noun.dep_ == "compound":  # "Apple CEO Tim Cook" parsed as three modifiers of "Cook"
        for sib in noun.head.children:
            if sib.dep_ in ("compound", "poss") and sib.i < noun.i:
                m = mention_at(ctx, sib, ORG_LIKE)
                if m is not None:
                    found.append(m)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":  # "joined Acme as CEO"
        found.extend(m for c in noun.head.head.children if c.dep_ in OBJ
                     for m in [mention_at(ctx, c, ORG_LIKE)] if m is not None)
    if not found:
        # "chairman and CEO of X": the organisation hangs on another member of the coordination.
        group = coordinated(noun.head if noun.dep_ == "conj" else noun)
        for other in group:
            if other is not noun:
                found.extend(m for t in pp_objects(ctx, other, "prep.org") for c in coordinated(t)
                             for m in [mention_at(ctx, c, ORG_LIKE)] if m is not None)
    if not found:
        # "an engineer, founder and CEO of X": "of X" hung on the noun the roles are in apposition to
        first = noun
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        host = first.head if first.dep_ == "appos" else first.head.head if first.dep_ == "pobj" else None
        if host is not None:  # only what follows the role: "CTO of A and CEO of B" gives B to the CEO
            found.extend(m for t in pp_objects(ctx, host, "prep.org") if t.i > noun.i for c in coordinated(t)
                         for m in [mention_at(ctx, c, ORG_LIKE)] if m is not None)
    return sorted(set(found))


def _places(ctx: Ctx, toks: list[Token], want: frozenset[str] = PLACE_LIKE) -> list[int]:
    found: list[int] = []
    for tok in toks:
        for t in place_chain(tok):
            m = mention_at(ctx, t, want)
            if m is not None:
                found.append(m)
    return sorted(set(found))


def _is_clause_subject(ctx: Ctx, m: int) -> bool:
    """True when mention ``m`` is the subject of its clause ("Eric co-founded ...", "Mohan was the founder")."""
    span = ctx.doc.char_span(ctx.mentions[m].start, ctx.mentions[m].end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")


def _led_by(ctx: Ctx, noun: Token) -> list[int]:
    """"X is led by chief executive Y": the role noun modifies the agent of a passive verb."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    person = noun.head if noun.dep_ in ("compound", "amod", "appos") else noun
    if person.dep_ == "pobj" and person.head.dep_ == "agent":
        return clause_subject(ctx, person.head.head, ORG_LIKE)
    return []


def rule_roles(ctx: Ctx) -> Iterator[Fact]:
    """Role nouns: ceo, foundedBy, worksFor, jobTitle, subsidiaryOf, competitorOf, partnerOf."""
    seen: set[int] = set()
    for tok in doc_tokens(ctx):
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or tok.i in seen:
            continue
        found = title_phrase(ctx, tok)
        if found is None:
            continue
        group, text, first, last = found
        seen.update(range(first.i, last.i + 1))
        head = tok
        orgs = _orgs_of(ctx, head)
        if group in PERSON_TITLES:
            people = holders(ctx, head, PER)
            if not people and group != "role.title":
                # a founder or chief executive is a person whatever the tagger said ("Eric", "Mohan")
                people = [p for p in holders(ctx, head, ORG) if p not in orgs and _is_clause_subject(ctx, p)]
            if people and not orgs:
                orgs = _led_by(ctx, head)
            for p in people:
                if group != "role.founder":
                    yield make_fact(ctx, tok, p, "jobTitle", None, text, "job_title", 0.75)
                for o in orgs:
                    if group == "role.ceo":
                        yield make_fact(ctx, tok, o, "ceo", p, None, "ceo", 0.85)
                    if group == "role.founder":
                        yield make_fact(ctx, tok, o, "foundedBy", p, None, "founder", 0.85)
                    else:
                        yield make_fact(ctx, tok, p, "worksFor", o, None, "works_for", 0.8)
            if people or group == "role.title":
                continue
        # "Halden Capital Ltd. is a subsidiary of ...": what is a subsidiary is an organisation, whatever its tag
        owners = holders(ctx, head, ORG_LIKE) or holders(ctx, head, PER)
        predicate = {"role.subsidiary": "subsidiaryOf", "role.parent": "subsidiaryOf",
                     "role.competitor": "competitorOf", "role.partner": "partnerOf"}.get(group)
        if predicate is None:
            continue
        for h in owners:
            for o in orgs:
                if group == "role.parent":
                    yield make_fact(ctx, tok, o, predicate, h, None, "parent", 0.8)
                else:
                    yield make_fact(ctx, tok, h, predicate, o, None, group.split(".")[1], 0.8)


def _verb_lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def rule_founded(ctx: Ctx) -> Iterator[Fact]:
    """"X was founded (in 1998) (by Y)", "Y founded X", "Founded in 1998, X ...", "fondée en 2010 par Y"."""
    for verb in doc_tokens(ctx):
        if verb.pos_ not in ("VERB", "AUX", "ADJ") or not ctx.lex.has("verb.found", _verb_lemma(verb)):
            continue
        if _verb_lemma(verb) == "set" and not any(c.lower_ == "up" for c in verb.children):
            continue
        passive = is_passive(verb) or verb.dep_ in ("acl", "amod", "advcl") and verb.tag_ in ("VBN", "")
        if passive or verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod"):
            orgs = clause_subject(ctx, verb, FOUNDABLE)
            founders = [m for t in pp_objects(ctx, verb, "prep.agent") for c in coordinated(t)
                        for m in mentions_at(ctx, c, PER | ORG)]
            founders += [m for c in verb.children if c.dep_ == "agent" for t in c.children
                         for cc in coordinated(t) for m in mentions_at(ctx, cc, PER | ORG)]
        else:
            orgs = [m for c in verb.children if c.dep_ in OBJ for t in coordinated(c)
                    for m in [mention_at(ctx, t, ORG_LIKE)] if m is not None]
            founders = clause_subject(ctx, verb, PER)
            if not founders and orgs:
                # "Eric co-founded FeedBurner", "Rod established the Foundation": whoever founds a
                # named organisation is its founder, whatever type the tagger gave the name
                founders = [f for f in clause_subject(ctx, verb, ANY) if f not in orgs]
            # "founded Brightloop alongside Ana Ruiz and Tomas Berg", "co-founded X with Y"
            founders += [m for t in pp_objects(ctx, verb, "prep.with") for c in coordinated(t)
                         for m in mentions_at(ctx, c, PER | ORG)]
        for o in sorted(set(orgs)):
            for f in sorted(set(founders)):
                if f != o:
                    yield make_fact(ctx, verb, o, "foundedBy", f, None, "founded_by", 0.8)
            for d in adjunct_dates(ctx, verb):
                yield make_fact(ctx, verb, o, "foundedOn", None, ctx.dates[d].value, "founded_on", 0.8)


def rule_headquarters(ctx: Ctx) -> Iterator[Fact]:
    """"headquartered in", "based in", "X-based", "its headquarters in", "basée à", "siège à"."""
    for tok in doc_tokens(ctx):
        lemma = _verb_lemma(tok)
        low = tok.lower_
        # "its main office", "the head office": a seat noun with its modifier
        phrases = [low, lemma] + [f"{c.lower_} {w}" for c in tok.children if c.dep_ in ("amod", "compound")
                                  for w in (low, lemma)]
        seat_noun = tok.pos_ in ("NOUN", "PROPN") and any(ctx.lex.has("noun.hq", p) for p in phrases)
        if not seat_noun and (ctx.lex.has("verb.hq", lemma) or ctx.lex.has("verb.hq", low)):
            places = _places(ctx, pp_objects(ctx, tok, "prep.place"))
            # "a Seattle-based company", not "the Intel-based Mac": a company is the base of a product
            places += _places(ctx, [c for c in tok.children if c.dep_ in ("npadvmod", "compound") and c.i < tok.i],
                              PLACE_LIKE - {"Company"})
            if not places:
                continue
            if tok.dep_ == "amod":  # "a Seattle-based company"
                orgs = [m for m in [mention_at(ctx, tok.head, ORG_LIKE)] if m is not None] \
                    or holders(ctx, tok.head, ORG_LIKE)
            else:
                orgs = clause_subject(ctx, tok, ORG_LIKE)
                if not orgs and lemma.startswith("headquarter"):  # only organisations have headquarters
                    orgs = clause_subject(ctx, tok, PER)
            if tok.dep_ in ("acl", "amod") and orgs:  # "a U.S. airline headquartered in Tempe"
                places += _places(ctx, [c for c in tok.head.children if c.dep_ in ("compound", "amod", "nmod")
                                        and c.i < tok.head.i], LOC)
            for o in orgs:
                for p in sorted(set(places)):
                    yield make_fact(ctx, tok, o, "headquarteredIn", p, None, "headquartered_in", 0.8)
        elif seat_noun:
            places = _places(ctx, pp_objects(ctx, tok, "prep.place"))
            if not places and tok.dep_ in ("nsubj", "nsubj:pass"):  # "its headquarters are in Paris"
                places = _places(ctx, pp_objects(ctx, tok.head, "prep.place"))
            if not places:
                continue
            orgs = [m for c in tok.children if c.dep_ in ("poss", "compound", "nmod:poss")
                    for m in [mention_at(ctx, c, ORG_LIKE)] if m is not None]
            orgs += [m for t in pp_objects(ctx, tok, "prep.org") for m in [mention_at(ctx, t, ORG_LIKE)] if m is not None]
            if not orgs and tok.dep_ in OBJ:  # "X has its headquarters in ..."
                orgs = clause_subject(ctx, tok.head, ORG_LIKE)
            for o in orgs:
                for p in places:
                    yield make_fact(ctx, tok, o, "headquarteredIn", p, None, "headquarters", 0.75)


def rule_is_a_noun_in(ctx: Ctx) -> Iterator[Fact]:
    """"X is a trade union centre in Morocco", "X is an American orchestra in Boston": seat by description."""
    for noun in doc_tokens(ctx):
        if noun.dep_ != "attr" or noun.head.lemma_.lower() != "be" or not ctx.lex.has("noun.org", noun.lemma_.lower()):
            continue  # only "X is a <kind of organisation> in P": "X is a village in P" says nothing of a seat
        places = _places(ctx, pp_objects(ctx, noun, "prep.place"), LOC)
        if not places:
            continue
        for org in clause_subject(ctx, noun.head, ORG_LIKE):
            for p in places:
                yield make_fact(ctx, noun, org, "headquarteredIn", p, None, "is_a_noun_in", 0.5)


def rule_owned(ctx: Ctx) -> Iterator[Fact]:
    """"X is (wholly) owned by Y", "Y owns X" between organisations: X is a subsidiary of Y."""
    for verb in doc_tokens(ctx):
        if not ctx.lex.has("verb.own", _verb_lemma(verb)):
            continue
        if is_passive(verb) or verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
            owned = clause_subject(ctx, verb, ORG_LIKE)
            owners = [m for c in verb.children if c.dep_ in ("agent", "obl:agent")
                      for t in ([c] if c.dep_ == "obl:agent" else c.children)
                      for m in [mention_at(ctx, t, ORG_LIKE)] if m is not None]
        else:
            owners = clause_subject(ctx, verb, ORG_LIKE)
            # The small French model reads the name after the verb as a second subject ("Kestrel
            # possède Norvane Foods"): after an owner already named before the verb, it is the object.
            late = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i] if owners else []
            owned = [m for c in verb.children if c.dep_ in OBJ or c in late for t in coordinated(c)
                     for m in [_owned_at(ctx, t)] if m is not None and m not in owners]
        for child in sorted(set(owned)):
            for parent in sorted(set(owners)):
                yield make_fact(ctx, verb, child, "subsidiaryOf", parent, None, "owned_by", 0.7)


def _owned_at(ctx: Ctx, tok: Token) -> int | None:
    """The organisation an owning verb's object names: not a name that only qualifies a common noun
    ("Apple Inc. will own all Apple trademarks"), unless the noun is an organisation's ("its Xiaomi unit")."""
    m = mention_at(ctx, tok, ORG_LIKE)
    if m is None or tok.i in ctx.tok_mention or not tok.text[:1].islower() or ctx.lex.has("noun.org", tok.lemma_.lower()):
        return m
    return m if any(c.dep_ in ("appos", "flat:name") and ctx.tok_mention.get(c.i) == m for c in tok.children) else None


def rule_institution_in(ctx: Ctx) -> Iterator[Fact]:
    """"the University of X in Philadelphia", "le musée ... à Lyon": an institution named with its town."""
    for i, m in enumerate(ctx.mentions):
        if m.type not in ORG_LIKE or not is_named(m):
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not any(ctx.lex.has("org.institution", t.lower_) for t in span):
            continue
        places = _places(ctx, pp_objects(ctx, span.root, "prep.place"), LOC)
        for p in places:
            yield make_fact(ctx, span.root, i, "headquarteredIn", p, None, "institution_in", 0.55)


def verb_rule(group: str, preps: str, want: frozenset[str], predicate: str, rule: str,
               confidence: float) -> Callable[[Ctx], Iterator[Fact]]:
    def rule_fn(ctx: Ctx) -> Iterator[Fact]:
        for verb in doc_tokens(ctx):
            if not ctx.lex.has(group, _verb_lemma(verb)):
                continue
            targets = [m for t in pp_objects(ctx, verb, preps) for c in place_chain(t)
                       for m in [mention_at(ctx, c, want)] if m is not None]
            if not targets:
                continue
            for s in clause_subject(ctx, verb, ORG):
                for t in sorted(set(targets)):
                    yield make_fact(ctx, verb, s, predicate, t, None, rule, confidence)
    rule_fn.__doc__ = f"Verb of {group} with an object of {preps}: {predicate}."
    return rule_fn
