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
from kg.lexicon.words import words
from kg.nlp.cues import (_ELISIONS, doc_text, word_hits)
from kg.nlp.kinds import numbered_trip, spelled_before
from kg.nlp.town_region import town_and_region

NAME_LABELS = {"ORG": "ORG", "PERSON": "PERSON", "PER": "PERSON", "GPE": "PLACE", "LOC": "PLACE",
               "FAC": "FAC", "PRODUCT": "PRODUCT", "MISC": "MISC"}
_URL = re.compile(r"https?:|www\.|\w\.(?:com|net|org|fr|nl|be|de|io|co|uk|eu)\b", re.I)
_POSSESSIVE = {"'s", "’s", "'", "’"}


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # read on first use: importing spacy.lang.fr builds its tokenizer exceptions (5 s of CPU), which every
    # command that only opens the store (kg remove, kg query) would otherwise pay through kg.resolve
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP
    return frozenset(EN_STOP | FR_STOP)


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
        if doc[i].lower_ in _POSSESSIVE and k > 0 and not lexicon.is_possessive_name(doc[tokens[0]: i + 1].text):
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
    if numbered_trip(doc, span, lang) or spelled_before(doc, span):
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
        headline_words(doc, span) or common_phrase(doc, span, lang))


_ORG_WORDS = ("company_head", "org_head", "group_word", "legal_suffix")


def _common(tok: Token, known) -> bool:
    """A common word, inflected or not: a heading's capitals defeat the lemmatizer ("Mulls")."""
    low = tok.lower_
    return low in known.common or tok.lemma_.lower() in known.common or (low.endswith("s") and low[:-1] in known.common)


def common_phrase(doc: Doc, span: Span, lang: str) -> bool:
    r"""True when a capitalised phrase of several words is common words, not a name.

    Either every word is a common word (WordNet's, :mod:`kg.lexicon.words`) and only
    title-case headings capitalise the phrase ("Facebook Nears an Inflection Point", "Acme Mulls Sanctions"),
    or it is an adverb and the words it qualifies, adjectives or adverbs ("rates the stock as Highly
    Attractive"): no name opens with an adverb. A name of common words written in a running sentence ("General Motors
    said") stays.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbit Nears Its Inflection Point\nOrbit rates Delta Air Lines as Highly Attractive.")
    >>> [common_phrase(doc, doc.char_span(s, e), "en") for s, e in ((16, 32), (45, 60), (64, 81))]
    [True, False, True]
    """
    tokens = [t for t in span if t.is_alpha]
    if len(tokens) < 2 or span.text.isupper():
        return False
    known = words(lang)
    folded = [t.lower_ for t in tokens]
    if folded[0] in known.adverbs and all(
            w in known.qualities and w not in known.nouns for w in folded):
        return True  # "Highly Attractive"; a name of adjectives alone stays ("Intuitive Surgical")
    content = [t for t in tokens if t.lower_ not in _stop_words()]
    if any(t.lower_ in lexicon.cues(kind, lang) for t in tokens for kind in _ORG_WORDS):
        return False  # "Triumph Group", "Interactive Brokers Inc", "Trade Commission": an organisation's words
    return bool(content) and all(_common(t, known) for t in content) \
        and _only_in_headings(doc, span.text, starts=False)  # "Orbital Dynamics said" opens a sentence as a name


_WORDS = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


def headline_words(doc: Doc, span: Span) -> bool:
    r"""True when the name is common words that only a heading or a sentence start capitalises.

    The article writes the same words in lower case elsewhere ("an inflection point", "dans un
    communiqué"), and every capitalised occurrence opens a sentence or sits in a title-case line
    ("Facebook Nears an Inflection Point"): then the capitals are the heading's, not a name's. A
    name capitalised inside a running sentence even once ("shares of Target fell", beside "price
    target") stays a name.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbit Nears Its Inflection Point\nOrbit said it reached an inflection point.")
    >>> headline_words(doc, doc.char_span(16, 32)), headline_words(doc, doc.char_span(0, 5))
    (True, False)
    """
    text = span.text
    if not _WORDS.fullmatch(text) or text.isupper() or text.islower():
        return False
    if not word_hits(doc_text(doc), text.lower()):
        return False
    return _only_in_headings(doc, text)


def _only_in_headings(doc: Doc, text: str, *, starts: bool = True) -> bool:
    """Every occurrence of ``text`` sits in a title-case line (or, with ``starts``, opens a sentence)."""
    for start in word_hits(doc_text(doc), text):
        where = doc.char_span(start, start + len(text), alignment_mode="expand")
        if where is not None and not ((starts and where[0].is_sent_start) or _title_case(where.sent, strict=not starts)):
            return False
    return True


def _title_case(sent: Span, *, strict: bool = False) -> bool:
    """A heading: most of its longer words capitalised; ``strict``, also no verb in lower case and no
    full stop at the end (a sentence full of names, "Lumen Air ordered two Skyliners from Vantor.", or
    "The cases are Acme v. Michigan Department of Treasury.", is no heading), and a line of its own
    that text follows (a title alone, a list item, a caption may be all names)."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if strict and (any(t.pos_ == "VERB" and t.text.islower() for t in words) or (last is not None and last.text in ".;,")
                   or last is None or not re.match(r"[ \t]*\n\s*\S", doc_text(sent.doc)[last.idx + len(last):])):
        return False
    return len(words) >= 2 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


@Language.component("kg_entity_cleanup")
def entity_cleanup(doc: Doc) -> Doc:
    """Trim name spans to the name they hold; drop those that are not names (see module doc)."""
    lang = doc.lang_
    cues: list = []
    keep, street = [], lexicon.cues("street", lang)
    for ent in doc.ents:
        if ent.ent_id_.startswith("category:"):
            # A capitalised category word inside a sentence is a title or a motto ("Human x Car x Home").
            if not (ent.text[:1].isupper() and not ent[0].is_sent_start):
                keep.append(ent)
            continue
        if ent.label_ not in NAME_LABELS:
            keep.append(ent)
            continue
        span = _trim(doc, ent, lang, cues)
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
        elif (span.start > 0 and doc[span.start - 1].pos_ == "DET" and doc[span.start - 1].text.istitle()
              and not doc[span.start - 1].is_sent_start and lang == "fr"):
            # A capitalised article inside a sentence is part of the name: "centre commercial Les Arcades".
            span = Span(doc, span.start - 1, span.end, label=span.label_, span_id=span.id_)
        keep.extend(town_and_region(doc, span))
    doc.ents = filter_spans(keep)
    doc._.kg_cues = cues
    return doc
