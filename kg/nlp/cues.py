"""Context cues for the type vote of :mod:`kg.nlp.types`: the words around a name that say what it is.

"the Chinese tech giant X", "le fabricant de smartphones chinois X", "PDG de X" -> an organisation;
"le Senior Vice President X" -> a person; "X, maison-mère de ..." -> an organisation; "centre
commercial X" -> a facility. Cue words are data: ``data/gazetteers/cues.tsv``. Also the lookup that
finds every other occurrence of a name in its document (:func:`_phrase_matches`).
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from kg import lexicon

_ELISIONS = {"l'", "l’", "d'", "d’", "s'", "s’", "'s", "’s", "qu'", "qu’"}

_FILLER = {"DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM", "X"}


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy rebuilds it from every token on each access, and the
    per-token loops below read it thousands of times per article (quadratic on long articles)."""
    text = doc.user_data.get("kg.text")
    if text is None:
        text = doc.user_data["kg.text"] = doc.text
    return text


def word_hits(text: str, word: str) -> list[int]:
    r"""Starts of ``word`` in ``text`` where no word character touches it, as ``re.finditer`` finds
    ``(?<!\w)word(?!\w)`` (``\w``: ``isalnum`` or "_"), without compiling a pattern per name (the name
    checks ask this of every entity: compiling was most of their time).

    Examples
    --------
    >>> word_hits("Target fell; price target, Targets", "Target")
    [0]
    """
    out, start, size = [], text.find(word), len(word)
    while start >= 0:
        before, end = text[start - 1] if start else " ", start + size
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            out.append(start)
            start = text.find(word, end)
        else:
            start = text.find(word, start + 1)
    return out


def _word(doc: Doc, tok: Token) -> set[str]:
    """The token's forms plus the whole hyphenated word it belongs to ("maison-mère")."""
    start, end = tok.idx, tok.idx + len(tok.text)
    text = doc_text(doc)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[start:end].strip(",.;:!?«»\"()").lower().replace("’", "'")
    return {tok.lower_, tok.lemma_.lower(), word}


def _left_cue(doc: Doc, ent: Span, lang: str) -> tuple[str, bool] | None:
    """("ORG"|"PERSON", is_company) from the words before the name, within its sentence."""
    sent_start = ent.sent.start
    i = ent.start - 1
    while i >= sent_start and doc[i].pos_ in ("DET", "ADJ"):
        i -= 1
    if i < sent_start:
        return None
    direct = doc[i].pos_ != "ADP" and doc[i].lower_ not in _ELISIONS
    company, titles = lexicon.cues("company_noun", lang), lexicon.cues("title", lang)
    for j in range(i, max(sent_start, ent.start - 7) - 1, -1):
        t = doc[j]
        words = _word(doc, t)
        if j > sent_start:
            words.add(f"{doc[j - 1].lower_} {t.lower_}")
        if words & titles:
            # "managing director at X" may work for a fund or an agency; "the CEO of X" runs a company
            return ("PERSON", False) if direct else ("ORG", bool(words & lexicon.cues("company_title", lang)))
        if words & company:
            return ("ORG", True)
        if not direct and words & lexicon.cues("org_part", lang):
            return ("ORG", False)  # "la direction d'X": only an organisation has a management
        if direct and words & lexicon.cues("kin_noun", lang):  # "her brother Jim", "sa sœur Anne"
            return ("PERSON", False)
        if not direct and t.ent_type_ and j < i:
            return None  # "vice-président de L'Oréal pour l'Asie-Pacifique": the title is L'Oréal's
        if t.pos_ not in _FILLER and t.text not in "-‑":
            return None
    return None


def _name_cue(ent: Span, lang: str) -> bool | None:
    """From the name's own words: True for a company ("Kestrel Robotics", "Orion Pharmaceuticals": no
    one's surname), False for another organisation ("Lund University", "University of Leeds", "Musée du
    Louvre"), None when they say nothing."""
    if len(ent) < 2:
        return None
    if ent[-1].is_title and ent[-1].lower_ in lexicon.cues("company_head", lang):
        return True
    heads = lexicon.cues("org_head", lang)
    if ent[0].is_title and (ent[-1].lower_ in heads or (
            ent[0].lower_ in heads and any(t.lower_ in ("of", "de", "du", "des") for t in ent[1:3]))):
        return False
    return None


def _age(tok) -> bool:
    return tok.is_digit and len(tok) == 2 and int(tok.text) >= 18


def _right_cue(doc: Doc, ent: Span, lang: str) -> tuple[str, bool, str] | None:
    """Cue after the name: apposition ("X, a company"), copula ("X est le fabricant"), suffix."""
    end = ent.sent.end
    if ent.end >= end:
        return None
    nxt = doc[ent.end]
    company, titles = lexicon.cues("company_noun", lang), lexicon.cues("title", lang)
    if nxt.lower_ in lexicon.cues("legal_suffix", lang):
        return ("ORG", True, "cue")
    copula = nxt.lemma_.lower() in ("be", "être")
    if lang == "en" and nxt.text == "," and ent.end + 1 < end and doc[ent.end + 1].lower_ == "who":
        return ("PERSON", False, "cue")  # "who" stands for people only
    if nxt.text == "," and ent.end + 2 < end and doc[ent.end + 2].text == "," and _age(doc[ent.end + 1]):
        return ("PERSON", False, "cue")  # "Jane Roe, 52, resigned": an age in commas
    if nxt.text != "," and not copula:
        return None
    if nxt.text == "," and ent.end + 1 < end and doc[ent.end + 1].pos_ == "ADP":
        return None  # "X, au nom de la société": a phrase of a preposition is no apposition
    for t in doc[ent.end + 1: min(end, ent.end + 7)]:
        words = _word(doc, t)
        if words & company:
            return ("ORG", True, "copula" if copula else "cue")
        if words & titles:
            return ("PERSON", False, "copula" if copula else "cue")
        if t.pos_ in ("VERB", "AUX", "PRON") or t.is_punct:
            return None
    return None


def categories(doc: Doc) -> list[Span]:
    """The product-category spans of the gazetteer among ``doc.ents``.

    Callers that test many names pass them to the cues below: ``doc.ents`` is rebuilt from every
    token on each access."""
    return [e for e in doc.ents if e.ent_id_.startswith("category:")]


def _makes_products(doc: Doc, ent: Span, cats: list[Span] | None = None) -> bool:
    """The name is the subject of a verb whose object is a product category ("X unveiled air purifiers")."""
    verb = ent.root.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i in range(ent.start, ent.end):
        return False
    if verb.lemma_.lower() in ("be", "être"):  # "X is a public speaker" makes nothing
        return False
    return any(verb.i < e.start < verb.sent.end and e.root.head.i != ent.root.i
               for e in (categories(doc) if cats is None else cats))


@functools.lru_cache(maxsize=None)
def _cue_tuple(kind: str, lang: str) -> tuple[str, ...]:
    return tuple(sorted(lexicon.cues(kind, lang)))


def _context_phrase(doc: Doc, ent: Span, kind: str, lang: str) -> bool:
    words = lexicon.cues(kind, lang)
    before = doc_text(doc)[ent.sent.start_char: ent.start_char].lower().rstrip()
    before = re.sub(r"(?:\b(?:les|la|le|the)|l['’])$", "", before).rstrip()
    after = doc_text(doc)[ent.end_char: ent.sent.end_char].lower().lstrip()
    # str.endswith/startswith on a tuple first (one C call): most names have no cue at all.
    if not before.endswith(_cue_tuple(kind, lang)) and not (
            kind == "facility_noun" and after.startswith(_cue_tuple(kind, lang))):
        return False
    return any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalpha())
               for w in words) or (kind == "facility_noun" and any(
                   after.startswith(w) and not after[len(w): len(w) + 1].isalpha() for w in words))  # not "plantation"


_MODEL_WORDS = {"pro", "max", "ultra", "plus", "mini", "lite", "se", "air", "neo", "fold", "flip"}


def model_end(doc: Doc, ent: Span) -> int:
    """End of the name with its model number or suffix: "Pixel" -> "Pixel 9 Pro"."""
    end = ent.end
    while end < min(len(doc), ent.end + 3) and (
            doc[end].like_num or doc[end].lower_ in _MODEL_WORDS
            or re.fullmatch(r"[A-Z]*\d+[A-Za-z+]*", doc[end].text)):
        end += 1
    return end


def _product_cue(doc: Doc, ent: Span, cats: list[Span] | None = None) -> bool:
    """A product category right before or after the name: "le smartphone X", "the X 9 smartphone"."""
    cats = categories(doc) if cats is None else cats
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    after = model_end(doc, ent)
    # Position first: ``Span.sent`` walks the tokens, and asked of every category of a long article
    # for every name it made the article's typing quadratic.
    # "the Orbit smartphone" is one; "Acme processors" (a plural after the name) are the maker's
    return any((e.end - 1 == i or (e.start == after and e[-1].tag_ != "NNS")) and e.sent.start == ent.sent.start
               for e in cats)


def _object_cue(doc: Doc, ent: Span, lang: str) -> bool:
    """The name is what one joins, leaves, buys or partners with: "left X", "s'associe avec X"."""
    root = ent.root
    dep = root.dep_.split(":")[0]
    if dep == "nsubjpass" or (dep == "nsubj" and root.dep_ == "nsubj:pass"):
        # "X was founded in 1998", "X a été rachetée": people are not founded or acquired
        verb = root.head
        passive = lexicon.cues("org_passive_verb", lang)
        return verb.lemma_.lower() in passive or verb.lower_ in passive
    if dep not in ("dobj", "obj", "pobj", "obl", "nmod"):
        return False
    verb = root.head.head if dep == "pobj" else root.head
    if dep in ("obl", "nmod", "pobj") and not any(
            t.lower_ in ("with", "avec", "in", "dans", "à", "into") for t in list(root.children) + [root.head]):
        return False
    verbs = lexicon.cues("org_object_verb", lang)
    return verb.pos_ in ("VERB", "AUX") and (verb.lemma_.lower() in verbs or verb.lower_ in verbs)


def site_objects(verb: Token, lang: str) -> list[Token]:
    """The objects of a verb that are shop or site nouns: "will shut its factory", "opened 40 new restaurants"."""
    sites = lexicon.cues("store_noun", lang) | lexicon.cues("site_noun", lang)
    return [c for c in verb.children if c.dep_ in ("dobj", "obj") and (c.lemma_.lower() in sites or c.lower_ in sites)]


def _site_owner_cue(ent: Span, lang: str) -> bool:
    """The name opens, closes or runs counted sites: "Chipotle opened 40 new restaurants", "X will close 63
    stores" is a chain, whatever the model says; a chef opens "a restaurant"."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.morph.get("Number") == ["Plur"] and any(g.dep_ == "nummod" or g.like_num for g in c.children)
               for c in site_objects(root.head, lang))


def _orths(doc: Doc, text: str) -> tuple[int, ...]:
    # The phrase must be tokenised like the document; the doc's own tokens are found by search.
    pos = doc_text(doc).find(text)
    span = doc.char_span(pos, pos + len(text)) if pos >= 0 else None
    if span is not None:
        return tuple(t.orth for t in span)
    return tuple(doc.vocab.strings.add(word) for word in text.split())


def _phrase_matches(doc: Doc, phrases: list[tuple[int, ...]]) -> list[tuple[int, int]]:
    """``(start, end)`` of every occurrence of the token sequences, sorted by start then longest first.

    What spaCy's ``PhraseMatcher`` on ORTH finds, without building one per document (its set-up
    cost more than the search).

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words="Acme Corp sued Acme Corp and Acme".split())
    >>> acme, corp = doc[0].orth, doc[1].orth
    >>> _phrase_matches(doc, [(acme, corp), (acme,)])
    [(0, 2), (0, 1), (3, 5), (3, 4), (6, 7)]
    """
    by_first: dict[int, set[tuple[int, ...]]] = defaultdict(set)
    for phrase in phrases:
        if phrase:
            by_first[phrase[0]].add(phrase)
    if not by_first:
        return []
    orths = doc.to_array(ORTH).tolist()
    found = []
    for i, orth in enumerate(orths):
        for phrase in by_first.get(orth, ()):
            if tuple(orths[i:i + len(phrase)]) == phrase:
                found.append((i, i + len(phrase)))
    return sorted(found, key=lambda m: (m[0], -m[1]))
