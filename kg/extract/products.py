"""Products and product categories linked to the company that makes or sells them (``produces`` facts)."""
from __future__ import annotations

from kg.types import UNRESOLVED, Fact, Mention

ORG = ("Company", "Organization")


def _orgs_by_sentence(mentions: list[Mention]) -> dict[int, list[tuple[int, Mention]]]:
    out: dict[int, list[tuple[int, Mention]]] = {}
    for i, m in enumerate(mentions):
        if m.type in ORG and m.extractor != UNRESOLVED:
            out.setdefault(m.sentence, []).append((i, m))
    return out


def _maker(orgs: dict[int, list[tuple[int, Mention]]], product: Mention) -> tuple[int, float] | None:
    same = orgs.get(product.sentence, [])
    if same:
        # The organisation that opens the sentence is its topic; else the nearest one before the product.
        before = [c for c in same if c[1].start < product.start] or same
        return before[0][0], 0.7
    prev = orgs.get(product.sentence - 1, [])
    return (prev[-1][0], 0.5) if prev else None


def product_facts(mentions: list[Mention]) -> list[Fact]:
    """One ``produces`` fact per product mention whose maker is named in its sentence (or the one before).

    Coreferent mentions ("la marque") stand for their antecedent, so the fact points at the antecedent.

    Examples
    --------
    >>> from kg.types import Mention
    >>> ms = [Mention(0, 6, "Airbus", "Company", 0, "t", 1.0), Mention(12, 21, "airplanes", "Product", 0, "t", 1.0)]
    >>> [(f.subject, f.predicate, f.object) for f in product_facts(ms)]
    [(0, 'produces', 1)]
    """
    facts, seen = [], set()
    orgs = _orgs_by_sentence(mentions)  # once: a scan of all mentions per product is quadratic in a long article
    for i, m in enumerate(mentions):
        if m.type != "Product":
            continue
        found = _maker(orgs, m)
        if found is None:
            continue
        j, conf = found
        subject = mentions[j].antecedent if mentions[j].antecedent is not None else j
        key = (subject, m.text.lower(), m.sentence)
        if key in seen:
            continue
        seen.add(key)
        facts.append(Fact(j, "produces", i, None, m.sentence, "kg.products", conf))
    return facts
