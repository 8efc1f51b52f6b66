"""Entity clean-up: the ``kg_entity_cleanup`` spaCy component of :mod:`kg.nlp.pipelines`, and the
name key every stage compares names by.

The small models tag emoji, hashtags, headings, URLs and lower-case words as names, and let a span
run into the words around it. Clean-up trims each span to the name it holds and drops the rest;
:mod:`kg.nlp.types` then votes on the type of every name.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg import lexicon
from kg.lexicon import places
from kg.nlp.cues import (_ELISIONS, doc_text)
from kg.lexicon.words import words
from kg.nlp.headings import _ORG_WORDS, _common, _stop_words, common_phrase, headline_words, opening_adjective
from kg.nlp.kinds import abbreviation, code_word, numbered_trip, spelled_before
from kg.nlp.town_region import town_and_region

NAME_LABELS = {"ORG": "ORG", "PERSON": "PERSON", "PER": "PERSON", "GPE": "PLACE", "LOC": "PLACE",
               "FAC": "FAC", "PRODUCT": "PRODUCT", "MISC": "MISC"}
_URL = re.compile(r"https?:|www\.|\w\.(?:com|net|org|fr|nl|be|de|io|co|uk|eu)\b", re.I)
_POSSESSIVE = {"'s", "’s", "'", "’"}


#: prepositions names hold, capitalised in a heading ("Bank Of America", "Center For Auto Safety")
_NAME_LINKS = frozenset({"of", "for", "de", "du", "des", "and", "on", "in", "at"})


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk", "Cs", "Co") or ch in "#@|•►▶"


def name_key(text: str, lang: str) -> str:
    """The name a mention's type is voted under: folded, legal suffix and article dropped.

    Examples
    --------
    >>> name_key("Acme Corp.", "en"), name_key("ACME", "en"), name_key("Groupe Canal+", "fr")
    ('acme', 'acme', 'canal+')
    """
    words = places.fold(text).split()
    suffixes = _folded_suffixes(lang)
    group = lexicon.cues("group_word", lang)
    while len(words) > 1 and (words[-1].rstrip(".,") in suffixes or words[-1] in group):
        words.pop()
    if len(words) > 1 and words[0] in ("the", "le", "la", "les", "l'"):
        words.pop(0)
    if len(words) > 1 and words[0] in group:  # "Groupe TF1", "Grupo Bimbo"
        words.pop(0)
    return " ".join(words)


@functools.lru_cache(maxsize=None)
def _folded_suffixes(lang: str) -> frozenset[str]:
    return frozenset(places.fold(s).rstrip(".") for s in lexicon.cues("legal_suffix", lang))


def _lowercase_word(tok: Token) -> bool:
    return tok.text[:1].islower() and not any(c.isupper() for c in tok.text) and tok.is_alpha


def _trim(doc: Doc, ent: Span, lang: str, cues: list) -> Span | None:
    tokens = list(range(ent.start, ent.end))
    # A span crossing a line break keeps its last line that holds a capitalised word.
    chunks, cur = [], []
    for i in tokens:
        if doc[i].is_space or "\n" in doc[i].text:
            chunks.append(cur)
            cur = []
            continue
        cur.append(i)
        if "\n" in doc[i].whitespace_:
            chunks.append(cur)
            cur = []
    chunks.append(cur)
    chunks = [c for c in chunks if any(doc[i].text[:1].isupper() for i in c)]
    if not chunks:
        return None
    tokens = chunks[-1]
    headline = lexicon.cues("headline_word", lang)
    for k, i in enumerate(tokens[1:], 1):  # a title-case headline ("Acme Mulls Sanctions") names only "Acme"
        if doc[i].lower_ in headline or (lang == "en" and doc[i].pos_ == "ADP" and doc[i].text.istitle()
                                         and doc[i].lower_ not in _NAME_LINKS):  # "Board Amid Iger Succession Hunt"
            tokens = tokens[:k]
            break
    if len(tokens) > 1 and doc[tokens[0]].lower_ in lexicon.cues("headline_lead", lang):
        tokens = tokens[1:]  # "Should Buy Acme": the call, not a first name
    for k, i in enumerate(tokens):  # "X's Retail Lab" names X, but "Moody's" is a name of its own
        if doc[i].lower_ in _POSSESSIVE and k > 0 and not lexicon.is_possessive_name(doc[tokens[0]: i + 1].text) \
                and not lexicon.is_possessive_name(doc[tokens[0]: tokens[-1] + 1].text):  # nor is "Sam's Club"
            tokens = tokens[:k]
            break
    after = tokens[-1] + 1 if tokens else 0
    if tokens and after < len(doc) and doc[after].lower_ in _POSSESSIVE \
            and lexicon.is_possessive_name(doc[tokens[0]: after + 1].text):
        tokens.append(after)  # the model left the "'s" of "McDonald's" out
    tokens = _first_of_list(doc, tokens, ent.label_, lang)
    store = lexicon.cues("store_noun", lang)

    def junk(i: int) -> bool:
        t = doc[i]
        return (t.is_punct or t.is_space or t.pos_ == "DET" or t.lower_ in _ELISIONS
                or any(_is_symbol(c) for c in t.text) or _lowercase_word(t))

    while tokens and junk(tokens[0]):
        tokens.pop(0)
    titles = _titles(lang)
    # "PDG Jean Dupont", "CEO Ann Lee": the title before a name is not part of it
    while len(tokens) > 1 and places.fold(doc[tokens[0]].text) in titles and doc[tokens[1]].text[:1].isupper():
        tokens.pop(0)
    # "EU Competition Commissioner Ann Lee", "the Energy Minister": the common nouns before a title say
    # which office it is, not which organisation ("EU")
    nxt = tokens[-1] + 1 if tokens else len(doc)
    office = nxt < len(doc) and doc[nxt].is_title and places.fold(doc[nxt].text) in titles
    while len(tokens) > 1 and doc[tokens[-1]].is_title and places.fold(doc[tokens[-1]].text) in titles:
        tokens.pop()  # the model ran the name into the title
        office = True
    if office:
        while len(tokens) > 1 and doc[tokens[-1]].is_title and _common(doc[tokens[-1]], words(lang)) \
                and not any(doc[tokens[-1]].lower_ in lexicon.cues(kind, lang) for kind in _ORG_WORDS):
            tokens.pop()

    def tail_junk(i: int) -> bool:  # "Nations unies" keeps its adjective, "Samsung s'" loses the pronoun
        t = doc[i]
        return junk(i) and not (_lowercase_word(t) and t.pos_ in ("ADJ", "NOUN", "PROPN"))

    whole = len(tokens) > 1 and lexicon.is_possessive_name(doc[tokens[0]: tokens[-1] + 1].text)
    while tokens and not whole and (tail_junk(tokens[-1]) or (len(tokens) > 1 and doc[tokens[-1]].lower_ in store)):
        if doc[tokens[-1]].lower_ in store:
            cues.append(("ORG", "cue", True, doc[tokens[0]: tokens[-1]].text))
        tokens.pop()
    if not tokens:
        return None
    return Span(doc, tokens[0], tokens[-1] + 1, label=ent.label_, span_id=ent.id_)


def _first_of_list(doc: Doc, tokens: list[int], label: str, lang: str) -> list[int]:
    """An organisation span that runs over a list keeps its first name: "Woolworths, Service NSW" (a comma
    before a capitalised word that is no legal form), "Tsing Capital and Mitsui & Co" ("and" after a
    company word or a legal form: "Johnson and Johnson" stays one name)."""
    if label != "ORG":
        return tokens
    heads = lexicon.cues("company_head", lang) | lexicon.cues("legal_suffix", lang)
    for k in range(1, len(tokens) - 1):
        tok, nxt = doc[tokens[k]], doc[tokens[k + 1]]
        if not nxt.text[:1].isupper():
            continue
        if tok.text == "," and nxt.lower_.rstrip(".") not in heads and nxt.lower_ not in heads:
            return tokens[:k]
        if tok.lower_ in ("and", "et") and doc[tokens[k - 1]].lower_ in heads:
            return tokens[:k]
    return tokens


@functools.lru_cache(maxsize=None)
def _titles(lang: str) -> frozenset[str]:
    """Whole one-word titles, folded ("pdg", "ceo", "m."): not the words of longer ones ("general")."""
    return frozenset(places.fold(t) for t in lexicon.cues("title", lang) if " " not in t)


@functools.lru_cache(maxsize=None)
def _not_names(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Folded navigation, calendar and generic words, title words and common nouns: folded once per language."""
    nav = frozenset(places.fold(w) for kind in ("navigation", "calendar", "generic_term")
                    for w in lexicon.cues(kind, lang))
    titles = frozenset(w for t in lexicon.cues("title", lang) for w in places.fold(t).split())
    nouns = frozenset(places.fold(w) for kind in ("company_noun", "store_noun", "facility_noun")
                      for w in lexicon.cues(kind, lang))
    return nav, titles, nouns


def keeps_name(doc: Doc, span: Span, lang: str) -> bool:
    text = span.text
    if not any(c.isalpha() for c in text) or any(_is_symbol(c) for c in text) or _URL.search(text):
        return False
    if span.start_char > 0 and (doc_text(doc)[span.start_char - 1] in "#@" or doc_text(doc)[span.start_char - 1].isdigit()):
        return False  # a hashtag, a handle, the letters of "5G" or "4K"
    if any(s < span.end_char and span.start_char < e for s, e in doc._.noise):
        return False
    if numbered_trip(doc, span, lang) or spelled_before(doc, span) or abbreviation(doc, span) or code_word(doc, span, lang):
        return False
    folded = places.fold(text)
    nav, titles, nouns = _not_names(lang)
    if folded in nav or folded in nouns or all(w in titles for w in folded.split()):
        return False
    # French capitalises a demonym only as the noun for the people ("les Américains"); an English
    # one is also a short company name ("American" for American Airlines)
    if lang == "fr" and folded in lexicon.demonym_words(lang) and not places.is_strong(text):
        return False  # "Philippines" is the country and its adjective
    if len(span) == 1 and (folded in _stop_words() or re.split(r"['’]", folded)[-1] in _stop_words()):
        return False
    # a country or a large city stays, though its adjective is written in lower case ("philippines")
    return span.ent_id_ == "gazetteer" or places.is_strong(text) or not (
        headline_words(doc, span) or common_phrase(doc, span, lang) or opening_adjective(span, lang))


_OPEN_QUOTES, _CLOSE_QUOTES = frozenset('"“«'), frozenset('"”»')


#: an English ordinal that opens a name ("21st Century Fox", "20th Century Studios"), which the models leave out
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _name_word(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper and len(tok) > 1


def nicknamed(doc: Doc) -> list[Span]:
    """People written with a nickname in quotes between first name and surname (Alexandra "Alex" Keith,
    William “Bill” Ford): one person, which the model splits into a town, a product and a company."""
    out, i = [], 0
    if not any(q in doc_text(doc) for q in _OPEN_QUOTES):
        return out
    while i + 4 < len(doc):
        first, opening, nick, closing = doc[i], doc[i + 1], doc[i + 2], doc[i + 3]
        if (_name_word(first) and opening.text in _OPEN_QUOTES and _name_word(nick) and closing.text in _CLOSE_QUOTES
                and closing.whitespace_ and _name_word(doc[i + 4])
                and (i == 0 or not _name_word(doc[i - 1]))):
            end = i + 5
            while end < len(doc) and _name_word(doc[end]) and doc[end - 1].whitespace_:
                end += 1
            out.append(Span(doc, i, end, label="PERSON"))
            i = end
        else:
            i += 1
    return out


def _hyphen_joined(doc: Doc, ent: Span) -> Span:
    """An organisation's name the model cut at a hyphen: "Siemens-Gamesa", "Siemens - Gamesa" (a merger's
    name), not "Paris - Londres" (the word after the hyphen is a place) nor a common word."""
    end = ent.end
    if ent.label_ != "ORG" or end + 1 >= len(doc) or doc[end].text not in "-‑" or doc[end + 1].ent_type_:
        return ent
    nxt, folded = doc[end + 1], places.fold(doc[end + 1].text)
    if not (nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_upper and places.lookup(nxt.text) is None
            and folded not in words(doc.lang_).common and folded not in words("en").common):
        return ent
    return Span(doc, ent.start, end + 2, label=ent.label_, span_id=ent.id_)


@Language.component("kg_entity_cleanup")
def entity_cleanup(doc: Doc) -> Doc:
    """Trim name spans to the name they hold; drop those that are not names (see module doc)."""
    lang = doc.lang_
    cues: list = []
    keep, street = [], lexicon.cues("street", lang)
    people = nicknamed(doc)
    taken = {t for span in people for t in range(span.start, span.end)}
    keep.extend(people)
    for ent in doc.ents:
        if taken and any(t in taken for t in range(ent.start, ent.end)):
            continue
        if ent.ent_id_.startswith("category:"):
            # A capitalised category word inside a sentence is a title or a motto ("Human x Car x Home").
            if not (ent.text[:1].isupper() and not ent[0].is_sent_start):
                keep.append(ent)
            continue
        if ent.label_ not in NAME_LABELS:
            keep.append(ent)
            continue
        span = _trim(doc, _hyphen_joined(doc, ent), lang, cues)
        if span is None or not keeps_name(doc, span, lang):
            continue
        if len(span) == 1 and span.end < len(doc) and doc[span.end].ent_iob_ == "B" and doc[span.end].ent_id_ == "gazetteer":
            continue  # "Walt" of "Walt Disney": the listed name cut the word off, it is no name of its own
        before = span.start - 1
        if before > 0 and doc[before].lower_ in ("de", "du", "des", "of", "d'", "d’"):
            before -= 1
        if before >= 0 and doc[before].lower_ in street:  # "rue (de) Rivoli" is the place
            span = Span(doc, before, span.end, label="FAC")
            cues.append(("STREET", "cue", False, span.text))
        elif span.start > 0 and _ORDINAL.fullmatch(doc[span.start - 1].text) and span[0].text[:1].isupper():
            span = Span(doc, span.start - 1, span.end, label=span.label_, span_id=span.id_)  # "21st Century Fox"
        elif (span.start > 0 and doc[span.start - 1].pos_ == "DET" and doc[span.start - 1].text.istitle()
              and not doc[span.start - 1].is_sent_start and lang == "fr"):
            # A capitalised article inside a sentence is part of the name: "centre commercial Les Arcades".
            span = Span(doc, span.start - 1, span.end, label=span.label_, span_id=span.id_)
        keep.extend(town_and_region(doc, span))
    doc.ents = filter_spans(keep)
    doc._.kg_cues = cues
    return doc
