"""Company relations (ceo, foundedBy, headquarteredIn, subsidiaryOf, worksFor ...) as
:class:`~kg.types.Fact` tuples.

The modules form layers; each imports only those above it:

| layer | modules |
|---|---|
| shared context | :mod:`~kg.extract.relations.base` (constants, lexicon, ``Ctx``, chain roots) |
| reading the parse | :mod:`~kg.extract.relations.grammar`, :mod:`~kg.extract.relations.features` |
| rules | :mod:`~kg.extract.relations.clauses`, :mod:`~kg.extract.relations.surface`, :mod:`~kg.extract.relations.nouns`, :mod:`~kg.extract.relations.slots` |
| checks and registry | :mod:`~kg.extract.relations.filters`, :mod:`~kg.extract.relations.rules` |
| drivers | :mod:`~kg.extract.relations.facts` (rules), :mod:`~kg.extract.relations.model` (trained classifier) |
"""
from __future__ import annotations

from kg.extract.relations.facts import extract_facts

__all__ = ["extract_facts"]
