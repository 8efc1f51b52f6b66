"""Regions a town is written with: states, provinces, counties, prefectures (ISO 3166-2, from
``pycountry``, with French names) and the Associated Press abbreviations of US states
(``data/gazetteers/state_abbreviations.tsv``).

The place gazetteer (:mod:`kg.lexicon.places`) holds countries and towns only; these names are
used to read "Wilmington Delaware", "Bethesda, Md." or "Sendai Miyagi" as a town and its region.
"""
from __future__ import annotations

import functools
import gettext
from pathlib import Path

import pycountry

from kg.lexicon.places import fold, lookup

#: subdivision levels that news name after a town; districts, municipalities and parishes are left
#: out (thousands of them, and many are also towns or common words)
_LEVELS = frozenset({
    "State", "Province", "Region", "County", "Two-tier county", "Unitary authority", "Prefecture",
    "Department", "Metropolitan department", "Land", "Autonomous community", "Canton", "Council area",
    "Autonomous region", "Administrative region", "Metropolitan region", "Union territory", "Territory",
    "Voivodship", "Republic", "Metropolitan county", "Country", "Nation"})


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    index: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in _LEVELS:
            continue
        for name in {sub.name, french.gettext(sub.name)}:
            key = fold(name)
            # One name in two countries ("Georgia", "Limburg"): the name says region, not which one.
            index[key] = sub.country_code if index.get(key, sub.country_code) == sub.country_code else ""
    return index


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    table = {}
    path = Path(__file__).resolve().parents[2] / "data" / "gazetteers" / "state_abbreviations.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        abbr, state = (cell.strip() for cell in line.split("\t")[:2])
        table[abbr] = table[abbr.rstrip(".")] = state
    return table


def state_abbreviation(text: str) -> str | None:
    """The US state an AP abbreviation stands for, written as news write it (case-sensitive).

    Examples
    --------
    >>> state_abbreviation("Md."), state_abbreviation("Md"), state_abbreviation("md"), state_abbreviation("Texas")
    ('Maryland', 'Maryland', None, None)
    """
    return _abbreviations().get(text.strip())


def region_country(text: str) -> str | None:
    """The ISO code of the country whose state, province, county or prefecture ``text`` names (``""``
    when regions of two countries bear the name), or None.

    Examples
    --------
    >>> region_country("Bretagne"), region_country("Md."), region_country("Limburg"), region_country("Acme")
    ('FR', 'US', '', None)
    """
    if state_abbreviation(text):
        return "US"
    return _subdivisions().get(fold(text))


def containing_country(text: str) -> str | None:
    """The ISO code of the country a region's or a country's name stands for (``""`` for a region name
    two countries share), or None when ``text`` names neither: what a town written before it is in.

    Examples
    --------
    >>> containing_country("Ohio"), containing_country("Allemagne"), containing_country("Limburg"), containing_country("Lyon")
    ('US', 'DE', '', None)
    """
    code = region_country(text)
    if code:
        return code
    place = lookup(text)
    if place is not None and place.kind == "Country":
        return place.country
    return code


def is_region(text: str) -> bool:
    """True when ``text`` names a state, province, county or prefecture (English or French name) or
    abbreviates a US state.

    Examples
    --------
    >>> is_region("Derbyshire"), is_region("Caroline du Nord"), is_region("Calif."), is_region("Acme")
    (True, True, True, False)
    """
    return fold(text) in _subdivisions() or state_abbreviation(text) is not None


@functools.lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    return {fold(name): sub.code.split("-", 1)[1] for sub in pycountry.subdivisions.get(country_code="US")
            for name in (sub.name, french.gettext(sub.name))}


def us_state(text: str) -> str:
    """The postal code of the US state ``text`` names (its English or French name, AP abbreviation or
    postal code), or ``""``: GeoNames' first-level division of a US town, which tells "Portland, Maine"
    from Portland, Oregon.

    Examples
    --------
    >>> us_state("Maine"), us_state("Md."), us_state("TX"), us_state("Caroline du Nord"), us_state("Bretagne")
    ('ME', 'MD', 'TX', 'NC', '')
    """
    text = text.strip()
    if len(text) == 2 and text.isupper():
        return text if text in _us_states().values() else ""
    return _us_states().get(fold(state_abbreviation(text) or text), "")
