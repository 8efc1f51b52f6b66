"""A town written with its region or country: "à Lamballe en Bretagne", "in Bethesda, Md.", "Sendai
Miyagi", "Leeds, England" -> ``locatedIn``.

The gazetteer gives every town its country (:mod:`kg.resolve.resolver`); the region it does not know
for most countries, but the text says it. The pair is read in word order (the place chain of
:mod:`~kg.extract.relations.seats`) and kept only when the gazetteers agree that the region or
country is the town's: "Paris, Texas" is located in Texas because a Paris of the gazetteer is in
the United States (and the resolver then links that Paris, not the largest), and "a plant in Lyon, in
Germany too" gives nothing.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.relations.base import Ctx, sentence_of
from kg.extract.relations.seats import place_chain
from kg.lexicon import places, regions
from kg.types import Fact, is_named


def rule_located_in(ctx: Ctx) -> Iterator[Fact]:
    """``TOWN [,|en|in] REGION|COUNTRY``: the town is located in the region or country that follows it."""
    doc = ctx.doc
    for i, m in enumerate(ctx.mentions):
        if m.type != "City" or not is_named(m):
            continue
        town = places.lookup(m.text, towns=True)
        if town is None or town.kind != "City":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for j in place_chain(ctx, i, span.sent.end, limit=2)[1:]:
            country = regions.containing_country(ctx.mentions[j].text)
            if country and (country == town.country or places.lookup_in(m.text, country)):
                yield Fact(i, "locatedIn", j, None, sentence_of(ctx, m.start), "kg.rules.located_in", 0.6)
