"""Names in the slots of a deal: the ``kg_slot_names`` spaCy component of :mod:`kg.nlp.pipelines`.

The small English model leaves many company names untagged when the sentence gives it no other clue
("PSA acquired Opel in 2017" tags neither). Whoever buys, sells to, merges or partners with someone
in business news is an organisation nearly always, so a proper noun the model left out in such a slot
becomes an organisation name; :mod:`kg.nlp.names` cleans it and :mod:`kg.nlp.types` votes on its type
with every other mention of it (a name the model calls a person elsewhere in the article stays one).

The same holds for the subject of a verb only an organisation does, checked by what completes it
("Databricks raised $500 million", "Wolfspeed will shut its factory", "Arm Holdings went public"), and for a
name the model took for a place no gazetteer knows ("Mars will acquire Kellanova") or, in French, for
something miscellaneous ("Mistral AI a levé 600 millions d'euros"). Goods are left alone ("bought 20
Dreamliners", "in talks to buy the A320neo"), and so are places, people's surnames and the common words of
a sentence's start.

The verbs, nouns and prepositions are cue lists of ``data/gazetteers/cues.tsv``: ``deal_verb``,
``deal_noun``, ``deal_prep`` and ``doer_verb_*``.
"""
from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg import lexicon
from kg.lexicon import places, regions
from kg.lexicon.words import words
from kg.nlp.cues import site_objects

#: the dependency labels a verb's subject, object and prepositional objects carry (English and French UD)
SUBJECT = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
OBJECT = frozenset({"dobj", "obj"})
#: what joins a name's words to its head ("General Motors", "Banco Santander", French "flat:name")
NAME_PARTS = frozenset({"compound", "flat", "flat:name"})
#: the model's place labels; in a deal's slot a name no gazetteer places is a company ("Mars", "Bonduelle"), and
#: so is a name the French model calls miscellaneous ("Mistral AI a levé 600 millions d'euros")
PLACE_LABELS = frozenset({"GPE", "LOC", "MISC"})
#: present-tense selling is trade in goods ("Amazon sells Kindle readers"): a sale names its buyer ("to")
NEEDS_BUYER = frozenset({"sell", "vendre"})


@functools.lru_cache(maxsize=None)
def _words(lang: str) -> tuple[frozenset[str], ...]:
    """Deal verbs, deal nouns, deal prepositions, words that are no name, company nouns."""
    not_names = lexicon.cues("calendar", lang) | lexicon.cues("title", lang) | lexicon.cues("generic_term", lang)
    companies = lexicon.cues("company_noun", lang) | lexicon.cues("unit_noun", lang)
    return (lexicon.cues("deal_verb", lang), lexicon.cues("deal_noun", lang), lexicon.cues("deal_prep", lang),
            frozenset(not_names), companies)


def _lemma(tok: Token) -> str:
    """"take over", "team up": the verb with its particle, as the cue list writes it."""
    prt = [c.lower_ for c in tok.children if c.dep_ in ("prt", "compound:prt")]
    return f"{tok.lemma_.lower()} {prt[0]}" if prt else tok.lemma_.lower()


def _prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    """The names after a deal preposition: "bought X from [Y]", "cède X [à Y]", "racheté [par Y]"."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_.split(":")[0] in ("obl", "nmod") and any(
                g.dep_ == "case" and g.lower_ in preps for g in c.children):
            out.append(c)
    return out


def _place(text: str) -> bool:
    return places.lookup(text) is not None or regions.is_region(text)


def _name(tok: Token, not_names: frozenset[str]) -> Span | None:
    """The proper noun ``tok`` heads, with the name words hung on it, when no name covers any of it.

    The tagger calls an unknown capitalised word a noun as often as a proper noun ("its acquisition of
    Splunk", "Databricks raised $500 million"): inside a sentence capitals decide, at its start a word no
    dictionary lists (:mod:`kg.lexicon.words`)."""
    if not tok.text[:1].isupper() or len(tok.text) < 2 or not (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and (
            not tok.is_sent_start or (words(tok.lang_).common  # French ships no word list: no guess there
                                      and not {tok.lower_, tok.lemma_.lower()} & words(tok.lang_).common)
            or any(c.dep_ in ("flat", "flat:name") and c.pos_ == "PROPN" for c in tok.children)))):  # "Mistral AI"
        return None
    start = end = tok.i
    doc = tok.doc
    while start > 0 and doc[start - 1].dep_ in NAME_PARTS and doc[start - 1].head.i in range(start, end + 1) \
            and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].dep_ in NAME_PARTS and doc[end + 1].head.i in range(start, end + 1) \
            and doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper():
        end += 1
    span = doc[start:end + 1]
    if any(t.ent_type_ or t.lower_ in not_names for t in span) or _place(span.text):
        return None
    return None if _goods(span) else span


def _goods(span: Span) -> bool:
    """A model code ("in talks to buy the A320neo": a company so named is in the gazetteer), or counted,
    qualified or determined goods ("bought 20 Dreamliners", "787 Dreamliners", "new Airbuses", "the Pro")."""
    return any(any(c.isdigit() for c in t.text) for t in span) or any(
        c.dep_ in ("det", "nummod", "amod") or c.like_num for c in span.root.children)


def _placed_name(tok: Token) -> Span | None:
    """The model's place name ``tok`` is in, when no gazetteer knows it as a place ("Mars will acquire X")."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent if ent is not None and ent.label_ in PLACE_LABELS and not _place(ent.text) and not _goods(ent) else None


def _slot_heads(tok: Token, nouns: frozenset[str], preps: frozenset[str], verbs: frozenset[str]) -> list[Token]:
    if tok.pos_ == "VERB" and _lemma(tok) in verbs:
        objects = _prep_objects(tok, preps)
        if tok.lemma_.lower() in NEEDS_BUYER and not any(p.pos_ == "PROPN" or p.ent_type_ for p in objects):
            return []
        # "Brimco partnered with Zorblax", "Lumen, bought by Orbis": the name a participle hangs on is its doer
        # or what it acts on, an organisation either way
        hung_on = [tok.head] if tok.dep_ == "acl" and tok.head.pos_ == "PROPN" else []
        return [c for c in tok.children if c.dep_ in SUBJECT | OBJECT] + objects + hung_on
    if tok.pos_ == "NOUN" and tok.lower_ in nouns:  # "the acquisition of [X] by [Y]", "la fusion avec [X]"
        return _prep_objects(tok, preps | {"of", "de", "d'", "du"})
    return []


#: currency words, for the French model, which tags no amount
CURRENCY_WORDS = frozenset({"$", "€", "£", "dollar", "dollars", "euro", "euros", "livres", "francs"})


def _money_object(tok: Token) -> bool:
    """"raised $500 million", "received a $4 billion investment", "a levé 600 millions d'euros"."""
    return any(t.ent_type_ == "MONEY" or t.lower_ in CURRENCY_WORDS
               for c in tok.children if c.dep_ in OBJECT for t in c.subtree)


def _person_object(tok: Token) -> bool:
    """"named Calvin McDonald as chief executive": who names a person to a post."""
    return any(c.dep_ in OBJECT and c.ent_type_ in ("PERSON", "PER") for c in tok.children)


#: verbs whose active subject is an organisation in business news, by what must complete them (cue lists
#: doer_verb_any, doer_verb_money ...); people are tagged by the model far more reliably than firms
DOER_VERBS = {"doer_verb_any": lambda tok: True, "doer_verb_money": _money_object,
              "doer_verb_person": _person_object, "doer_verb_site": lambda tok: bool(site_objects(tok, tok.lang_))}


def _doer(tok: Token) -> list[Token]:
    """The active subject of a verb only an organisation does ("Databricks raised $500 million", "Wolfspeed
    will shut its factory", "Arm Holdings went public")."""
    if tok.pos_ != "VERB":
        return []
    keys = {_lemma(tok)} | ({f"{tok.lemma_.lower()} {tok.nbor(1).lower_}"} if tok.i + 1 < len(tok.doc) else set())
    if any(keys & lexicon.cues(kind, tok.lang_) and check(tok) for kind, check in DOER_VERBS.items()):
        return [c for c in tok.children if c.dep_ == "nsubj"]
    return []


@Language.component("kg_slot_names")
def slot_names(doc: Doc) -> Doc:
    """Tag as organisations the proper nouns no name covers in the slots of deal verbs and nouns."""
    verbs, nouns, preps, not_names, companies = _words(doc.lang_)
    # a surname alone in a slot is that person's ("Marta Velkins ... Velkins bought X"), not a company
    not_names = not_names | {e[-1].lower_ for e in doc.ents if e.label_ in ("PERSON", "PER") and len(e) > 1}
    found: dict[int, Span] = {}
    for tok in doc:
        heads = _slot_heads(tok, nouns, preps, verbs) + _doer(tok)
        # "a racheté la marque australienne Aesop", "bought the startup Zorblax": the name set beside the noun
        heads += [c for h in heads if h.pos_ == "NOUN" and h.lemma_.lower() in companies
                  for c in h.children if c.dep_ in ("appos", "flat:name")]  # not "le jeu vidéo Iron Harvest"
        for head in heads:
            span = _name(head, not_names)
            if span is None and head.ent_type_ in PLACE_LABELS:
                span = _placed_name(head)
            if span is not None:
                found[span.start] = Span(doc, span.start, span.end, label="ORG")
    if found:
        starts = {s.start for s in found.values()}
        doc.ents = filter_spans([*(e for e in doc.ents if e.start not in starts), *found.values()])
    return doc
