"""Document-level type consistency: the ``kg_type_vote`` spaCy component of :mod:`kg.nlp.pipelines`.

The small models type the same name differently from one sentence to the next ("Xiaomi" PERSON, then
ORG). The vote gives every mention of a name the type that the model labels, the gazetteer and the
context cues agree on, weighted: a cue ("the Chinese tech giant X", "PDG de X", "X, une société")
outweighs a model label, a gazetteer entry outweighs a cue.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg import lexicon
from kg.lexicon import places, regions
from kg.nlp.cues import (_context_phrase, _orths, _phrase_matches, categories, _left_cue,
                         _makes_products, _name_cue, _product_cue, _object_cue, _right_cue, _site_owner_cue, model_end)
from kg.nlp.names import NAME_LABELS, keeps_name, name_key
from kg.nlp.town_region import REGION
from kg.nlp.locative import place_context
from kg.nlp.kinds import (airline_name, commune_name, group_name, index_short_form, launched, model_suffix,
                          numbered_model, owner_of_name, place_tail, product_after, product_noun, product_tail, quoted,
                          seat_compound, seated, sold_thing, unknown_place)

WEIGHTS = {"ner": 1.0, "gazetteer": 5.0, "cue": 3.0, "copula": 2.0, "place_gazetteer": 2.0,
           "locative": 1.0, "possessive": 1.0, "maker": 1.5,
           "launched": 4.0, "quoted": 1.5}


def _occurrences(doc: Doc, lang: str) -> list[tuple[Span, bool]]:
    """Every name span (model or gazetteer) plus every other occurrence of the same words."""
    ents = doc.ents  # spaCy rebuilds the tuple from every token on each access
    spans = [e for e in ents if e.label_ in NAME_LABELS and not e.ent_id_.startswith("category:")]
    # a person's surname alone names that person again ("Jane Roe ... Roe, 52, resigned"): the vote types it
    surnames = {e[-1].text for e in spans if NAME_LABELS[e.label_] == "PERSON" and len(e) > 1 and e[-1].is_title}
    phrases = [_orths(doc, text) for text in sorted({e.text for e in spans if e.text[:1].isupper()} | surnames)]
    taken = [(e.start, e.end) for e in ents]
    found = [(e, True) for e in spans]
    for start, end in _phrase_matches(doc, phrases):
        if any(s < end and start < e for s, e in taken) or model_suffix(doc, end):  # not "Xbox One" of "Xbox One X"
            continue
        span = Span(doc, start, end, label="MISC")
        if keeps_name(doc, span, lang):
            found.append((span, False))
            taken.append((start, end))
    return sorted(found, key=lambda f: f[0].start)


def _votes(doc: Doc, lang: str, occurrences: list[tuple[Span, bool]]):
    votes: dict[str, Counter] = defaultdict(Counter)
    company: set[str] = set()
    anchors: set[str] = set()  # names put where a place goes at least once (place_context)
    listed: set[str] = set()  # names the company gazetteer lists or that carry a legal form
    bare: dict[str, Counter] = defaultdict(Counter)  # the votes of the model's labels alone
    quotes: set[str] = set()
    for label, weight, is_company, text in doc._.kg_cues or []:
        key = name_key(text, lang)
        if label in ("ORG", "PERSON"):
            votes[key][label] += WEIGHTS[weight]
        else:
            votes[key]["STREET"] += 10
        if is_company:
            company.add(key)
    repeated = Counter(ent.text for ent, _ in occurrences)
    cats = categories(doc)
    for ent, from_model in occurrences:
        cat = NAME_LABELS.get(ent.label_)
        key = name_key(ent.text, lang)
        v = votes[key]
        suffixes = lexicon.cues("legal_suffix", lang)
        if ent.ent_id_ == "index" or index_short_form(doc, ent, lang):  # a market index: a product
            v["PRODUCT"] += WEIGHTS["gazetteer"]
        elif ent.ent_id_ == REGION:
            v["PLACE"] += WEIGHTS["gazetteer"]
        elif ent.ent_id_ == "gazetteer" or (len(ent) > 1 and ent[-1].lower_ in suffixes):
            v["ORG"] += WEIGHTS["gazetteer"]
            company.add(key)
            listed.add(key)
        elif (head := _name_cue(ent, lang)) is not None or group_name(ent, lang) or airline_name(ent, lang):
            v["ORG"] += WEIGHTS["cue"]
            if head is not False:
                company.add(key)
        elif from_model and cat != "MISC":
            # A one-word "person" named again and again, never with a first name, is usually a
            # brand the small models mistake for a surname: its PERSON votes count less.
            lone = cat == "PERSON" and len(ent) == 1 and repeated[ent.text] > 1
            if (cat == "PERSON" and (_model_name(ent) or sold_thing(doc, ent, lang))) or (
                    cat in ("PERSON", "ORG") and numbered_model(ent)):
                cat = "PRODUCT"
            v[cat] += WEIGHTS["ner"] * (0.3 if lone else 1.0)
            bare[key][cat] += WEIGHTS["ner"] * (0.3 if lone else 1.0)
            if lone:
                v["ORG"] += 0.7
                bare[key]["ORG"] += 0.7
        if ent.label_ == "FAC":
            v["FAC"] += WEIGHTS["cue"]
        left = _left_cue(doc, ent, lang)
        if left and left[0] == "PERSON" and _plural_title(doc, ent, lang):
            left = ("ORG", True)
        right = _right_cue(doc, ent, lang)
        place = places.lookup(ent.text)
        # a department or province put where a place goes ("basée en Isère"): company words before it
        # describe another name, as for a country
        region = place is None and ent.ent_id_ == "" and regions.is_region(ent.text) and place_context(doc, ent, lang)
        if (place is not None and place.kind != "City") or region:
            # "le premier constructeur de Chine", "the largest bank of Saudi Arabia, Kestrel Bank": the
            # company words around a country's name describe another name
            left, right = (None if c and c[0] == "ORG" else c for c in (left, right))
        if (seat := seat_compound(doc, ent)) is not None:  # "CEO of New York-based Lauren": a place, then a firm
            left, right = (None, None) if seat == "PLACE" else (left, right)
            v[seat] += WEIGHTS["cue"]
        for cue in (left and (*left, "cue"), right):
            if cue:
                v[cue[0]] += WEIGHTS[cue[2]]
                if cue[1]:
                    company.add(key)
        if place is not None and ent.ent_id_ != "gazetteer":
            anchored = place_context(doc, ent, lang)
            if anchored:
                anchors.add(key)
            # a small town or an alternate name only counts where the text puts a place
            if anchored or places.is_strong(ent.text):
                v["PLACE"] += WEIGHTS["place_gazetteer"] + (WEIGHTS["locative"] if anchored else 0.0)
        elif region:
            anchors.add(key)
            v["PLACE"] += WEIGHTS["place_gazetteer"] + WEIGHTS["locative"]
        elif cat == "PLACE" and place_context(doc, ent, lang):
            anchors.add(key)  # read as a place and put where one goes: a small town if the towns list it
        elif commune_name(ent) and place_context(doc, ent, lang):
            v["PLACE"] += WEIGHTS["cue"]
        if _context_phrase(doc, ent, "facility_noun", lang):
            v["FAC"] += WEIGHTS["cue"]
        if (tail := place_tail(ent, lang)) is not None:
            v[tail] += 10 if tail == "STREET" else WEIGHTS["cue"]
        if _object_cue(doc, ent, lang) or _site_owner_cue(ent, lang):
            v["ORG"] += WEIGHTS["copula"]
            company.add(key)
        if (_product_cue(doc, ent, cats) or product_noun(doc, ent, lang) or product_tail(ent, lang)
                or product_after(doc, ent, lang)) \
                and ent.ent_id_ != "gazetteer":
            v["PRODUCT"] += WEIGHTS["cue"]
        if ent.ent_id_ != "gazetteer" and key not in quotes and quoted(doc, ent, lang):
            quotes.add(key)  # once a name: "the “Apple” name" and a quoted statement are quotes too
            v["PRODUCT"] += WEIGHTS["quoted"]
        if ent.ent_id_ != "gazetteer" and launched(doc, ent, lang):
            v["PRODUCT"] += WEIGHTS["launched"]
        if ent.root.dep_.startswith("nsubj") and _makes_products(doc, ent, cats):
            v["ORG"] += WEIGHTS["maker"]
            company.add(key)
        if lang == "en" and ent.root.dep_.startswith("nsubj") and any(
                t.lower_ == "its" for t in doc[ent.end: ent.sent.end]):
            v["ORG"] += WEIGHTS["possessive"]
        if cat == "PLACE" and place is None and ent.root.head.dep_ == "agent":
            # "estimates compiled by Bloomberg", "sources cited by X": the one who does a passive verb's
            # deed is no place, and no gazetteer says this name is one
            v["ORG"] += WEIGHTS["cue"]
        if cat == "PLACE" and place is None and lang == "en" and owner_of_name(doc, ent):
            v["ORG"] += WEIGHTS["cue"]
        if cat == "PLACE" and place is None and seated(doc, ent, lang):
            v["ORG"] += WEIGHTS["cue"]  # "DuPont basé à Wilmington": a place is not based anywhere
    # Multi-word persons make their one-word forms persons ("Musk" after "Elon Musk"); their surname
    # alone is that person, never the town or the firm that happens to bear it.
    for key in list(votes):
        if len(key.split()) > 1 and votes[key] and _winner(votes[key])[0] == "PERSON":
            words = key.split()
            last = words[-1]
            # the model read the surname alone as a person at least once ("Wozniak" among "Wozniak"
            # tagged ORG), or never as an organisation (a town, "Taylor"); a listed company ("Michael
            # Dell ... Dell") and a name only ever read as one ("Apple" after a stray "Greedy Apple") stay
            surname = last in votes and last not in listed and (votes[last]["PERSON"] > 0 or not votes[last]["ORG"])
            for word in words:
                if word in votes and "PERSON" in votes[word]:
                    votes[word]["PERSON"] += 2
            if surname:
                votes[last] = Counter({"PERSON": sum(votes[last].values()) + 2})
                bare.pop(last, None)
                anchors.discard(last)
                company.discard(last)
    return votes, company, anchors, bare


_PRIORITY = ("ORG", "PERSON", "PLACE", "FAC", "PRODUCT")
#: a regnal number ("Henry VIII", "Elizabeth II", "John XXIII"); "XL", "LX", "MD" after a name are model codes
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")


def _model_name(ent: Span) -> bool:
    """A "person" whose name goes on with a number or a capitals code ("Xbox One", "Radeon RX Vega",
    "Galaxy S9") is a model name: people's names hold neither (a regnal "II" is Roman)."""
    if ent.text.isupper():
        return False
    return any(t.like_num or (t.is_upper and t.is_alpha and len(t) > 1 and not _ROMAN.fullmatch(t.text))
               or (any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text)) for t in ent[1:])



def _plural_title(doc: Doc, ent: Span, lang: str) -> bool:
    """A plural title right before a name ("analysts Wedbush", "les analystes Oddo") names the firm
    they work for: one person is not "analysts"."""
    if ent.start == 0:
        return False
    tok = doc[ent.start - 1]
    # "founders Ann Lee and Bo Chen": each name of a list of people is one of them
    people = ent.label_ in ("PERSON", "PER") and any(
        t.ent_type_ in ("PERSON", "PER") for t in ent.root.children if t.dep_ == "conj")
    return ("Plur" in tok.morph.get("Number") and tok.lemma_.lower() in lexicon.cues("title", lang)
            and tok.lower_ != tok.lemma_.lower() and not people)
def _winner(counter: Counter) -> tuple[str | None, float]:
    scored = [(counter[c], -_PRIORITY.index(c), c) for c in _PRIORITY if counter[c] > 0]
    if not scored:
        return None, 0.0
    best = max(scored)
    return best[2], best[0] / sum(counter[c] for c in _PRIORITY)


def _typed_winner(counter: Counter, bare: Counter | None) -> tuple[str | None, float]:
    """The winner of the votes, unless it won on the model's labels alone while the text types the name
    otherwise (a cue of :data:`WEIGHTS` "cue" or more: "the anti-inflammatory drug Zephyr" among eight
    mentions read as an organisation): one model repeating its reading of one name is one reading, and
    what the text says of the name outweighs it."""
    best, share = _winner(counter)
    # a person's name keeps the model's reading: the cues around one ("la rédaction de la chaîne, Jean
    # Dupont") are the ones most often another name's
    if best in (None, "PERSON") or not bare or counter[best] > bare[best] + 1e-9:
        return best, share
    typed = Counter({c: counter[c] - bare[c] for c in _PRIORITY if c != best and counter[c] - bare[c] > 1e-9})
    other, _ = _winner(typed)
    if other is None or typed[other] < WEIGHTS["cue"]:
        return best, share
    return other, typed[other] / sum(counter[c] for c in _PRIORITY)


def ontology_type(category: str, text: str, *, company: bool, street: bool, anchored: bool = True) -> str:
    """Map a voted category to the most specific ontology class (``kg.types.ENTITY_TYPES``).

    Examples
    --------
    >>> ontology_type("PLACE", "Espagne", company=False, street=False)
    'Country'
    >>> ontology_type("PLACE", "Monsanto", company=False, street=False, anchored=False)
    'Place'
    """
    if category == "ORG":
        return "Company" if company else "Organization"
    if category == "PERSON":
        return "Person"
    if category == "PRODUCT":
        return "Product"
    if category == "FAC":
        return "Place" if street else "Facility"
    # a town too small to be a place by name alone is one where the text has already made it a place
    place = places.lookup(text, strict=not anchored, towns=anchored)
    return place.kind if place else "Place"



def _article_long(doc: Doc) -> bool:
    """Three sentences or more: enough text for "nowhere put as a place" to say something (a lone
    sentence or caption seldom says where a place is)."""
    return sum(1 for _, _ in zip(doc.sents, range(3))) >= 3


_SPACY_LABEL = {"ORG": "ORG", "PERSON": "PERSON", "PLACE": "GPE", "FAC": "FAC", "PRODUCT": "PRODUCT"}


@Language.component("kg_type_vote")
def type_vote(doc: Doc) -> Doc:
    """Give every mention of a name the voted type; add unlabelled occurrences of decided names.

    ``doc._.kg_types`` maps ``(start_char, end_char)`` to ``(ontology type, confidence, extractor)``.
    """
    lang = doc.lang_
    occurrences = _occurrences(doc, lang)
    votes, company, anchors, bare = _votes(doc, lang, occurrences)
    decided: dict[str, tuple[str | None, float]] = {k: _typed_winner(v, bare.get(k)) for k, v in votes.items()}
    street = {k for k, v in votes.items() if v["STREET"]}
    # "X France" / "X Belgique": a subsidiary takes its parent's organisation type.
    for key in list(decided):
        words = key.split()
        if len(words) > 1:
            tail = places.lookup(words[-1])
            base = " ".join(words[:-1])
            if tail and tail.kind == "Country" and decided.get(base, (None,))[0] == "ORG":
                decided[key] = ("ORG", max(decided[key][1], decided[base][1]))
                if base in company:
                    company.add(key)
    # "Newmont" beside "Newmont Mining": an unknown one-word "place", or a "person" only the model read so
    # and no full name of the text ends with, opening an organisation's name of the same text is that
    # organisation's short name
    heads = {k.split()[0]: k for k in sorted(decided) if " " in k and decided[k][0] == "ORG"}
    # and so does a longer name opening a company's ("Kinder Morgan" beside "Kinder Morgan Canada Limited")
    heads |= {" ".join(k.split()[:n]): k for k in sorted(company & set(decided)) if decided[k][0] == "ORG"
              for n in range(2, len(k.split()))}
    surnames = {k.split()[-1] for k in decided if " " in k and decided[k][0] == "PERSON"}
    for key, (cat, conf) in list(decided.items()):
        if key in heads and ((cat == "PLACE" and places.lookup(key, towns=True) is None) or (
                cat == "PERSON" and key not in surnames and votes[key]["PERSON"] <= bare[key]["PERSON"] + 1e-9)):
            decided[key] = ("ORG", conf)
            if heads[key] in company:
                company.add(key)
    ents, types = [], {}
    for ent in doc.ents:
        if ent.ent_id_.startswith("category:"):  # product categories are typed by the gazetteer
            ents.append(ent)
            types[(ent.start_char, ent.end_char)] = ("Product", 0.9, "kg.gazetteer")
        elif ent.label_ not in NAME_LABELS:
            ents.append(ent)
    for ent, from_model in occurrences:
        key = name_key(ent.text, lang)
        cat, conf = ("FAC", 0.9) if key in street else decided.get(key, (None, 0.0))
        if cat is None:
            continue
        if cat == "PLACE" and lang == "fr" and key not in anchors and unknown_place(ent) and _article_long(doc):
            cat = "ORG"
        end = model_end(doc, ent) if cat == "PRODUCT" else ent.end  # "Pixel" + " 9 Pro"
        span = Span(doc, ent.start, end, label=_SPACY_LABEL[cat], span_id=ent.id_)
        ents.append(span)
        extractor = ("kg.gazetteer" if ent.ent_id_ else
                     "spacy.ner" if from_model and NAME_LABELS[ent.label_] == cat else "kg.type_vote")
        conf = min(0.95, 0.5 + conf / 2) if from_model else min(0.9, 0.45 + conf / 2)
        types[(span.start_char, span.end_char)] = (
            ontology_type(cat, span.text, company=key in company, street=key in street, anchored=key in anchors),
            round(conf, 3), extractor)
    doc.ents = filter_spans(ents)
    final = {(e.start_char, e.end_char) for e in doc.ents}
    doc._.kg_types = {k: v for k, v in types.items() if k in final}
    return doc
