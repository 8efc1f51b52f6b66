"""Towns written with their region: "Paris, Texas", "Cambridge, Mass.", "Portland, Maine", "London, Ontario".

A town's name alone links to the largest town of that name (:func:`kg.lexicon.places.lookup`): Paris is
in France, Cambridge in England, whatever the article says. When the text writes the town with its
region or country, a ``locatedIn`` fact of :mod:`kg.extract.relations.located` says so; the town meant
is then the one of that name in that country (in that state, for a US town), and every mention of the
name in the article names it: the article that wrote "Paris, Texas" once means that Paris when it
writes "Paris" again.

Examples
--------
>>> from kg.types import Article, Extraction, Fact, Mention
>>> text = "Acme opened a plant in Paris, Texas."
>>> art = Article("a", "a.txt", None, "", text, None, "en", None, (), "")
>>> ms = (Mention(23, 28, "Paris", "City", 0, "t", 1.0), Mention(30, 35, "Texas", "Place", 0, "t", 1.0))
>>> ext = Extraction(art, (), ms, (), (Fact(0, "locatedIn", 1, None, 0, "kg.rules.located_in", 0.6),), ())
>>> town = regional_towns(ext)["paris"]
>>> town.country, town.population < 100_000
('US', True)
"""
from __future__ import annotations

from kg.lexicon import places, regions
from kg.types import Extraction

#: the extractor of the facts that write a town with its region (kg.extract.relations.located)
LOCATED = "kg.rules.located_in"


def _pairs(extraction: Extraction) -> list[tuple[str, str]]:
    """(town, region or country) as the article writes them, from its ``locatedIn`` facts."""
    ms = extraction.mentions
    return [(ms[f.subject].text, ms[f.object].text) for f in extraction.facts
            if f.extractor == LOCATED and f.predicate == "locatedIn" and f.object is not None]


def written_regions(extraction: Extraction) -> set[str]:
    """Folded names the article writes as a town's region ("London, Ontario") that the gazetteer
    would read as a town: the region is meant, not the town of that name elsewhere (Ontario, California)."""
    out = set()
    for _, text in _pairs(extraction):
        place = places.lookup(text, towns=True)
        if regions.is_region(text) and place is not None and place.kind == "City":
            out.add(places.fold(text))
    return out


def regional_towns(extraction: Extraction) -> dict[str, places.Place]:
    """Folded town name -> the town the article means, for the towns it writes with a region or
    country that the name alone would place elsewhere; a name written with two regions that name two
    towns ("Paris, Texas" and "Paris, France") is left to each mention's own reading."""
    meant: dict[str, set[places.Place]] = {}
    for town, region in _pairs(extraction):
        country = regions.containing_country(region)
        if country:
            found = places.lookup_in(town, country, regions.us_state(region) if country == "US" else "")
            meant.setdefault(places.fold(town), set()).add(found)
    out = {}
    for name, found in meant.items():
        alone = places.lookup(name, towns=True)
        if len(found) == 1 and None not in found and (alone is None or alone.geonameid != next(iter(found)).geonameid):
            out[name] = next(iter(found))
    return out
