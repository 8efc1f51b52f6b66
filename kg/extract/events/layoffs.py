"""Job cuts: which jobs a layoff trigger cuts, and how many.

"Ford will cut 1,400 jobs", "sheds one in 10 salaried jobs", "laid off 600 workers", "va supprimer 300
postes", "la suppression de 1 200 emplois": the trigger ("cut", "shed", "supprimer") is a layoff only
when what it cuts is jobs or staff (cue list ``job_noun`` of ``data/gazetteers/cues.tsv``): "cut costs",
"cut its forecast", "supprimer une taxe" are no layoffs. A noun that says it alone ("layoffs",
"licenciements") needs nothing more.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from kg import lexicon
from kg.extract.events.roles import is_passive, slots
from kg.types import ORG_TYPES as ORG

#: nouns that are a layoff by themselves (no job noun needed)
SELF = frozenset({"layoff", "layoffs", "licenciement", "licenciements", "job cuts", "plan social"})
_NUMBER = re.compile(r"^\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})*$|^\d+$")


def _reach(tok: Token) -> tuple[list[Token], list[Token]]:
    """What the trigger acts on: its object or passive subject, a noun trigger's complement or compound
    ("job cuts", "la suppression de 300 postes"); and, further, their "of"/"in"/"de" complements ("one in
    10 salaried jobs", "10 per cent of its workforce")."""
    near = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass", "compound")
            or c.dep_.split(":")[0] == "nmod"]
    # "Ericsson supprime 800 postes": the small French model makes the object an oblique without a preposition
    near += [c for c in tok.children if c.dep_.split(":")[0] == "obl" and c.i > tok.i
             and not any(g.dep_ == "case" for g in c.children)]
    near += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "de") for g in c.children
             if g.dep_ == "pobj"]
    if tok.dep_ in ("amod", "acl") and tok.head.pos_ == "NOUN":  # "600 workers laid off in July"
        near.append(tok.head)
    deeper = [g for t in near for c in t.children if c.dep_ in ("prep", "nmod") or c.dep_.startswith("nmod")
              for g in ([c] if c.pos_ == "NOUN" else [x for x in c.children if x.dep_ == "pobj"])]
    if any(c.pos_ == "NUM" for c in near):  # "sheds one in 10 salaried jobs": the parser hangs "in" on the verb
        deeper += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
    return near, deeper


def job_noun(tok: Token, lang: str) -> Token | None:
    """The job or staff noun the layoff trigger ``tok`` cuts, or None (no layoff in this sense)."""
    jobs = lexicon.cues("job_noun", lang)
    near, deeper = _reach(tok)
    return next((t for t in near + deeper if t.lower_ in jobs or t.lemma_.lower() in jobs), None)


def is_layoff(tok: Token, lang: str) -> bool:
    """The trigger cuts jobs: a job noun in its reach, or a noun that is a layoff by itself.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Northwind will cut 1,400 jobs and cut costs.")
    >>> is_layoff(doc[2], "en"), is_layoff(doc[6], "en")
    (True, False)
    """
    if tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in SELF or f"{tok.nbor(-1).lower_} {tok.lower_}" in SELF
                                          if tok.i else tok.lower_ in SELF):
        return True
    return job_noun(tok, lang) is not None


def jobs_cut(tok: Token, lang: str) -> float | None:
    """How many jobs the trigger cuts, when digits count the job noun it acts on directly ("1,400 jobs",
    "8 000 postes"); not a number further down ("one in 10 salaried jobs")."""
    jobs = lexicon.cues("job_noun", lang)
    noun = next((t for t in _reach(tok)[0] if t.lower_ in jobs or t.lemma_.lower() in jobs), None)
    if noun is None:
        return None
    digits = [c for c in noun.children if c.i < noun.i and c.dep_ in ("nummod", "det", "amod") and _NUMBER.match(c.text)]
    if not digits:
        return None
    # "8 000 postes": the French model splits a number at its thousands space
    words = noun.doc[digits[0].i: digits[-1].i + 1]
    return float(re.sub(r"\D", "", words.text)) if all(_NUMBER.match(w.text) for w in words) else None


def employer(tok: Token, sent_ms, lang: str) -> tuple[int | None, float]:
    """Who cuts the jobs when the clause has no doer: the owner of the job noun ("the move to cut 10 per
    cent of X's salaried workforce", parsed, so as sure as a subject), else a guess in the passive
    (:func:`passive_employer`)."""
    noun = job_noun(tok, lang)
    owner = next((c for c in noun.children if c.dep_ in ("poss", "nmod:poss")), None) if noun is not None else None
    found = next((i for i, m in sent_ms if owner is not None and m.type in ORG and m.start <= owner.idx < m.end), None)
    return (found, 0.85) if found is not None else (passive_employer(tok, sent_ms, lang), 0.6)


def passive_employer(tok: Token, sent_ms, lang: str) -> int | None:
    """The employer of jobs cut in the passive with no by-phrase ("600 workers were laid off in July, after
    X halted production", "Y said 300 jobs were cut"): the organisation the sentence names nearest the
    trigger, but not one that only qualifies a person or a title ("Z analyst Jane Roe said ...")."""
    if not is_passive(tok) or any(p in ("by", "par") for p, _ in slots(tok).preps):
        return None
    titles = lexicon.cues("title", lang)

    def qualifies(m) -> bool:
        span = tok.doc.char_span(m.start, m.end, alignment_mode="expand")
        head = span.root.head if span is not None and len(span) else None
        return head is not None and span.root.dep_ in ("compound", "poss", "nmod:poss", "nmod", "flat:name") and (
            head.lower_ in titles or any(p.type == "Person" and p.start <= head.idx < p.end for _, p in sent_ms))

    orgs = [(abs(m.start - tok.idx), i) for i, m in sent_ms if m.type in ORG and not qualifies(m)]
    return min(orgs)[1] if orgs else None
