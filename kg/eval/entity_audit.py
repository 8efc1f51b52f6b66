"""Corpus entity audit: what the product's resolved entities look like over a whole news corpus.

``kg eval entities-sentivent`` (the 258 SENTiVENT train+dev articles; only their text is used) and
``kg eval entities-wikinews-fr`` (65 French Wikinews articles) run the product on every article, then:

* list the 100 most-mentioned entities (key, label, type, mentions, surface forms);
* count *split names*: one folded surface form naming entities of different types;
* flag candidate duplicate pairs among the top 100 (:func:`duplicate_reason`), for a human to judge;
* score typing precision on a seeded sample of entities judged by hand (:mod:`kg.eval.entity_typing`),
  and for French typing P/R/F1 against WiNER's entity spans.

``out`` writes the list, split names and candidate pairs to a text file, and beside it
(``<out>.typing.tsv``) the judgement template of the current sample with the judgements already made.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError, bad_choice
from kg.eval.entity_typing import judged_rows, sample, template, winer_counts
from kg.eval.gold import fold
from kg.eval.scoring import EvalReport, make_row
from kg.eval.system import Output, failure_notes, make_article, run_product

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPORA: dict[str, tuple[Path, ...]] = {
    "sentivent": (SHARED / "benchmarks" / "sentivent-events" / "train.jsonl",
                  SHARED / "benchmarks" / "sentivent-events" / "dev.jsonl"),
    "wikinews-fr": (SHARED / "corpora" / "wikinews-fr" / "business.jsonl",),
}
TOP = 100
_LEGAL = re.compile(r"\b(inc|corp|corporation|co|ltd|llc|plc|sa|sas|ag|nv|group|groupe|company|the)\b\.?")


class EntityStats(NamedTuple):
    """One resolved entity over the corpus."""

    key: str
    label: str
    type: str
    mentions: int
    surfaces: tuple[tuple[str, int], ...]
    """Surface forms with their counts, most frequent first."""
    first: tuple[str, int, int]
    """Where it is first named: article id and the sentence's character span."""


def read_corpus(corpus: str, *, limit: int | None = None, paths: tuple[Path, ...] | None = None) -> list[dict]:
    """The article records of ``corpus`` (one JSON object a line, ``id, text, lang[, date]``)."""
    if corpus not in CORPORA:
        raise bad_choice("audit corpus", corpus, CORPORA)
    records: list[dict] = []
    for path in paths or CORPORA[corpus]:
        if not path.exists():
            raise InputError(f"corpus file not found: {path}")
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                try:
                    record = json.loads(line)
                    if "id" not in record or "text" not in record:
                        raise KeyError("id" if "id" not in record else "text")
                except (json.JSONDecodeError, KeyError, TypeError) as err:
                    raise InputError(f"{path}:{lineno}: not an article record ({err})") from None
                records.append(record)
    return records[:limit] if limit is not None else records


def _article(record: dict):
    article = make_article(record["id"], record["text"], record.get("lang") or "en")
    try:
        return article._replace(published=_dt.date.fromisoformat(record["date"]) if record.get("date") else None)
    except ValueError:
        return article


def corpus_outputs(outputs: list[Output]) -> list[Output]:
    """``outputs`` as the corpus decides them (:func:`kg.resolve.corpus.decide`, as ``kg build`` does):
    each mention's key is its corpus entity, each mention and entity takes the entity's decided class."""
    from kg.resolve.corpus import decide, rows_of

    rows = [row for o in outputs if not o.error
            for row in rows_of(o.extraction.article.id, o.extraction.article.lang, o.entities,
                               o.extraction.mentions, o.keys)]
    decision = decide(rows)
    out = []
    for o in outputs:
        if o.error:
            out.append(o)
            continue
        art = o.extraction.article.id
        keys = tuple(decision.of(art, k) for k in o.keys)
        mentions = tuple(m._replace(type=decision.types.get(k, m.type)) if k else m
                         for m, k in zip(o.extraction.mentions, keys))
        entities = {}
        for e in o.entities:
            key = decision.of(art, e.key)
            entities.setdefault(key, e._replace(key=key, type=decision.types.get(key, e.type)))
        out.append(o._replace(extraction=o.extraction._replace(mentions=mentions), keys=keys,
                              entities=tuple(entities.values())))
    return out


def entity_stats(outputs: list[Output]) -> list[EntityStats]:
    """Every resolved entity with its named mentions (not those that only refer back), most mentioned first."""
    info: dict[str, tuple] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, tuple[str, int, int]] = {}
    for output in outputs:
        ex = output.extraction
        for entity in output.entities:
            info.setdefault(entity.key, (entity.label, entity.type))
        for mention, key in zip(ex.mentions, output.keys):
            if key is None or mention.antecedent is not None:
                continue
            surfaces[key][mention.text] += 1
            if key not in first:
                sent = ex.sentences[mention.sentence]
                first[key] = (ex.article.id, sent.start, sent.end)
    stats = [EntityStats(key, *info.get(key, (key, "?")), sum(c.values()),
                         tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))), first[key])
             for key, c in surfaces.items()]
    return sorted(stats, key=lambda s: (-s.mentions, s.key))


def split_names(stats: list[EntityStats]) -> dict[str, tuple[str, ...]]:
    """Folded surface forms that name entities of more than one type -> those types (sorted)."""
    types: dict[str, set[str]] = defaultdict(set)
    for s in stats:
        for surface, _ in s.surfaces:
            types[fold(surface)].add(s.type)
    return {name: tuple(sorted(t)) for name, t in sorted(types.items()) if len(t) > 1}


def _core(name: str) -> str:
    name = fold(name).replace("’", "'")
    name = re.sub(r"'s?\b", "", name)
    name = _LEGAL.sub(" ", name.replace("&", " and "))
    return " ".join(re.sub(r"[^\w ]", " ", name).split())


def duplicate_reason(a: str, b: str) -> str | None:
    """Why two entities' names may name one thing, or None: a hint for a human, not a decision.

    Two entities named alike are flagged too ("same folded name"): they were kept apart by type.

    Examples
    --------
    >>> duplicate_reason("General Motors", "GM"), duplicate_reason("Apple Inc.", "Apple")
    ('acronym', '& / possessive / legal-form variant')
    >>> duplicate_reason("Société Générale", "Societe Generale"), duplicate_reason("Apple", "Google")
    ('same folded name', None)
    """
    if fold(a) == fold(b):
        return "same folded name"
    ca, cb = _core(a), _core(b)
    if not ca or not cb:
        return None
    if ca == cb:
        return "& / possessive / legal-form variant"
    if ca.replace(" ", "") == cb.replace(" ", ""):
        return "spacing / hyphen variant"
    for short, long_ in ((a, b), (b, a)):
        letters = re.sub(r"[^\w]", "", short)
        for words in (_core(long_).split(), re.sub(r"[^\w ]", " ", fold(long_)).split()):
            initials = "".join(w[0] for w in words if w not in ("and", "of", "de", "et"))
            if len(words) > 1 and letters.isupper() and len(letters) >= 2 and letters.casefold() == initials:
                return "acronym"
    ta, tb = ca.split(), cb.split()
    small, big = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(small) < len(big) and set(small) <= set(big) and any(len(w) > 2 for w in small):
        return "short form"
    return None


def duplicate_pairs(stats: list[EntityStats]) -> list[tuple[EntityStats, EntityStats, str]]:
    """Candidate duplicate pairs among ``stats`` (labels and surface forms compared), in list order."""
    out = []
    for a, b in combinations(stats, 2):
        names_a = {a.label, *(s for s, _ in a.surfaces[:3])}
        names_b = {b.label, *(s for s, _ in b.surfaces[:3])}
        reasons = sorted({r for x in names_a for y in names_b if (r := duplicate_reason(x, y))})
        if reasons:
            out.append((a, b, reasons[0]))
    return out


def write_audit(path: Path, corpus: str, stats: list[EntityStats], splits: dict, pairs: list) -> None:
    """The human-readable audit: top entities, split names, candidate duplicate pairs (tab-separated)."""
    lines = [f"# entity audit of {corpus}: top {TOP} of {len(stats)} entities by named mentions",
             "rank\tkey\tlabel\ttype\tmentions\tsurface forms"]
    for rank, s in enumerate(stats[:TOP], 1):
        forms = "; ".join(f"{form} ({n})" for form, n in s.surfaces)
        lines.append(f"{rank}\t{s.key}\t{s.label}\t{s.type}\t{s.mentions}\t{forms}")
    lines += ["", f"# split names: {len(splits)} folded names naming entities of different types", "name\ttypes"]
    lines += [f"{name}\t{', '.join(types)}" for name, types in splits.items()]
    lines += ["", f"# candidate duplicate pairs among the top {TOP}: {len(pairs)} (to judge by hand)",
              "key a\tkey b\treason"]
    lines += [f"{a.key}\t{b.key}\t{reason}" for a, b, reason in pairs]
    try:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror}") from None


def evaluate(*, corpus: str, split: str | None = None, limit: int | None = None, out: Path | None = None,
             paths: tuple[Path, ...] | None = None, gold_dir: Path | None = None) -> EvalReport:
    """Audit counts in the notes; rows: typing precision on the judged sample (and WiNER P/R/F1 for French)."""
    if split not in (None, "all"):
        raise bad_choice("audit split", split, ("all",))
    records = read_corpus(corpus, limit=limit, paths=paths)
    outputs = corpus_outputs(list(run_product(_article(r) for r in records)))
    stats = entity_stats(outputs)
    splits = split_names(stats)
    pairs = duplicate_pairs(stats[:TOP])
    chosen = sample(stats)
    rows, notes = judged_rows(corpus, chosen, gold_dir=gold_dir)
    if corpus == "wikinews-fr":
        counts, annotated = winer_counts(records, outputs)
        rows = [make_row(f"WiNER {label}", c["tp"], c["fp"], c["fn"]) for label, c in sorted(counts.items())] + rows
        notes.append(f"WiNER rows: exact typed spans on the {annotated} articles WiNER annotates "
                     "(Person, Location, Organization, Product)")
    per_art = len(splits) * 300 / len(records) if records else 0.0
    notes = [f"{len(stats)} entities, {sum(s.mentions for s in stats)} named mentions in {len(records)} articles",
             f"split names: {len(splits)} ({per_art:.1f} per 300 articles)",
             f"candidate duplicate pairs among the top {TOP}: {len(pairs)}"] + notes
    if out is not None:
        write_audit(Path(out), corpus, stats, splits, pairs)
        template(Path(out).with_suffix(".typing.tsv"), corpus, chosen, records, gold_dir=gold_dir)
    micro = next((r for r in rows if r.label == "typing (judged)"), make_row("micro", 0, 0, 0))
    return EvalReport(f"entities-{corpus}", "all", tuple(r for r in rows if r is not micro),
                      micro._replace(label="micro"), len(records), tuple(notes + failure_notes(outputs)))
