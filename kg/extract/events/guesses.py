"""When a role may be guessed from the names near a trigger, and when the clause already says who it is.

The frames read roles from the parse; where the parse gives none, some frames guess the nearest
organisation or person (:mod:`~kg.extract.events.detect`). A guess is wrong when the clause does name
the doer, only not as a mention the guess could take: a name the small model missed ("La Martinière
Groupe, qui avait racheté ..."), a person who buys, a thing in the mover's slot ("promoting jobs").
"""
from __future__ import annotations

from spacy.tokens import Token

from kg import lexicon
from kg.extract.events.context import ORG, PERSON
from kg.extract.events.roles import RELATIVE, is_passive, light_verb_subjects, slots, unit_owners


def unseen_subject(tok: Token, sent_ms) -> bool:
    """The verb's subject is a name no organisation mention covers ("La Martinière Groupe, qui avait
    racheté Y" where the model missed the name, or a person it did see): the buyer is that subject,
    never the organisation named before it."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    # "its chief executive, who worked with Y", "the CEO worked with Y": a person does it (English "who" is
    # said of people, whatever noun the parser hangs it on; cue list title)
    if any(c.dep_ == "nsubj" and c.lower_ == "who" for c in tok.children) or any(
            s.lower_ in lexicon.cues("title", tok.lang_) for s in slots(tok).subjects):
        return True
    for subj in slots(tok).subjects:
        covering = [m for _, m in sent_ms if m.start <= subj.idx < m.end]
        if covering and all(m.type not in ORG for m in covering):
            return True
        if not covering and (subj.pos_ == "PROPN" or (subj.text[:1].isupper() and not subj.is_sent_start)):
            return True
    return False


def unnamed_doer(tok: Token, sent_ms) -> bool:
    """The subject of the verb a noun trigger completes holds a name no mention covers ("Le projet GNU
    annonce la sortie de ..."): the doer is that name, so no other organisation is guessed for it. (A
    verb's own subject may be what opens or is launched, or a storm that closed the parks: only an active
    subject that is a name no mention covers stops the guess.)"""
    doers = light_verb_subjects(tok) if tok.pos_ in ("NOUN", "PROPN") else [c for c in tok.children if c.dep_ == "nsubj"]
    if any(unit_owners(d) for d in doers):  # "Kinder Morgan's Canadian unit expects to close an IPO": the unit
        return True
    if tok.pos_ in ("VERB", "AUX"):  # "Facebook's Instagram introduced Reels": the unrecognised name launched
        # (with no object, the subject is what is launched: "The Xbox Nova X will launch on November 7")
        return any(c.dep_ in ("dobj", "obj") for c in tok.children) and any(
            c.dep_ == "nsubj" and not is_passive(tok) and c.pos_ == "PROPN"
            and not any(m.start <= c.idx < m.end for _, m in sent_ms) for c in tok.children)
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(u.pos_ == "PROPN" and not any(m.start <= u.idx < m.end for _, m in sent_ms)
               for subj in light_verb_subjects(tok) for u in subj.subtree)


def refers_back(tok: Token, lang: str) -> bool:
    """A noun trigger after a demonstrative ("This release leaves only one PowerPC computer", "cette opération")
    refers to an event the article has told: its doer is that event's, which the event anaphora reads
    (:mod:`kg.resolve.event_anaphora`), not a name guessed near it."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in lexicon.cues("demonstrative", lang)
                                      for c in tok.children)


def no_person_in_slot(tok: Token, frame, sent_ms) -> bool:
    """The verb's slot for the person who moves holds something else ("promoting U.S. manufacturing
    jobs", "appointing their expert", "Forbes' list"): no person is guessed from proximity then. An
    empty slot or a pronoun ("he will step down") still allows the guess."""
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "la", "le", "l'", "l’", "cette", "ce")
                                  for c in tok.children) and not any(
            c.dep_ in ("poss", "nmod:poss", "nmod") or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children):
        return True  # "Analyst X predicts that the resignation will ...": a move told before, not X's
    if tok.dep_ == "amod" and tok.head.pos_ == "NOUN" and tok.head.morph.get("Number") == ["Plur"]:
        return True  # "Raj Rao, Paul Ballew and two newly appointed executives: X and Y": not a name before it
    # "X, chief executive of Y, who joined ...": where the parser hangs "who" is unreliable (a "that" which
    # opens a clause is no relative: "shocked that the Air Force tapped a European company")
    if tok.pos_ not in ("VERB", "AUX") or any(c.lower_ in RELATIVE and c.pos_ == "PRON" for c in tok.children):
        return False
    s = slots(tok)
    subj_role, obj_role = (frame.obj, frame.subj) if s.passive else (frame.subj, frame.obj)
    toks = (s.subjects if subj_role == "agent" else ()) + (s.objects if obj_role == "agent" else ())
    for t in toks:
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        if not any(m.start <= u.idx < m.end and m.type in PERSON for u in _own_words(t) for _, m in sent_ms):
            return True
    return False


def _own_words(tok: Token) -> list[Token]:
    """The words of a noun's phrase without its relative clauses: in "the head of strategy, who joined Ford
    under CEO Mark Fields," the people named in the clause are not the head."""
    skip = {t.i for c in tok.children if c.dep_ in ("relcl", "acl:relcl") for t in c.subtree}
    return [t for t in tok.subtree if t.i not in skip]


def someone_else_reveals(tok: Token, sent_ms, lang: str) -> bool:
    """A launch verb whose subject is a common noun that names no company and nothing launched ("Les
    procès ... dévoilent leurs pratiques"): the verb is about that noun, no nearby organisation launches."""
    found = slots(tok) if tok.pos_ in ("VERB", "AUX") else None
    if found is None or found.passive:  # "a facelifted model is expected to be launched": what is launched
        return False
    launched = lexicon.cues("product_noun", lang) | lexicon.cues("company_noun", lang)
    for subj in found.subjects:
        if subj.pos_ == "NOUN" and subj.lemma_.lower() not in launched and subj.lower_ not in launched and not any(
                m.start <= u.idx < m.end for u in subj.subtree for _, m in sent_ms):
            return True
    return False


def outside_what_is_acted_on(tok: Token, sent_ms, *, launch: bool = False) -> list:
    """The sentence's mentions a doer may be guessed from: none inside what the verb acts on ("the first
    Macintosh computer was released", "Mac OS X Snow Leopard, which was released in 2009", "the Holden
    Commodore, which will be released") unless it is known as a company, nor a relative pronoun that
    stands for it."""
    if tok.pos_ == "NOUN" and launch:
        # "the Zephyr CPU launch", "the launch of a chip series under the Zephyr brand": the names that
        # modify a launch noun or sit in its "of" phrase are what is launched, unless known as a company
        # ("the Apple launch event"); a listing's are who lists ("the KMI Canada IPO")
        acted = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in _acted_on_noun(tok)]
        return [(i, m) for i, m in sent_ms if m.type == "Company" or not any(a <= m.start < b for a, b in acted)]
    if tok.pos_ not in ("VERB", "AUX"):
        return list(sent_ms)
    heads = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
    acted = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in heads]
    if tok.dep_ in ("relcl", "acl:relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        acted.append((tok.head.left_edge.idx, tok.head.idx + len(tok.head)))
        heads.append(tok.head)
    # a name known as a company before the product noun is its maker ("the Ford Taurus was introduced"), but
    # not the name of what is acted on itself ("Taurus", which the model may type as a company too)
    return [(i, m) for i, m in sent_ms if m.text.lower() not in RELATIVE
            and (m.type == "Company" and not any(m.start <= h.idx < m.end for h in heads)
                 or not any(a <= m.start < b for a, b in acted))]


def _acted_on_noun(tok: Token) -> list[Token]:
    """What a noun trigger acts on: its name modifiers before it and its "of"/"de" complement."""
    before = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i]
    of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    de = [c for c in tok.children if c.dep_ == "nmod" and c.i > tok.i
          and any(g.dep_ == "case" and g.lower_ in ("de", "du", "des", "d'", "d’") for g in c.children)]
    return before + of + de


def qualifies_a_title(doc, m, lang: str) -> bool:
    """The organisation only says whose officer someone is ("le président de l'Union française des
    industries pétrolières (Ufip), Jean Morel, ..."): quoted about a sector, it is no doer of what the
    next sentences report; and it is the firm a dismissed officer leaves ("Le PDG de Danone, X, a été
    évincé")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    titles = lexicon.cues("title", lang)
    tok = span.root
    for _ in range(4):  # org -> (appos) -> of/de -> title word
        if tok.dep_.split(":")[0] not in ("pobj", "prep", "appos", "nmod", "compound", "flat", "obl", "case") \
                or tok.head is tok:
            return False
        tok = tok.head
        if tok.lower_ in titles or tok.lemma_.lower() in titles:
            return True
    return False
