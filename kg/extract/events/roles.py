"""Reading an event's roles from the dependency parse, as its frame says.

One reader serves both models: the English model's ClearNLP labels (``nsubj``, ``dobj``, ``prep`` +
``pobj``, ``agent`` for the passive by-phrase) and the French model's Universal Dependencies labels
(``nsubj``, ``obj``, ``obl``/``nmod`` + ``case``, ``obl:agent``). A verb's subject is found through
control and raising ("X agreed to buy Y", "X a décidé de racheter Y"), coordination ("X bought Y and
closed Z") and relative clauses ("X, which bought Y"); a noun's agent through its possessor ("X's
acquisition of Y"), a by-phrase ("the takeover of P by C") or the verb it is the object of ("X
completed the purchase of Y"). A participle on a noun ("Y, bought by X last year") makes the noun the
object.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from kg import lexicon

SUBJ = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
PASSIVE_SUBJ = frozenset({"nsubjpass", "nsubj:pass"})
PASSIVE_MARK = frozenset({"auxpass", "aux:pass"})
OBJ = frozenset({"dobj", "obj"})
CLIMB = frozenset({"xcomp", "conj", "advcl", "ccomp"})
RELATIVE = frozenset({"which", "that", "who", "qui", "que", "lequel", "laquelle"})
#: contracted French prepositions, read as the preposition they contain
PREP_FORMS = {"du": "de", "des": "de", "d'": "de", "d": "de", "d’": "de", "au": "à", "aux": "à"}
#: nouns that stand for what an organisation owns ("its chip unit", "a stake in X"): look through them
THROUGH = frozenset({"compound", "appos", "flat", "flat:name"})


class Slots(NamedTuple):
    """Tokens in each syntactic slot of a trigger (heads of phrases, not yet mentions)."""

    subjects: tuple[Token, ...]
    objects: tuple[Token, ...]
    preps: tuple[tuple[str, Token], ...]
    possessors: tuple[Token, ...]
    passive: bool


def conjoined(toks: list[Token]) -> list[Token]:
    """``toks`` each followed by the heads coordinated with it ("X and Y")."""
    out = []
    for t in toks:
        out.append(t)
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ | PASSIVE_MARK for c in tok.children) or (
        tok.dep_ in ("acl",) and tok.tag_ == "VBN")


def prep_objects(tok: Token) -> list[tuple[str, Token]]:
    """(preposition, object head) of every prepositional complement of ``tok``."""
    out = []
    for c in tok.children:
        dep = c.dep_.split(":")[0]
        if c.dep_ == "agent":  # English passive: "acquired by X"
            out.extend(("by", g) for g in c.children if g.dep_ == "pobj")
        elif dep in ("prep", "dative"):
            # "divesting itself of X by selling it to Y": a gerund after "by" is the means, not the doer
            out.extend((c.lower_, g) for g in c.children if g.dep_ == "pobj" or (
                g.dep_ == "pcomp" and not (c.lower_ == "by" and g.tag_ == "VBG")))
            # "acquisition of messaging service WhatsApp": a noun read as a gerund, its "object" is the thing
            out.extend((c.lower_, d) for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG" and c.lower_ == "of"
                       for d in g.children if d.dep_ == "dobj")
        elif dep in ("obl", "nmod"):
            case = next((g for g in c.children if g.dep_ == "case"), None)
            if case is not None:
                word = case.lower_.replace("’", "'")
                out.append((PREP_FORMS.get(word, word), c))
            elif c.pos_ == "ADV":  # "un contrat auprès de la SNCF": the small French model heads it with "auprès"
                out.extend((c.lower_, g) for g in c.children if g.dep_.split(":")[0] in ("obl", "nmod") and any(
                    k.dep_ == "case" and PREP_FORMS.get(k.lower_, k.lower_) == "de" for k in g.children))
    return out


def subjects_of(tok: Token) -> list[Token]:
    """The subjects of a verb, through control and raising, coordination and relative clauses."""
    return _subjects(tok)


def _subjects(tok: Token, depth: int = 0) -> list[Token]:
    found = [c for c in tok.children if c.dep_ in SUBJ]
    if found:
        subj = found[0]
        if subj.lower_ in RELATIVE and tok.dep_ in ("relcl", "acl:relcl"):
            before = tok.doc[subj.i - 2] if subj.i >= 2 and tok.doc[subj.i - 1].text == "," else None
            if subj.lower_ == "which" and before is not None and before.pos_ == "PROPN":
                return [before]  # "members at GM, which is seeking to cut jobs": the name before the comma
            if subj.lower_ == "who" and tok.head.dep_ == "pobj" and tok.head.head.dep_ == "prep":
                return [tok.head.head.head]  # "a consultant at X who worked with Y": the person, not X
            return [tok.head]
        return conjoined(found)
    if depth and tok.pos_ in ("NOUN", "PROPN"):  # "its plan to buy Y", "X's bid to acquire Y"
        owners = [c for c in tok.children if c.dep_ in ("poss", "nmod:poss")]
        if owners:
            return owners
    # up through control and raising ("agreed to buy"), coordination, and the noun a clause completes
    # ("is in talks to buy": buy -> talks -> in -> is)
    climbs = CLIMB | ({"acl", "pobj", "prep"} if tok.dep_ != "acl" or tok.tag_ != "VBN" else set())
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in lexicon.cues("gerund_prep", tok.lang_):
        climbs = climbs | {"pcomp"}  # "AbbVie aims to grow by rolling out new drugs": AbbVie rolls them out
    if depth < 4 and tok.dep_ in climbs and tok.head is not tok:
        return _subjects(tok.head, depth + 1)
    if depth and tok.dep_ == "amod" and tok.pos_ in ("VERB", "AUX") and tok.head.dep_ == "ROOT" and tok.head.i < tok.i:
        return [tok.head]  # "Auchan va supprimer 2 400 postes": the small French model hangs "va" on its subject
    return []


def slots(tok: Token) -> Slots:
    """The syntactic slots of a trigger token.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbis agreed to buy Lumen Data.")
    >>> s = slots(doc[3])
    >>> [t.text for t in s.subjects], [t.text for t in s.objects], s.passive
    (['Orbis'], ['Data'], False)
    """
    passive = is_passive(tok)
    subjects = _subjects(tok)
    # "named Jane Porter chief financial officer": the small model makes the title the object (oprd)
    objects = conjoined([c for c in tok.children if c.dep_ in OBJ | {"oprd"}])
    if tok.dep_ == "acl" and passive:  # "Lumen, bought by Orbis": the noun is the object
        subjects = [tok.head]
    elif tok.dep_ in ("acl", "amod") and not subjects and (tok.pos_ == "VERB" or _verb_read_as_adjective(tok)):
        subjects = [tok.head]  # "Renault, partnering with Valeo"; a verb the small model hung on a name
        if tok.lang_ == "fr" and tok.dep_ == "amod" and not objects:
            # "Microsoft rachète LinkedIn": the name after the verb is hung on its subject too
            objects += [c for c in tok.head.children if c.i > tok.i and c.left_edge.i <= tok.i + 3
                        and c.dep_.split(":")[0] in ("nmod", "amod", "appos") and not any(
                            g.dep_ == "case" for g in c.children)][:1]
    elif tok.pos_ in ("VERB", "AUX"):  # after the objects: "racheté le quotidien The Independent"
        objects += [t for t in _bare_objects(tok) if t not in objects]
    possessors = [c for c in tok.children if c.dep_ in ("poss", "nmod:poss")]
    preps = prep_objects(tok)
    if tok.pos_ in ("NOUN", "PROPN") and not any(p in ("by", "par") for p, _ in preps):
        preps += _stray_by_phrase(tok)
        # "the takeover of Albertsons by Kroger": the parser hangs the by-phrase on what is taken over
        preps += [(q, g) for p, t in preps if p in ("of", "de") for q, g in prep_objects(t) if q in ("by", "par")]
    if tok.pos_ in ("NOUN", "PROPN"):  # "an order for 175 jets from FlyDubai": who orders hangs on the goods
        preps += [("from", g) for p, t in preps if p == "for" for q, g in prep_objects(t) if q == "from"]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in OBJ:  # "signed a deal with Y", "won an order from Y"
        won = winning(tok.head)
        preps += [(p, g) for p, g in prep_objects(tok.head) if (p == "with" or won and p == "from") and (p, g) not in preps]
    return Slots(tuple(subjects), tuple(objects), tuple(preps), tuple(possessors), passive)


def _verb_read_as_adjective(tok: Token) -> bool:
    """A French finite verb the small model tags as an adjective of the name before it, as in a headline
    ("Microsoft rachète LinkedIn", "Disney rachète la 21st Century Fox")."""
    return tok.lang_ == "fr" and tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.i < tok.i \
        and tok.morph.get("VerbForm") != ["Part"] and tok.head.pos_ in ("PROPN", "NOUN")


def _bare_objects(tok: Token) -> list[Token]:
    """A noun right after a verb, hung on it as an oblique without a preposition: the small French model's
    misparse of an object ("qui avait racheté les Éditions du Seuil": obl:mod)."""
    return [c for c in tok.children if c.dep_.split(":")[0] == "obl" and c.i > tok.i and c.pos_ in ("NOUN", "PROPN", "X")
            and not any(g.dep_ == "case" for g in c.children) and c.left_edge.i <= tok.i + 3]


def _stray_by_phrase(tok: Token) -> list[tuple[str, Token]]:
    """A by-phrase the parser hung on the verb above a noun trigger though it follows the noun's phrase
    at once ("annonce son rachat par X", "l'acquisition de la marque Y par Z"): the noun's agent. A
    by-phrase after other words belongs to the verb ("le rachat a été approuvé par la Commission")."""
    end = tok.right_edge.i
    out = []
    for c in tok.head.children:
        case = next((g for g in c.children if g.dep_ == "case"), None)
        if c.dep_ == "agent":  # English: "the purchase ... by X" hung on a passive verb is the verb's own
            continue
        if case is not None and case.lower_ in ("par", "by") and case.i == end + 1 and c.i > tok.i:
            out.append((case.lower_, c))
    return out


def name_compounds(tok: Token) -> list[Token]:
    """Names set before an English noun trigger as its compound ("the WhatsApp takeover", "AT&T acquisition
    of Time Warner"): the heads of the name phrases, not common nouns ("the infrastructure investment")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return []
    return [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.pos_ == "PROPN"]


def winning(verb: Token) -> bool:
    """A verb of cue list ``winning_verb``: what a party does to a deal it wins ("won", "landed", "secured")."""
    return verb.lemma_.lower() in lexicon.cues("winning_verb", verb.lang_)


def light_verb(tok: Token) -> Token | None:
    """The verb a noun trigger completes ("completed" in "X completed the purchase of Y"), if any."""
    t = tok
    for _ in range(4):
        if t.dep_.split(":")[0] not in OBJ | {"pobj", "prep", "obl", "nmod"} or t.head is t:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def light_verb_subjects(tok: Token) -> list[Token]:
    """Subjects of the verb a noun trigger completes ("X completed the purchase of Y", "X moved ahead with
    its purchase of Y", "X answered Z's tablet with the launch of a phone": not Z, whose tablet it is)."""
    verb = light_verb(tok)
    return _subjects(verb) if verb is not None else []


def unit_owners(tok: Token) -> list[Token]:
    """The owner named on a unit noun: "X's Canadian unit", "la filiale canadienne de X" (cue list unit_noun)."""
    if tok.lemma_.lower() not in lexicon.cues("unit_noun", tok.lang_):
        return []
    return [c for c in tok.children if c.dep_ in ("poss", "nmod:poss") or (c.dep_ == "nmod" and any(
        g.dep_ == "case" and g.lower_ in ("de", "du", "d'", "d’") for g in c.children))]
