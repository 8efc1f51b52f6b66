"""Sentences and name mentions of a parsed article (the spaCy entities as typed by ``kg_type_vote``)."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from kg import lexicon
from kg.lexicon import places
from kg.extract.aliases import abbreviated_names, legal_forms
from kg.extract.relations.slots import slot_mentions
from kg.types import Article, Mention, Sentence


def sentences(doc: Doc, article: Article) -> tuple[Sentence, ...]:
    """The article's sentences, whitespace trimmed, with text from the original article.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> *_, art = make_article("Acme opened a store. It was busy.", ident="a", source="a.txt", lang="en")
    >>> [s.text for s in sentences(get_pipeline("en")(art.text), art)]
    ['Acme opened a store.', 'It was busy.']
    """
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = article.text[start:end]
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        out.append(Sentence(start, start + len(stripped), stripped))
    return tuple(out)


def sentence_at(sents: tuple[Sentence, ...], char: int) -> int:
    """Index of the sentence holding character ``char`` (the nearest one before it otherwise).

    Examples
    --------
    >>> sentence_at((Sentence(0, 5, "Hello"), Sentence(6, 11, "World")), 7)
    1
    """
    global _STARTS
    cached = _STARTS  # one read: another thread may swap it
    if cached[0] is not sents:  # listed once per document, not per call (quadratic in a long article)
        cached = _STARTS = (sents, [s.start for s in sents])
    return max(0, bisect.bisect_right(cached[1], char) - 1)


_STARTS: tuple = (None, [])


def entity_mentions(doc: Doc, article: Article, sents: tuple[Sentence, ...]) -> list[Mention]:
    """Name mentions (organisations, people, places, products), sorted by offset.

    Only spans typed by the ``kg_type_vote`` component are mentions: dates, numbers and nationalities
    stay out, as does anything the clean-up dropped (emoji, hashtags, navigation text).

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> *_, art = make_article("Airbus opened a plant in Toulouse.", ident="a", source="a.txt", lang="en")
    >>> doc = get_pipeline("en")(art.text)
    >>> [(m.text, m.type) for m in entity_mentions(doc, art, sentences(doc, art))]
    [('Airbus', 'Company'), ('Toulouse', 'City')]
    """
    types = doc._.kg_types or {}
    out = []
    for ent in doc.ents:
        info = types.get((ent.start_char, ent.end_char))
        if info is None:
            continue
        kind, conf, extractor = info
        out.append(Mention(ent.start_char, ent.end_char, article.text[ent.start_char:ent.end_char],
                           kind, sentence_at(sents, ent.start_char), extractor, conf))
    # company names the model missed before their abbreviation ("Acme Widgets, Inc. (AWI)"); a place
    # it tagged inside one ("Suzhou" of "Suzhou Lanting Polymer Co., Ltd.") is part of the name
    at = lambda c: sentence_at(sents, c)  # noqa: E731
    named = abbreviated_names(article.text, out, at, lang=article.lang)
    out = [m for m in out if not any(n.start <= m.start and m.end <= n.end for n in named)] + named
    out = state_codes(article.text, out, at)
    out = maker_models(article.text, out)
    out = model_codes(article.text, out, at)
    # organisations the model missed in a relation's slot ("CEO of Harrow Mills")
    out += slot_mentions(doc, article.text, out, at)
    return attach_legal_forms(article.text, out, article.lang)


#: a model number right after a maker's name: "A380", "737-800", "787s", "S23"
_MODEL = re.compile(r" (?:[A-Z]{1,3}-?)?\d{2,4}(?:-\d{1,4})?(?:s|[A-Z]{1,3})?(?![\w%$.,]*\d)(?![\w-])")


def maker_models(text: str, mentions: list[Mention]) -> list[Mention]:
    """A company name followed by a model number names a product, not the company: "Airbus A380",
    "Boeing 737-800s" (extractor ``kg.model``); a year or an amount after the name ("Acme 2024") is no model.

    Examples
    --------
    >>> text = "Airbus A380 jets and Boeing 737-800s flew; Acme 2024 results were out."
    >>> ms = [Mention(text.index(n), text.index(n) + len(n), n, "Company", 0, "t", 0.9) for n in ("Airbus", "Boeing", "Acme")]
    >>> [(m.text, m.type) for m in maker_models(text, ms)]
    [('Airbus A380', 'Product'), ('Boeing 737-800s', 'Product'), ('Acme', 'Company')]
    """
    out = []
    for m in mentions:
        hit = _MODEL.match(text, m.end) if m.type in ("Company", "Organization") else None
        number = hit and re.sub(r"\D", "", hit.group())
        if hit is None or (len(number) == 4 and number[:2] in ("19", "20")):
            out.append(m)
            continue
        end = hit.end()
        out.append(m._replace(end=end, text=text[m.start:end], type="Product", extractor="kg.model"))
    return out


#: a model code on its own: "the GTX 1080 Ti", "its EPYC 7601", "the RX 480" (letters, a number, an edition),
#: "the A320neo", "its AP1000" (one word)
_CODE = re.compile(r"(?<![\w&.-])(?:([A-Z]{2,5}) (\d{3,4})(?: (?:Ti|Pro|Max|MAX|Plus|Ultra|XT|SE|Super))?"
                   r"|([A-Z]{1,3})(\d{3,4})[a-z]{0,3})(?![\w%$-])"
                   r"(?! ?(?:million|billion|trillion|thousand|bn|mn|m|k)\b)")
#: what says a code names a thing: a determiner or possessive right before it
_BEFORE_CODE = re.compile(r"(?i)(?<!\w)(?:the|its|their|his|her|our|a|an|new|newer|latest) $")


def model_codes(text: str, mentions: list[Mention], sentence_at) -> list[Mention]:
    """A model code that a determiner or a maker's name introduces names a product: "the GTX 1080 Ti",
    "AMD EPYC 7601" (the maker joins it, as in :func:`maker_models`; extractor ``kg.model``). The small NER
    misses such codes or tags their letters an organisation. A year is no model ("the FY 2018"), nor an amount
    ("a SEK 500 million loan"), nor a code of cue list ``not_model_code`` (standards, bills, clinical scores,
    currencies: "the ISO 9001 standard").

    Examples
    --------
    >>> text = ("It rivals the GTX 1080 Ti and AMD EPYC 7601 chips; the ISO 9001 norm; PASI 100 scores; "
    ...         "the A320neo; a SEK 500 million loan.")
    >>> ms = [Mention(30, 33, "AMD", "Company", 0, "t", 0.9), Mention(14, 17, "GTX", "Organization", 0, "t", 0.5)]
    >>> [(m.text, m.type) for m in model_codes(text, ms, lambda c: 0)]
    [('GTX 1080 Ti', 'Product'), ('AMD EPYC 7601', 'Product'), ('A320neo', 'Product')]
    """
    out = sorted(mentions)
    stop = lexicon.cues("not_model_code", "any")
    for hit in _CODE.finditer(text):
        code, number = (hit.group(1), hit.group(2)) if hit.group(1) else (hit.group(3), hit.group(4))
        if code.lower() in stop or (len(number) == 4 and number[:2] in ("19", "20")):
            continue
        start, end = hit.span()
        maker = next((m for m in out if m.type in ("Company", "Organization") and m.end == start - 1
                      and text[m.end] == " "), None)
        if maker is None and _BEFORE_CODE.search(text, max(0, start - 8), start) is None:
            continue
        inside = [m for m in out if start <= m.start and m.end <= end and m.type in ("Company", "Organization")]
        if any(m.start < end and start < m.end for m in out if m is not maker and m not in inside):
            continue  # a name the NER or a gazetteer already gives ("FTSE 100", an index)
        start = maker.start if maker is not None else start
        out = [m for m in out if m is not maker and m not in inside]
        out.append(Mention(start, end, text[start:end], "Product", sentence_at(start), "kg.model", 0.8))
    return sorted(out)


_AFTER_CITY = re.compile(r",? ([A-Z]{2})(?![\w&])")


def state_codes(text: str, mentions: list[Mention], sentence_at) -> list[Mention]:
    """``mentions`` with the state or province code after a city ("Worcester, MA", "Toronto, ON") as a
    region mention (extractor ``kg.lexicon.places``); the small NER misses such codes or tags them organisations.

    Examples
    --------
    >>> text = "Halcyon is headquartered in Worcester, MA, and Orlando, FL."
    >>> ms = [Mention(28, 37, "Worcester", "City", 0, "t", 1.0), Mention(47, 54, "Orlando", "City", 0, "t", 1.0),
    ...       Mention(56, 58, "FL", "Organization", 0, "t", 0.6)]
    >>> [(m.text, m.type) for m in state_codes(text, ms, lambda c: 0)]
    [('Worcester', 'City'), ('MA', 'Region'), ('Orlando', 'City'), ('FL', 'Region')]
    >>> [(m.text, m.type) for m in state_codes("Based in Denver, CO.", [Mention(9, 19, "Denver, CO", "Company", 0, "t", 0.9)],
    ...                                         lambda c: 0)]   # one span from the NER: the city and its state
    [('Denver', 'City'), ('CO', 'Region')]
    """
    out = [part for m in mentions for part in _split_city_and_code(m, sentence_at)]
    mentions = list(out)
    for m in mentions:
        hit = _AFTER_CITY.match(text, m.end) if m.type == "City" else None
        if hit is None or places.state_name(hit.group(1)) is None:
            continue
        start, end = hit.span(1)
        region = Mention(start, end, hit.group(1), "Region", sentence_at(start), "kg.places", 0.8)
        same = [k for k, o in enumerate(out) if o.start == start and o.end == end]
        if same:
            out[same[0]] = region  # the code alone, tagged an organisation: it is the region
        elif not any(o.start < end and start < o.end for o in out):
            out.append(region)
    return sorted(out)


_CITY_AND_CODE = re.compile(r"(.+), ([A-Z]{2})")


def _split_city_and_code(m: Mention, sentence_at) -> list[Mention]:
    """One span "Denver, CO" (the small NER often tags it an organisation) as the city and its region."""
    hit = _CITY_AND_CODE.fullmatch(m.text)
    if hit is None or places.state_name(hit.group(2)) is None:
        return [m]
    place = places.lookup(hit.group(1))
    if place is None or place.kind != "City":
        return [m]
    city_end = m.start + len(hit.group(1))
    code_start = m.start + hit.start(2)
    return [Mention(m.start, city_end, hit.group(1), "City", m.sentence, "kg.places", 0.8),
            Mention(code_start, m.end, hit.group(2), "Region", sentence_at(code_start), "kg.places", 0.8)]


def attach_legal_forms(text: str, mentions: list[Mention], lang: str = "en") -> list[Mention]:
    """A legal form the NER tagged on its own ("Northgate Retail, LLC": "LLC") joins the name before it,
    which is then a company; with no name right before it, a bare "LLC" names nothing and goes.

    Examples
    --------
    >>> text = "Northgate Retailers, LLC hired Ann Lee of LLC partners."
    >>> ms = [Mention(0, 19, "Northgate Retailers", "Organization", 0, "t", 0.7),
    ...       Mention(21, 24, "LLC", "Organization", 0, "t", 0.6), Mention(31, 38, "Ann Lee", "Person", 0, "t", 0.9),
    ...       Mention(42, 45, "LLC", "Organization", 0, "t", 0.6)]
    >>> [(m.text, m.type) for m in attach_legal_forms(text, ms)]
    [('Northgate Retailers, LLC', 'Company'), ('Ann Lee', 'Person')]
    """
    suffixes = legal_forms(lang)
    out: list[Mention] = []
    for m in sorted(mentions):
        # a state code read as a region ("Denver, CO") is no legal form
        if m.text.lower().rstrip(".") not in suffixes or m.type not in ("Company", "Organization"):
            out.append(m)
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.type not in ("Person", "City") and re.fullmatch(r",? ?", text[prev.end:m.start]):
            out[-1] = prev._replace(end=m.end, text=text[prev.start:m.end], type="Company")
    return out
