"""Stage 4, resolve: mentions -> entities with deterministic keys (per article, so parallel and
incremental builds agree). Places are linked through :mod:`kg.lexicon.places`.
"""
from __future__ import annotations

__all__ = ["mention_key", "place_key", "resolve"]


def __getattr__(name: str):
    # the resolver is imported on first use: it brings spaCy (about 0.7 s), which commands that only open
    # the store (kg remove, kg query: kg.store reads kg.resolve.corpus) never need
    if name in __all__:
        from kg.resolve import resolver

        return getattr(resolver, name)
    raise AttributeError(f"module 'kg.resolve' has no attribute {name!r}")
