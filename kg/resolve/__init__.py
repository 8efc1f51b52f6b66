"""Stage 4, resolve: mentions -> entities with deterministic keys (per article, so parallel and
incremental builds agree). Places are linked through :mod:`kg.lexicon.places`.
"""
from __future__ import annotations

from kg.resolve.resolver import mention_key, place_key, resolve

__all__ = ["mention_key", "place_key", "resolve"]
