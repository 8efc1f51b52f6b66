"""kg.rdf.iris: deterministic IRIs that are valid and distinct for any name."""
from __future__ import annotations

import pyoxigraph
import pytest

from kg.rdf import iris

WEIRD_KEYS = [
    "organization/xiaomi",
    "organization/Xiaomi",
    "organization/l’oréal",
    "organization/l'oréal",
    'organization/"the" company',
    "organization/at&t",
    "organization/at-t",
    "organization/ab inbev",
    "organization/ab-inbev",
    "place/créteil soleil",
    "place/asie/pacifique",
    "product/redmi note 13 🚀",
    "product/🚀",
    "person/李军",
    "person/王翔",
    "organization/" + "a" * 80,
    "organization/" + "a" * 81,
    "weird key without kind",
    "organization/",
    "organization/<script>{x}|`\\",
]


@pytest.mark.parametrize("key", WEIRD_KEYS)
def test_entity_iri_is_a_valid_iri(key):
    iri = str(iris.entity_iri(key))
    assert iri.startswith("https://w3id.org/newskg/id/")
    pyoxigraph.NamedNode(iri)  # raises on an invalid IRI
    assert iri.isascii() and " " not in iri


def test_entity_iris_are_distinct_and_stable():
    first = [str(iris.entity_iri(k)) for k in WEIRD_KEYS]
    assert len(set(first)) == len(WEIRD_KEYS)
    assert first == [str(iris.entity_iri(k)) for k in WEIRD_KEYS]


@pytest.mark.parametrize(("key", "iri"), [
    ("organization/xiaomi", "organization/xiaomi"),
    ("organization/ab-inbev", "organization/ab-inbev"),
    ("place/créteil", "place/creteil-57b466a776"),
    ("person/wang xiang", "person/wang-xiang-"),
    ("product/🚀", "product/"),
])
def test_slug_readable_and_hashed_when_lossy(key, iri):
    assert str(iris.entity_iri(key)).removeprefix("https://w3id.org/newskg/id/").startswith(iri)


@pytest.mark.parametrize("article_id", [
    "data/articles/xiaomi-paris-2018-fr.txt", "news.jsonl#L12", "https://example.org/a?b=c&d=é",
    'feeds/"Beauté" & co 🚀.jsonl#L3', "",
])
def test_article_and_mention_iris(article_id):
    article = str(iris.article_iri(article_id))
    pyoxigraph.NamedNode(article)
    mention = str(iris.mention_iri(article_id, 10, 16))
    pyoxigraph.NamedNode(mention)
    assert mention.endswith("/10-16") and article.rsplit("/", 1)[1] in mention


def test_article_iris_differ_for_similar_ids():
    ids = ["news.jsonl#L1", "news.jsonl#L11", "news-jsonl-l1", "News.jsonl#L1"]
    assert len({iris.article_iri(i) for i in ids}) == len(ids)


def test_statement_and_event_iris_depend_on_every_part():
    base = ("a.txt", "s", "p", "o", 0, 10)
    variants = {iris.statement_iri(*base)}
    for i, change in enumerate(("b.txt", "s2", "p2", "o2", 1, 11)):
        parts = list(base)
        parts[i] = change
        variants.add(iris.statement_iri(*parts))
    assert len(variants) == 7
    assert iris.event_iri("a.txt", "IPO", 1, 2) != iris.event_iri("a.txt", "IPO", 1, 3)
