"""Whether and how an event happened: negated and hypothetical mentions are not events; the others get
a status: ``done``, ``planned`` (announced, agreed, "is to", "will", "va", "prévoit"), ``proposed``
(talks, bids, offers, considerations: "in talks to buy", "envisage de racheter") or ``cancelled``.

Modality lives in the trigger's own auxiliaries and negation, and in the words that govern it: the verb a
trigger is the complement of ("plans to open", "is in talks to buy", "a renoncé à racheter"), the verb
a noun trigger is the object of ("abandoned its bid"), a subordinating "if"/"si" on any of them. Cue
words are data (``data/gazetteers/cues.tsv``: ``negation``, ``hypothetical``, ``proposed``,
``planned``, ``cancelled``).
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from kg import lexicon
from kg.nlp.cues import doc_text

#: how far up the tree modality is looked for: "said it is in talks to buy" climbs buy -> talks -> is
GOVERNING = frozenset({"xcomp", "ccomp", "acl", "dobj", "obj", "pobj", "prep", "advcl", "obl", "nmod", "conj"})
STEPS = 4


def chain(tok: Token) -> list[Token]:
    """The trigger and the words that govern it, nearest first (stopping at a reporting verb's clause)."""
    out = [tok]
    # a relative clause states its own fact: "veut acheter Y, qui avait déjà racheté Z" (Z's purchase is done)
    # a gerund after "by" is the means of the verb above it and shares its modality ("plans to become a media
    # company by buying X"); other gerund phrases ("due to", "after") state their own facts
    while len(out) <= STEPS and (out[-1].dep_.split(":")[0] in GOVERNING or (
            out[-1].dep_ == "pcomp" and out[-1].head.lower_ == "by")) and out[-1].dep_ != "acl:relcl" \
            and out[-1].head is not out[-1]:
        out.append(out[-1].head)
        if out[-1].dep_ == "ROOT":
            break
    return out


def _words(toks: list[Token]) -> set[str]:
    return {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}


def _modifiers(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_.split(":")[0] in ("neg", "aux", "auxpass", "advmod", "mark", "cop")]


def negated(tok: Token, lang: str) -> bool:
    """"has not bought", "did not open", "n'a pas racheté", "denied it would buy".

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbis has not said it wants to sell Lumen.")
    >>> negated(doc[7], "en")
    True
    """
    cues = lexicon.cues("negation", lang)
    if _verb_of_subject(tok) & cues:  # "the takeover was blocked by a judge", as "a judge blocked the takeover"
        return True
    if _does_not_occur(tok, cues):
        return True
    for t in chain(tok):
        if _says_no(t, cues):
            return True
        if t.lemma_.lower() in cues and t is not tok:  # "denied", "refuse de"
            return True
    return False


def hypothetical(tok: Token, lang: str) -> bool:
    """"if the bid succeeds", "could invest", "pourrait racheter", "a possible takeover"."""
    cues = lexicon.cues("hypothetical", lang)
    if tok.sent.text.rstrip().endswith("?"):  # "Will GE Sell More Assets?": a question reports nothing
        return True
    if any(_a_kind(c) for t in chain(tok) for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")):
        return True  # "when a company like AMD is expected to launch a GPU": what such firms do, no event
    # "X buying Y would hurt", "X: Buying Y Wouldn't Hurt": the parser hangs a gerund with its own subject on that
    # subject, right after it (a headline's colon between them)
    weighed = tok.head if tok.dep_ == "csubj" else tok.head.head if (
        tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_.startswith("nsubj")
        and all(t.text == ":" for t in tok.doc[tok.head.i + 1: tok.i])) else None
    if weighed is not None and _words([weighed] + _modifiers(weighed)) & lexicon.cues("weighing_modal", lang):
        return True  # "Buying Fox Wouldn't Be a Bad Idea": an action weighed, not one done
    if _words(chain(tok)[1:]) & lexicon.cues("purpose", lang):
        return True  # "afin de quitter la chaîne": an aim; not "a quitté la chaîne afin de rejoindre TF1"
    demands = lexicon.cues("demand", lang)
    for t in chain(tok)[1:]:  # "an investor called on the company to sell Saab": someone else's wish
        heads = {t.lemma_.lower()} | {f"{t.lemma_.lower()} {c.lower_}" for c in t.children if c.dep_ in ("prep", "prt")}
        if heads & demands:
            return True
    for t in chain(tok):
        mods = _modifiers(t) + [c for c in t.children if c.dep_ == "amod"]
        # the small French model hangs the verb of "les syndicats craignent des fermetures" on its subject,
        # with no relation ("dep") or as an adjective: the verb still governs the clause
        mods += [c for c in t.children if c.dep_ == "dep" and c.pos_ in ("VERB", "AUX")]
        # a condition on the event: "if the bid succeeds, X will acquire Y"
        mods += [g for c in t.children if c.dep_.split(":")[0] == "advcl" for g in c.children if g.dep_ == "mark"]
        if t is not tok:  # "pourrait racheter": the modal verb governs the trigger
            mods.append(t)
        if _words(mods) & cues:
            return True
    return False


def _a_kind(subject: Token) -> bool:
    """A common noun given examples ("a company like AMD", "companies such as Orbis"): a kind of firm."""
    return subject.pos_ == "NOUN" and any(c.dep_ == "prep" and (c.lower_ == "like" or c.lower_ == "as" and any(
        g.lower_ == "such" for g in list(c.children) + list(subject.children))) for c in subject.children)


def _says_no(t: Token, negation: frozenset[str]) -> bool:
    """``t`` is negated: a "neg" dependent, or a negation cue among its modifiers ("n'a pas", "never")."""
    return any(c.dep_ == "neg" for c in t.children) or bool(_words(_modifiers(t)) & negation)


def _subject_of(tok: Token) -> Token | None:
    """The verb a noun trigger is the subject of."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_.split(":")[0] in ("nsubj", "nsubjpass"):
        return tok.head
    return None


def _does_not_occur(tok: Token, negation: frozenset[str]) -> bool:
    """A noun trigger is the subject of a negated verb of occurring ("l'arrivée de X n'aura pas lieu", "the
    merger never happened"; cue list ``occur_verb``). Other negated verbs say nothing of whether the event
    happens ("the acquisition did not include the Asian unit", "will not be blocked")."""
    verb = _subject_of(tok)
    if verb is None or not _says_no(verb, negation):
        return False
    lemma = verb.lemma_.lower()
    said = {lemma} | {f"{lemma} {c.lemma_.lower()}" for c in verb.children
                      if c.dep_.split(":")[0] in ("dobj", "obj", "prt", "compound", "advmod", "prep")}
    return bool(said & lexicon.cues("occur_verb", tok.lang_))


def _verb_of_subject(tok: Token) -> set[str]:
    """The verb a noun trigger is the subject of, with its particle: "the takeover was [called off]",
    "le rachat a été abandonné". Only for cancelling and blocking: what the deal will do ("the takeover
    will create the largest grocer") says nothing of whether it happens."""
    verb = _subject_of(tok)
    if verb is None:
        return set()
    if _says_no(verb, lexicon.cues("negation", tok.lang_)):
        return set()  # "the acquisition will not be blocked": the deal goes on
    prt = [c.lower_ for c in verb.children if c.dep_ in ("prt", "compound:prt")]
    return _words([verb]) | {f"{w} {p}" for w in _words([verb]) for p in prt}


def status(tok: Token, lang: str, *, date: str | None, base: dt.date | None) -> str:
    """``cancelled``, ``proposed``, ``planned`` or ``done`` for a mention that is neither negated nor
    hypothetical."""
    toks = chain(tok)
    # the trigger's own word is no cue about itself: "ont signé un accord" is done, though "accord pour
    # racheter" announces a plan
    words = (_words(toks[1:]) | {w for t in toks for w in _words(_modifiers(t))}) - _words([tok])
    sent = tok.sent
    before = [t for t in tok.doc[max(sent.start, tok.i - 6): tok.i]]
    near = _words(before)
    # doc_text: Doc.text is rebuilt from every token on each access (quadratic over a long article's events)
    text = doc_text(tok.doc)[before[0].idx if before else tok.idx: tok.idx].lower()
    if (words | _verb_of_subject(tok)) & lexicon.cues("cancelled", lang):
        return "cancelled"
    if words & lexicon.cues("proposed", lang) or tok.lower_ in ("bid", "offer", "offre"):
        return "proposed"
    planned = lexicon.cues("planned", lang)
    if words & planned or near & planned or any(" " in p and p in text for p in planned):
        return "planned"
    verb = _subject_of(tok)
    if verb is not None and _words([verb] + _modifiers(verb)) & planned:
        return "planned"  # "l'arrivée de X devait se faire le 19", "the deal is expected to close in May"
    if any("Fut" in t.morph.get("Tense") for t in toks[:2]):
        return "planned"
    if date and base and len(date) == 10 and date > base.isoformat():
        return "planned"
    if date and base and len(date) == 4 and int(date) > base.year:
        return "planned"
    # the parser may hang a headline's verb on its subject name ("DaimlerChrysler to sell Chrysler Group")
    headline = tok.dep_ == "ROOT" or (tok.dep_ in ("relcl", "acl") and tok.head.dep_ == "ROOT"
                                      and tok.head.pos_ == "PROPN" and tok.head.i < tok.i)
    if headline and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "planned"  # a headline's "Ford to cut 1,400 jobs", "Orbis to buy Lumen": news of a plan
    return "done"
