"""A company's or person's country from a demonym: "the Swedish furniture group Ikea", "le néerlandais
Coolblue", "le fabricant chinois Xiaomi", "Ikea, the Swedish retailer", "BackMarket est une start-up
française", "la société sud-coréenne" (an anaphor of Samsung).

``kg:country`` is where a company or a person is from. It is neither where the company has its seat
(``headquarteredIn``, a city the text names as such) nor where it does business (``operatesIn``, from what
it does there): "the Chinese maker opened a store in Paris" says nothing of a presence in China. So the
demonym becomes a ``Country`` mention only here, after the relation rules and events have run, and no
other fact is read from it.

A demonym mention's span is the adjective in the text and its ``text`` is the country's usual name in the
article's language ("chinois" -> "Chine"), so that the resolver finds the country as it finds a country
named in the text.
The demonyms are data (``data/lexicons/demonyms.tsv``).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.extract.relations.base import LEXICON_DIR, ORG, PER, token_index
from kg.types import Fact, Mention, is_named

DEMONYMS_FILE = LEXICON_DIR / "demonyms.tsv"
EXTRACTOR = "kg.demonym"
_HOLDERS = ORG | PER
#: determiners that open the noun phrase of an apposition or a copula ("Ikea, the Swedish retailer")
_DETERMINERS = frozenset({"the", "a", "an", "le", "la", "les", "l'", "l’", "un", "une"})
_COPULAS = frozenset({"be", "être"})
#: at most this many description words between the demonym and the name ("Swedish furniture group Ikea")
_REACH = 4


@cache
def demonyms(lang: str, path: Path = DEMONYMS_FILE) -> dict[str, tuple[str, str]]:
    """Demonym (lower case, one or two words) -> (ISO country code, the country's name in ``lang``).

    Examples
    --------
    >>> demonyms("fr")["néerlandaise"], demonyms("en")["south korean"]
    (('NL', 'Pays-Bas'), ('KR', 'South Korea'))
    """
    found: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, form_lang, name, forms = line.split("\t")
        if form_lang == lang:
            found.update((f.strip(), (code, name)) for f in forms.split("|") if f.strip())
    return found


@cache
def _first_words(lang: str) -> frozenset[str]:
    """The first word of every demonym of ``lang`` ("south" of "south korean")."""
    return frozenset(form.split(" ")[0] for form in demonyms(lang))


def _demonym_at(tok: Token, lang: str) -> tuple[str, int] | None:
    """(the country's name, last token index) of a demonym starting at ``tok``: English ones are capitalised
    ("Chinese", "US": not "us"), French ones are not ("chinois"; "les Chinois" are people)."""
    if tok.lower_ not in _first_words(lang):  # almost every token: no slice, no sentence lookup
        return None
    table = demonyms(lang)
    doc = tok.doc
    for length in (2, 1):
        if tok.i + length > tok.sent.end:
            continue
        words = doc[tok.i:tok.i + length]
        found = table.get(" ".join(t.lower_ for t in words))
        if found is None:
            continue
        first = tok.text
        if lang == "en" and not (first[:1].isupper() and (len(first) > 3 or first.isupper() and len(first) > 1)):
            continue
        if lang == "fr" and not first[:1].islower():
            continue
        return found[1], tok.i + length - 1
    return None


#: the prepositions a description may hold ("une société de services française"): not "the sanctions on
#: Indonesian airlines", whose demonym is about the airlines
_OF = frozenset({"de", "d'", "d’", "du", "des", "en", "of"})
#: "British and American airline X": a joint nationality is not read
_AND = frozenset({"and", "et", "/"})


def _is_description(tok: Token) -> bool:
    """A lower-case word of a description ("furniture group", "start-up", "de smartphones")."""
    if tok.pos_ == "ADP":
        return tok.lower_ in _OF
    return tok.text in ("-", "'") or tok.text[:1].islower() and tok.pos_ in ("NOUN", "ADJ", "PROPN", "VERB")


def _holder_after(doc: Doc, last: int, tok_mention: dict[int, int], mentions: Sequence[Mention]) -> int | None:
    """The named company or person right after the demonym and its nouns: "chinois Xiaomi", "Swedish
    furniture group Ikea" (no preposition between: "the French unit of Xiaomi" is not Xiaomi)."""
    end = doc[last].sent.end
    for i in range(last + 1, min(end, last + 2 + _REACH)):
        m = tok_mention.get(i)
        if m is not None and (mentions[m].type in _HOLDERS or doc[i].text[:1].isupper()):
            named = is_named(mentions[m]) and mentions[m].type in _HOLDERS and doc[i].text[:1].isupper()
            return m if named and not _modifies_a_noun(doc, mentions[m]) else None
        if not _is_description(doc[i]) or doc[i].pos_ in ("ADP", "VERB"):
            return None
    return None


def _modifies_a_noun(doc: Doc, mention: Mention) -> bool:
    """"Canadian Saturn dealers": the name qualifies the noun after it, which the demonym describes."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    root = span.root if span is not None else None
    return root is not None and root.dep_ == "compound" and root.head.i >= span.end and root.head.pos_ == "NOUN"


def _holder_before(doc: Doc, first: int, tok_mention: dict[int, int], mentions: Sequence[Mention]) -> int | None:
    """The named company or person the demonym's phrase describes from after it: "Ikea, the Swedish
    retailer", "BackMarket est une start-up française"."""
    start = doc[first].sent.start
    i = first - 1
    while i >= start and first - i <= _REACH and doc[i].lower_ not in _DETERMINERS:
        m = tok_mention.get(i)
        if m is not None and not is_named(mentions[m]) and mentions[m].type in _HOLDERS:
            # "La société sud-coréenne": the anaphor the demonym describes (not "its US production")
            return m if len(mentions[m].text.split()) > 1 else None
        if not _is_description(doc[i]) or doc[i].pos_ == "VERB":
            return None
        i -= 1
    if i < start or doc[i].lower_ not in _DETERMINERS:
        return None
    i -= 1
    if i >= start and (doc[i].text == "," or doc[i].lemma_.lower() in _COPULAS):
        while i - 1 >= start and doc[i - 1].pos_ == "AUX":  # "a été", "has been"
            i -= 1
        m = tok_mention.get(i - 1)
        if m is not None and is_named(mentions[m]) and mentions[m].type in _HOLDERS:
            return m
    return None


def origin_facts(doc: Doc, mentions: Sequence[Mention], lang: str) -> tuple[list[Mention], list[Fact]]:
    """``kg:country`` facts from demonyms, with the country mentions they point to.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed article.
    mentions : sequence of Mention
        The article's mentions; the new country mentions are numbered after them.
    lang : str
        ``"en"`` or ``"fr"``.

    Returns
    -------
    (list[Mention], list[Fact])
        The country mentions (span: the demonym; text: the country's name) and one ``country`` fact
        per (holder, demonym).
    """
    tok_mention = token_index(doc, mentions)
    new: list[Mention] = []
    facts: list[Fact] = []
    i = 0
    while i < len(doc):
        found = _demonym_at(doc[i], lang)
        if found is None:
            i += 1
            continue
        country, last = found
        joint = i > 1 and doc[i - 1].lower_ in _AND and _demonym_at(doc[i - 2], lang) is not None \
            or last + 2 < len(doc) and doc[last + 1].lower_ in _AND and _demonym_at(doc[last + 2], lang) is not None
        if joint:
            i = last + 1
            continue
        inside = tok_mention.get(i)
        if inside is not None and is_named(mentions[inside]):
            holder = None  # part of a name: "Chinese Academy of Sciences", "Deutsche Bank"
        elif inside is not None:
            # "la société sud-coréenne", "the Chinese tech giant": an anaphor of a company
            holder = inside if mentions[inside].type in _HOLDERS else None
        else:
            holder = _holder_after(doc, last, tok_mention, mentions)
            if holder is None:
                holder = _holder_before(doc, i, tok_mention, mentions)
        if holder is not None:
            start, end = doc[i].idx, doc[last].idx + len(doc[last].text)
            sent = mentions[holder].sentence
            new.append(Mention(start, end, country, "Country", sent, EXTRACTOR, 0.8))
            facts.append(Fact(holder, "country", len(mentions) + len(new) - 1, None, sent, EXTRACTOR, 0.7))
        i = last + 1
    return new, facts
