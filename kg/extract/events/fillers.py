"""Which mentions fill an event's roles: the slots of :mod:`~kg.extract.events.roles` read as the frame says.

A slot's head stands for a mention: a name inside its phrase, itself, or what it belongs to ("a stake in
Lumen"). A deal noun's other party may be named on it ("won a Pentagon contract") or in the clause that says
what it trades; a deal awarded names its winner and its client (:func:`kg.extract.events.deals.awarded`).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.events.deals import awarded
from kg.extract.events.frames import Frame
from kg.extract.events.roles import (OBJ, THROUGH, conjoined, light_verb, name_compounds, prep_objects, slots,
                                     subjects_of, unit_owners)


def mention_of(tok: Token, tok_mention: dict[int, int], depth: int = 0) -> int | None:
    """The mention a phrase head stands for: a name inside it ("la société Opower", "its chip unit
    Brightline": the name, not "la société" read back to another company), itself, or what it belongs
    to ("a stake in Lumen", "the maker of X")."""
    own = tok_mention.get(tok.i)
    related = lexicon.cues("related_company_noun", tok.lang_)  # "Airbus parent EADS" is EADS, not Airbus
    for c in tok.children:
        # a name hung on the noun without a preposition (the small models tag it PROPN, ADJ or NOUN)
        bare = c.dep_.split(":")[0] in ("nmod", "acl", "amod") and not any(g.dep_ == "case" for g in c.children)
        if (c.dep_ in THROUGH or bare) and tok.pos_ != "PROPN" and not (c.dep_ == "compound" and tok.lemma_.lower() in related):
            j = tok_mention.get(c.i)
            if j is not None and j != own:
                return j
    if own is not None or depth > 2:  # "l'acquisition des actifs de télévision du groupe X": two levels down
        return own
    for c in tok.children:
        if c.dep_ in THROUGH and c.lemma_.lower() not in related:
            j = mention_of(c, tok_mention, depth + 1)
            if j is not None:
                return j
    for c in tok.children:
        if c.dep_.split(":")[0] in ("prep", "nmod"):
            inner = next((g for g in c.children if g.dep_ == "pobj"), c)
            j = mention_of(inner, tok_mention, depth + 1)
            if j is not None:
                return j
    return None


def _traded_with(tok: Token) -> list[Token]:
    """The other party of a deal noun named on it ("won a Pentagon contract") or in the clause that says what it
    trades ("deals to sell 38 jets to AerCap", "an agreement to buy engines from Safran"), when the deal's first
    party is read too. Not when a company, a unit or a brand changes hands ("a deal to sell Opel to Magna" is a
    takeover; cue lists ``unit_noun``, ``company_noun``)."""
    if not any(c.dep_ in ("poss", "nmod:poss") for c in tok.children) and tok.dep_ not in OBJ:
        return []  # no one makes or owns the deal: "a speech against the deal to lease 100 tankers from X"
    owned = lexicon.cues("unit_noun", tok.lang_) | lexicon.cues("company_noun", tok.lang_)

    def changes_hands(o: Token) -> bool:  # a company, a unit or a brand ("to sell Opel"), not counted goods
        return o.ent_type_ == "ORG" or o.lemma_.lower() in owned or (
            o.pos_ == "PROPN" and not any(c.dep_ == "nummod" for c in o.children))

    def infinitive(c: Token) -> bool:  # "a deal to supply", not "contracts that Duke may have entered with X"
        return c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)

    verbs = [c for c in tok.children if c.dep_ in ("acl", "relcl") and infinitive(c)]
    if tok.dep_ in OBJ:  # "signed deals to sell 38 jets to AerCap", the clause hung on the verb
        verbs += [c for c in tok.head.children if c.dep_ in ("advcl", "xcomp") and c.i > tok.i and infinitive(c)]
    out = []
    for verb in verbs:
        objects = [c for c in verb.children if c.dep_ in OBJ]
        if objects and not any(changes_hands(o) for o in objects):
            # a name, not a noun with one on it ("to 1,000 non-Airbus planes")
            out += [g for p, g in prep_objects(verb) if p in ("to", "from", "with") and g.pos_ == "PROPN"]
    return out + (name_compounds(tok) if tok.dep_ in OBJ else [])  # not "its Nissan alliance would last"


def read_roles(doc: Doc, tok: Token, frame: Frame, tok_mention: dict[int, int]) -> dict[str, list[int]]:
    """Mention indices in each role of ``frame`` for the trigger ``tok``, in slot order."""
    s = slots(tok)
    roles: dict[str, list[int]] = {}

    def put(role: str, toks, own: bool = False) -> None:
        if role in ("-", "source"):
            return
        for t in toks:
            m = tok_mention.get(t.i) if own else mention_of(t, tok_mention)
            if m is not None and m not in roles.setdefault(role, []):
                roles[role].append(m)

    noun = tok.pos_ in ("NOUN", "PROPN")
    if noun and frame.type == "Partnership" and (given := awarded(tok, tok.lang_)) is not None:
        put("agent", given[0])  # "NASA awarded Boeing a contract": the winner makes the deal, as one who wins it
        put("target", given[1])
    subj_role, obj_role = (frame.obj, frame.subj) if s.passive else (frame.subj, frame.obj)
    if not noun and not s.passive and not s.objects and frame.prep_role("from") == frame.subj \
            and any(p == "from" for p, _ in s.preps):
        subj_role = frame.obj  # "AbbVie, which spun off from Abbott": what leaves is the subject, like a passive
    by_phrase = any(p in ("by", "par") for p, _ in s.preps)
    for prep, t in s.preps:
        role = frame.prep_role(prep)
        if role is None and noun and prep in ("of", "de") and frame.obj != "-":
            role = frame.obj
        if role is not None:
            put(role, conjoined([t]))
    if noun and frame.obj != "-" and not roles.get(frame.obj):
        # "l'acquisition de la marque Fabrikam" parsed with the name hung bare on the trigger
        # (or as an adjective: "par le rachat de la société Opower", Opower/amod on "rachat")
        put(frame.obj, [c for c in tok.children if c.dep_.split(":")[0] in ("nmod", "amod") and c.i > tok.i
                        and not any(g.dep_ == "case" for g in c.children)])
    if noun and frame.obj != "-" and frame.poss != "-":
        # "the WhatsApp takeover": the name on the noun is what is acted on; with an "of" phrase it is the
        # doer ("AT&T acquisition of Time Warner", a headline without the possessive)
        put(frame.poss if roles.get(frame.obj) else frame.obj, name_compounds(tok))
    if noun and frame.prep_role("with"):
        put(frame.prep_role("with"), _traded_with(tok))
    if not noun:
        # "a consultant at X who worked with Y": "who" is a person, never the company the person is at
        put(subj_role, s.subjects, own=any(c.dep_ == "nsubj" and c.lower_ == "who" for c in tok.children))
        put(obj_role, s.objects)
        doers = s.subjects
    else:
        # "Y's acquisition by X": with a by-phrase the possessor is what is acted on
        put(frame.obj if by_phrase and frame.obj != "-" else frame.poss, s.possessors)
        verb = light_verb(tok)
        verb_subjects = subjects_of(verb) if verb is not None else []
        doers = verb_subjects or s.subjects
        if frame.type == "Investment" and verb is not None and verb.lemma_.lower() in lexicon.cues(
                "receiving_verb", tok.lang_):  # "Y received a $4 billion investment from X": Y is invested in
            put("target", verb_subjects)
        elif frame.poss != "-" and not roles.get(frame.poss):
            put(frame.poss, doers)
        elif by_phrase and frame.obj != "-" and not roles.get(frame.obj):
            # "LinkedIn a annoncé son rachat par Microsoft": who announces its own takeover is its object
            put(frame.obj, verb_subjects)
    if (frame.poss if noun else subj_role) == "agent" and not roles.get("agent"):
        # "Kinder Morgan's Canadian unit expects to close an IPO": a unit its owner names acts for the owner
        put("agent", [o for h in doers for o in unit_owners(h)])
    return roles
