"""WebNLG 3.0 dev, category Company: text -> triples, P/R/F1 per DBpedia property we can express.

Every reference text (``lex``) of an entry is run through the product; its facts become
(property, subject name, object name) triples and are matched with the entry's modified triples.
Names match after normalisation (underscores, quotes, case, parenthesised qualifiers) when equal or
when one is the leading part of the other ("King of Prussia" ~ "King_of_Prussia,_Pennsylvania"); a
date matches when the gold date starts with the predicted ISO value (or the reverse).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

from kg.errors import InputError, bad_choice
from kg.eval.scoring import EvalReport, counts_to_report
from kg.eval.system import failure_notes, make_article, run_product

DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "webnlg"
SPLITS = ("dev",)
CATEGORY = "Company"

#: DBpedia property -> (our predicate, inverted?). "location"/"city"/"country" of a Company is its seat;
#: keyPerson is approximated by ceo (DBpedia uses it mostly for chief executives).
PROPERTIES: dict[str, tuple[str, bool]] = {
    "location": ("headquarteredIn", False),
    "city": ("headquarteredIn", False),
    "country": ("headquarteredIn", False),
    "foundingDate": ("foundedOn", False),
    "founder": ("foundedBy", False),
    "parentCompany": ("subsidiaryOf", False),
    "subsidiary": ("subsidiaryOf", True),
    "product": ("produces", False),
    "keyPerson": ("ceo", False),
    "regionServed": ("operatesIn", False),
}
LABELS = tuple(sorted({p for p, _ in PROPERTIES.values()}))


def norm(name: str) -> str:
    """Comparable form of a DBpedia or text name.

    Examples
    --------
    >>> norm('"King_of_Prussia,_Pennsylvania"')
    'king of prussia, pennsylvania'
    """
    name = re.sub(r"\([^)]*\)", " ", name.replace("_", " ").strip().strip('"').strip())
    return re.sub(r"\s+", " ", name).strip().lower()


def names_match(gold: str, pred: str) -> bool:
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    if g == p or g.startswith(p + ",") or g.startswith(p + "-") or p.startswith(g + "-"):
        return True
    return g.startswith(p + " ") and len(p) > 3 or p.startswith(g + " ")


def read(root: Path = DEFAULT_DIR / "dev") -> list[tuple[list[tuple[str, str, str]], list[str]]]:
    """(triples, texts) of every Company entry, in file order."""
    if not root.exists():
        raise InputError(f"WebNLG folder not found: {root}")
    entries = []
    for path in sorted(root.glob("*triples/*.xml")):
        try:
            tree = ET.parse(path)
        except ET.ParseError as err:
            raise InputError(f"{path}: not XML ({err})") from None
        for entry in tree.iter("entry"):
            if entry.get("category") != CATEGORY:
                continue
            triples = [tuple(part.strip() for part in t.text.split("|")) for t in entry.iter("mtriple")]
            texts = [lex.text.strip() for lex in entry.iter("lex") if lex.text]
            entries.append((triples, texts))
    return entries


def _gold(triples) -> list[tuple[str, str, str]]:
    out = []
    for s, p, o in triples:
        if p in PROPERTIES:
            pred, inverted = PROPERTIES[p]
            out.append((pred, o, s) if inverted else (pred, s, o))
    return out


def evaluate(*, split: str | None = None, limit: int | None = None, path: Path | None = None) -> EvalReport:
    """Triple P/R/F1 per predicate on WebNLG dev, category Company (each reference text scored).

    Examples
    --------
    >>> evaluate(limit=1).items  # the reference texts of the first entry
    3
    """
    split = split or "dev"
    if split not in SPLITS:
        raise bad_choice("WebNLG split", split, SPLITS)
    entries = read(path or DEFAULT_DIR / split)[:limit]
    jobs = [(gold, text) for triples, texts in entries for gold in [_gold(triples)] for text in texts]
    outputs = list(run_product(make_article(f"webnlg/{i}", text, "en") for i, (_, text) in enumerate(jobs)))
    counts: dict[str, Counter] = defaultdict(Counter)
    for (gold, _), output in zip(jobs, outputs):
        ex = output.extraction
        pred = set()
        for f in ex.facts:
            if f.predicate in LABELS and output.kept[f.subject] and (f.object is None or output.kept[f.object]):
                obj = f.value if f.object is None else ex.mentions[f.object].text
                pred.add((f.predicate, ex.mentions[f.subject].text, obj))
        matched = set()
        for g in gold:
            hit = [p for p in pred if p[0] == g[0] and names_match(g[1], p[1]) and names_match(g[2], p[2])]
            counts[g[0]]["tp" if hit else "fn"] += 1
            matched.update(hit)
        for p in pred - matched:
            counts[p[0]]["fp"] += 1
    return counts_to_report("webnlg", split, counts, LABELS, items=len(jobs),
                            notes=failure_notes(outputs))
