"""Deals a client makes by engaging a supplier for a piece of work: "X has hired Y to build a lander", "X is
tapping Y to design a cooling plant", "X selected Y to supply 40 jets". Business news reports contracts this
way as often as with the word "contract"; the verbs are in ``data/frames/events.tsv`` (requires ``engaged``),
the work an organisation is engaged for in the cue list ``commissioned_work``. A contract won is a deal too,
though the client goes unnamed ("Boeing wins contract to build a space plane"; cue list ``winning_verb``), and so
is a contract awarded ("NASA awarded Boeing a contract", "le contrat a été attribué à Alstom"; cue list
``awarding_verb``).
"""
from __future__ import annotations

from spacy.tokens import Token

from kg import lexicon
from kg.extract.events.roles import OBJ, light_verb, name_compounds, prep_objects, slots, winning


def engaged(tok: Token, sent_ms, lang: str, orgs: tuple[str, ...]) -> bool:
    """The verb engages an organisation for work: what it hires, taps or selects is an organisation, and a
    to-infinitive of work completes it ("hired Y to build a lander"); not "picked Y to outperform" (a
    forecast), "hired Jane Roe to run it" (a person: an appointment), nor "Y was selected to supply engines"
    with nobody who selects (the client is in a by-phrase or the subject)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    found = slots(tok)
    if found.passive and not any(p == "by" for p, _ in found.preps):
        return False
    slot = ("nsubjpass", "nsubj:pass") if found.passive else ("dobj", "obj")
    hired = [c for c in tok.children if c.dep_ in slot]
    # the client is a name too, not a noun a place qualifies ("the Menlo Park, California-based firm has hired")
    clients = [g for p, g in found.preps if p == "by"] if found.passive else list(found.subjects)
    if not all(_org(c, sent_ms, orgs) for c in (hired[:1] or [None]) + (clients[:1] or [None])):
        return False
    work = lexicon.cues("commissioned_work", lang)
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in work and any(a.lower_ == "to" for a in c.children)
               for c in tok.children)


def _org(t: Token | None, sent_ms, orgs: tuple[str, ...]) -> bool:
    """An organisation's name covers ``t``; not a town the parser made the head of "the Menlo Park,
    California-based firm" (a noun set beside it says what is based there)."""
    if t is None or any(c.dep_ == "appos" and any(g.lemma_ == "base" for g in c.children) for c in t.children):
        return False
    return any(m.type in orgs and m.start <= t.idx < m.end for _, m in sent_ms)


def won(tok: Token, etype: str, lang: str) -> bool:
    """A deal noun that its party wins, lands or secures ("Boeing wins contract to build ...", "landed a $2 billion
    order"): a partnership of the winner's, whoever the client (cue list ``winning_verb``). A bid won is no
    takeover without what is taken over."""
    if etype != "Partnership" or tok.pos_ not in ("NOUN", "PROPN") or tok.morph.get("Number") == ["Plur"]:
        return False  # "snagged two key orders", "has won 10 times as many orders": a tally, not one deal
    verb = light_verb(tok)
    if verb is not None and winning(verb) and tok.dep_ in OBJ:
        return True
    given = awarded(tok, lang)  # "Boeing was awarded a contract": the winner is named
    return given is not None and bool(given[0])


def awarded(tok: Token, lang: str) -> tuple[list[Token], list[Token]] | None:
    """The winners and the clients (phrase heads) of a deal noun a verb of cue list ``awarding_verb`` awards: "NASA
    awarded Boeing a contract", "... awarded a contract to Boeing", "Boeing was awarded a contract by NASA", "the
    Pentagon contract was awarded to Lockheed Martin" (a name on the noun is the client); None for another noun.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("NASA awarded a $2 billion contract to Boeing.")
    >>> [[t.text for t in side] for side in awarded(doc[6], "en")]
    [['Boeing'], ['NASA']]
    """
    verb = tok.head
    if tok.pos_ not in ("NOUN", "PROPN") or tok.morph.get("Number") == ["Plur"] or tok.dep_ not in OBJ | {
            "nsubjpass", "nsubj:pass"} or verb.lemma_.lower() not in lexicon.cues("awarding_verb", lang):
        return None
    found = slots(verb)
    preps = found.preps + tuple(prep_objects(tok))  # the verb's and the noun's: "a contract to Boeing by NASA"
    to = [g for p, g in preps if p in ("to", "à")] + [
        c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")]  # "awarded Boeing a contract"
    by = [g for p, g in preps if p in ("by", "par")]
    if tok.dep_ in OBJ:
        return (list(found.subjects), by) if found.passive else (to, list(found.subjects))
    return to, by + name_compounds(tok)
