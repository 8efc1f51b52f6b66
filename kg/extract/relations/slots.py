"""Organisation names the small NER models miss, found from the slot a relation trigger opens:
"chief executive of Harrow Mills", "he founded QuorvexLabs", "filiale de Marvelle".

A capitalised proper-noun phrase in the organisation slot of a role noun ("CEO of", "founder of",
"subsidiary of", "PDG de") or as the object of a founding verb names an organisation even when the
model tagged nothing there. Only phrases that overlap no other mention are added.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.relations.base import load_lexicon
from kg.types import Mention

ROLE_GROUPS = ("role.ceo", "role.founder", "role.subsidiary", "role.parent", "role.title")
_NAME_DEPS = {"compound", "flat", "flat:name", "nmod", "amod", "poss", "case", "cc", "conj"}


def _name_span(tok: Token, lex) -> tuple[int, int] | None:
    """Token range [start, end) of the proper-noun phrase headed by ``tok``."""
    if not _name_like(tok):
        return None
    start = end = tok.i
    doc = tok.doc
    # "CEO Jane Roe": the title stays out of the name
    while start - 1 >= tok.sent.start and doc[start - 1].pos_ == "PROPN" \
            and doc[start - 1].head.i in range(start, tok.i + 1) \
            and not _role_word(lex, doc[start - 1].lower_.replace(".", "")):
        start -= 1
    while end + 1 < tok.sent.end and (doc[end + 1].pos_ == "PROPN" and doc[end + 1].head.i in range(start, end + 2)
                                      or doc[end + 1].text in ("&", ".com")):
        end += 1
    while doc[end].text in ("&",):
        end -= 1
    return start, end + 1


def _name_like(tok: Token) -> bool:
    """A capitalised proper noun, or a noun the small tagger did not know with a capital or a digit inside
    it ("KRTN was formed", "QXPost is based"); a capitalised common noun ("In 1990, Production was
    started") is no name."""
    if not tok.text[:1].isupper():
        return False
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and any(c.isupper() or c.isdigit() for c in tok.text[1:]) \
        and not any(c.dep_ == "det" for c in tok.children)


def _role_word(lex, word: str) -> bool:
    return (word in ("board", "ceo", "committee", "chief", "executive", "officer")
            or any(lex.has(g, word) for g in ROLE_GROUPS))


def _role_groups(lex, tok: Token, lemma: str) -> list[str]:
    """The role groups a noun names with its modifiers ("chief executive", "founding partner"); asked of
    nouns only, the one place they open a slot (a lookup per form of every token was a third of the time)."""
    mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    forms = {tok.lower_, lemma} | {" ".join(mods[k:] + [tok.lower_]) for k in range(len(mods))}
    found = frozenset().union(*(lex.groups_of(f) for f in forms))
    return [g for g in ROLE_GROUPS if g in found]


def _slots(doc: Doc, lex) -> list[tuple[Token, str]]:
    """(token, type) for each name slot a trigger opens: organisations, and people in person-only slots."""
    out: list[tuple[Token, str]] = []
    companies = lexicon.cues("company_noun", (doc.lang_ or "en")[:2])
    org = lambda toks: out.extend((t, "Organization") for t in toks)  # noqa: E731
    person = lambda toks: out.extend((t, "Person") for t in toks)  # noqa: E731
    for tok in doc:
        lemma = tok.lemma_.lower()
        groups = _role_groups(lex, tok, lemma) if tok.pos_ in ("NOUN", "PROPN") else []
        if tok.dep_ == "attr" and tok.head.lemma_ in ("be", "être") and tok.pos_ == "NOUN" \
                and (tok.lower_ in companies or lemma in companies):
            org(c for c in tok.head.children if c.dep_ == "nsubj")  # "Orvane is a food-processing company"
        if tok.pos_ in ("NOUN", "PROPN") and groups:
            for prep in tok.children:  # EN "CEO of X"
                if prep.dep_ == "prep" and lex.has("prep.org", prep.lower_) and prep.lower_ in ("of", "at"):
                    org(c for c in prep.children if c.dep_ == "pobj")
            org(c for c in tok.children if c.dep_ == "nmod" and any(  # FR "PDG de X"
                g.dep_ == "case" and g.lower_ in ("de", "d'", "d’", "du") for g in c.children))
            subject = [c for c in tok.head.children if c.dep_ == "nsubj"] if tok.dep_ == "attr" else []
            if {"role.subsidiary", "role.parent"} & set(groups):
                org(subject)  # "X is a subsidiary of Y": X too
            elif {"role.ceo", "role.founder"} & set(groups):
                # "Ewan was chief executive of X", "Ross joined X as chief executive": a person
                person(subject)
                if tok.dep_ == "pobj" and tok.head.lower_ == "as":
                    person(c for c in tok.head.head.children if c.dep_ == "nsubj")
                if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":  # "CEO Jane Roe", "founder Ann Lee"
                    person([tok.head])
                person(c for c in tok.children if c.dep_ == "appos" and c.i > tok.i)  # "the CEO, Jane Roe"
        elif tok.pos_ == "VERB" and (lex.has("verb.found", lemma) or lex.has("verb.hq", lemma)):
            passive = [c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj:pass")]
            if passive:  # "X was founded in 1998", "X is headquartered in Y"
                org(passive)
            elif tok.dep_ == "acl" and tok.tag_ == "VBN":  # "X, based in Y", "X, founded in 1998"
                org([tok.head])
                if tok.head.dep_ == "attr":  # "X is a brand established in 2004"
                    org(c for c in tok.head.head.children if c.dep_ == "nsubj")
                elif tok.head.dep_ == "appos":  # "X, a non-profit corporation formed in 1995"
                    org([tok.head.head])
            elif lex.has("verb.found", lemma):
                objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
                org(objects)
                if objects:  # "Ewan founded Quorvane": who founds a named thing is a person
                    person(c for c in tok.children if c.dep_ == "nsubj")
    return out


def slot_mentions(doc: Doc, text: str, taken: list[Mention], sentence_at) -> list[Mention]:
    """Mentions for untagged proper nouns in organisation slots (and person-only slots).

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("In 1994, he founded QuorvexLabs, a medical data exchange platform.")
    >>> [(m.text, m.type) for m in slot_mentions(doc, doc.text, [], lambda c: 0)]
    [('QuorvexLabs', 'Organization')]
    """
    lex = load_lexicon((doc.lang_ or "en")[:2])
    spans = [(m.start, m.end) for m in taken]
    out: list[Mention] = []
    for tok, etype in _slots(doc, lex):
        rng = _name_span(tok, lex)
        if rng is None:
            continue
        start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
        if any(s < end and start < e for s, e in spans) or any(t.ent_type_ == "DATE" for t in doc[rng[0]:rng[1]]):
            continue
        if any(_role_word(lex, t.lower_.strip(".").replace(".", "")) for t in doc[rng[0]:rng[1]]):
            continue  # "Founder & CEO", "Board": titles the parser left in the slot, not names
        out.append(Mention(start, end, text[start:end], etype, sentence_at(start), "kg.slot", 0.5))
        spans.append((start, end))
    return out
