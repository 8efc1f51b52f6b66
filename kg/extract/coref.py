"""Coreference that matters for facts: "the company", "la marque chinoise" -> the most recent salient
organisation; "he", "elle" -> the most recent person. Emitted as mentions with ``antecedent`` set.

Salience: within the same dated section and the last few sentences, an organisation that opens its
sentence or is its subject beats one merely named in passing ("Ceconomy, maison-mère de MediaMarkt
... le groupe" is Ceconomy).
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.dates import segments
from kg.extract.entities import sentence_at
from kg.nlp_cues import _word
from kg.types import Article, Mention, Sentence

ORG = ("Company", "Organization")
#: Nouns that stand for an organisation already named (a subset of the company cue nouns).
ANAPHORIC = {
    "en": {"company", "group", "firm", "brand", "giant", "maker", "manufacturer", "retailer", "start-up",
           "startup", "carmaker", "automaker", "chipmaker", "conglomerate", "corporation"},
    "fr": {"société", "entreprise", "groupe", "marque", "géant", "fabricant", "firme", "enseigne",
           "constructeur", "start-up", "startup", "retailer", "distributeur"},
}
DETERMINERS = {"the", "this", "le", "la", "l'", "l’", "ce", "cette", "cet"}
PRONOUNS = {"en": {"he", "she", "him", "his", "her", "himself", "herself"}, "fr": {"il", "elle"}}
#: Relative pronouns right after ", " refer to the name just before the comma.
RELATIVES = {"en": {"who": ("Person",), "which": ORG}, "fr": {"qui": ORG + ("Person",)}}
WINDOW = 4  # sentences
FR_NEUTER = {"il", "elle"}
_IMPERSONAL = {"y", "faut", "s'agit", "s’agit", "semble", "paraît", "pleut"}
#: A biography keeps talking about its person: pronouns look further back than noun phrases.
PERSON_WINDOW = 8


def _candidates(mentions: list[Mention], types: tuple[str, ...], before: int, sentence: int,
                segment: tuple[int, int]) -> list[tuple[int, Mention]]:
    window = PERSON_WINDOW if types == ("Person",) else WINDOW
    return [(i, m) for i, m in enumerate(mentions)
            if m.type in types and m.start < before and m.sentence >= sentence - window
            and segment[0] <= m.start < segment[1]]


def _personal(doc: Doc, tok) -> bool:
    """Not the impersonal "il" of "il y a", "il faut"."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is None or nxt.lower_ not in _IMPERSONAL


def _salient(doc: Doc, cands: list[tuple[int, Mention]], mentions: list[Mention]) -> int | None:
    if not cands:
        return None

    def topical(m: Mention) -> bool:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        first = min((x.start for x in mentions if x.sentence == m.sentence), default=m.start)
        return m.start == first or (span is not None and span.root.dep_.startswith("nsubj"))

    best = max(cands, key=lambda c: (topical(c[1]), c[1].start))
    i, m = best
    return m.antecedent if m.antecedent is not None else i


def coref_mentions(doc: Doc, article: Article, sents: tuple[Sentence, ...],
                   mentions: list[Mention]) -> list[Mention]:
    """Mentions for anaphoric noun phrases and pronouns, each with ``antecedent`` = index into ``mentions``.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> from kg.ingest import make_article
    >>> from kg.extract.entities import sentences, entity_mentions
    >>> *_, art = make_article("Airbus reported strong sales. The company opened a plant.", ident="a",
    ...                        source="a.txt", lang="en")
    >>> doc = get_pipeline("en")(art.text)
    >>> ss = sentences(doc, art); ms = entity_mentions(doc, art, ss)
    >>> [(m.text, ms[m.antecedent].text) for m in coref_mentions(doc, art, ss, ms)]
    [('The company', 'Airbus')]
    """
    lang = article.lang
    segs = segments(article)
    nouns, out = ANAPHORIC.get(lang, set()), []
    taken = [(m.start, m.end) for m in mentions]
    for tok in doc:
        low = tok.lower_
        found = None
        if low in PRONOUNS.get(lang, ()) and tok.pos_ in ("PRON", "DET"):
            found = (tok.idx, tok.idx + len(tok.text), ("Person",))
        elif low in RELATIVES.get(lang, {}) and tok.i > 1 and doc[tok.i - 1].text == ",":
            types = RELATIVES[lang][low]
            comma = doc[tok.i - 1].idx
            before = [i for i, m in enumerate(mentions) if m.end <= comma and comma - m.end <= 1
                      and m.type in types]
            if before:
                i = before[-1]
                ante = mentions[i].antecedent if mentions[i].antecedent is not None else i
                out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, mentions[ante].type,
                                   sentence_at(sents, tok.idx), "kg.coref", 0.75, ante))
                taken.append((tok.idx, tok.idx + len(tok.text)))
            continue
        elif _word(doc, tok) & nouns and tok.pos_ in ("NOUN", "PROPN", "X"):
            j = tok.i - 1
            while j >= 0 and tok.i - j <= 4 and doc[j].pos_ in ("ADJ", "NOUN") and doc[j].lower_ not in DETERMINERS:
                j -= 1
            if j < 0 or doc[j].lower_ not in DETERMINERS or doc[j].sent.start != tok.sent.start:
                continue
            end = tok.i + 1
            # Post-posed adjectives ("la marque chinoise") belong to the phrase when attached to it;
            # a French verb mis-tagged ADJ ("L'entreprise prévoit") has no gender.
            while end < len(doc) and end - tok.i < 4 and (
                    doc[end].text in "-‑" or doc[end - 1].text in "-‑"
                    or (doc[end].pos_ == "ADJ" and tok.i <= doc[end].head.i < end
                        and (lang == "en" or doc[end].morph.get("Gender")))):
                end += 1
            # "la société de consultance Nexxworks" introduces a name: not an anaphor.
            stop = end
            while stop < min(len(doc), tok.sent.end, end + 6) and doc[stop].pos_ not in ("VERB", "AUX", "PUNCT"):
                stop += 1
            lo, hi = doc[end - 1].idx, doc[stop - 1].idx + len(doc[stop - 1].text)
            if any(lo <= m.start < hi and m.type in ORG for m in mentions):
                continue
            found = (doc[j].idx, doc[end - 1].idx + len(doc[end - 1].text), ORG)
        if found is None:
            continue
        start, end, types = found
        if any(s < end and start < e for s, e in taken):
            continue
        sentence = sentence_at(sents, start)
        segment = next(((s, e) for s, e, _ in segs if s <= start < e), (0, len(article.text)))
        ante = _salient(doc, _candidates(mentions, types, start, sentence, segment), mentions + out)
        conf = 0.6 if types == ORG else 0.55
        if ante is None and low in FR_NEUTER and lang == "fr" and _personal(doc, tok):
            # French "il"/"elle" stands for masculine/feminine nouns, companies included ("le groupe
            # ... il prend une participation"): with no person around, the organisation just named.
            near = [c for c in _candidates(mentions, ORG, start, sentence, segment) if c[1].sentence >= sentence - 1]
            ante, conf = _salient(doc, near, mentions + out), 0.45
        if ante is None:
            continue
        out.append(Mention(start, end, article.text[start:end], mentions[ante].type, sentence,
                           "kg.coref", conf, ante))
        taken.append((start, end))
    return out
