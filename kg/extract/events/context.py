"""What the words around a trigger must say for its frame's sense (the ``requires`` column of
``data/frames/events.tsv``), and small tests of the clause a trigger sits in.

A store noun near "open", an amount after "raise", an organisation after "buy"; goods sold by the
number ("sold 193,040 units") are no divestiture; two coordinated parties can reach a deal together.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.events import modality, senses
from kg.extract.events.amounts import amount
from kg.extract.events.deals import engaged, won
from kg.extract.events.layoffs import is_layoff
from kg.extract.events.roles import (is_passive, light_verb, light_verb_subjects, name_compounds, prep_objects,
                                    slots, subjects_of)
from kg.nlp.cues import doc_text
from kg.types import ORG_TYPES, Mention

#: entity types that fill organisation and person roles (shared with :mod:`~kg.extract.events.detect`)
ORG, PERSON = ORG_TYPES, ("Person",)
#: places a company enters as a market (a building is no market)
MARKETS = ("Place", "Country", "City", "Region")


def requires(kind: str, doc: Doc, tok: Token, sent_ms: list[tuple[int, Mention]], lang: str) -> bool:
    sent = tok.sent
    if kind == "store":
        stores = lexicon.cues("store_noun", lang)
        return any(t.lower_ in stores or t.lemma_.lower() in stores
                   for t in doc[max(sent.start, tok.i - 8): min(sent.end, tok.i + 9)])
    if kind == "unit":  # "cède sa division", "sold its stake": not "vendre des voitures"
        units = lexicon.cues("unit_noun", lang)
        unit_after = any(t.lower_ in units for t in doc[tok.i + 1: min(sent.end, tok.i + 7)])
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("acl", "relcl", "acl:relcl") and not unit_after and not any(
                c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass") for c in tok.children):
            return False  # "we build where we sell", "continuing to sell and to support its products"
        if tok.dep_ == "acl" and counted(tok.head):
            return False  # "141,951 units sold by GM": a sales figure
        direct = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN"]
        # "sold 80.1% of its stake in Chrysler", "part of its unit": what the share is of is what is sold
        objects = [next((g for p, g in prep_objects(c) if p in ("of", "de")), c) for c in direct]
        if tok.dep_ in ("relcl", "acl:relcl") and not objects and tok.head.pos_ == "NOUN":
            objects = [tok.head]  # "every vehicle it sells": what the relative clause is on is what is sold
        goods = [c for c in objects if c.lemma_.lower() not in units and c.lower_ not in units]
        # a name in the phrase ("sold its unit Brightline"); not its owner ("sell its packaged brioche", "every
        # vehicle it sells") nor where the goods go ("rolls in 12 California stores")
        inside = [t for t in _own_phrase(goods[0]) if t.dep_ not in ("poss", "nmod:poss")] if goods else []
        if goods == objects and goods and not any(m.start <= t.idx < m.end for t in inside for _, m in sent_ms):
            return False  # "vend 260 000 exemplaires par jour", "sells its own version": goods, not a unit
        # the parser reads "over" in "selling over 7.5 million units" as a preposition
        approx = [g for p, g in prep_objects(tok) if p in ("over", "nearly", "about", "around", "almost")]
        if any(counted(c) for c in direct + objects + approx):
            return False  # "sold 193,040 units", "sold 1,566 Chevrolet Bolt EVs": a sales figure
        return unit_after or any(m.type in ORG and 0 < m.start - tok.idx < 40 for _, m in sent_ms)
    if kind == "product":
        return any(m.type == "Product" for _, m in sent_ms)
    if kind == "money":  # "raised $40 million", not "raised its forecast to $7.43" (cue list not_raised)
        raised = lexicon.cues("not_raised", lang)
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")] if tok.pos_ in ("VERB", "AUX") else []
        # "secures $11bn of aircraft deals", "obtient 2 milliards de commandes": orders won, no money raised
        objects += [g for c in objects for p, g in prep_objects(c) if p in ("of", "de")]
        if any(c.lemma_.lower() in raised or c.lower_ in raised for c in objects):
            return False
        # what is raised is funding, though no amount is given: "is raising a new round of financing",
        # "lève des fonds" (cue list funding_noun)
        funds = lexicon.cues("funding_noun", lang)
        return amount(doc_text(doc)[tok.idx: sent.end_char]) is not None or any(
            c.lemma_.lower() in funds or c.lower_ in funds for c in objects)
    if kind == "org":  # the other party after the trigger, or two parties that reach the deal together
        # ("the WhatsApp takeover": the party named on the noun)
        named_on = [t for c in name_compounds(tok) for t in c.subtree]
        return any(m.type in ORG and (m.start > tok.idx or any(m.start <= t.idx < m.end for t in named_on))
                   for _, m in sent_ms) or joint_parties(tok) or won(tok, "Partnership", lang)
    if kind == "market":  # "entered the Indian market", "expansion en Europe": not "loan book expansion"
        after = " ".join(t.lower_ for t in doc[tok.i + 1: tok.i + 3])
        if after in lexicon.cues("listing_phrase", lang):  # "entrer en Bourse" is a listing (IPO frames)
            return False
        markets = lexicon.cues("market_noun", lang)
        return any(t.lower_ in markets or t.lemma_.lower() in markets
                   for t in doc[max(sent.start, tok.i - 3): min(sent.end, tok.i + 12)]) or any(
            m.type in MARKETS and 0 <= m.start - tok.idx <= 60 for _, m in sent_ms)
    if kind == "replaced":  # "X replaces Y as CEO", "X succède à Y": Y is a person, not "old docks"
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")
                   or (c.dep_.split(":")[0] == "obl" and any(g.lower_ == "à" for g in c.children))]
        return any(m.type in PERSON and m.start <= t.idx < m.end for c in objects for t in c.subtree
                   for _, m in sent_ms)
    if kind == "person":
        return any(m.type in PERSON for _, m in sent_ms)
    if kind == "post":  # "took over as chief marketing officer", "became CEO": not "took over Nest", "became a rival"
        return any(m.type in PERSON for _, m in sent_ms) and any(
            t.lower_ in lexicon.cues("title", lang) for p in posts(tok) for t in p.subtree)
    if kind == "person_object":  # "ousted its co-CEO Marty Jones", "X was fired": not "fired missiles"
        # the object and names set beside it ("its co-CEO Marty Jones"), not a phrase on it ("the claims of X")
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
        # a name compounded on a title is the person ("fired CEO Jane Roe" parsed on "CEO"), on another noun it
        # only qualifies it ("bring in more Dreamliner orders")
        named = objects + [g for c in objects for g in c.children if g.dep_ in ("appos", "flat", "flat:name", "nmod")
                           or (g.dep_ == "compound" and c.lemma_.lower() in lexicon.cues("title", lang))]
        return any(m.type in PERSON and m.start <= t.idx < m.end for t in named for _, m in sent_ms)
    if kind == "named_product":  # "announced the Pixel 2": not "announced results", "an order for 40 787s"
        verbs = [tok] + [c for c in tok.children if c.dep_ == "xcomp"]  # "began selling the Model Q"
        heads = [c for v in verbs for c in v.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
        heads += [tok.head for c in heads if tok.dep_ == "relcl" and c.tag_ in ("WDT", "WP")]  # "X which was announced"
        things = heads + [g for c in heads for g in c.children if g.dep_ in ("compound", "appos", "flat:name")]
        return any(m.type == "Product" and m.start <= c.idx < m.end for c in things for _, m in sent_ms)
    if kind == "debt":  # "is issuing $3 billion in corporate debt", "émet des obligations": not "issued a statement"
        debts = lexicon.cues("debt_noun", lang)
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
        # what the amount is of: "$3B in bonds", "1 milliard d'euros d'obligations"
        held = objects + [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                          for g in p.children if g.dep_ == "pobj"]
        held += [c for o in objects for c in o.children if c.dep_.split(":")[0] in ("nmod", "compound")]
        return any(t.lemma_.lower() in debts or t.lower_ in debts for t in held)
    if kind == "jobs":  # "cut 1,400 jobs", "supprimer 300 postes": not "cut costs"
        return is_layoff(tok, lang)
    if kind == "engaged":  # "hired Y to build a lander": a contract (kg.extract.events.deals)
        return engaged(tok, sent_ms, lang, ORG)
    if kind == "sold_to":  # "sold its unit to Y", "la cession de X à Z": the buyer is named
        # the buyer is the phrase's head or a name after it ("to the firm Keller Capital"), not a name
        # qualifying a common noun ("sold to Airbus partners")
        return requires("unit", doc, tok, sent_ms, lang) and any(
            m.type in ORG and m.start <= g.idx < m.end and m.end > o.idx for p, o in prep_objects(tok)
            if p in ("to", "à") for g in o.subtree for _, m in sent_ms)
    return any(m.type in ORG + PERSON for _, m in sent_ms)


def traded_goods(tok: Token, sent_ms: list[tuple[int, Mention]], lang: str) -> bool:
    """What a buying or selling trigger deals in is goods, so no company changes hands: "the final product
    is sold by X", "when they buy a Nest product", "strong sales of its SUV", "sold 193,040 units". A thing
    is no goods when it is a unit, company, site or shop noun ("its chip unit", "la société Opower", "its
    plant") or an organisation named by it or after it ("Opel", "the daily The Independent"); a name before
    a common noun only qualifies it ("a Nest product", "Fox shares")."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == "out" for c in tok.children) and not any(
            m.type in ORG and m.start <= t.idx < m.end for c in objects for t in c.subtree for _, m in sent_ms):
        return True  # "sold out of our allocations"; "bought out Receptos" buys a company
    if tok.pos_ in ("VERB", "AUX"):
        things = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
    else:
        things = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj"] + [c for c in tok.children if c.dep_.split(":")[0] == "nmod" and any(
                      g.dep_ == "case" and g.lower_.replace("’", "'") in ("de", "du", "des", "d'") for g in c.children)]
    if not things:
        return False
    kept = set().union(*(lexicon.cues(k, lang) for k in ("unit_noun", "company_noun", "site_noun", "store_noun")))
    orgs = [m for _, m in sent_ms if m.type in ORG]

    def goods(t: Token) -> bool:
        # "most of the NBA rights costs": what "most" is of
        t = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj" and t.pos_ in ("ADJ", "NUM", "PRON", "DET")), t)
        if counted(t):
            return True
        # "de diverses filiales", "its stake in the unit"; not a phrase on where the goods come from or go
        # ("losses from Sony ... earned by Regal Entertainment Group")
        if any(u.lemma_.lower() in kept or u.lower_ in kept for u in _own_words(t)):
            return False
        # the noun itself or a name set after it ("the daily The Independent"); not a phrase on it
        # ("losses from Sony": the losses are what is absorbed)
        named_by = [t] + [u for c in t.children if c.i > t.i and c.dep_ != "prep" and not any(
            g.dep_ == "case" for g in c.children) for u in c.subtree]
        return not any(m.start <= u.idx < m.end for u in named_by for m in orgs)

    return all(goods(t) for t in things)


def _own_words(noun: Token) -> list[Token]:
    """The noun's phrase without its prepositional phrases other than "of"/"in"/"de" ones."""
    skipped = [c for c in noun.children if c.dep_ == "prep" and c.lower_ not in ("of", "in", "into")]
    return [u for u in noun.subtree if not any(c.left_edge.i <= u.i <= c.right_edge.i for c in skipped)]


def no_one_moves(tok: Token, etype: str, lang: str) -> bool:
    """The words around a people-or-market move say nobody moves: "un très bon départ" (a start), "des
    trains qui partent" (vehicles leave), "depuis mon arrivée en Europe" (the speaker arrived, no firm)."""
    if etype == "Departure":
        starts = lexicon.cues("start_adjective", lang)
        if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and (c.lemma_.lower() in starts or c.lower_ in starts)
                                      for c in tok.children):
            return True
        vehicles = lexicon.cues("vehicle_noun", lang)
        if tok.pos_ in ("VERB", "AUX") and any(t.lemma_.lower() in vehicles or t.lower_ in vehicles
                                               for t in subjects_of(tok)):
            return True
    if etype == "MarketEntry":
        # "l'arrivée de Jean-Marc Morandini sur I-Télé", "the arrival of John Smith": a person arrives, no firm
        person = tok.pos_ == "NOUN" and any(
            g.ent_type_ in ("PERSON", "PER") for c in tok.children
            if c.dep_.split(":")[0] == "nmod" or (c.dep_ == "prep" and c.lower_ == "of") for g in c.subtree)
        return person or any(c.lower_ in ("mon", "ma", "my") for c in tok.children
                             if c.dep_ in ("det", "poss", "nmod:poss"))
    return etype in ("Appointment", "Departure") and tok.pos_ in ("VERB", "AUX") and _no_post(tok, etype, lang)


#: verbs of joining or leaving: their object is the post or the organisation, and a passive is no move
MOVE_VERBS = frozenset({"leave", "quit", "quitter", "join", "rejoin", "rejoindre"})


def _no_post(tok: Token, etype: str, lang: str) -> bool:
    """The verb of a people move says no one takes or leaves a post: "a task manager named Mission
    Control" (a name given to a thing), "a notebook computer replacing the PowerBook" (a thing replaces
    a thing), "Steve leaves behind a company", "he left Tim Cook in charge" (a person left somewhere)."""
    people = lexicon.cues("title", lang) | lexicon.cues("job_noun", lang) | lexicon.cues("kin_noun", lang)
    head = tok.head
    if tok.dep_ in ("acl", "amod") and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("PERSON", "PER") \
            and head.lemma_.lower() not in people and head.lower_ not in people:
        return True
    if tok.dep_ in ("acl", "amod") and tok.lemma_.lower() in ("name", "nommer") and any(
            c.dep_ in ("oprd", "xcomp", "obj", "dobj") and c.pos_ == "PROPN" and c.lower_ not in people
            for c in tok.children):
        return True  # "a manager named Mission Control", "une application nommée Kiwi": called, not appointed
    if etype == "Departure" and any(c.lower_ in ("behind", "derrière") and c.dep_ in ("prt", "prep", "advmod")
                                    for c in tok.children):
        return True
    lemma, objects = tok.lemma_.lower(), [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    passive = is_passive(tok)
    if lemma in MOVE_VERBS and passive:
        return True  # "X was left for dead", "the host is joined by two analysts": no one joins or leaves a post
    if lemma == "elect" and not objects and not passive and any(
            c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children):
        return True  # "has elected to leave": one chooses, no one is elected
    if lemma not in MOVE_VERBS:
        return False
    # "X replaces Y": Y leaves; but one who leaves a person leaves no post
    if any(c.ent_type_ in ("PERSON", "PER") for c in objects):
        return True
    # "Jobs left this farewell", "left the meeting", "joined Forbes' list": a thing or a place, not a post
    seats = people.union(*(lexicon.cues(k, lang) for k in ("company_noun", "unit_noun", "seat_noun", "org_part")))
    return any(c.pos_ == "NOUN" and not c.ent_type_ and c.lemma_.lower() not in seats and c.lower_ not in seats
               for c in objects)


def invested_in_firms(tok: Token, lang: str) -> bool:
    """What is invested in is companies or sites though none is named ("investments in 13 companies",
    "invest in its data center clusters")."""
    nouns = set().union(*(lexicon.cues(k, lang) for k in ("company_noun", "site_noun", "unit_noun")))
    # "made investments in 13 companies": the phrase may hang on the light verb
    holders = [tok] + ([tok.head] if tok.dep_ in ("dobj", "obj") else [])
    # what a gerund governs is where an activity goes, not what is invested in ("invested heavily in returning to
    # the datacenter")
    return any(u.lower_ in nouns or u.lemma_.lower() in nouns for h in holders for p, t in slots(h).preps
               if p in ("in", "into", "dans") and t.pos_ not in ("VERB", "AUX") for u in t.subtree)


def posts(tok: Token) -> list[Token]:
    """The post a verb puts someone in: its "as"/"comme" phrase or its complement ("take over as CEO",
    "became chief executive", "est devenu PDG")."""
    out = [c for c in tok.children if c.dep_ in ("attr", "oprd", "xcomp") and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    return out + [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("as", "comme")
                  for g in c.children if g.dep_ == "pobj"] + [
        c for c in tok.children if c.dep_.split(":")[0] == "obl" and any(g.lower_ == "comme" for g in c.children)]


def joint_parties(tok: Token) -> bool:
    """"X and Y reached an agreement", "X et Y ont signé un accord": the subject of the verb a deal noun
    completes is two coordinated names; not when that verb is a contest ("X and Y may bid for contracts":
    rivals or co-bidders, each dealing with whoever awards it). Or the two names are coordinated in the
    noun's "between"/"entre" phrase and the verb makes the deal ("announced a collaboration between X and
    Y"); a venture that exists is a state ("X, a joint venture between Y and Z", "X has a venture between
    ..."; cue list ``having_verb``)."""
    verb = light_verb(tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if verb is None or verb.lemma_.lower() in lexicon.cues("contest_verb", verb.lang_):
        return False
    subjects = light_verb_subjects(tok)
    if len(subjects) >= 2 and subjects[1].dep_ == "conj" and subjects[1].head == subjects[0]:
        return True
    return verb.lemma_.lower() not in lexicon.cues("having_verb", verb.lang_) and any(
        p in ("between", "entre") and any(c.dep_ == "conj" for c in t.children) for p, t in prep_objects(tok))


def by_means(tok: Token) -> int | None:
    """The token index of the verb a gerund after "by" is the means of ("divesting itself of X by selling it":
    divesting), else None; a trigger there of the same event reports it a second time."""
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ == "by" and tok.head.dep_ == "prep":
        return tok.head.head.i
    return None


def _own_phrase(noun: Token) -> list[Token]:
    """The tokens of a noun phrase without its prepositional and clausal modifiers."""
    return [noun] + [t for c in noun.children if c.dep_.split(":")[0] not in ("prep", "relcl", "acl", "obl") and not (
        c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children)) for t in _own_phrase(c)]


def named_launch(tok: Token, lang: str) -> bool:
    """A launch verb whose launched thing has a name ("the Vision Pro was launched in May")."""
    return tok.pos_ == "VERB" and any(senses.named(t) for t in senses.launched_things(tok, lang))


def counted(noun: Token) -> bool:
    """A noun counted by a number that is no percentage ("193,040 units", not "its 50% stake")."""
    # the word right after the number: "193,040 units, which was a 1% decline" counts units
    return any(c.dep_ in ("nummod", "quantmod") and c.like_num and c.nbor(1).lower_ not in (
        "%", "percent", "pour", "pourcent") for c in noun.subtree if c.i < noun.i)


def event_dates(doc: Doc, tok: Token, dates: list, s: int) -> list:
    """The dates of the trigger's sentence ``s`` that may be its own: near it (a year within 60 characters,
    a day within 110: one far off belongs to another clause, "relaunches its stores ... cars in 2027"), or
    on the verb that announces it ("Ce lundi, X a annoncé sa volonté de racheter Y": an announced deal is
    dated by its announcement; cue list announce_verb); those of a verb trigger's own clause first."""
    announce = lexicon.cues("announce_verb", tok.lang_)
    announcing = {t for t in modality.chain(tok)[1:] if t.lemma_.lower() in announce}
    near = [d for d in dates if d.sentence == s and (abs(d.start - tok.idx) <= (60 if len(d.value) == 4 else 110)
                                                     or (announcing and _verb_of(doc, d) in announcing))]
    return own_clause(doc, tok, near) or near


def _verb_of(doc: Doc, d) -> Token | None:
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    t = span.root if span is not None and len(span) else None
    while t is not None and t.pos_ not in ("VERB", "AUX") and t.head != t:
        t = t.head
    return t if t is not None and t.pos_ in ("VERB", "AUX") else None


def own_clause(doc: Doc, tok: Token, dates: list) -> list:
    """The dates of a verb trigger's own clause ("was started in 1976, and launched the store in 2003":
    2003 for "launched"); empty when the trigger is no verb or none is its own."""
    if tok.pos_ not in ("VERB", "AUX"):
        return []
    return [d for d in dates if _verb_of(doc, d) == tok]


def just(doc: Doc, tok: Token) -> bool:
    """Recent past: "vient d'ouvrir", "vient de lever", "has just opened"."""
    before = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 3): tok.i]]
    return "just" in before or (tok.head.lemma_.lower() == "venir" and tok.dep_.startswith("xcomp"))
