"""Readers for the hand-written lexicons and gazetteers in ``data/gazetteers/`` (cached)."""
from __future__ import annotations

import functools
from pathlib import Path

SHARED_KINDS = frozenset({"company_noun", "title", "store_noun", "facility_noun"})
DATA = Path(__file__).resolve().parents[2] / "data" / "gazetteers"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@functools.lru_cache(maxsize=None)
def cues(kind: str, lang: str) -> frozenset[str]:
    """Cue words of one kind for a language (plus the language-independent ones).

    Examples
    --------
    >>> "giant" in cues("company_noun", "en"), "marque" in cues("company_noun", "fr")
    (True, True)
    """
    words: set[str] = set()
    # Business French borrows English nouns and titles ("CEO", "retailer"), and English news quotes
    # French ones ("PDG"): name cues are shared; modality and prepositions stay per language.
    langs = {lang, "any"} | ({"en", "fr"} if kind in SHARED_KINDS else set())
    for row in _rows("cues.tsv"):
        if row[0] == kind and row[1] in langs:
            words.update(w.strip() for w in row[2].split("|") if w.strip())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def companies() -> tuple[str, ...]:
    """Company names of ``companies.txt``.

    Examples
    --------
    >>> "Airbus" in companies()
    True
    """
    return tuple(row[0].strip() for row in _rows("companies.txt"))


@functools.lru_cache(maxsize=1)
def market_indices() -> tuple[str, ...]:
    """Stock market index names of ``market_indices.txt`` (products, never companies).

    Examples
    --------
    >>> "CAC 40" in market_indices(), "Nasdaq" in market_indices()
    (True, False)
    """
    return tuple(row[0].strip() for row in _rows("market_indices.txt") if len(row) < 3)


@functools.lru_cache(maxsize=1)
def index_short_forms() -> frozenset[str]:
    """Short forms of ``market_indices.txt`` that name an index only in an index's context (third column
    ``context``: "the Dow", "Dow components"; "Dow said" is the chemical maker).

    Examples
    --------
    >>> "Dow" in index_short_forms(), "DJIA" in index_short_forms()
    (True, False)
    """
    rows = _rows("market_indices.txt")
    return frozenset(row[0].strip() for row in rows if len(row) > 2 and row[2].strip() == "context")


@functools.lru_cache(maxsize=1)
def market_index_names() -> dict[str, str]:
    """Abbreviation (lower case) -> full index name, from the second column of ``market_indices.txt``.

    Examples
    --------
    >>> market_index_names()["djia"]
    'Dow Jones Industrial Average'
    """
    return {row[0].strip().lower(): row[1].strip() for row in _rows("market_indices.txt") if len(row) > 1}


@functools.lru_cache(maxsize=None)
def product_categories(lang: str) -> dict[str, str]:
    """Surface form (lower case) -> category key, for one language.

    Examples
    --------
    >>> product_categories("fr")["téléviseurs"]
    'television'
    """
    forms: dict[str, str] = {}
    for key, row_lang, surfaces in _rows("product_categories.tsv"):
        if row_lang == lang:
            for form in surfaces.split("|"):
                forms[form.strip()] = key
    return forms


@functools.lru_cache(maxsize=1)
def possessive_names() -> frozenset[str]:
    """Folded company names that end with "'s" (``possessive_names.txt``): "moody's", "mcdonald's".

    Examples
    --------
    >>> "moody's" in possessive_names()
    True
    """
    return frozenset(_fold_name(name) for name in _possessive_lines())


def _possessive_lines() -> list[str]:
    return [row[0].strip() for row in _rows("possessive_names.txt")]


def _fold_name(text: str) -> str:
    """One spelling for a name: straight apostrophe, casefolded, single spaces."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


@functools.lru_cache(maxsize=1)
def possessive_spellings() -> tuple[str, ...]:
    """The names of ``possessive_names.txt`` as written, each also with a curly apostrophe (gazetteer phrases).

    Examples
    --------
    >>> "Sam\u2019s Club" in possessive_spellings()
    True
    """
    return tuple(sorted({form for n in _possessive_lines() for form in (n, n.replace("'", "\u2019"))}))


def is_possessive_name(text: str) -> bool:
    """True when ``text`` is a name of ``possessive_names.txt`` or one that starts with it ("Moody's Investors")."""
    folded = _fold_name(text)
    return any(folded == n or folded.startswith(n + " ") for n in possessive_names())


@functools.lru_cache(maxsize=None)
def demonym_words(lang: str) -> frozenset[str]:
    """Demonyms and adjectives of origin of ``data/lexicons/demonyms.tsv`` in ``lang``, folded: words
    for people of a country ("les Américains"), never a place's or a firm's name.

    Examples
    --------
    >>> "americains" in demonym_words("fr"), "chinese" in demonym_words("en")
    (True, True)
    """
    from kg.lexicon.places import fold

    words: set[str] = set()
    path = DATA.parent / "lexicons" / "demonyms.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _, form_lang, _, forms = line.split("\t")
            if form_lang == lang:
                words.update(fold(f) for f in forms.split("|") if f.strip())
    return frozenset(words)
