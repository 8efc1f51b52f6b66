"""One name, one kind (rule 2 of :mod:`kg.resolve.corpus`): the keys whose names differ only by kind or
spelling ("person/kinder morgan", "organization/kinder morgan"; "Wal-Mart", "Walmart") and which of them
the corpus keeps.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.lexicon import places

KINDS = ("organization", "person", "place", "product")
#: a smaller kind of one name is another thing when it has this share of the mentions in this many articles
SPLIT_SHARE, SPLIT_ARTICLES = 1 / 3, 3


def key_name(key: str) -> str:
    """The name part of an entity key ("general motors" of "organization/general motors")."""
    kind, _, name = key.partition("/")
    return name if kind in KINDS else key


_UNSQUASHED = re.compile(r"[^\w&+]|_")  # \w but "_" is what str.isalnum keeps


def squashed(name: str) -> str:
    """Spelling variants of one name compare equal: "Wal-Mart", "Wal Mart" and "Walmart"."""
    return _UNSQUASHED.sub("", name)


def decide_kinds(mentions: dict[str, Counter], articles: dict[str, set[str]],
           names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Key -> (key of the kind its name is decided as, reason), for the keys that change kind."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in mentions:
        if key.split("/", 1)[0] in KINDS:
            by_name[squashed(names.get(key) or key_name(key))].append(key)
    out: dict[str, tuple[str, str]] = {}
    for name, keys in sorted(by_name.items()):
        if len(keys) < 2:
            continue
        total = {k: sum(mentions[k].values()) for k in keys}
        all_mentions = sum(total.values())
        best = max(keys, key=lambda k: (total[k], -KINDS.index(k.split("/", 1)[0])))
        # a name some article shows to be a company ("AbbVie Inc", a listed company) is that company
        # wherever the small model read it as a product: a product named exactly like its maker is rare
        # and so is a full name of several words the small model read as a person ("Kinder Morgan", "Best
        # Buy" beside "Kinder Morgan Inc"): no one's full name is a company's too in the same corpus
        company = next((k for k in sorted(keys) if mentions[k].get("Company")), None)
        several = any(" " in (names.get(k) or key_name(k)) for k in keys)
        yielding = ("product/", "person/") if several else ("product/",)
        # so is a "place" no gazetteer knows ("Southwest" beside "Southwest Airlines Co")

        def yields(k: str) -> bool:
            return k.startswith(yielding) or (k.startswith("place/") and set(mentions[k]) == {"Place"}
                                              and places.lookup(key_name(k), towns=True) is None)

        if company is not None and yields(best):
            best = company
        for k in keys:
            other_thing = (k.split("/", 1)[0] != best.split("/", 1)[0] and total[k] >= SPLIT_SHARE * all_mentions
                           and len(articles[k]) >= SPLIT_ARTICLES
                           and not (best == company and yields(k)))
            if k != best and not other_thing:
                why = f"{name!r} names the {best.split('/', 1)[0]} in {total[best]} of {all_mentions} mentions"
                out[k] = (best, why + " across the corpus")
    return out
