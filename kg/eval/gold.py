"""Our own gold: hand-written entities, facts and events for the articles in ``data/articles/``.

The format (``data/gold/*.json``, documented in ``data/gold/README.md``) names things by their surface
text, not by offsets, so it survives changes in cleaning. A name may list alternatives separated by
``|`` ("Créteil Soleil|Créteil Soleil shopping center"). Names are compared after case and accent
folding. Rows: ``entity.<kind>`` (organization, person, place, product), ``fact.<predicate>`` and
``event.<Type>``; a predicted entity or fact matches when one of its entity's mention texts is one of
the gold alternatives; an event matches when its type, agent and every role the gold gives agree.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError, bad_choice
from kg.eval.event_clusters import event_cluster_of
from kg.eval.gold_corpus import CORPORA, check_events, corpus_articles, detection_counts, unmatched_events
from kg.eval.scoring import EvalReport, counts_to_report, make_row
from kg.eval.system import failure_notes, run_product
from kg.extract.relations.origin import EXTRACTOR as DEMONYM

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "data" / "gold"
ARTICLES_DIR = ROOT / "data" / "articles"
SPLITS = ("all", "sample", *CORPORA)

#: entity type -> kind scored (the IRI kinds of ontology/MODEL.md)
KINDS: dict[str, str] = {
    "Organization": "organization", "Company": "organization", "Person": "person", "Product": "product",
    "Place": "place", "Country": "place", "City": "place", "Region": "place", "Facility": "place",
}


def fold(name: str) -> str:
    """Case- and accent-folded name with normalised spaces and apostrophes.

    Examples
    --------
    >>> fold("  Créteil  Soleil ")
    'creteil soleil'
    """
    name = unicodedata.normalize("NFKD", name.replace("’", "'").replace("\u2011", "-"))
    name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(name.casefold().split())


def alternatives(name: str) -> frozenset[str]:
    return frozenset(fold(n) for n in name.split("|") if n.strip())


class GoldArticle(NamedTuple):
    article: str
    entities: tuple[tuple[str, frozenset[str]], ...]
    facts: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    events: tuple[dict, ...]
    corpus: str | None = None
    """Shared corpus holding the article (``None``: a file in ``data/articles/``)."""


def load(path: Path) -> GoldArticle:
    """Read and check one gold file; errors name the file and the bad field."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}: not JSON ({err.msg})") from None
    try:
        entities = tuple((KINDS[e["type"]], alternatives(e["name"])) for e in raw["entities"])
        facts = tuple((f["predicate"], alternatives(f["subject"]), alternatives(f.get("object") or f.get("value", "")))
                      for f in raw["facts"])
        events = tuple(raw.get("events", []))
        check_events(path, list(events))
        return GoldArticle(raw["article"], entities, facts, events, raw.get("corpus"))
    except KeyError as err:
        where = f"type {err.args[0]!r}; valid: {', '.join(sorted(KINDS))}" if err.args[0] not in (
            "article", "entities", "facts", "name", "type", "predicate", "subject") else f"missing field {err}"
        raise InputError(f"{path}: {where}") from None


def _names(output, i: int | None) -> frozenset[str]:
    """Every non-pronoun text of the entity mention ``i`` belongs to (or of the mention alone)."""
    if i is None:
        return frozenset()
    ex = output.extraction
    if output.keys:
        key = output.keys[i]
        return frozenset(fold(m.text) for m, k in zip(ex.mentions, output.keys) if k == key and m.antecedent is None) \
            | {fold(ex.mentions[i].text)}
    root = i
    while ex.mentions[root].antecedent is not None:
        root = ex.mentions[root].antecedent
    return frozenset({fold(ex.mentions[root].text)})


def _parent_facts(output) -> set[tuple[str, frozenset[str], frozenset[str]]]:
    """What the graph states from entity parents (:mod:`kg.rdf.model`): a town ``kg:locatedIn`` its
    country (described even when the article does not name it), a "Xiaomi France" ``kg:subsidiaryOf``
    Xiaomi when the parent is mentioned."""
    if not output.keys:
        return set()
    ex = output.extraction
    names: dict[str, set[str]] = {}
    for m, k in zip(ex.mentions, output.keys):
        if k is not None and m.antecedent is None:
            names.setdefault(k, set()).add(fold(m.text))
    by_key = {e.key: e for e in output.entities}
    out = set()
    for e in output.entities:
        parent = by_key.get(e.parent) if e.parent else None
        if parent is None or e.key not in names or (parent.key not in names and parent.type != "Country"):
            continue
        pred = "locatedIn" if e.key.startswith("place/") else "subsidiaryOf"
        out.add((pred, frozenset(names[e.key]), frozenset(names.get(parent.key, set()) | {fold(parent.label)})))
    return out


def _score_article(gold: GoldArticle, output, counts: dict[str, Counter], detect: dict[str, Counter],
                   cluster_of: list[str]) -> None:
    """Add the article's rows to ``counts`` and ``detect``; ``cluster_of[k]``: the event that the product merged
    ``ex.events[k]`` into (:func:`kg.eval.event_clusters.event_cluster_of`): an event the graph shows once is
    counted once."""
    ex = output.extraction
    # entities
    predicted: dict[tuple, frozenset[str]] = {}
    for i, m in enumerate(ex.mentions):
        # the gold lists named entities: a country only a demonym stands for ("chinois") is scored by its facts
        if output.kept[i] and m.antecedent is None and m.type in KINDS and m.extractor != DEMONYM:
            ident = output.keys[i] if output.keys else (KINDS[m.type], fold(m.text))
            predicted[(KINDS[m.type], ident)] = predicted.get((KINDS[m.type], ident), frozenset()) | _names(output, i)
    matched = set()
    for kind, names in gold.entities:
        hits = [k for k, pred in predicted.items() if k[0] == kind and pred & names]
        counts[f"entity.{kind}"]["tp" if hits else "fn"] += 1
        matched.update(hits)
    for k in predicted:
        if k not in matched:
            counts[f"entity.{k[0]}"]["fp"] += 1
    # facts
    facts = {(f.predicate, _names(output, f.subject),
              frozenset({fold(f.value)}) if f.object is None else _names(output, f.object)) for f in ex.facts
             if output.kept[f.subject] and (f.object is None or output.kept[f.object])}
    # The gold lists what the texts state; the gazetteer's own facts (Paris in France) may satisfy a gold
    # fact but are no extraction, so one the gold does not list is not counted against the product.
    parents = _parent_facts(output)
    used = set()
    for pred, subj, obj in gold.facts:
        hits = [f for f in facts | parents if f[0] == pred and f[1] & subj and f[2] & obj]
        counts[f"fact.{pred}"]["tp" if hits else "fn"] += 1
        used.update(hits)
    for f in facts - used:
        counts[f"fact.{f[0]}"]["fp"] += 1
    # events: the gold lists an article's real-world events, the product one mention per reporting sentence
    found = list(ex.events)
    used_events: set[int] = set()
    for g in gold.events:
        types = g["type"] if isinstance(g["type"], list) else [g["type"]]
        hits = [k for k, e in enumerate(found) if e.type in types and _event_matches(g, e, output)]
        counts[f"event.{types[0]}"]["tp" if hits else "fn"] += 1
        used_events.update(hits)
    for e in unmatched_events(found, used_events, cluster_of):
        counts[f"event.{e.type}"]["fp"] += 1
    detection_counts(list(gold.events), found, lambda g, e: _parties_ok(g, e, output), detect, cluster_of)


def _agent_ok(g: dict, e, output) -> bool:
    return "agent" not in g or bool(_names(output, e.agent) & alternatives(g["agent"]))


def _target_ok(g: dict, e, output, *, unnamed: bool) -> bool:
    """The targets agree when the gold names one; with ``unnamed``, a mention that names none passes too."""
    if not g.get("target") or (unnamed and e.target is None):
        return True
    return bool(_names(output, e.target) & alternatives(g["target"]))


def _parties_ok(g: dict, e, output) -> bool:
    """The agents agree, and so do the targets when both name one: Disney's purchase of Fox does not find
    its earlier purchase of Pixar (a mention that names no target may still report the gold event)."""
    return _agent_ok(g, e, output) and _target_ok(g, e, output, unnamed=True)


def _event_matches(g: dict, e, output) -> bool:
    if not _agent_ok(g, e, output):
        return False
    if not _target_ok(g, e, output, unnamed=False):
        return False  # the whole event is right only with its target: "Disney rachète Fox" is not its purchase of Pixar
    for place in g.get("places", []):
        if not any(_names(output, p) & alternatives(place) for p in e.places):
            return False
    if "date" in g and (e.date or "") != g["date"]:
        return False
    return "status" not in g or e.status == g["status"]


def _articles(paths: list[Path]):
    from kg.ingest import read_inputs
    from kg.types import Article

    return [a for a in read_inputs(paths) if isinstance(a, Article)]


def _gold_files(gold_dir: Path, split: str) -> list[Path]:
    sample = sorted(gold_dir.glob("*.json")) if split in ("all", "sample") else []
    corpora = [p for c in CORPORA if split in ("all", c) for p in sorted((gold_dir / c).glob("*.json"))]
    return sample + corpora


def _texts(golds: list[GoldArticle], articles_dir: Path) -> list:
    """The article each gold file names, in order: a file of ``articles_dir`` or a shared-corpus record."""
    paths = []
    for g in golds:
        if g.corpus is None:
            path = articles_dir / g.article
            if not path.exists():
                raise InputError(f"gold names article {g.article!r}, not found in {articles_dir}")
            paths.append(path)
    articles = {Path(a.source).name: a for a in _articles(paths)} if paths else {}
    missing = [g.article for g in golds if g.corpus is None and g.article not in articles]
    if missing:
        raise InputError(f"gold articles not readable by kg.ingest: {', '.join(missing)}")
    for corpus in sorted({g.corpus for g in golds if g.corpus is not None}):
        found = corpus_articles(corpus, {g.article for g in golds if g.corpus == corpus})
        articles.update({(corpus, k): a for k, a in found.items()})
    return [articles[g.article if g.corpus is None else (g.corpus, g.article)] for g in golds]


def evaluate(*, split: str | None = None, limit: int | None = None, gold_dir: Path = GOLD_DIR,
             articles_dir: Path = ARTICLES_DIR) -> EvalReport:
    """Score the product on our gold files: ``data/articles/`` (split ``sample``) and shared corpora.

    ``detect.*`` rows (events matched by type and agent only, and by agent under any type) come after
    the others and stay out of the micro average, so it is the same figure with or without them.

    Examples
    --------
    >>> evaluate(split="sample").benchmark
    'gold'
    """
    split = split or "all"
    if split not in SPLITS:
        raise bad_choice("gold split", split, SPLITS)
    golds = [load(p) for p in _gold_files(gold_dir, split)][:limit]
    if not golds:
        raise InputError(f"no gold files (*.json) for split {split!r} in {gold_dir}")
    outputs = list(run_product(_texts(golds, articles_dir)))
    counts: dict[str, Counter] = defaultdict(Counter)
    detect: dict[str, Counter] = defaultdict(Counter)
    for gold, output in zip(golds, outputs):
        _score_article(gold, output, counts, detect, event_cluster_of(output))
    report = counts_to_report("gold", split, counts, sorted(counts), items=len(golds),
                              notes=failure_notes(outputs))
    extra = tuple(make_row(k, detect[k]["tp"], detect[k]["fp"], detect[k]["fn"]) for k in sorted(detect))
    return EvalReport(report.benchmark, report.split, report.rows + extra, report.micro, report.items,
                      report.notes)
