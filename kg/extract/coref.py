"""Coreference that matters for facts: "the company", "la marque chinoise" -> the most recent salient
organisation; "he", "elle" -> the most recent person. Emitted as mentions with ``antecedent`` set;
a pronoun with no antecedent in the text becomes an ``UNRESOLVED`` mention (see :data:`kg.types.UNRESOLVED`).

Salience: within the same dated section and the last few sentences, an organisation that opens its
sentence or is its subject beats one merely named in passing ("Ceconomy, maison-mère de MediaMarkt
... le groupe" is Ceconomy).
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc

from kg.ingest.article import segments
from kg.extract.company_they import COMPANY_THEY, company_they, product_its
from kg.extract.entities import sentence_at
from kg.nlp.cues import _word
from kg.types import ORG_TYPES, UNRESOLVED, Article, Mention, Sentence

ORG = ORG_TYPES
PLACES = ("Place", "Country", "City", "Region", "Facility")
#: Nouns that stand for an organisation already named: company cue nouns, and nouns for one kind of company
#: ("the carrier", "the drugmaker") kept out of those cues, which would also retype the names next to them.
ANAPHORIC = {
    "en": {"company", "group", "firm", "brand", "giant", "maker", "manufacturer", "retailer", "start-up",
           "startup", "carmaker", "automaker", "chipmaker", "conglomerate", "corporation", "carrier", "airline",
           "drugmaker", "insurer"},
    "fr": {"société", "entreprise", "groupe", "marque", "géant", "fabricant", "firme", "enseigne",
           "constructeur", "start-up", "startup", "retailer", "distributeur"},
}
DETERMINERS = {"the", "this", "le", "la", "l'", "l’", "ce", "cette", "cet"}
PRONOUNS = {"en": {"he", "she", "him", "his", "her", "himself", "herself"}, "fr": {"il", "elle"}}
#: Pronouns that stand for an organisation: "its" and "it" for the company just named, "we"/"our"
#: for the company speaking (a press release, a quoted executive).
ORG_PRONOUNS = {"en": {"its", "it", "itself", "we", "our", "us"}}
#: First-person pronouns of a biography or a founder's page ("I set up ... in 2010"): the writer, who
#: is rarely named in the text, so they are never resolved to a name (only read as unresolved slots).
FIRST_PERSON = {"en": {"i", "me", "my", "myself"}}
#: Relative pronouns right after ", " refer to the name just before the comma, and so does a
#: reflexive in apposition ("X, itself a unit of Y").
RELATIVES = {"en": {"who": ("Person",), "which": ORG, "itself": ORG, "himself": ("Person",), "herself": ("Person",)},
             "fr": {"qui": ORG + ("Person",)}}
#: Relative pronouns resolved through the parse: the noun their clause modifies ("relcl" head), with
#: the entity types each may stand for.
PARSED_RELATIVES = {
    "en": {"who": ("Person",), "whom": ("Person",), "whose": ("Person",) + ORG, "which": ORG,
           "that": ORG, "where": ORG},
    "fr": {"qui": ORG + ("Person",), "dont": ORG + ("Person",), "lequel": ORG, "laquelle": ORG,
           "où": ORG + PLACES},
}
#: Relative pronouns whose noun is no name still fill a relation's slot (as unresolved mentions).
UNRESOLVED_RELATIVES = {"en": {"who": "Person", "which": "Organization", "that": "Organization"}}
WINDOW = 4  # sentences
FR_NEUTER = {"il", "elle"}
_IMPERSONAL = {"y", "faut", "s'agit", "s’agit", "semble", "paraît", "pleut"}
#: A biography keeps talking about its person: pronouns look further back than noun phrases.
PERSON_WINDOW = 8


class _Index:
    """Lookups of the mentions by sentence, end and position, so that each anaphor looks at its own
    neighbourhood instead of every mention of the article (a long article would be quadratic)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.named = len(mentions)
        self.by_sentence: dict[int, list[int]] = {}  # named mentions, then ``out`` (offset by ``named``)
        self.first: dict[int, int] = {}  # sentence -> first mention start, ``out`` included
        self.by_end: dict[int, list[int]] = {}
        self.org_starts = sorted(m.start for m in mentions if m.type in ORG)
        self.taken: dict[int, list[tuple[int, int]]] = {}
        self.longest = 0
        for i, m in enumerate(mentions):
            self.add(i, m)
            self.by_end.setdefault(m.end, []).append(i)

    def add(self, i: int, m: Mention) -> None:
        """Index mention ``i``; its span is taken: no later anaphor may overlap it."""
        self.by_sentence.setdefault(m.sentence, []).append(i)
        self.first[m.sentence] = min(self.first.get(m.sentence, m.start), m.start)
        self.taken.setdefault(m.start // _BUCKET, []).append((m.start, m.end))
        self.longest = max(self.longest, m.end - m.start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for b in range((start - self.longest) // _BUCKET, end // _BUCKET + 1)
                   for s, e in self.taken.get(b, ()))

    def org_between(self, lo: int, hi: int) -> bool:
        k = bisect.bisect_left(self.org_starts, lo)
        return k < len(self.org_starts) and self.org_starts[k] < hi

    def candidates(self, mentions: list[Mention], types: tuple[str, ...], before: int, sentence: int,
                   segment: tuple[int, int], *, out: bool = False) -> list[tuple[int, Mention]]:
        """Earlier mentions of ``types`` in the window of sentences before ``sentence`` (a mention's
        sentence is that of its start, so no later sentence holds one starting before ``before``)."""
        window = PERSON_WINDOW if types == ("Person",) else WINDOW
        ids = sorted(i for s in range(sentence - window, sentence + 1) for i in self.by_sentence.get(s, ())
                     if (i >= self.named) == out)
        shift = self.named if out else 0
        return [(i - shift, mentions[i - shift]) for i in ids
                if mentions[i - shift].type in types and mentions[i - shift].start < before
                and segment[0] <= mentions[i - shift].start < segment[1]]


_BUCKET = 256


def _personal(doc: Doc, tok) -> bool:
    """Not the impersonal "il" of "il y a", "il faut"."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is None or nxt.lower_ not in _IMPERSONAL


def _salient(doc: Doc, cands: list[tuple[int, Mention]], index: _Index) -> int | None:
    if not cands:
        return None

    def topical(m: Mention) -> bool:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and root.dep_ in ("poss", "nmod:poss"):
            return False  # "Boeing's rival Airbus ... its": a possessor is not the topic the pronoun continues
        first = index.first.get(m.sentence, m.start)
        # "Boeing's European rival Airbus believes": the name in apposition to the subject is the subject
        subject = root is not None and (root.dep_.startswith("nsubj")
                                        or root.dep_ == "appos" and root.head.dep_.startswith("nsubj"))
        return m.start == first or subject

    best = max(cands, key=lambda c: (topical(c[1]), c[1].start))
    i, m = best
    return m.antecedent if m.antecedent is not None else i


def _token_mentions(doc: Doc, mentions: list[Mention]) -> dict[int, int]:
    """Token index -> named mention covering it."""
    index: dict[int, int] = {}
    for i, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        for tok in span if span is not None else ():
            index.setdefault(tok.i, i)
    return index


def _relative_clause(tok, steps: int):
    """The relative clause the pronoun opens: it or a head at most ``steps`` up is a "relcl"; else None."""
    for _ in range(steps + 1):
        if tok.dep_ in ("relcl", "acl:relcl"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _relative_antecedent(tok, tok_mention: dict[int, int], mentions: list[Mention],
                         types: tuple[str, ...]) -> int | None:
    """The named mention a relative pronoun stands for: the noun its clause modifies in the parse.

    "Ann Lee, who founded ..." -> Ann Lee; "X, a bank which ..." -> X (the noun "bank" is in
    apposition to X); "the firm whose founder ..." walks up from the possessive to the clause.
    """
    clause = _relative_clause(tok, 3)
    if clause is None:
        return None
    noun = clause.head
    # "X is a bank which ...": the noun is the attribute of a copula whose subject is the name
    subject = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")] if noun.dep_ == "attr" else []
    for cand in (noun, noun.head if noun.dep_ == "appos" else None,
                 *(c for c in noun.children if c.dep_ == "appos"), *subject):
        if cand is None or cand.i >= tok.i:
            continue
        i = tok_mention.get(cand.i)
        if i is not None and mentions[i].type in types:
            return mentions[i].antecedent if mentions[i].antecedent is not None else i
    # "X, based in Perth, Australia, which she founded": the parser hangs the clause on the
    # nearest noun; climb to the organisation whose phrase holds it
    up = noun
    for _ in range(5):
        if up.head is up:
            break
        up = up.head
        i = tok_mention.get(up.i)
        if i is not None and mentions[i].type in types and mentions[i].type in ORG:
            return mentions[i].antecedent if mentions[i].antecedent is not None else i
    # "Halcyon Therapeutics which was financed ...": the name right before the pronoun
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.text == "," and tok.i > 1:
        prev = tok.doc[tok.i - 2]
    i = tok_mention.get(prev.i) if prev is not None else None
    if i is not None and mentions[i].type in types:
        return mentions[i].antecedent if mentions[i].antecedent is not None else i
    return None


def _own_subject(doc: Doc, m: Mention, tok) -> bool:
    """``m`` is the subject of the verb whose object is the pronoun ``tok``: "X bought it" is never X
    bought X (that is "itself")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return tok.dep_ in ("dobj", "obj") and span is not None and len(span) > 0 \
        and span.root.head.i == tok.head.i and span.root.dep_ in ("nsubj", "nsubj:pass")


def _org_pronoun(tok) -> bool:
    """"it" that refers: not the dummy subject of "it is likely that", "it was announced"."""
    if tok.lower_ != "it":
        return True
    if tok.dep_ == "expl":
        return False
    after = [t.lower_ for t in tok.doc[tok.i + 1:tok.i + 5]]
    return not ({"that", "to"} & set(after[1:]) and after and after[0] in ("is", "was", "'s", "seems", "has"))


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
    index = _Index(mentions)
    seg_starts = [s for s, _, _ in segs]
    tok_mention = _token_mentions(doc, mentions)

    def emit(m: Mention) -> None:
        out.append(m)
        index.add(len(mentions) + len(out) - 1, m)
    for tok in doc:
        low = tok.lower_
        found = None
        if tok.i in tok_mention:
            continue
        if low in PARSED_RELATIVES.get(lang, {}) and tok.tag_ != "DT":
            ante = _relative_antecedent(tok, tok_mention, mentions, PARSED_RELATIVES[lang][low])
            if ante is not None:
                emit(Mention(tok.idx, tok.idx + len(tok.text), tok.text, mentions[ante].type,
                             sentence_at(sents, tok.idx), "kg.coref", 0.75, ante))
                continue
            if low in UNRESOLVED_RELATIVES.get(lang, {}) and tok.tag_ in ("WDT", "WP") and _relative_clause(tok, 2) is not None:
                # "a design firm based in Sacramento that now has offices ...": the noun is no name
                emit(Mention(tok.idx, tok.idx + len(tok.text), tok.text, UNRESOLVED_RELATIVES[lang][low],
                             sentence_at(sents, tok.idx), UNRESOLVED, 0.3))
                continue
        if low in RELATIVES.get(lang, {}) and tok.i > 1 and doc[tok.i - 1].text == ",":
            types = RELATIVES[lang][low]
            comma = doc[tok.i - 1].idx
            before = sorted(i for end in (comma - 1, comma) for i in index.by_end.get(end, ())
                            if mentions[i].type in types)
            if before:
                i = before[-1]
                ante = mentions[i].antecedent if mentions[i].antecedent is not None else i
                emit(Mention(tok.idx, tok.idx + len(tok.text), tok.text, mentions[ante].type,
                             sentence_at(sents, tok.idx), "kg.coref", 0.75, ante))
            continue
        elif low in PRONOUNS.get(lang, ()) and tok.pos_ in ("PRON", "DET"):
            found = (tok.idx, tok.idx + len(tok.text), ("Person",))
        elif low in FIRST_PERSON.get(lang, ()) and tok.pos_ in ("PRON", "DET"):
            found = (tok.idx, tok.idx + len(tok.text), ())
        elif low in ORG_PRONOUNS.get(lang, ()) and tok.pos_ in ("PRON", "DET") and _org_pronoun(tok) and not (
                lang == "en" and product_its(doc, tok, tok_mention, mentions)):
            found = (tok.idx, tok.idx + len(tok.text), ORG)
        elif low in COMPANY_THEY.get(lang, ()) and tok.pos_ in ("PRON", "DET"):
            s = sentence_at(sents, tok.idx)
            ante = company_they(doc, tok, [(i, mentions[i]) for i in index.by_sentence.get(s, ()) if i < len(mentions)])
            if ante is not None:
                emit(Mention(tok.idx, tok.idx + len(tok.text), tok.text, mentions[ante].type, s, "kg.coref", 0.5, ante))
            continue
        elif tok.pos_ in ("NOUN", "PROPN", "X") and _word(doc, tok) & nouns:  # the cheap test first
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
            if index.org_between(lo, hi):
                continue
            found = (doc[j].idx, doc[end - 1].idx + len(doc[end - 1].text), ORG)
        if found is None:
            continue
        start, end, types = found
        if index.overlaps(start, end):
            continue
        sentence = sentence_at(sents, start)
        k = bisect.bisect_right(seg_starts, start) - 1  # sections cover the text in order
        segment = segs[k][:2] if k >= 0 and start < segs[k][1] else (0, len(article.text))
        # an unresolved pronoun before it may be the topic it continues ("It was a unit of X, but it ...")
        unnamed = [(len(mentions) + k, m) for k, m in index.candidates(out, types, start, sentence, segment, out=True)
                   if m.extractor == UNRESOLVED]
        named = [c for c in index.candidates(mentions, types, start, sentence, segment) if not _own_subject(doc, c[1], tok)]
        ante = _salient(doc, named + unnamed, index)
        conf = 0.6 if types == ORG else 0.55
        if ante is None and low in FR_NEUTER and lang == "fr" and _personal(doc, tok):
            # French "il"/"elle" stands for masculine/feminine nouns, companies included ("le groupe
            # ... il prend une participation"): with no person around, the organisation just named.
            near = [c for c in index.candidates(mentions, ORG, start, sentence, segment) if c[1].sentence >= sentence - 1]
            ante, conf = _salient(doc, near, index), 0.45
        if ante is not None and ante >= len(mentions):
            ante = None  # it continues an unnamed subject: unresolved too
        if ante is None:
            # the antecedent is outside the text (an excerpt, a page's "we"): a slot for relation
            # extraction, never an entity of the graph
            emit(Mention(start, end, article.text[start:end], "Person" if types != ORG else ORG[1],
                         sentence, UNRESOLVED, 0.3))
            continue
        emit(Mention(start, end, article.text[start:end], mentions[ante].type, sentence, "kg.coref", conf, ante))
    return out
