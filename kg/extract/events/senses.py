"""Which sense of a trigger word the text uses: an event, or something else that shares the word.

"Open" is an opening when a shop or a site is what opens, not when stores "remain open"; "close" is a
closure of a plant, not the close of an index; "left" in "their left arm" is no departure; a stake is an
investment when it is taken, not when it is held; a launch without a tagged product still counts when
what is launched is a thing, not an investigation or a bid. Word lists: ``data/gazetteers/cues.tsv``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.events.frames import Frame
from kg.extract.events.roles import subjects_of

#: named-entity labels of who launches (both models), never of what is launched
WHO = frozenset({"ORG", "PERSON", "PER", "GPE", "LOC", "NORP"})


def site(doc: Doc, tok: Token, lang: str) -> str | None:
    """``"store"`` or ``"facility"`` when a shop or site noun is attached to the trigger: its object or
    subject, its "of"/"de" complement, or the noun it modifies ("Two more stores will follow", "l'ouverture
    du magasin", "closed its plant"); None otherwise (the "close" of an index, a "store" nearby, a time of
    day: "the park's closing will be 11 p.m.")."""
    found = site_noun(doc, tok, lang)
    return None if found is None or _hours(tok) else found[1]


_CLOCK = re.compile(r"(?:\d{1,2}(?:[:.h]\d\d)?\s?(?:[ap]\.?m\.?|h)|midnight|noon|minuit|midi)\b", re.IGNORECASE)


def _hours(tok: Token) -> bool:
    """An opening or closing noun that is the subject of "be" with a time of day: hours, not an event."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_.split(":")[0] != "nsubj" or tok.head.lemma_ not in ("be", "être"):
        return False
    head = tok.head
    return bool(_CLOCK.search(head.sent.text[head.idx - head.sent.start_char:]))


def generic_sites(doc: Doc, tok: Token, lang: str) -> bool:
    """The trigger speaks of openings in general: a plural trigger noun ("ces ouvertures de magasins") or
    plural sites nobody counts ("By reopening its stores"). Counted sites ("opens 12 stores") are specific."""
    found = site_noun(doc, tok, lang)
    plural = tok.pos_ == "NOUN" and tok.morph.get("Number") == ["Plur"]
    if found is not None:
        noun = found[0]
        if any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in noun.children):
            return False
        plural = plural or (noun.morph.get("Number") == ["Plur"] and noun.lower_ != tok.lower_)
    return plural


def placeless_launch(tok: Token, lang: str) -> bool:
    """A shop "launched" or "unveiled" where no place is named is a service ("launched the iTunes Music Store
    in 2003"); one opens a shop somewhere."""
    return tok.lemma_.lower() in lexicon.cues("site_launch", lang)


def site_noun(doc: Doc, tok: Token, lang: str) -> tuple[Token, str] | None:
    """The shop or site noun :func:`site` finds, with ``"store"`` or ``"facility"``."""
    stores, sites = lexicon.cues("store_noun", lang), lexicon.cues("site_noun", lang)
    sent = tok.sent
    # the subject through control, coordination and relatives: "l'usine va fermer ses portes", "le site,
    # qui emploie 460 personnes, fermera ses portes"
    subjects = set(subjects_of(tok)) if tok.pos_ in ("VERB", "AUX") else set()
    for t in doc[max(sent.start, tok.i - 14): min(sent.end, tok.i + 9)]:
        attached = t.head == tok or tok.head == t or t.head.head == tok or (
            t.head.head.head == tok and t.head.dep_ in ("prep", "pobj")) or t in subjects
        if tok.i - t.i > 8 and t not in subjects:
            continue
        # "l'ouverture du magasin" misparsed as two siblings: the shop right after, introduced by "du"
        attached = attached or (t.head == tok.head and 0 < t.i - tok.i <= 4 and any(
            c.dep_ == "case" and c.lower_ in ("du", "de", "des", "of") for c in t.children))
        if not attached or t == tok or _where_it_happens(t, tok, lang) or _web_site(doc, t, lang):
            continue
        if t.dep_ == "compound" and t.head.i > t.i and t.head.i <= tok.i + 9:
            continue  # "Sam's Club stores": the noun it modifies says what closes
        words = {t.lower_, t.lemma_.lower()}
        if words & stores:
            return t, "store"
        if words & sites:
            return t, "facility"
    return None


def _where_it_happens(t: Token, tok: Token, lang: str) -> bool:
    """A site in a place phrase of the trigger is where it happens, not what opens ("unveiled the 787 at
    its Everett factory", "présente sa console dans son usine")."""
    # "dans", "sur" place a thing, but before a name they are no sign of a place (the cue list types names)
    places = lexicon.cues("locative", lang) | {"dans", "sur"}
    # on the trigger or on its object ("unveiled [the 787 [at its factory]]")
    holders = {tok} | {c for c in tok.children if c.dep_ in ("dobj", "obj")}
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        return t.head.head in holders and t.head.lower_ in places
    return t.head in holders and t.dep_.split(":")[0] in ("obl", "nmod") and any(
        c.dep_ == "case" and c.lower_ in places for c in t.children)


def _web_site(doc: Doc, t: Token, lang: str) -> bool:
    """"a reservation site", "son site internet", "an online store": a web page, no place (cue lists
    ``not_a_site``, ``online``)."""
    pages = lexicon.cues("not_a_site", lang)
    before = " ".join(x.lower_ for x in doc[max(t.sent.start, t.i - 2): t.i + 1])
    after = " ".join(x.lower_ for x in doc[t.i: min(t.sent.end, t.i + 5)])
    return t.lower_ in pages or any(before.endswith(p) or after.startswith(p) for p in pages) or _online(t, lang)


def _online(t: Token, lang: str) -> bool:
    """A word of its phrase says the shop or site is on the web ("an online store", "sa boutique en ligne")."""
    phrase = " " + " ".join(c.lower_ for c in t.subtree if c.i != t.i) + " "
    return any(f" {w} " in phrase for w in lexicon.cues("online", lang))


def fits(frame: Frame, tok: Token) -> bool:
    """The trigger's part of speech fits the frame: "remain open", "their left arm" are no events."""
    if tok.pos_ in ("ADP", "ADV", "PRON", "DET", "NUM") or tok.dep_ == "fixed":  # "à partir du 17 juillet"
        return False
    if tok.i and tok.nbor(-1).text == "-" and not tok.nbor(-1).whitespace_:  # "best-selling", "top-selling"
        return False
    if frame.type == "MarketEntry" and tok.morph.get("VerbForm") == ["Part"] and (
            tok.dep_ in ("acl", "amod") or not any(c.dep_.startswith("aux") for c in tok.children)):
        # "des jeunes arrivés aux États-Unis", "workers entered in the register": people, no firm; a bare
        # participle the parser hangs elsewhere ("d'immigrants illégaux arrivés aux États-Unis") is no news either
        return False
    lemma = tok.lemma_.lower()
    if frame.lang == "fr" and any(c.lemma_ == "se" and c.i < tok.i for c in tok.children) and not (
            {f"se {lemma}", f"s'{lemma}"} & set(frame.words)):
        return False  # a reflexive verb has another sense: "s'engage à soutenir" commits, "se vendent bien" sells well
    if tok.pos_ == "ADJ":  # "remain open", "their left arm"; but the French model tags some verbs ADJ
        return frame.lang == "fr" and frame.pos == "verb" and tok.morph.get("VerbForm") != ["Part"]
    if frame.pos in ("verb", "any") and tok.dep_ == "amod" and tok.tag_ == "VBN" and not any(
            c.dep_ == "advmod" for c in tok.children):
        return False  # "closed attractions", "an injected drug": a state; "its newly opened store" is news
    if frame.type.endswith("Opening") and tok.dep_ in ("amod", "acl") and (
            tok.head.lemma_.lower() in lexicon.cues("job_noun", frame.lang)):
        return False  # "18 postes ouverts à candidature", "positions opened to applicants": vacancies
    if tok.dep_ == "amod" and tok.tag_ == "VBG" and tok.head.i > tok.i and tok.i and tok.nbor(-1).lower_ == "the":
        return False  # "the following plants", "the remaining stores": which ones, not what happens to them
    if _activity(tok):
        return False
    if frame.pos == "verb":
        return tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBZ", "VBD", "VBN", "VBG", "VBP")
    if frame.pos in ("noun", "any") and tok.pos_ in ("NOUN", "PROPN") and _modifies_a_noun(tok):
        return False
    if frame.pos == "noun":
        return tok.pos_ in ("NOUN", "PROPN")
    if frame.pos == "taken":  # "took a 10% stake in X", not "holds a stake in X"
        head = tok.head if tok.dep_ in ("dobj", "obj") else None
        takes = lexicon.cues("taking_verb", frame.lang)
        return head is not None and (head.lower_ in takes or head.lemma_.lower() in takes)
    return True


def _activity(tok: Token) -> bool:
    """A common noun after a preposition with nothing that makes it one event ("discriminated against them in
    hiring", "has improved since launch"): no determiner, owner, modifier or number, no "of"/"by" phrase. It
    names the activity, not an event of it. (A headline's bare object, "Ford announces acquisition", is kept.)"""
    if tok.head.lower_ == "into" or scheduling(tok) is not None:
        return False  # "was ushered into retirement", "is scheduled for release": the move itself
    if tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj"):  # "in hiring on the basis of age": nobody hires anyone
        return not any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "prt", "poss", "attr", "oprd", "xcomp", "dative")
                       for c in tok.children)
    if tok.pos_ != "NOUN" or tok.dep_ not in ("pobj", "obl"):
        return False
    own = ("det", "poss", "nmod:poss", "compound", "amod", "nummod", "nmod", "appos", "flat", "case", "nsubj", "dobj",
           "acl", "relcl")
    return not any(c.dep_ in own or (c.dep_ == "prep" and c.lower_ in ("of", "by", "with", "between"))
                   for c in tok.children)


def scheduling(tok: Token) -> Token | None:
    """The word that schedules an event noun: "scheduled" in "is scheduled for release" (cue list
    ``scheduling_word``); None when the noun has no such word."""
    prep = tok.head if tok.dep_ in ("pobj", "obl") else None
    word = prep.head if prep is not None and prep.lower_ in ("for", "pour") else None
    return word if word is not None and word.lower_ in lexicon.cues("scheduling_word", tok.lang_) else None


def launched(frame: Frame, tok: Token, lang: str) -> bool:
    """A launch whose product the model did not tag ("launched a streaming service"): the verb's object
    or the noun's "of" complement is a common noun that names no investigation, bid or plan."""
    if frame.type != "ProductLaunch" or frame.requires == "named_product":
        return False  # "announced an order", "ships 40 jets": these verbs launch only a named product
    return bool(launched_things(tok, lang))


def launched_things(tok: Token, lang: str) -> list[Token]:
    """The nouns a launch trigger says are launched: its object, its passive subject ("the GTX 1080 was
    launched in May"), or its "of"/"de" complement; nothing that names an investigation, bid or plan."""
    if tok.pos_ in ("VERB", "AUX"):
        things = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
        if not things:  # "the Xbox One X will launch on November 7": a named thing launches itself
            things = [c for c in tok.children if c.dep_ == "nsubj" and c.ent_type_ not in WHO and named(c)]
        if tok.dep_ in ("relcl", "acl:relcl") and any(
                c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass", "nsubj") and c.tag_ in ("WDT", "WP")
                for c in tok.children):
            things = things + [tok.head]  # "Workplace, which it launched in April": what "which" stands for
    else:
        things = [g for c in tok.children if c.dep_ in ("prep", "nmod") and c.lower_ in ("of", "de", "du", "des")
                  for g in c.children if g.dep_ == "pobj"] + [c for c in tok.children if c.dep_ == "nmod"]
        verb = scheduling(tok)  # "the console is scheduled for release", "a film, which is set for release"
        things += [t.head if t.tag_ in ("WDT", "WP") else t for t in subjects_of(verb)] if verb is not None else []
    blocked = lexicon.cues("not_a_product", lang)

    def phrase(t: Token) -> str:  # "public offering": the word before the head, when it modifies it
        before = t.doc[t.i - 1] if t.i > 0 else None
        return f"{before.lower_} {t.lower_}" if before is not None and before.head == t else t.lower_
    return [t for t in (_through_part(t, lang) for t in things) if t.pos_ in ("NOUN", "PROPN")
            and t.lemma_.lower() not in blocked and t.lower_ not in blocked and phrase(t) not in blocked]


def _through_part(t: Token, lang: str) -> Token:
    """What a "version of", "series of" phrase is of: "released a version of its Stories feature" launches
    the feature, "a new version of its forecast" launches nothing (cue list ``launch_part``)."""
    parts = lexicon.cues("launch_part", lang)
    if t.lower_ not in parts and t.lemma_.lower() not in parts:
        return t
    of = ("of", "de", "d'", "du", "des")
    inner = [g for c in t.children if c.dep_ == "prep" and c.lower_ in of for g in c.children if g.dep_ == "pobj"]
    inner += [c for c in t.children if c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in of for g in c.children)]
    return inner[0] if inner else t


def buys_a_stake(tok: Token, lang: str) -> bool:
    """A buying verb whose object is a stake that gives no control ("bought a twenty percent stake in X",
    "a racheté une participation de 10 %"): an investment, which the stake's own frame reads; a "majority" or
    "controlling" stake is an acquisition (cue lists ``stake_noun``, ``control_word``)."""
    stakes, control = lexicon.cues("stake_noun", lang), lexicon.cues("control_word", lang)
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")] if tok.pos_ in ("VERB", "AUX") else []
    return bool(objects) and all(
        o.lemma_.lower() in stakes and not any(c.lower_ in control for c in o.subtree) for o in objects)


def launches_no_product(tok: Token, lang: str) -> bool:
    """Everything the launch trigger says is launched is no product ("released long-term roadmaps",
    "unveiled a tax plan", "launched a planned IPO"), though a product may be named elsewhere in the
    sentence."""
    if tok.pos_ in ("VERB", "AUX"):
        things = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    else:
        things = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "de", "du", "des")
                  for g in c.children if g.dep_ == "pobj"]
    blocked = lexicon.cues("not_a_product", lang)
    if tok.i and f"{tok.nbor(-1).lower_} {tok.lower_}" in blocked:  # "its own press release"
        return True
    if tok.i + 1 < len(tok.doc) and f"{tok.lower_} {tok.nbor(1).lower_}" in blocked:
        return True  # "handed the first jet to launch customer Malindo Air": who buys first, no launch
    things = [_through_part(t, lang) for t in things]
    no = [t.lemma_.lower() in blocked or t.lower_ in blocked or _physical_site(t, lang) for t in things]
    # "CPU and GPU core roadmaps": a bare noun coordinated with a noun that is no product shares that noun
    no = [n or any((c.lemma_.lower() in blocked or c.lower_ in blocked) and c.i > t.i for c in t.children
                   if c.dep_ == "conj") and not any(c.dep_ in ("det", "nummod", "poss") for c in t.children)
          for t, n in zip(things, no)]
    return bool(things) and all(no)


def _physical_site(t: Token, lang: str) -> bool:
    """"unveiled its new factory": a site opens (the opening frames), nothing is launched; "its online
    shave club" is a service, which is launched (cue lists ``site_noun``, ``store_noun``, ``online``)."""
    sites = lexicon.cues("site_noun", lang) | lexicon.cues("store_noun", lang)
    return (t.lemma_.lower() in sites or t.lower_ in sites) and not _online(t, lang)


def named(tok: Token) -> bool:
    """A proper noun, or a noun with a name on it ("the Xbox One X", "la console Nova")."""
    return tok.pos_ == "PROPN" or any(c.pos_ == "PROPN" and c.dep_ in ("compound", "flat", "flat:name", "nmod")
                                      for c in tok.children)


def _modifies_a_noun(tok: Token) -> bool:
    """"an investment bank", "un fonds d'investissement", "acquisition strategy": the event noun only
    describes another noun, no event is reported."""
    if tok.dep_ == "compound":
        return True
    bare = not any(c.dep_ in ("det", "poss", "nmod:poss", "nummod") for c in tok.children)
    linked = any(c.dep_ == "case" and c.lower_.replace("’", "'") in ("de", "d'") for c in tok.children)
    # "son projet d'introduction en bourse", "its plan of acquisition": the event is what is planned
    plans = lexicon.cues("plan_noun", "fr") | lexicon.cues("plan_noun", "en")
    return tok.dep_.split(":")[0] == "nmod" and tok.head.pos_ == "NOUN" and bare and linked and (
        tok.head.lemma_.lower() not in plans)


def launch_keys(events: list, name) -> dict[int, str]:
    """For each event (by ``id``), what its launch launches, to tell two launches of one company apart in a
    sentence (:func:`kg.extract.events.repeats.one_per_sentence`): the head noun of :attr:`kg.types.Event.thing`
    when the company's launches in the article name two or more ("launched a graphics card", "is releasing a
    series of bundles"); "" otherwise. A launch of a named product or of nothing said joins the first thing.
    ``name`` names a mention index."""
    out: dict[int, str] = {id(e): "" for e in events}
    groups: dict[tuple, list] = {}
    for e in events:
        if e.type == "ProductLaunch":
            groups.setdefault((name(e.agent), tuple(sorted(name(p) or "" for p in e.places))), []).append(e)
    for group in groups.values():
        things = {id(e): (e.thing or "").rpartition(" ")[2] for e in group}
        lemmas = list(dict.fromkeys(t for t in things.values() if t))
        if len(lemmas) > 1:
            out.update({k: t or lemmas[0] for k, t in things.items()})
    return out


def launched_noun(tok: Token, lang: str) -> str | None:
    """The common noun the launch trigger ``tok`` launches, its lemma after its noun compounds, lower case
    ("launched a new graphics card": "graphics card"); None when it launches a name or nothing said."""
    things = launched_things(tok, lang)
    if not things or things[0].pos_ != "NOUN":
        return None
    compounds = [c.lower_ for c in things[0].children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return " ".join([*compounds, things[0].lemma_.lower()])
