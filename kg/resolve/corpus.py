"""Corpus-level resolution: one real thing, one entity, one type, decided from every article at once.

Per article, the resolver keys each name by its own text and the kind the article's evidence gave it
(``organization/…``, ``person/…``): deterministic, but an article that only says "GM" cannot know that
another one wrote "General Motors (GM)", and a name the model typed a person in six articles and a
company in eighty gets two entities. :func:`decide` reads what every article resolved (:class:`Seen`,
one row per entity and article) and returns, for each (article, key), the entity it belongs to in the
corpus and that entity's class. It is a pure function of the rows, so any order of articles, any number
of workers, a build at once or article by article give the same decision; adding or removing an article
re-decides exactly the names it touches.

Rules, in order:

1. **Ties the texts make.** An article that joined a short name to a full one ("General Motors (GM)",
   initials, "X, known as Y", a short form) gave the short name as an alias of the entity. An
   organisation's alias key joins that entity in every article when the corpus ties it to that one
   entity, or to it in more articles than to all others together, and when the articles that tie them are
   at least a fifth of those that name the alias alone. A person's surname (or a one-word person name) joins a full name of another article
   only with evidence: the corpus ties the surname to that one full name, and the two articles mention a
   same organisation.
   A one-word organisation joins the one longer organisation name it opens when every article writing
   it writes the long name too, in two articles or more ("Goldman", "Goldman Sachs": :func:`_short_forms`).
   An organisation key of one word that no article calls a company, named only in articles that name
   one person of that surname, is that person's surname ("Trump" the model read as an organisation
   beside "Donald Trump").
2. **One name, one kind.** Keys whose names differ only by kind or spelling ("person/kinder morgan",
   "organization/kinder morgan"; "Wal-Mart" and "Walmart") are one entity of the kind most of their
   mentions have (ties: organisation, person, place, product). The texts really name two things when
   the smaller kind still has a third of the mentions or more in three articles or more ("Jordan" the
   country and "Jordan" the brand): then both stay. A name that some article shows to be a company
   ("AbbVie Inc", a listed company) is the company, even where most mentions were read as a product.
3. **One entity, one class.** The class is voted over all the entity's mentions: an organisation any
   article calls a company is a Company; a place takes its gazetteer kind over "Place".
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from kg import lexicon
from kg.lexicon import places
from kg.resolve.kinds import KINDS, decide_kinds, key_name, squashed

#: classes of one kind, most specific first: a tie goes to the first
CLASS_ORDER = ("Company", "Organization", "Person", "Country", "City", "Region", "Facility", "Place", "Product")
#: an alias joins its full name across the corpus only when at least one article in TIE_SHARE of those that
#: name it alone ties the two
TIE_SHARE = 5
#: a short form joins the one longer name it opens across the corpus only when it is written in this many articles
SHORT_ARTICLES = 2


class Seen(NamedTuple):
    """One entity as one article resolved it."""

    article: str
    key: str
    type: str
    mentions: int
    """Named mentions of the entity in the article."""
    alias_keys: tuple[str, ...] = ()
    """Keys the entity's other names would have on their own ("organization/gm" for "GM")."""
    name: str = ""
    """The name keys of different kinds are compared by (:func:`kg.nlp.names.name_key` of the label: a
    gazetteer place, "place/chicago-us", is "chicago"); the key's own name when empty."""


class Decision(NamedTuple):
    """What the corpus decided."""

    entity: dict[tuple[str, str], str]
    """(article, key) -> the corpus entity key, for every row (itself when nothing changed)."""
    types: dict[str, str]
    """Corpus entity key -> its class."""
    why: dict[str, tuple[str, ...]]
    """Corpus entity key -> the reasons other keys joined it (empty when none did)."""

    def of(self, article: str, key: str | None) -> str | None:
        """The corpus entity of ``key`` as written in ``article`` (``key`` itself when not decided)."""
        return None if key is None else self.entity.get((article, key), key)


def _ties(rows: list[Seen], shown: dict[str, str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, key) -> (full key, reason), from the aliases the articles gave."""
    tied: dict[str, Counter] = defaultdict(Counter)  # alias key -> full keys -> articles that tie them
    for row in rows:
        for alias in row.alias_keys:
            if alias != row.key and alias.split("/", 1)[0] == row.key.split("/", 1)[0]:
                tied[alias][row.key] += 1
    orgs_of: dict[str, set[str]] = defaultdict(set)
    where: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        where[row.key].add(row.article)
        if row.key.startswith("organization/"):
            orgs_of[row.article].add(row.key)
    # an alias tied to several names goes to the one more articles tie it to than all others together; a
    # name the texts tie to another far more rarely than they use it alone keeps its own entity ("Google",
    # alone in 40 articles, is not "Google Ventures" because one article joined the two)
    targets: dict[str, set[str]] = {}
    for alias, counts in tied.items():
        if sum(counts.values()) * TIE_SHARE < len(where[alias]):
            continue
        best = min(counts, key=lambda k: (-counts[k], k))
        targets[alias] = {best} if 2 * counts[best] > sum(counts.values()) else set(counts)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for row in rows:
        full = targets.get(row.key, set())
        if row.key.startswith("place/") and row.type == "Place" and places.lookup(key_name(row.key), towns=True) is None:
            full = targets.get("organization/" + key_name(row.key), set())  # "Southwest" of "Southwest Airlines"
        if len(full) != 1 or row.key in full:
            continue
        target = next(iter(full))
        if row.key.startswith("person/"):
            shared = sorted(o for a in where[target] for o in orgs_of[a] & orgs_of[row.article])
            if not shared:
                continue
            why = (f"{shown[row.key]!r} is the surname of {shown[target]!r}, named with {shown[shared[0]]!r} "
                   "in both articles")
        else:
            why = f"{shown[row.key]!r} is another name of {shown[target]!r} in the corpus"
        out[(row.article, row.key)] = (target, why)
    return out


def _surnames(rows: list[Seen], shown: dict[str, str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, organisation key) -> (person key, reason) for one-word organisations that are surnames."""
    # per article: full names by surname, first words of longer organisation names (indexes, not scans:
    # one long article holds thousands of both)
    persons: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    orgs: dict[str, list[Seen]] = defaultdict(list)
    org_heads: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        words = key_name(row.key).split()
        if row.key.startswith("person/") and len(words) > 1:
            persons[row.article][words[-1]].add(row.key)
        elif row.key.startswith("organization/"):
            if len(words) > 1:
                org_heads[row.article].add(words[0])
            if " " not in key_name(row.key):
                orgs[row.key].append(row)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for key, seen in sorted(orgs.items()):
        if any(row.type == "Company" for row in seen):  # a listed or cued company ("Dell", "Ford") stays
            continue
        found = {}
        for row in seen:
            name = key_name(key)
            same = sorted(persons[row.article].get(name, ()))
            # "McDonnell" beside "McDonnell Aircraft" is more likely the firm's short name
            if len(same) != 1 or name in org_heads[row.article]:
                break
            found[(row.article, key)] = (same[0], f"{shown[key]!r} is the surname of {shown[same[0]]!r} (same article; "
                                                  "never a company)")
        else:
            out.update(found)
    return out


def _short_forms(rows: list[Seen], shown: dict[str, str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, one-word organisation key) -> (longer organisation key, reason).

    The corpus ties a one-word name to the one longer organisation name it opens ("Goldman", "Goldman
    Sachs") when every article that writes the short form also writes the long one, in
    :data:`SHORT_ARTICLES` articles or more, and every other organisation of the corpus that starts with
    that word extends the long name ("Goldman Sachs Bank"; "Google" beside "Google Ventures" and "Google
    Cloud" stays). A division or unit word in the long
    name makes it another thing. One article alone never decides (the resolver's same-article short form
    joins only kind words, "Duke Energy").
    """
    where: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.key.startswith("organization/"):
            where[row.key].add(row.article)
    opening: dict[str, list[str]] = defaultdict(list)
    for key in where:
        words = key_name(key).split()
        if len(words) > 1:
            opening[words[0]].append(key)
    units = set().union(*(lexicon.cues("unit_noun", lang) for lang in ("en", "fr")))
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for key, articles in sorted(where.items()):
        name = key_name(key)
        longer = sorted(opening.get(name, []), key=lambda k: (len(k), k))
        # the longer names that extend the shortest one are its units ("Goldman Sachs Bank"): it is the one
        if " " in name or not longer or len(articles) < SHORT_ARTICLES or not all(
                key_name(k).startswith(key_name(longer[0]) + " ") for k in longer[1:]):
            continue
        target = longer[0]
        if not articles <= where[target] or any(w in units for w in key_name(target).split()[1:]):
            continue
        why = (f"{shown[key]!r} is the short form of {shown[target]!r}: every article naming it names "
               f"{shown[target]!r} too, and no other organisation starts with it")
        out.update({(article, key): (target, why) for article in articles})
    return out


KIND_OF = {"Company": "organization", "Organization": "organization", "Person": "person", "Product": "product",
           "Country": "place", "City": "place", "Region": "place", "Facility": "place", "Place": "place"}


class _Shown(dict):
    """Key -> the name a reason shows (a key no row names shows its own name)."""

    def __missing__(self, key: str) -> str:
        return key_name(key)


def _class(key: str, types: Counter) -> str:
    kind = key.split("/", 1)[0]
    types = Counter({t: n for t, n in types.items() if KIND_OF.get(t) == kind}) or types
    if types.get("Company"):
        return "Company"
    return max(types, key=lambda t: (types[t], -CLASS_ORDER.index(t) if t in CLASS_ORDER else -99))


def decide(rows: Iterable[Seen]) -> Decision:
    """The corpus decision for ``rows`` (see the module doc): deterministic, independent of row order.

    Examples
    --------
    >>> rows = [Seen("a1", "organization/general motors", "Company", 3, ("organization/gm",)),
    ...         Seen("a2", "organization/gm", "Organization", 2),
    ...         Seen("a2", "person/kinder morgan", "Person", 1), Seen("a3", "organization/kinder morgan", "Company", 4)]
    >>> d = decide(rows)
    >>> d.of("a2", "organization/gm"), d.of("a2", "person/kinder morgan"), d.types["organization/general motors"]
    ('organization/general motors', 'organization/kinder morgan', 'Company')
    """
    rows = sorted(set(rows))
    shown = _Shown({row.key: row.name or key_name(row.key) for row in rows})
    ties = _short_forms(rows, shown) | _ties(rows, shown) | _surnames(rows, shown)
    entity: dict[tuple[str, str], str] = {}
    why: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        target, reason = ties.get((row.article, row.key), (row.key, ""))
        entity[(row.article, row.key)] = target
        if reason:
            why[target].add(reason)
    mentions: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        key = entity[(row.article, row.key)]
        mentions[key][row.type] += row.mentions
        articles[key].add(row.article)
    names = {entity[(row.article, row.key)]: row.name for row in rows if row.name}
    kinds = decide_kinds(mentions, articles, names)
    for item, key in entity.items():
        if key in kinds:
            entity[item] = kinds[key][0]
            why[kinds[key][0]].add(kinds[key][1])
    final: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        final[entity[(row.article, row.key)]][row.type] += row.mentions
    types = {key: _class(key, counts) for key, counts in sorted(final.items())}
    return Decision(entity, types, {k: tuple(sorted(v)) for k, v in sorted(why.items())})


def rows_of(article: str, lang: str, entities: Iterable, mentions: Iterable, keys: Iterable[str | None]) -> list[Seen]:
    """The :class:`Seen` rows of one resolved article: its entities (``kg.types.Entity``), its mentions and
    each mention's entity key (``Resolved.mention_entity``).

    Examples
    --------
    >>> from kg.types import Entity, Mention
    >>> e = Entity("organization/general motors", "Company", "General Motors", "en", ("GM",), (), None, None, None, "")
    >>> ms = [Mention(0, 14, "General Motors", "Company", 0, "t", 1.0), Mention(16, 18, "GM", "Company", 0, "t", 1.0)]
    >>> rows_of("a1", "en", [e], ms, [e.key, e.key])
    [Seen(article='a1', key='organization/general motors', type='Company', mentions=2, alias_keys=('organization/gm',), name='general motors')]
    """
    from kg.nlp.names import name_key
    from kg.resolve.resolver import mention_key
    from kg.types import Mention

    named = Counter(k for m, k in zip(mentions, keys) if k is not None and m.antecedent is None)
    rows = []
    for e in entities:
        if e.type not in KIND_OF:
            continue
        aliases = {mention_key(Mention(0, len(a), a, e.type, 0, "", 1.0), lang)[0] for a in e.aliases}
        name = name_key(e.label, lang)
        rows.append(Seen(article, e.key, e.type, named.get(e.key, 0), tuple(sorted(aliases - {e.key})), name))
    return rows
