"""Deterministic, safe IRIs for articles, entities, mentions, statements and events.

The rules are in ontology/MODEL.md ("IRIs"): a readable ASCII slug, plus a short SHA-1 of the key
whenever the slug alone could collide (accents, punctuation, emoji, truncation). Pure functions of
their inputs: the same article gives the same IRIs on every run and machine.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.rdf.namespace import ID

#: Entity key kinds (``Entity.key`` is ``{kind}/{normalised name}``); anything else goes under ``entity/``.
ENTITY_KINDS = ("organization", "person", "place", "product")
SLUG_MAX = 60
HASH_LEN = 10
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def short_hash(*parts: object) -> str:
    """First 10 hex digits of the SHA-1 of the parts joined by U+001F (unit separator).

    Examples
    --------
    >>> short_hash("organization/xiaomi")
    'fbc358ef74'
    """
    key = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:HASH_LEN]


def slugify(text: str) -> str:
    """ASCII-fold, lower-case, turn every run of other characters into ``-``, cut at 60 characters.

    Examples
    --------
    >>> slugify("L’Oréal S.A. 🚀")
    'loreal-s-a'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-")


def _slug_with_hash(key: str, *, always_hash: bool = False) -> str:
    slug = slugify(key)
    if always_hash or not slug or slug != key:
        return f"{slug}-{short_hash(key)}" if slug else short_hash(key)
    return slug


def article_iri(article_id: str) -> URIRef:
    """IRI of an article (and of its named graph) from ``Article.id``.

    Examples
    --------
    >>> str(article_iri("xiaomi-paris-2018-fr.txt"))
    'https://w3id.org/newskg/id/article/xiaomi-paris-2018-fr-txt-de30baa57a'
    """
    return ID[f"article/{article_slug(article_id)}"]


@functools.lru_cache(maxsize=1024)  # every mention and statement IRI of an article starts with it
def article_slug(article_id: str) -> str:
    """The ``{slug}-{h}`` part of an article IRI (always hashed: ids are paths and URLs)."""
    return _slug_with_hash(article_id, always_hash=True)


def entity_iri(key: str) -> URIRef:
    """IRI of an entity from ``Entity.key`` (``kind/normalised name``).

    Examples
    --------
    >>> str(entity_iri("organization/xiaomi"))
    'https://w3id.org/newskg/id/organization/xiaomi'
    >>> str(entity_iri("place/créteil"))
    'https://w3id.org/newskg/id/place/creteil-57b466a776'
    """
    kind, sep, name = key.partition("/")
    if not sep or kind not in ENTITY_KINDS:
        kind, name = "entity", key
    slug = slugify(name)
    if slug and slug == name:
        return ID[f"{kind}/{slug}"]
    tail = f"{slug}-{short_hash(key)}" if slug else short_hash(key)
    return ID[f"{kind}/{tail}"]


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    """IRI of the mention at ``[start, end)`` of an article.

    Examples
    --------
    >>> str(mention_iri("a.txt", 3, 9)).rsplit("/", 2)[-2:]
    ['a-txt-cfc7b48853', '3-9']
    """
    return ID[f"mention/{article_slug(article_id)}/{int(start)}-{int(end)}"]


def statement_iri(article_id: str, subject: str, predicate: str, obj: str,
                  sentence_start: int, sentence_end: int) -> URIRef:
    """IRI of the reified statement of one fact, from its article, triple and sentence span."""
    return ID[f"statement/{short_hash(article_id, subject, predicate, obj, sentence_start, sentence_end)}"]


def event_iri(article_id: str, event_type: str, trigger_start: int, trigger_end: int) -> URIRef:
    """IRI of an event, from its article, type and trigger span."""
    return ID[f"event/{short_hash(article_id, event_type, trigger_start, trigger_end)}"]
