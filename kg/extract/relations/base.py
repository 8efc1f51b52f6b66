"""What every relation module shares: slot type sets, dependency label sets, the trigger lexicon,
the per-document context ``Ctx``, coreference chain roots and the fact constructor.

Relation rules look for trigger words (role nouns such as "CEO", "filiale", verbs such as "founded",
"basée") listed in ``data/lexicons/relations_{lang}.txt`` and follow the dependency tree from each
trigger to the mentions that fill its slots. The grammar helpers (:mod:`kg.extract.relations.grammar`)
hide the difference between the English model's ClearNLP labels (``prep``/``pobj``, ``attr``) and the
French model's Universal Dependencies labels (``nmod`` + ``case``, ``cop``), so one rule serves both
languages. The rules are registered in :mod:`kg.extract.relations.rules`.

Facts point at the mentions *in the sentence* (a pronoun mention when the sentence says "he"); the
resolver follows ``Mention.antecedent``, so provenance stays exact.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Token

from kg.types import UNRESOLVED, DateMention, Fact, Mention, Sentence

LEXICON_DIR = Path(__file__).resolve().parents[3] / "data" / "lexicons"

ORG = frozenset({"Organization", "Company"})
PER = frozenset({"Person"})
LOC = frozenset({"Place", "Country", "City", "Region", "Facility"})
#: Slot types widened where the trigger itself says what the slot is ("headquartered in X": X is a
#: place even if the tagger called it an organisation; "X was founded": X is not a person).
ORG_LIKE = ORG | {"Facility"}
PLACE_LIKE = LOC | ORG
FOUNDABLE = ORG_LIKE | PER
ANY = ORG | PER | LOC | {"Product"}

#: Dependency labels of both models grouped by grammatical role.
SUBJ = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
PASSIVE_SUBJ = frozenset({"nsubjpass", "nsubj:pass"})
OBJ = frozenset({"dobj", "obj"})
PP_HOLDERS = frozenset({"nmod", "obl", "obl:arg", "obl:mod", "obl:agent"})
RELATIVE = frozenset({"who", "which", "that", "qui", "que", "lequel", "laquelle", "dont"})


class Lexicon(NamedTuple):
    """Trigger terms by group (``role.ceo`` -> frozenset of lower-case terms).

    ``index`` (term -> its groups) and ``prefixes`` (every prefix of every term's first word) are
    derived once by :func:`load_lexicon`: the rules ask millions of membership questions per corpus,
    and a phrase can only match if its first token is such a prefix.
    """

    groups: dict[str, frozenset[str]]
    index: dict[str, frozenset[str]] | None = None
    prefixes: frozenset[str] = frozenset()

    def has(self, group: str, term: str) -> bool:
        if self.index is None:
            return term in self.groups.get(group, frozenset())
        return group in self.index.get(term, ())

    def groups_of(self, term: str) -> frozenset[str]:
        """The groups listing ``term`` (empty if none)."""
        if self.index is None:
            return frozenset(g for g, terms in self.groups.items() if term in terms)
        return self.index.get(term, frozenset())


def index_lexicon(groups: dict[str, frozenset[str]]) -> Lexicon:
    """A :class:`Lexicon` with its lookup tables built.

    Examples
    --------
    >>> lex = index_lexicon({"role.ceo": frozenset({"chief executive", "ceo"})})
    >>> lex.has("role.ceo", "ceo"), sorted(lex.groups_of("chief executive")), "chi" in lex.prefixes
    (True, ['role.ceo'], True)
    """
    index: dict[str, set[str]] = {}
    prefixes: set[str] = set()
    for group, terms in groups.items():
        for term in terms:
            index.setdefault(term, set()).add(group)
            first = term.split(None, 1)[0] if term.strip() else term
            prefixes.update(first[:n] for n in range(1, len(first) + 1))
    return Lexicon(groups, {t: frozenset(g) for t, g in sorted(index.items())}, frozenset(prefixes))


class Ctx(NamedTuple):
    """What every rule needs: the doc, the tuples, token -> mention/date lookups and the lexicon."""

    doc: Doc
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...]
    tok_mention: dict[int, int]
    tok_date: dict[int, int]
    lex: Lexicon
    #: per-document results of pure helpers asked again by several rules (title phrases, triggers)
    memo: dict | None = None


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """Read ``data/lexicons/relations_{lang}.txt`` (``GROUP<TAB>term`` lines).

    Examples
    --------
    >>> load_lexicon("en").has("role.ceo", "chief executive officer")
    True
    """
    path = LEXICON_DIR / f"relations_{lang}.txt"
    if not path.exists():
        path = LEXICON_DIR / "relations_en.txt"
    groups: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip() if line.startswith("#") else line.rstrip()
        if not line or "\t" not in line:
            continue
        group, term = line.split("\t", 1)
        groups.setdefault(group.strip(), set()).add(term.strip().lower())
    return index_lexicon({g: frozenset(t) for g, t in sorted(groups.items())})


def _token_index(doc: Doc, spans) -> dict[int, int]:
    """Map each token to the span covering it; shorter spans win, so "he" beats a long name around it."""
    order = sorted(range(len(spans)), key=lambda i: (-(spans[i].end - spans[i].start), i))
    index: dict[int, int] = {}
    for i in order:
        span = doc.char_span(spans[i].start, spans[i].end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            index[tok.i] = i
    return index


def token_index(doc: Doc, spans) -> dict[int, int]:
    """Token index -> index of the (shortest) span covering it."""
    return _token_index(doc, spans)


def make_ctx(doc: Doc, sentences, mentions, dates) -> Ctx:
    lang = (doc.lang_ or "en")[:2]
    return Ctx(doc, tuple(sentences), tuple(mentions), tuple(dates),
               _token_index(doc, mentions), _token_index(doc, dates), load_lexicon(lang), {})


def doc_tokens(ctx: Ctx) -> tuple[Token, ...]:
    """The doc's tokens, made once per document: spaCy builds a new Token object on every iteration,
    and a dozen rules walk every token.

    Examples
    --------
    >>> import spacy
    >>> ctx = make_ctx(spacy.blank("en")("Airbus hired a CEO."), (), (), ())
    >>> [t.text for t in doc_tokens(ctx)]
    ['Airbus', 'hired', 'a', 'CEO', '.']
    """
    if ctx.memo is None:
        return tuple(ctx.doc)
    found = ctx.memo.get("tokens")
    if found is None:
        found = ctx.memo["tokens"] = tuple(ctx.doc)
    return found


def sentence_of(ctx: Ctx, char: int) -> int:
    memo = ctx.memo if ctx.memo is not None else {}  # listed once per document: per call is quadratic
    starts = memo.get("sentence_starts") or memo.setdefault("sentence_starts", [s.start for s in ctx.sentences])
    return max(0, bisect.bisect_right(starts, char) - 1)


def chain_root(mentions, i: int) -> int:
    """The mention a coreference chain starts from ("he" -> "Tim Cook")."""
    seen = {i}
    while mentions[i].antecedent is not None and mentions[i].antecedent not in seen:
        i = mentions[i].antecedent
        seen.add(i)
    return i


def kind_of(entity_type: str) -> str:
    return "org" if entity_type in ORG else "per" if entity_type in PER else "loc" if entity_type in LOC else entity_type


def same_entity(mentions, i: int, j: int) -> bool:
    """One coreference chain, one name written twice, or two unresolved pronouns of one type in a
    sentence ("It was a unit of X, but it ...": one unnamed subject): not a relation between two things."""
    a, b = chain_root(mentions, i), chain_root(mentions, j)
    ma, mb = mentions[a], mentions[b]
    if ma.extractor == UNRESOLVED and mb.extractor == UNRESOLVED:
        return ma.type == mb.type and ma.sentence == mb.sentence
    return a == b or ma.text.lower() == mb.text.lower()


def make_fact(ctx: Ctx, tok: Token, subject: int, predicate: str, obj: int | None, value: str | None,
          rule: str, confidence: float) -> Fact:
    return Fact(subject, predicate, obj, value, sentence_of(ctx, tok.idx), f"kg.rules.{rule}", confidence)


def adjunct_dates(ctx: Ctx, verb: Token) -> list[int]:
    """Dates in the verb's own adjuncts ("in 1998", "en 2010", "on 3 May 2001")."""
    found: list[int] = []
    for child in verb.children:
        if child.dep_ in ("prep", "obl", "obl:mod", "npadvmod", "nmod", "advmod", "obl:tmod", "pobj"):
            for tok in child.subtree:
                d = ctx.tok_date.get(tok.i)
                if d is not None:
                    found.append(d)
    return sorted(set(found))
