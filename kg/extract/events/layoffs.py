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

#: nouns that are a layoff by themselves (no job noun needed)
SELF = frozenset({"layoff", "layoffs", "licenciement", "licenciements", "job cuts", "plan social"})
_NUMBER = re.compile(r"^\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})*$|^\d+$")


def _reach(tok: Token) -> tuple[list[Token], list[Token]]:
    """What the trigger acts on: its object or passive subject, a noun trigger's complement or compound
    ("job cuts", "la suppression de 300 postes"); and, further, their "of"/"in"/"de" complements ("one in
    10 salaried jobs", "10 per cent of its workforce")."""
    near = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass", "compound")
            or c.dep_.split(":")[0] == "nmod"]
    near += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "de") for g in c.children
             if g.dep_ == "pobj"]
    if tok.dep_ in ("amod", "acl") and tok.head.pos_ == "NOUN":  # "600 workers laid off in July"
        near.append(tok.head)
    deeper = [g for t in near for c in t.children if c.dep_ in ("prep", "nmod") or c.dep_.startswith("nmod")
              for g in ([c] if c.pos_ == "NOUN" else [x for x in c.children if x.dep_ == "pobj"])]
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
