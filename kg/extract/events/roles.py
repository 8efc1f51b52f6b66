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

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.events.frames import Frame

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


def _conj(toks: list[Token]) -> list[Token]:
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
        return _conj(found)
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
    objects = _conj([c for c in tok.children if c.dep_ in OBJ | {"oprd"}])
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
        won = tok.head.lemma_.lower() in lexicon.cues("winning_verb", tok.lang_)
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
            put(role, _conj([t]))
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
        verb_subjects = _subjects(verb) if verb is not None else []
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


def unit_owners(tok: Token) -> list[Token]:
    """The owner named on a unit noun: "X's Canadian unit", "la filiale canadienne de X" (cue list unit_noun)."""
    if tok.lemma_.lower() not in lexicon.cues("unit_noun", tok.lang_):
        return []
    return [c for c in tok.children if c.dep_ in ("poss", "nmod:poss") or (c.dep_ == "nmod" and any(
        g.dep_ == "case" and g.lower_ in ("de", "du", "d'", "d’") for g in c.children))]
