"""Business events (acquisitions, openings and closures, launches, funding ...) from frames, in EN and FR.

A trigger word of a frame (``data/frames/events.tsv``, read by :mod:`~kg.extract.events.frames`) in
the sense the frame requires (a store or site noun for an opening, an amount for a funding; a verb
tagged as a verb, so "remain open" or "their left arm" evoke nothing) makes an event mention. Its
roles are read from the parse as the frame says (:mod:`~kg.extract.events.fillers`: subject, object, by-phrase,
"of"/"de", possessor, control) and must fit their types (a person leaves an organisation). Negated and
hypothetical mentions are dropped and the others get a status (:mod:`~kg.extract.events.modality`).
Openings and closures of shops are ``StoreOpening``/``StoreClosure``; of plants, offices, sites and
data centres ``FacilityOpening``/``FacilityClosure``.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

from spacy.tokens import Doc, Token

from kg.extract.dates import base_date
from kg.extract.events import modality, senses
from kg.extract.events.amounts import amount
from kg.extract.events.deals import won
from kg.extract.events.context import (
    ORG, PERSON,
    by_means,
    invested_in_firms,
    joint_parties,
    just,
    named_launch,
    no_one_moves,
    event_dates,
    requires,
    traded_goods,
)
from kg.extract.events.frames import frames
from kg.extract.events.guesses import (
    no_person_in_slot,
    outside_what_is_acted_on,
    qualifies_a_title,
    refers_back,
    someone_else_reveals,
    unnamed_doer,
    unseen_subject,
)
from kg.extract.events.layoffs import employer, jobs_cut
from kg.extract.events.places import event_places
from kg.extract.events.repeats import headline_status, one_per_sentence
from kg.extract.events.fillers import read_roles
from kg.extract.events.roles import is_passive, slots
from kg.extract.events.triggers import span_head, trigger_span
from kg.ingest.article import segments
from kg.nlp.cues import doc_text
from kg.types import UNRESOLVED, Article, DateMention, Event, Mention, Sentence

#: a person may buy or invest when the clause says so ("Evgeny Lebedev bought the daily"); a person is
#: never guessed as a buyer from proximity (see NEAREST_IF_TARGET)
AGENTS = {"Departure": PERSON, "Appointment": PERSON, "Investment": ORG + PERSON, "Acquisition": ORG + PERSON}
TARGETS = {"Acquisition", "Divestiture", "Investment", "Partnership", "Departure", "Appointment", "Funding"}
NEEDS_TARGET = {"Acquisition", "Partnership"}
#: deals where a company, unit or stake changes hands, never goods (:func:`~.context.traded_goods`)
TRADES = {"Acquisition", "Divestiture"}
#: nouns that are events only with what they are about: a "sale of" a unit, not "sales" (revenue)
NOUN_NEEDS_OBJECT = {"Divestiture"}
PEOPLE_MOVES = {"Appointment", "Departure"}
NO_PLACES = {"Departure", "Appointment", "Funding", "IPO", "Acquisition", "Divestiture"}
#: site frames: which event a store or a facility makes
SITE_TYPES = {"StoreOpening": ("StoreOpening", "FacilityOpening"), "StoreClosure": ("StoreClosure", "FacilityClosure")}
#: frames whose agent may come from the nearest organisation when the parse gives none (a store that
#: "will follow", a launch in a headline); deals and people moves need their agent in the clause
NEAREST_AGENT = {"StoreOpening", "StoreClosure", "ProductLaunch", "MarketEntry", "IPO"}
#: frames whose person may be the nearest one before the trigger when the parse gives none (the small
#: French model often tags "quitte" as an adjective): a person who leaves or joins is named first
NEAREST_PERSON = {"Appointment", "Departure"}
#: deals whose buyer or first partner may be the organisation named before the trigger when the parse finds the target
NEAREST_IF_TARGET = {"Acquisition", "Divestiture", "Partnership"}
#: confidence of an event whose agent the parse gives (guesses from proximity are less sure)
PARSED = 0.85


def _head(word: str) -> str:
    found = re.match(r"[^\W_]+", word.replace("’", "'"))
    return found.group(0) if found else word


@functools.lru_cache(maxsize=None)
def _first_words(lang: str) -> dict[str, tuple[int, ...]]:
    """First word of each trigger form -> indices of the frames that have it (a per-token index)."""
    index: dict[str, list[int]] = {}
    for k, trig in enumerate(frames(lang)):
        for w in trig.words:
            for key in {w.split()[0], _head(w)}:
                index.setdefault(key, []).append(k)
    return {key: tuple(sorted(set(v))) for key, v in index.items()}


def _matches(doc: Doc, tok: Token, words: tuple[str, ...]) -> int:
    """Length in tokens of the trigger starting at ``tok`` (0: no match)."""
    for w in words:
        if " " in w or "'" in w:
            tail = doc_text(doc)[tok.idx: tok.idx + len(w) + 1].lower().replace("’", "'")
            if tail.startswith(w) and (len(tail) == len(w) or not tail[len(w)].isalpha()):
                return max(1, len(doc.char_span(tok.idx, tok.idx + len(w), alignment_mode="expand")))
        elif tok.lower_ == w or tok.lemma_.lower() == w:
            return 1
    return 0


def _entity(mentions: list[Mention], i: int) -> int:
    return mentions[i].antecedent if mentions[i].antecedent is not None else i


def _nearest(cands: list[tuple[int, Mention]], char: int, types: tuple[str, ...], *, before: bool,
             exclude: int | None = None) -> int | None:
    pool = [(i, m) for i, m in cands if m.type in types and i != exclude and (m.start < char) == before]
    if not pool:
        return None
    return (max if before else min)(pool, key=lambda c: c[1].start)[0]


def _token_mentions(doc: Doc, mentions: list[Mention]) -> dict[int, int]:
    """Token index -> the mention covering it (unresolved pronouns name no one)."""
    out: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if m.extractor == UNRESOLVED:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        for t in span or ():
            out.setdefault(t.i, i)
    return out


def extract_events(doc: Doc, article: Article, sents: tuple[Sentence, ...], mentions: list[Mention],
                   dates: list[DateMention]) -> list[Event]:
    """Events of a parsed article, sorted by trigger offset.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> from kg.extract.entities import sentences, entity_mentions
    >>> *_, art = make_article("Airbus will open a new store in Toulouse.", ident="a", source="a.txt", lang="en")
    >>> doc = get_pipeline("en")(art.text)
    >>> ss = sentences(doc, art); ms = entity_mentions(doc, art, ss)
    >>> [(e.type, e.status, ms[e.agent].text) for e in extract_events(doc, art, ss, ms, [])]
    [('StoreOpening', 'planned', 'Airbus')]
    """
    lang, segs, events = article.lang, segments(article), []
    table = frames(lang)
    # a second event of a type in a sentence ("X bought Y in 1999, and Z bought X in 2010") needs its doer parsed
    seen, stated = set(), set()
    first = _first_words(lang)
    tok_mention = _token_mentions(doc, mentions)
    # how often each entity is named: a passive closure is the firm's the article is about (_event)
    named = Counter(mentions[_entity(mentions, k)].text.lower() for k in range(len(mentions)))
    # indexed once: a scan of every sentence and mention per trigger is quadratic in a long article
    starts, by_sentence = [x.start for x in sents], {}
    for i, m in enumerate(mentions):
        if m.extractor != UNRESOLVED:
            by_sentence.setdefault(m.sentence, []).append((i, m))
    for tok in doc:
        if tok.is_space or tok.is_punct:
            continue
        keys = {tok.lower_, tok.lemma_.lower(), _head(tok.lower_)}
        for k in sorted({k for key in keys for k in first.get(key, ())}):
            frame = table[k]
            n = _matches(doc, tok, frame.words)
            # "an initial public offering": the noun the words modify is the word read, the span the trigger
            trig = span_head(doc, tok, n) if n > 1 and tok.pos_ == "ADJ" else tok
            if not n or not senses.fits(frame, trig):
                continue
            s = bisect.bisect_right(starts, trig.idx) - 1  # sentences are in order and disjoint
            s = s if s >= 0 and trig.idx < sents[s].end else None
            if s is None or (trig.i, frame.type) in seen or (by_means(trig), frame.type) in seen:
                continue  # the means of an event already read ("divesting itself of X by selling it")
            sent_ms = list(by_sentence.get(s, ()))
            etype = frame.type
            if frame.requires == "site":
                site = senses.site(doc, trig, lang)
                if site is None:
                    continue
                etype = SITE_TYPES[frame.type][site != "store"]
            elif not requires(frame.requires, doc, trig, sent_ms, lang) and not senses.launched(frame, trig, lang):
                continue
            if frame.type in TRADES and traded_goods(trig, sent_ms, lang) or (
                    frame.type == "Acquisition" and frame.requires != "sold_to" and senses.buys_a_stake(trig, lang)):
                continue
            if frame.type == "ProductLaunch" and senses.launches_no_product(trig, lang):
                continue
            if modality.negated(trig, lang) or modality.hypothetical(trig, lang):
                continue
            if no_one_moves(trig, etype, lang):
                continue
            if etype in PEOPLE_MOVES and trig.pos_ == "NOUN" and trig.morph.get("Number") == ["Plur"]:
                continue  # "des départs volontaires", "new hirings": staff numbers, not one person's move
            plural = trig.morph.get("Number") == ["Plur"]  # "free with new Mac purchases": buying goods, no deal
            if (etype in NOUN_NEEDS_OBJECT or etype in TRADES and plural) and trig.pos_ in ("NOUN", "PROPN") and not any(
                    c.dep_.split(":")[0] == "nmod" or (c.dep_ == "prep" and c.lower_ == "of") for c in trig.children):
                continue  # "the sale of its unit", not "GM's sales in China" or "sales and marketing for X"
            roles = read_roles(doc, trig, frame, tok_mention)
            event = _event(doc, article, trig, n, etype, frame, roles, s, sents, mentions, sent_ms, dates, segs,
                           named)
            if event is not None and trig is not tok:
                event = event._replace(trigger_start=tok.idx, trigger_end=doc[tok.i: tok.i + n].end_char)
            means = by_means(trig)
            if event is not None and frame.requires == "sold_to" and means is not None:
                # "divesting itself of X by selling it to Y": Y acquires what the sale divests, whatever "it" says
                sold = [e.target for e in events if e.type == "Divestiture" and e.trigger_start == doc[means].idx]
                event = event._replace(target=sold[0]) if sold else event
            if event is not None and (event.confidence >= PARSED or (s, frame.type) not in stated):
                seen.add((trig.i, frame.type))
                stated.add((s, frame.type))
                events.append(event)
    events = one_per_sentence(sorted(events, key=lambda e: (e.trigger_start, e.type)), mentions)
    return headline_status(events, mentions, doc, sents)


def _pick(roles: dict[str, list[int]], role: str, types: tuple[str, ...], mentions: list[Mention],
          exclude: int | None = None) -> int | None:
    """The first filler of ``role`` whose entity has one of ``types`` (through its antecedent)."""
    for i in roles.get(role, ()):
        if mentions[_entity(mentions, i)].type in types and (
                exclude is None or _entity(mentions, i) != _entity(mentions, exclude)):
            return i
    return None


def _event(doc, article, tok, n, etype, frame, roles, s, sents, mentions, sent_ms, dates, segs,
           named: Counter) -> Event | None:
    agent_types = AGENTS.get(etype, ORG)
    agent, conf = _pick(roles, "agent", agent_types, mentions), PARSED
    if agent is None and frame.requires == "sold_to":
        return None  # the buyer of a sale is its "to" phrase, never a guess (the seller is named before)
    if agent is None and frame.type in NEAREST_IF_TARGET and _pick(roles, "target", ORG, mentions) is not None \
            and not unseen_subject(tok, sent_ms):
        # the parse named what was bought but not who bought it ("... le rachat de Y", a headline):
        # the organisation named last before the trigger, if it is not the target
        target_entity = _entity(mentions, _pick(roles, "target", ORG, mentions))
        agent = next((i for i, m in sorted(sent_ms, key=lambda c: -c[1].start)
                      if m.start < tok.idx and m.type in ORG and _entity(mentions, i) != target_entity), None)
        conf = 0.6
    if agent is None and etype == "Layoff":  # "cut 10% of X's staff"; "600 workers were laid off, after X halted ..."
        agent, conf = employer(tok, sent_ms, article.lang)
    if agent is None and refers_back(tok, article.lang):
        return None  # "This release leaves ...": the event told before, whose doer is not guessed here
    # the person named before a verb is its subject: no guess when the subject is someone else ("X
    # replaces Y": Y leaves, X does not)
    if agent is None and frame.type in NEAREST_PERSON and (frame.pos != "verb" or frame.subj != "-") \
            and not no_person_in_slot(tok, frame, sent_ms):
        agent, conf = _nearest(sent_ms, tok.idx, agent_types, before=True), 0.6
    # a launch read from its object alone (no product tagged) needs its launcher in the clause
    # or a verb whose launched thing has a name ("Apple said the Vision Pro was launched in May")
    guessable = frame.type in NEAREST_AGENT and not unnamed_doer(tok, sent_ms) and (
        frame.type != "ProductLaunch" or not someone_else_reveals(tok, sent_ms, article.lang) and (
            any(m.type == "Product" for _, m in sent_ms) or named_launch(tok, article.lang)))
    if agent is None and guessable:
        doers = outside_what_is_acted_on(tok, sent_ms, launch=frame.type == "ProductLaunch")
        agent, conf = _nearest(doers, tok.idx, agent_types, before=True), 0.7
        if agent is None:
            agent = _nearest(doers, tok.idx, agent_types, before=False)
        if agent is None:  # "Two more stores will follow": the organisation of the previous sentences
            seg = next(((a, b) for a, b, _ in segs if a <= tok.idx < b), (0, len(doc_text(doc))))
            prev = [(i, m) for i, m in enumerate(mentions) if m.type in agent_types and s - 2 <= m.sentence < s
                    and not qualifies_a_title(doc, m, article.lang)
                    and seg[0] <= m.start and m.extractor != UNRESOLVED]
            if prev and is_passive(tok) and named[mentions[_entity(mentions, prev[-1][0])].text.lower()] < 2:
                prev = []  # "the plants will be closed" are the firm's the article is about, not any firm's
            agent, conf = (prev[-1][0], 0.6) if prev else (None, conf)
    if agent is None:
        return None
    target = None
    if etype in TARGETS:
        target = _pick(roles, "target", ORG, mentions, exclude=agent)
        if target is None and etype in ("Appointment", "Departure") and frame.requires != "person_object":
            # "Jane Smith, CEO of Acme, resigned": one leaves the organisation named with one's title, joins the
            # one after the verb; a dismissal's employer is its doer ("X was pushed out, the Journal said": none)
            first = etype == "Departure"
            target = _nearest(sent_ms, tok.idx, ORG, before=first, exclude=agent)
            if target is None:
                target = _nearest(sent_ms, tok.idx, ORG, before=not first, exclude=agent)
        elif target is None and etype == "Departure":  # "Le PDG de Danone, X, a été évincé": the title's firm
            target = next((i for i, m in sent_ms if m.type in ORG and m.start < tok.idx and i != agent
                           and qualifies_a_title(doc, m, article.lang)), None)
        if target is None and etype == "Partnership" and joint_parties(tok):
            # "X and Y reached an agreement": the second party ("a venture between X and Y" is a state)
            target = _pick(roles, "agent", ORG, mentions, exclude=agent)
        if target is None and etype == "Investment":  # "X injecte des millions dans Y": what comes after
            target = _nearest(sent_ms, tok.idx, ORG, before=False, exclude=agent)
        if target is None and frame.type in NEAREST_IF_TARGET and agent in roles.get("agent", ()) and any(
                p in ("by", "par") for p, _ in slots(tok).preps):
            # "LinkedIn a annoncé son rachat par Microsoft": what is bought is named before the trigger
            target = _nearest(sent_ms, tok.idx, ORG, before=True, exclude=agent)
        if target is not None and _entity(mentions, target) == _entity(mentions, agent):
            target = None  # "buying other products from the brand": the agent itself
        if target is None and etype == "Investment" and amount(doc_text(doc)[tok.idx: sents[s].end]) is None \
                and not invested_in_firms(tok, article.lang):
            return None  # "invested heavily in returning to the datacenter", "charitable investments": no deal
        if target is None and etype in NEEDS_TARGET and frame.requires != "sold_to" and not won(tok, etype, article.lang):
            return None  # a sale's buyer acquires what is sold, a unit (requires "unit") though unnamed
    product = _pick(roles, "product", ("Product",), mentions)
    if product is None:
        product = next((i for i, m in sent_ms if m.type == "Product" and m.start > tok.idx), None)
    if product is None:
        product = next((i for i, m in sent_ms if m.type == "Product"), None)
    places = () if etype in NO_PLACES else event_places(doc, article.lang, sent_ms)
    in_sent = event_dates(doc, tok, dates, s)
    date = min(in_sent, key=lambda d: abs(d.start - tok.idx)).value if in_sent else None
    if etype in ("StoreOpening", "FacilityOpening") and not places and date is None \
            and senses.generic_sites(doc, tok, article.lang):
        return None  # "ces ouvertures de magasins", "By reopening its stores": no opening in particular
    if etype in ("StoreOpening", "FacilityOpening") and not places and senses.placeless_launch(tok, article.lang):
        return None
    base = base_date(segs, tok.idx, article.published)
    if date is None and base is not None and just(doc, tok):
        date = base.isoformat()  # "vient d'ouvrir", "has just opened": on the day of the news
    # a noun's own phrase may hold it first: "a $4 billion investment", "its $26 billion acquisition of Y"
    start = min(tok.idx, tok.left_edge.idx) if tok.pos_ == "NOUN" else tok.idx
    money = amount(doc_text(doc)[start: sents[s].end]) if etype in ("Funding", "Investment", "Acquisition") else None
    if etype == "Layoff" and jobs_cut(tok, article.lang) is not None:
        money = (jobs_cut(tok, article.lang), None)  # a layoff's amount is the number of jobs, no currency
    start, end = trigger_span(doc, tok, n, frame)
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", etype).lower()
    keeps_product = etype in ("ProductLaunch", "StoreOpening", "FacilityOpening", "MarketEntry")
    thing = senses.launched_noun(tok, article.lang) if etype == "ProductLaunch" and product is None else None
    return Event(etype, start, end, s,
                 modality.status(tok, article.lang, date=date, base=base),
                 agent, target, product if keeps_product else None,
                 places, date, money[0] if money else None, money[1] if money else None,
                 f"kg.events.{snake}", conf, thing)
