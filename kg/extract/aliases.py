"""Other names an organisation is given right after its name: "Nordic Minerals (NM)", "Acme (formerly Zeta)".

Such a name is the same organisation, not another one: it becomes a mention whose ``antecedent`` is
the name it follows (extractor ``kg.alias``), so the resolver puts it on that entity as an alias
(``skos:altLabel``) instead of making a second entity, and a fact stated with either name is found.

Accepted in parentheses right after an organisation's name:

- an abbreviation whose letters come in order from the name ("Harbour Logistics Group (HLG)");
- a name after a word that says it is one ("formerly", "also known as", "doing business as",
  "anciennement", "ex-" ...) -- :data:`KEYWORDS`;
- a stock ticker after an exchange ("(NYSE: LVS)") -- :data:`EXCHANGES`;

and after a comma, a capitalised name after a word of :data:`COMMA_KEYWORDS` ("Fabrikam Industries,
known as FI, ...", "la société Orvane, dite Orva,").

A place name ("(UK)", "(Japon)") is never an alias: it says where the organisation is.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from kg import lexicon
from kg.lexicon import places
from kg.types import ALIAS, ORG_TYPES, Mention

ORG = ORG_TYPES
EXTRACTOR = ALIAS
KEYWORDS = {
    "en": ("formerly known as", "formerly", "officially", "also known as", "known as", "a.k.a.", "aka",
           "doing business as", "d/b/a", "dba", "trading as", "now", "née"),
    "fr": ("anciennement", "ex-", "ex", "dite", "dit", "aussi appelée", "aussi appelé", "connue sous le nom de",
           "connu sous le nom de", "officiellement"),
}
#: words that give another name after a comma, no parentheses: "Fabrikam Industries, known as FI,"
COMMA_KEYWORDS = {
    "en": ("formerly known as", "also known as", "better known as", "known as", "formerly", "a.k.a.", "aka"),
    "fr": ("anciennement", "dite", "dit", "aussi appelée", "aussi appelé", "connue sous le nom de",
           "connu sous le nom de", "surnommée", "surnommé"),
}
EXCHANGES = ("NYSE", "NASDAQ", "Nasdaq", "AMEX", "LSE", "TSX", "ASX", "HKSE", "HKEX", "SEHK", "OTC", "Euronext",
             "EPA", "ETR", "FWB", "SIX", "BSE", "NSE", "SGX", "TYO", "KRX", "SSE", "SZSE")
_MAX_ALIAS = 60  # characters; longer parentheses are asides, not names


class AliasResult(NamedTuple):
    named: list[Mention]
    """The name mentions, minus those that turned out to be aliases."""
    aliases: list[Mention]
    """Alias mentions; ``antecedent`` indexes ``named``."""


@functools.lru_cache(maxsize=None)
def _pattern(lang: str) -> re.Pattern:
    words = "|".join(re.escape(k) for k in sorted(KEYWORDS.get(lang, KEYWORDS["en"]), key=len, reverse=True))
    exchanges = "|".join(EXCHANGES)
    return re.compile(rf"[ \t]*\([ \t]*(?:(?P<kw>{words})[ \t]*(?<=[\s\-])|(?P<ex>{exchanges})[ \t]*:[ \t]*)?"
                      rf"(?P<alias>[^()\n]{{1,{_MAX_ALIAS}}}?)[ \t]*[),;]")


@functools.lru_cache(maxsize=None)
def _comma_pattern(lang: str) -> re.Pattern:
    words = "|".join(re.escape(k) for k in sorted(COMMA_KEYWORDS.get(lang, COMMA_KEYWORDS["en"]), key=len, reverse=True))
    return re.compile(rf",[ \t]+(?P<kw>{words})[ \t]+[«“\"]?[ \t]*(?P<alias>[A-Z][\w&.'\- ]{{0,40}}?)[ \t]*[»”\"]?"
                      rf"(?=[,;:)]|\.(?:\s|$)|$)")


def is_abbreviation(short: str, name: str) -> bool:
    """True when ``short`` (2-8 letters, mostly capitals) takes its letters in order from ``name``.

    Examples
    --------
    >>> is_abbreviation("HLG", "Harbour Logistics Group"), is_abbreviation("NM", "Nordic Minerals")
    (True, True)
    >>> is_abbreviation("UK", "Brunner Mond"), is_abbreviation("Inc", "Acme Inc")
    (False, False)
    """
    letters = re.sub(r"[^A-Za-z0-9]", "", short)
    if not 2 <= len(letters) <= 8 or sum(c.isupper() or c.isdigit() for c in letters) < len(letters) - 1:
        return False
    target = name.upper()
    if not target or letters[0].upper() != target[0]:
        return False
    pos = 0
    for c in letters.upper():
        pos = target.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _unswallowed(text: str, m: Mention) -> Mention:
    """``m`` without an opening parenthesis it took from an alias ("Nordic Minerals (NM" -> "Nordic Minerals")."""
    cut = m.text.rfind("(")
    if cut <= 0 or ")" in m.text[cut:] or not text.startswith(")", m.end) or not m.text[:cut].strip():
        return m
    name = m.text[:cut].rstrip()
    return m._replace(end=m.start + len(name), text=name)


def alias_mentions(text: str, named: list[Mention], *, lang: str = "en") -> AliasResult:
    """Find the aliases that follow organisation names in ``text`` (the article's masked text).

    A name mention that covers an alias ("NM" tagged by the NER as an organisation of its own)
    is replaced by the alias mention.

    Examples
    --------
    >>> text = "Nordic Minerals (NM) and Acme Corp (formerly Zeta Works) signed a deal."
    >>> ms = [Mention(0, 15, "Nordic Minerals", "Company", 0, "t", 1.0), Mention(17, 19, "NM", "Organization", 0, "t", 0.8),
    ...       Mention(25, 34, "Acme Corp", "Company", 0, "t", 1.0)]
    >>> res = alias_mentions(text, ms)
    >>> [(m.text, res.named[m.antecedent].text) for m in res.aliases]
    [('NM', 'Nordic Minerals'), ('Zeta Works', 'Acme Corp')]
    """
    pattern = _pattern(lang)
    named = [_unswallowed(text, m) for m in named]
    found: list[tuple[int, Mention]] = []  # (index into named, alias mention)
    spans: list[tuple[int, int]] = []  # alias notations: name mentions inside them go ("NYSE" of "NYSE: LVS")
    for i, m in enumerate(named):
        if m.type not in ORG or m.antecedent is not None:
            continue
        hit = pattern.match(text, m.end) or _comma_pattern(lang).match(text, m.end)
        if hit is None:
            continue
        alias = hit.group("alias").strip().strip("\"'“”«» ")
        start = text.index(alias, hit.start("alias")) if alias else -1
        if "ex" in hit.groupdict() and hit.group("ex"):  # a listing ("HKSE: 1928") names no other organisation, whatever the NER said
            spans.append((hit.start("ex"), hit.end("alias")))
        if not any(c.isalpha() for c in alias) or places.lookup(alias) is not None \
                or alias.casefold() == m.text.casefold():
            continue
        if not (hit.group("kw") and alias[:1].isupper() or hit.groupdict().get("ex") or is_abbreviation(alias, m.text)):
            continue
        found.append((i, Mention(start, start + len(alias), alias, m.type, m.sentence, EXTRACTOR, 0.9,
                                   antecedent=i)))
        spans.append((start, start + len(alias)))
    covered = {k for s, e in spans for k, n in enumerate(named) if n.start < e and s < n.end}
    keep = [k for k in range(len(named)) if k not in covered]
    new_index = {old: new for new, old in enumerate(keep)}
    aliases = [a._replace(antecedent=new_index[i]) for i, a in found if i in new_index]
    return AliasResult([named[k] for k in keep], aliases)


#: "(ABBR)": 2-8 letters or digits, an optional final "." ("(BLP)", "(NRH)", "(MCS)")
_ABBR = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&.]{1,7})\s*\)")
#: a word of a company name: capitalised, a linking word ("of", "and", "&"), or a legal form with its comma
_NAME_WORD = re.compile(r"(?:[A-Z0-9][\w.&'\-]*|of|and|for|&|de|du|des)(?:,[\w.]*)?")


@functools.lru_cache(maxsize=None)
def legal_forms(lang: str) -> frozenset[str]:
    """The legal forms of ``data/gazetteers/cues.tsv`` without their final dot, as compared lower-cased.

    Examples
    --------
    >>> {"inc", "llc"} <= legal_forms("en")
    True
    """
    return frozenset(w.rstrip(".") for w in lexicon.cues("legal_suffix", lang))


def abbreviated_names(text: str, taken: list[Mention], sentence_at, *, lang: str = "en") -> list[Mention]:
    """Company names the NER missed, found by the abbreviation right after them: "Brightwater Logistics
    Partners, Inc. (BLP)".

    A run of capitalised words right before "(ABBR)" whose letters ``ABBR`` takes in order
    (:func:`is_abbreviation`), ending with a legal form ("Inc.", "LLC", "Co., Ltd.") so that "Return on
    Equity (ROE)" stays out, and overlapping no organisation or person mention, is an organisation
    (extractor ``kg.alias.name``, confidence 0.6); :func:`alias_mentions` then reads the abbreviation.
    A place mention inside the name ("Suzhou" of "Suzhou Lanting Polymer Co., Ltd.") is part of it:
    the caller drops the mentions the new name covers.

    Examples
    --------
    >>> text = "Brightwater Logistics Partners, Inc. (BLP) is a privately held company."
    >>> [(m.text, m.type) for m in abbreviated_names(text, [], lambda c: 0)]
    [('Brightwater Logistics Partners, Inc.', 'Organization')]
    >>> abbreviated_names("It raised its Return on Equity (ROE) again.", [], lambda c: 0)
    []
    """
    suffixes = legal_forms(lang)
    out: list[Mention] = []
    for hit in _ABBR.finditer(text):
        abbr = hit.group(1).rstrip(".")
        words = []  # (start, end) of the words before the parenthesis, nearest first
        pos = hit.start()
        while len(words) < 10:
            # the text just before, not the whole prefix: a search per hit through all of it is quadratic
            lo = max(0, pos - 1000)
            before = text[lo:pos].rstrip(" ")
            m = re.search(r"(\S+)$", before)
            if lo and (m is None or m.start(1) == 0):  # the word or the spaces may go on before the window
                lo, before = 0, text[:pos].rstrip(" ")
                m = re.search(r"(\S+)$", before)
            if lo + len(before) == pos and words:  # words are separated by spaces
                break
            if m is None or not _NAME_WORD.fullmatch(m.group(1)):
                break
            words.append((lo + m.start(1), lo + m.end(1)))
            pos = lo + m.start(1)
        if not words:
            continue
        end = words[0][1]
        last = re.split(r"[,\s]+", text[words[0][0]:end].rstrip(",").lower())[-1].rstrip(".")
        if last not in suffixes:
            continue
        # the longest name that starts with a capital and that the abbreviation spells
        starts = [s for s, _ in reversed(words) if text[s].isupper() and is_abbreviation(abbr, text[s:end])]
        if not starts or text[starts[0]:end].count(" ") < 1:
            continue
        start = starts[0]
        if any(m.start < end and start < m.end and m.type in ("Company", "Organization", "Person") for m in taken):
            continue
        out.append(Mention(start, end, text[start:end], "Organization", sentence_at(start), "kg.alias.name", 0.6))
    return out
