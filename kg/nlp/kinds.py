"""What a name's own words, or the words right before it, say about its kind where the small models'
labels are least reliable (model numbers, kinds of products, unknown French "locations"); the type vote
of :mod:`kg.nlp.types` weighs them.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.lexicon import places, regions
from kg.nlp.cues import doc_text
from kg.nlp.town_region import REGION


def product_noun(doc: Doc, ent: Span, lang: str) -> bool:
    """A kind of product right before the name ("the eczema drug, Dupixent"; cue list ``product_noun``),
    the name not the subject of a verb ("the drug Acme sells" names its maker)."""
    if ent.root.dep_.startswith("nsubj"):
        return False
    before = re.sub(r"[\s,«“\"'‘(]+$", "", doc_text(doc)[ent.sent.start_char: ent.start_char].lower())
    return any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalpha())
               for w in lexicon.cues("product_noun", lang))


def numbered_model(ent: Span) -> bool:
    """A name opened by a model number of three digits or more ("787 Dreamliner", "737 MAX"): an aircraft
    or a product line, which the small models read as an organisation."""
    return len(ent) > 1 and ent[0].text.isdigit() and len(ent[0].text) >= 3 and ent[1].text[:1].isupper()


def index_short_form(doc: Doc, ent: Span, lang: str) -> bool:
    """A short index name that also names a company, read as the index after "the" or before an index word
    ("the Dow has gained 6%", "Dow components"); "Dow said" or "Dow Chemical" are not."""
    if ent.text not in lexicon.index_short_forms():
        return False
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end] if ent.end < len(doc) else None
    return before == "the" or (after is not None and after.lower_ in lexicon.cues("index_noun", lang))


def sold_thing(doc: Doc, ent: Span, lang: str) -> bool:
    """A name modifying a noun of sales right after it ("better Orbit Console sales", "X shipments"): what
    is sold, a product, when the small model read it as a person (people are not sold; a company's
    sales, "Acme sales", keep its organisation label)."""
    return (ent.label_ in ("PERSON", "PER") and ent.end < ent.sent.end and ent.root.head.i == ent.end
            and doc[ent.end].lower_ in lexicon.cues("sales_noun", lang))


def unknown_place(ent: Span) -> bool:
    """No gazetteer, not even the small towns' or the regions', knows the one-word name as a place.

    The French small model labels most unknown capitalised names a location ("Hulu", "Petroplus",
    "LaLiga"); read as a place where no text puts it where a place goes (no preposition, dateline or
    apposition: :func:`kg.nlp.locative.place_context`) and no gazetteer knows it, such a name is far more often a
    company or a body than a place, and is typed an organisation. Names of several words, hyphens or
    particles ("Asie du Sud-Est", "Gonfreville-l'Orcher", "Mar-a-Lago") are place-like and stay places.
    """
    return (len(ent) == 1 and ent[0].is_alpha and ent.ent_id_ not in ("gazetteer", REGION)
            and places.lookup(ent.text, towns=True) is None and not regions.is_region(ent.text))


#: street words English abbreviates after the name ("Waveland Ave.")
_STREET_ABBREVIATIONS = frozenset({"ave", "st", "blvd", "rd"})


def place_tail(ent: Span, lang: str) -> str | None:
    """``"STREET"`` or ``"FAC"`` when the name's last word says it is a street ("Waveland Ave", "Elm
    Street"; English only: French writes the street word first, "rue de Rivoli", which
    :mod:`kg.nlp.names` reads) or a facility written in lower case ("Louis airport", cut from "St. Louis airport"), else None.
    A capitalised facility word stays part of an organisation's name ("Jacobs Medical Center" may be the
    hospital or its operator)."""
    if len(ent) < 2:
        return None
    last = ent[-1].lower_.rstrip(".")
    if lang == "en" and (last in lexicon.cues("street", lang) or last in _STREET_ABBREVIATIONS):
        return "STREET"
    if ent[-1].text.islower() and last in lexicon.cues("facility_noun", lang):
        return "FAC"
    return None


def seated(doc: Doc, ent: Span, lang: str) -> bool:
    """The name is followed by a seat participle and a place preposition: "X basé à", "X, based in"."""
    i = ent.end + (ent.end < len(doc) and doc[ent.end].text == ",")
    return (i + 1 < ent.sent.end and doc[i].lower_ in lexicon.cues("seat_participle", lang)
            and doc[i + 1].lower_ in lexicon.cues("locative", lang))


#: the participle of an English compound adjective of place ("New York-based", "Paris-headquartered")
_SEATED = frozenset({"based", "headquartered"})


def seat_compound(doc: Doc, ent: Span) -> str | None:
    """``"PLACE"`` for the name that opens a compound of place ("New York-based Lauren": New York, which a
    title before it, "CEO of", does not make a company), ``"ORG"`` for the name that follows one (Lauren:
    what is based somewhere is a firm, not a place), else None.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("CEO of Chicago-based Lauren")
    >>> seat_compound(doc, doc[2:3]), seat_compound(doc, doc[5:6]), seat_compound(doc, doc[0:1])
    ('PLACE', 'ORG', None)
    >>> doc = spacy.blank("en")("Intel-based Macs")
    >>> seat_compound(doc, doc[0:1]), seat_compound(doc, doc[3:4])
    (None, None)
    """
    after = doc[ent.end: ent.end + 2]
    if len(after) == 2 and after[0].text in "-‑" and after[1].lower_ in _SEATED:
        return "PLACE" if places.lookup(ent.text) is not None else None  # not "Intel-based Macs"
    before = doc[max(0, ent.start - 2): ent.start]
    if len(before) == 2 and before[0].text in "-‑" and before[1].lower_ in _SEATED:
        # the words before the hyphen name a place: "San Francisco-based X", not "Intel-based X"
        words = [tok.text for tok in doc[max(0, ent.start - 5): ent.start - 2]]
        if any(places.lookup(" ".join(words[i:])) is not None for i in range(len(words))):
            return "ORG"
    return None


def group_name(ent: Span, lang: str) -> bool:
    """A name of several words that ends in a title-case group word ("Endemol Shine Group", "Walt Disney
    Company"): an organisation's name; no person's name ends so, whatever the small model read."""
    return len(ent) > 1 and ent[-1].is_title and ent[-1].lower_ in lexicon.cues("group_word", lang)


def airline_name(ent: Span, lang: str) -> bool:
    """"Air Berlin": "Air" and a place name (cue list ``carrier_opening``) name an airline, not a person or a place."""
    return len(ent) > 1 and ent[0].text in lexicon.cues("carrier_opening", lang) and bool(places.lookup(ent[1:].text))


def product_tail(ent: Span, lang: str) -> bool:
    """A name whose last word is a kind of product in the singular ("Tez App", "Orbit Console"): the
    product, not its maker (a company names itself in the plural or by its trade: "Acme Software" is in
    ``company_head``)."""
    if len(ent) < 2 or not ent[-1].is_alpha:
        return False
    last = ent[-1].lower_
    return (last in lexicon.cues("product_noun", lang) and not last.endswith("s")
            and last not in lexicon.cues("company_head", lang))


def launched(doc: Doc, ent: Span, lang: str) -> bool:
    """What a launch verb launches ("Acme launched Orbit", "Orbit was unveiled", "dévoile Orbit") or a
    launch noun names ("the launch of Orbit", "le lancement de Orbit"): a product, a service, a game (cue
    lists ``launch_verb``, ``launch_noun``). People are appointed, not launched."""
    root = ent.root
    verbs = lexicon.cues("launch_verb", lang)
    if root.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass") and root.head.pos_ == "VERB" and (
            root.head.lemma_.lower() in verbs or root.head.lower_ in verbs):
        return True
    before = doc_text(doc)[ent.sent.start_char: ent.start_char].lower().rstrip()
    before = re.sub(r"\s*(?:\b(?:the|la|le|les)|l['’])$", "", before)
    before, linked = re.subn(r"\s*(?:\b(?:of|de|du|des)|d['’])$", "", before)
    return bool(linked) and any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalpha())
               for w in lexicon.cues("launch_noun", lang))


def owner_of_name(doc: Doc, ent: Span) -> bool:
    """An English name in the possessive before another name ("Dish's Sling TV") that no gazetteer, not
    even the small towns' or the regions', knows as a place: the owner of a brand, not a town ("China's
    Huawei" and "Ohio's Kroger" are known places and stay)."""
    i = ent.end
    if i + 2 < ent.sent.end and doc[i].text in ("'", "’") and doc[i + 1].lower_ == "s":
        i += 1  # a text tokenised with spaces: "Dish ' s Sling TV"
    return (i + 1 < ent.sent.end and doc[i].lower_ in ("'s", "’s", "'", "s") and doc[i + 1].text[:1].isupper()
            and doc[i + 1].pos_ == "PROPN" and places.lookup(ent.text, towns=True) is None
            and not regions.is_region(ent.text))


def product_after(doc: Doc, ent: Span, lang: str) -> bool:
    """A kind of product right after the name, the name its modifier ("the Orbit engine production", "its
    Zephyr app"; not "the Acme drug Zephyr", where the product noun introduces another name), or in
    apposition ("Orbit, a new engine from Acme"). A person's full name before a product noun is the
    product's maker or subject ("a Gore Vidal movie")."""
    if ent.label_ in ("PERSON", "PER") and len(ent) > 1:
        return False  # "a Gore Vidal movie" is about or by the person
    nouns = lexicon.cues("product_noun", lang)
    end = ent.sent.end
    i = ent.end
    # "the ORBIT engine production ramp": the parser may hang both words on the last noun
    maker = lexicon.cues("company_noun", lang) | lexicon.cues("unit_noun", lang) | lexicon.cues("market_noun", lang)
    modifies = i < end and (ent.root.head.i == i or (ent.root.dep_ == doc[i].dep_ == "compound" and ent.root.head.i > i
                                                     and ent.root.head.lemma_.lower() not in maker))  # "the Acme chip unit"
    if i < end and doc[i].lower_ in nouns and modifies and ent.start > 0 \
            and doc[ent.start - 1].pos_ in ("DET", "PRON") and not (i + 1 < end and doc[i + 1].pos_ == "PROPN"):
        return True
    if i < end and doc[i].is_lower and doc[i].lower_ in lexicon.cues("offering_noun", lang) and modifies \
            and _owned(doc, ent):
        return True  # "its selective Orbit initiative", "the company's Orbit platform"
    if i + 1 < end and doc[i].text == ",":
        # "Zephyr, a diabetes drug", "Zephyr, its type 2 diabetes blockbuster drug": modifiers before the noun
        for tok in doc[i + 1: min(end, i + 8)]:
            if tok.lower_ in nouns or tok.lemma_.lower() in nouns:
                return tok.dep_ != "compound"  # "Orbit, the engine maker" is the maker
            if tok.pos_ not in ("DET", "ADJ", "NUM", "NOUN") and not (tok.pos_ == "PRON" and tok.dep_ == "poss") \
                    and tok.dep_ not in ("compound", "amod", "nmod", "nummod"):
                return False
    return False


def _owned(doc: Doc, ent: Span) -> bool:
    """A possessive before the name, adjectives between: "its (new) X", "the company's X", "leur X"."""
    j = ent.start - 1
    while j > ent.sent.start and doc[j].pos_ == "ADJ":
        j -= 1
    return j >= ent.sent.start and ((doc[j].pos_ in ("PRON", "DET") and "Yes" in doc[j].morph.get("Poss"))
                                    or doc[j].lower_ in ("'s", "’s", "its", "their")
                                    or (doc[j].lower_ == "s" and doc[j - 1].text in ("'", "’")))  # "company ' s"


def numbered_trip(doc: Doc, span: Span, lang: str) -> bool:
    """A flight or a train by its number ("United Express Flight 3411", "le vol 574"): a trip, neither
    the airline nor a product."""
    vehicles = lexicon.cues("vehicle_noun", lang)
    return any(t.lower_ in vehicles and i + 1 < span.end and doc[i + 1].like_num
               for i, t in zip(range(span.start, span.end), span))


def spelled_before(doc: Doc, span: Span) -> bool:
    """Capitals that abbreviate the lower-case words right before them ("chronic lymphocytic leukemia CLL",
    "per gigabyte GB"): the abbreviation of a common noun, no name.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("It treats chronic lymphocytic leukemia CLL and sells data at $1 per gigabyte GB to GM.")
    >>> [spelled_before(doc, doc[i: i + 1]) for i in (5, 14, 16)]
    [True, True, False]
    """
    text = span.text
    if not (text.isalpha() and text.isupper() and 2 <= len(text) <= 5) or span.start == 0:
        return False
    letters = text.lower()
    before = doc[max(span.sent.start, span.start - len(letters)): span.start]
    if len(before) == len(letters) and all(t.is_lower and t.is_alpha for t in before) \
            and "".join(t.text[0] for t in before) == letters:
        return True
    if _initials_in(letters, [t for t in doc[max(span.sent.start, span.start - 3): span.start]]):
        return True
    one = doc[span.start - 1]
    return one.is_lower and one.is_alpha and one.text[0] == letters[0] and len(one) > len(letters) \
        and bool(re.fullmatch(".*".join(map(re.escape, letters)) + ".*", one.text))


def abbreviation(doc: Doc, span: Span) -> bool:
    """Capitals that some occurrence in the document abbreviates the lower-case words right before
    (:func:`spelled_before`): "relapsing multiple sclerosis RMS" makes every later "in RMS" the disease."""
    text = span.text
    if not (text.isalpha() and text.isupper() and 2 <= len(text) <= 5):
        return False
    for hit in re.finditer(rf"(?<!\w){text}(?!\w)", doc_text(doc)):
        other = doc.char_span(hit.start(), hit.end())
        if other is not None and spelled_before(doc, other):
            return True
    return False


def code_word(doc: Doc, span: Span, lang: str) -> bool:
    """A lone code of capitals and digits modifying the lower-case noun or hyphen after it ("S2 support",
    "JAK1 inhibitor", "JAK1 - selective"), no determiner before it: a technical code or a level, no name
    ("the X5 phone", "le S9" name a model, "TF1 a annoncé" a channel; "3M", opened by a digit, a company)."""
    text = span.text
    if len(span) != 1 or not re.fullmatch(r"[A-Z]{1,4}\d{1,2}", text):  # "A320", "737": model numbers
        return False
    if span.start > 0 and doc[span.start - 1].pos_ == "DET" or span.end >= len(doc):
        return False
    nxt = doc[span.end]  # the code modifies what follows: "S2 support", "JAK1 - selective" ("TF1 a annoncé" names)
    return (nxt.text in "-‑" or (nxt.is_lower and nxt.pos_ == "NOUN")) and nxt.lower_ not in (
        lexicon.cues("product_noun", lang) | lexicon.cues("sales_noun", lang))


#: quotation marks that open / close a title ("` Orbit '", "« Orbit »", "“Orbit”")
_OPENING, _CLOSING = ("``", "`", "“", "«", '"', "‘"), ("''", "'", "”", "»", '"', "’")


def quoted(doc: Doc, ent: Span, lang: str) -> bool:
    """A name wrapped whole in quotation marks ("names like “Fruit Loops”", "the codename ` Orbit '"): a
    title, a brand or a codename that the text quotes, not a company or a person it reports on (a
    possessive "Orbit ' s" is no closing mark, nor is a name quoted as a word, "the “Orbit” name"). English only."""
    if lang != "en":
        return False  # French quotes the names of newspapers and channels too: « Le Monde »
    text = doc_text(doc)
    before = text[max(0, ent.start_char - 3): ent.start_char].rstrip()
    after = text[ent.end_char: ent.end_char + 6].lstrip()
    return (before.endswith(_OPENING) and after.startswith(_CLOSING)
            and not re.match(r"['’]\s*s\b", after) and not before.endswith(tuple(c + c for c in "'’"))
            and not re.match(r"\s*[^\w\s]+\s*(?:name|names|brand|trademark)\b", text[ent.end_char: ent.end_char + 24]))


def _initials_in(letters: str, before: list) -> bool:
    """The capitals abbreviate the last two or three lower-case words before them, letters taken beyond
    the initials ("emerging market EEM"): every word's initial among them in order, the first letter the
    first word's, and all of them in order in the words."""
    for k in range(len(before) - 1):
        words = [t.text for t in before[k:]]
        if not all(t.is_lower and t.is_alpha for t in before[k:]) or words[0][0] != letters[0]:
            continue
        initials = iter(letters)
        joined = iter("".join(words))
        if all(c in initials for c in (w[0] for w in words)) and all(c in joined for c in letters):
            return True
    return False


_COMMUNE = re.compile(r"\w-(?:sur|sous|en|lès|les|le|la|de|du|des|aux|upon|on)-\w", re.I)


def commune_name(ent: Span) -> bool:
    """A name whose words a hyphenated particle joins ("Villebon-sur-Yvette", "Stratford-upon-Avon",
    "Saint-Rémy-de-Provence"): the shape of a town's name, which no gazetteer of large places lists."""
    return bool(_COMMUNE.search(ent.text))


def model_suffix(doc: Doc, end: int) -> bool:
    """The token at ``end`` goes on with the name before it as a model's letter or number ("Xbox One X",
    "iPhone 8", "Galaxy S9"): a name found again in the text there is another, longer name.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("The Xbox One X and the Xbox One in 2017")
    >>> model_suffix(doc, 3), model_suffix(doc, 8), model_suffix(doc, 10)
    (True, False, False)
    """
    if end >= len(doc) or not doc[end - 1].whitespace_:
        return False
    tok = doc[end].text
    return bool(re.fullmatch(r"[A-Z]{1,2}|\d{1,2}|[A-Z]{1,2}\d{1,2}|\d{1,2}[A-Z]{1,2}", tok))
