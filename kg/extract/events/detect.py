"""Business events (store openings, acquisitions, funding ...) from a trigger lexicon, in EN and FR.

A trigger of ``data/gazetteers/event_triggers.tsv`` that finds what it requires nearby (a store noun
for a store opening, an amount for a funding) makes an event; its roles are filled from the mentions
of the sentence: the agent is the nearest organisation (or person) before the trigger, the target the
first one after it, places and the date nearest to the trigger come along. The status comes from
tense and modality ("will open", "prépare", "va" -> planned; "abandonne" -> cancelled; a date after
the section's date -> planned; otherwise done).
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.nlp.cues import doc_text
from kg.ingest.article import segments
from kg.extract.dates import base_date
from kg.types import UNRESOLVED, Article, DateMention, Event, Mention, Sentence

ORG = ("Company", "Organization")
PERSON = ("Person",)
PLACES = ("Place", "Country", "City", "Region", "Facility")
AGENTS = {"Departure": PERSON, "Appointment": PERSON, "Investment": ORG + PERSON}
TARGETS = {"Acquisition", "Divestiture", "Investment", "Partnership", "Departure", "Appointment"}
NEEDS_TARGET = {"Acquisition", "Partnership"}
NO_PLACES = {"Departure", "Appointment", "Funding", "IPO"}
MONEY = re.compile(
    r"(?P<cur1>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)?)\s*(?P<mult>milliards?|billions?|millions?|bn|mn|m|k)?\s*"
    r"(?:d[e'’]\s*)?(?P<cur2>euros?|dollars?|livres?|pounds?|EUR|USD|GBP|€|\$|£)?", re.I)
CURRENCY = {"$": "USD", "dollar": "USD", "usd": "USD", "€": "EUR", "euro": "EUR", "eur": "EUR",
            "£": "GBP", "pound": "GBP", "livre": "GBP", "gbp": "GBP"}
MULT = {"k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "milliard": 1e9}


def amount(text: str) -> tuple[float, str] | None:
    """The first money amount in ``text``, as (value, ISO 4217 currency).

    Examples
    --------
    >>> amount("vient de lever 41 millions d’euros")
    (41000000.0, 'EUR')
    >>> amount("raised $2.5 billion")
    (2500000000.0, 'USD')
    """
    for m in MONEY.finditer(text):
        cur = m["cur1"] or m["cur2"]
        if not cur:
            continue
        value = float(m["num"].replace(",", "."))
        mult = (m["mult"] or "").lower().rstrip("s")
        return value * MULT.get(mult, 1.0), CURRENCY[cur.lower().rstrip("s")]
    return None


def _head(word: str) -> str:
    found = re.match(r"[^\W_]+", word.replace("’", "'"))
    return found.group(0) if found else word


@functools.lru_cache(maxsize=None)
def _first_words(lang: str) -> dict[str, tuple[int, ...]]:
    """First word of each trigger form -> indices of the triggers that have it (a per-token index)."""
    index: dict[str, list[int]] = {}
    for k, trig in enumerate(lexicon.triggers(lang)):
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


def _requires(kind: str, doc: Doc, tok: Token, sent_ms: list[tuple[int, Mention]], lang: str) -> bool:
    sent = tok.sent
    if kind == "store":
        stores = lexicon.cues("store_noun", lang)
        return any(t.lower_ in stores or t.lemma_.lower() in stores
                   for t in doc[max(sent.start, tok.i - 8): min(sent.end, tok.i + 9)])
    if kind == "unit":  # "cède sa division", "sold its stake": not "vendre des voitures"
        units = lexicon.cues("unit_noun", lang)
        return any(t.lower_ in units for t in doc[tok.i + 1: min(sent.end, tok.i + 7)]) or any(
            m.type in ORG and 0 < m.start - tok.idx < 40 for _, m in sent_ms)
    if kind == "product":
        return any(m.type == "Product" for _, m in sent_ms)
    if kind == "money":
        return amount(doc_text(doc)[tok.idx: sent.end_char]) is not None
    if kind == "org":
        return any(m.type in ORG and m.start > tok.idx for _, m in sent_ms)
    if kind == "person":
        return any(m.type in PERSON for _, m in sent_ms)
    return any(m.type in ORG + PERSON for _, m in sent_ms)


def status(doc: Doc, tok: Token, lang: str, date: str | None, base: dt.date | None) -> str:
    """``planned``, ``done`` or ``cancelled`` from modality words before the trigger, tense, and date."""
    sent = tok.sent
    # Modality lives before the trigger, in its auxiliaries, in a participle on a noun trigger
    # ("inauguration scheduled") or in the verb governing it ("plans to open", "prépare une entrée");
    # not in subordinate clauses ("relaunches its stores, aiming to ...").
    window = list(doc[max(sent.start, tok.i - 6): tok.i + 1])
    window += [c for c in tok.children if c.dep_.split(":")[0] in ("aux", "auxpass", "acl", "amod")]
    if tok.dep_.split(":")[0] in ("xcomp", "obj", "dobj", "ccomp"):
        window.append(tok.head)
    words = {t.lower_ for t in window} | {t.lemma_.lower() for t in window}
    text = doc_text(doc)[doc[max(sent.start, tok.i - 6)].idx: tok.idx].lower()
    if words & lexicon.cues("cancelled", lang):
        return "cancelled"
    planned = lexicon.cues("planned", lang)
    if words & planned or any(" " in p and p in text for p in planned):
        return "planned"
    if any("Fut" in t.morph.get("Tense") for t in (tok, tok.head)):
        return "planned"
    if date and base and len(date) == 10 and date > base.isoformat():
        return "planned"
    if date and base and len(date) == 4 and int(date) > base.year:
        return "planned"
    return "done"


def _just(doc: Doc, tok: Token) -> bool:
    """Recent past: "vient d'ouvrir", "vient de lever", "has just opened"."""
    before = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 3): tok.i]]
    return "just" in before or (tok.head.lemma_.lower() == "venir" and tok.dep_.startswith("xcomp"))


def _entity(mentions: list[Mention], i: int) -> int:
    return mentions[i].antecedent if mentions[i].antecedent is not None else i


def _nearest(cands: list[tuple[int, Mention]], char: int, types: tuple[str, ...], *, before: bool,
             exclude: int | None = None) -> int | None:
    pool = [(i, m) for i, m in cands if m.type in types and i != exclude and (m.start < char) == before]
    if not pool:
        return None
    return (max if before else min)(pool, key=lambda c: c[1].start)[0]


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
    triggers = lexicon.triggers(lang)
    seen: set[tuple[int, str]] = set()
    first = _first_words(lang)
    for tok in doc:
        if tok.is_space or tok.is_punct:
            continue
        keys = {tok.lower_, tok.lemma_.lower(), _head(tok.lower_)}
        for k in sorted({k for key in keys for k in first.get(key, ())}):
            trig = triggers[k]
            n = _matches(doc, tok, trig.words)
            if not n:
                continue
            s = next((k for k, x in enumerate(sents) if x.start <= tok.idx < x.end), None)
            if s is None or (s, trig.type) in seen:
                continue
            # an unresolved pronoun names no one an event could be about
            sent_ms = [(i, m) for i, m in enumerate(mentions) if m.sentence == s and m.extractor != UNRESOLVED]
            if not _requires(trig.requires, doc, tok, sent_ms, lang):
                continue
            event = _event(doc, article, tok, n, trig.type, s, sents, mentions, sent_ms, dates, segs)
            if event is not None:
                seen.add((s, trig.type))
                events.append(event)
    return _dedupe(sorted(events, key=lambda e: (e.trigger_start, e.type)), mentions)


def _information(e: Event) -> tuple[bool, bool, bool]:
    return e.date is not None, e.amount is not None, e.status != "done"


def _dedupe(events: list[Event], mentions: list[Mention]) -> list[Event]:
    """One event per (type, agent, target, places) in an article: a headline and its body, or three
    sentences saying "relaunches its stores in France", report one event. The most informative
    mention is kept (a date, an amount, then an explicit modality: "done" is only the default),
    else the first; its sentence is the provenance."""
    def name(i: int | None) -> str | None:
        return None if i is None else mentions[_entity(mentions, i)].text.casefold()

    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.type, name(e.agent), name(e.target), tuple(sorted(name(p) or "" for p in e.places)))
        old = best.get(key)
        if old is None or _information(e) > _information(old):
            best[key] = e
    kept = {id(e) for e in best.values()}
    return [e for e in events if id(e) in kept]


def _event_places(doc, lang: str, sent_ms) -> tuple[int, ...]:
    """The sentence's places, without landmarks it only locates them by ("the Créteil Soleil centre,
    southeast of Paris", "à deux pas du centre commercial Les Halles") when another place remains."""
    text = doc_text(doc)
    near = lexicon.cues("proximity", lang)

    def landmark(m: Mention) -> bool:
        # a proximity phrase ("southeast of", "à deux pas du") earlier in the same clause
        clause = re.split(r"[,;.()]", text[max(0, m.start - 60): m.start].lower().replace("’", "'"))[-1]
        words = clause.split()
        return any(" ".join(words[a:b]) in near for a in range(len(words))
                   for b in range(a + 1, min(len(words), a + 6) + 1))

    places = [i for i, m in sent_ms if m.type in PLACES]
    kept = [i for i, m in sent_ms if m.type in PLACES and not landmark(m)]
    return tuple(kept or places)


def _event(doc, article, tok, n, etype, s, sents, mentions, sent_ms, dates, segs) -> Event | None:
    agent_types = AGENTS.get(etype, ORG)
    agent = _nearest(sent_ms, tok.idx, agent_types, before=True)
    conf = 0.8
    if agent is None:
        agent = _nearest(sent_ms, tok.idx, agent_types, before=False)
    if agent is None:  # "Two more stores will follow": the organisation of the previous sentences
        seg = next(((a, b) for a, b, _ in segs if a <= tok.idx < b), (0, len(doc_text(doc))))
        prev = [(i, m) for i, m in enumerate(mentions) if m.type in agent_types and s - 2 <= m.sentence < s
                and seg[0] <= m.start and m.extractor != UNRESOLVED]
        agent, conf = (prev[-1][0], 0.6) if prev else (None, conf)
    if agent is None:
        return None
    target = None
    if etype in TARGETS:
        target = _nearest(sent_ms, tok.idx, ORG, before=False, exclude=agent)
        if target is None and etype in ("Appointment", "Departure"):  # "Acme appointed Jane Smith"
            target = _nearest(sent_ms, tok.idx, ORG, before=True, exclude=agent)
        if target is not None and _entity(mentions, target) == _entity(mentions, agent):
            target = None  # "buying other products from the brand": the agent itself
        if target is None and etype in NEEDS_TARGET:
            return None
    product = next((i for i, m in sent_ms if m.type == "Product" and m.start > tok.idx), None)
    if product is None:
        product = next((i for i, m in sent_ms if m.type == "Product"), None)
    places = () if etype in NO_PLACES else _event_places(doc, article.lang, sent_ms)
    # A date far from the trigger belongs to another clause ("relaunches its stores ... cars in 2027").
    in_sent = [d for d in dates if d.sentence == s
               and abs(d.start - tok.idx) <= (60 if len(d.value) == 4 else 110)]
    date = min(in_sent, key=lambda d: abs(d.start - tok.idx)).value if in_sent else None
    base = base_date(segs, tok.idx, article.published)
    if date is None and base is not None and _just(doc, tok):
        date = base.isoformat()  # "vient d'ouvrir", "has just opened": on the day of the news
    money = amount(doc_text(doc)[tok.idx: sents[s].end]) if etype in ("Funding", "Investment", "Acquisition") else None
    end = doc[min(len(doc) - 1, tok.i + n - 1)]
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", etype).lower()
    return Event(etype, tok.idx, end.idx + len(end.text), s, status(doc, tok, article.lang, date, base),
                 agent, target, product if etype in ("ProductLaunch", "StoreOpening", "MarketEntry") else None,
                 places, date, money[0] if money else None, money[1] if money else None,
                 f"kg.events.{snake}", conf)
