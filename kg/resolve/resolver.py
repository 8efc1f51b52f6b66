"""Entity resolution: the mentions of one article -> entities with deterministic keys.

Keys depend only on the name (never on other articles), so parallel and incremental builds agree:
``organization/{folded name without legal suffix}``, ``person/{folded name}``, ``product/{category or
name}``, and for places the gazetteer's canonical name (``place/spain``, ``place/barcelona-es``), so
"Barcelone" and "Barcelona" are one place. Inside an article, near-identical organisation names are
merged (rapidfuzz), a surname alone joins the full name, and coreferent mentions ("the company")
join their antecedent. Subsidiaries named "X <country>" stay distinct, with ``parent`` = X.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from kg import lexicon
from kg.lexicon import places
from kg.resolve.joins import org_joins
from kg.resolve.towns import regional_towns, written_regions
from kg.nlp.types import name_key
from kg.types import ALIAS, Entity, Extraction, Mention, Resolved, is_named

KIND = {"Company": "organization", "Organization": "organization", "Person": "person",
        "Product": "product", "Place": "place", "Country": "place", "City": "place",
        "Region": "place", "Facility": "place"}
GEONAMES = "https://sws.geonames.org/{}/"
FUZZY = 92


def _strip(text: str) -> str:
    text = text.strip().rstrip(".,;:")
    for suffix in ("'s", "’s"):
        if text.endswith(suffix) and not lexicon.is_possessive_name(text):
            text = text[: -len(suffix)]
    return " ".join(text.split())


def _accents_folded(text: str) -> str:
    """Case and accents folded, hyphens kept: "Jean-Marc Morandini" and "Jean-Marc Morandíni" are one
    name; "Jean-Marc" and "Jean Marc" stay two spellings, as people write their own names."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def place_key(place: places.Place) -> str:
    """Key of a gazetteer place: countries and continents by name, cities with their country code.

    Examples
    --------
    >>> place_key(places.lookup("Barcelone")), place_key(places.lookup("Espagne"))
    ('place/barcelona-es', 'place/spain')
    """
    name = places.fold(place.name).replace(" ", "-")
    return f"place/{name}-{place.country.lower()}" if place.kind == "City" else f"place/{name}"


def mention_key(m: Mention, lang: str) -> tuple[str, str]:
    """(key, reason) for a named mention, from its text and type only.

    Examples
    --------
    >>> from kg.types import Mention
    >>> mention_key(Mention(0, 11, "Acme Corp.", "Company", 0, "t", 1.0), "en")
    ('organization/acme', "case folded; legal form or group word dropped from 'Acme Corp.'")
    """
    kind = KIND[m.type]
    text = _strip(m.text)
    if kind == "organization":
        key = name_key(text, lang)
        why = "case folded" + ("; legal form or group word dropped from " + repr(m.text) if len(key.split()) < len(text.split())
                               else "")
        return f"organization/{key}", why
    if kind == "person":
        return f"person/{_accents_folded(text)}", "case and accents folded"
    if kind == "product":
        category = lexicon.product_categories(lang).get(text.lower())
        if category:
            return f"product/{category}", f"product category {category!r} ({lang} form {text!r})"
        full = lexicon.market_index_names().get(text.lower())
        if full:  # an index's abbreviation is the index its full name names ("DJIA")
            return f"product/{_accents_folded(full)}", f"index abbreviation {text!r} of {full!r}"
        return f"product/{_accents_folded(text)}", "case and accents folded"
    # a generic "Place" was typed without place context: only a name that is a place anywhere links
    place = places.lookup(text, strict=m.type == "Place", towns=m.type == "City") if m.type != "Facility" else None
    if place is not None:
        return place_key(place), f"gazetteer: {text!r} is {place.name} (GeoNames {place.geonameid})"
    return f"place/{_accents_folded(text)}", "not in the gazetteer: by name (case and accents folded)"


def _merge_fuzzy(keys: dict[int, str], mentions: tuple[Mention, ...]) -> dict[str, str]:
    """Map near-duplicate organisation keys of one article to the most frequent one."""
    counts = Counter(k for k in keys.values() if k.startswith("organization/"))
    order = sorted(counts, key=lambda k: (-counts[k], len(k), k))
    rank = {k: i for i, k in enumerate(order)}
    # Only an earlier key with the same first letter (fuzzy) or the same squashed name can be the target:
    # comparing every pair made a long article's resolution cubic in its number of names.
    by_letter: dict[str, list[str]] = defaultdict(list)
    by_squash: dict[str, list[str]] = defaultdict(list)
    target: dict[str, str] = {}
    for k in order:
        name = k.split("/", 1)[1]
        squash = name.replace(" ", "").replace("-", "")
        for t in sorted(set(by_letter[name[:1]]) | set(by_squash[squash]), key=rank.__getitem__):
            if target.get(t, t) != t:
                continue
            other = t.split("/", 1)[1]
            squashed = squash == other.replace(" ", "").replace("-", "")
            if squashed or (fuzz.ratio(name, other) >= FUZZY and name[0] == other[0]):
                target[k] = t
                break
        by_letter[name[:1]].append(k)
        by_squash[squash].append(k)
    return target


def resolve(extraction: Extraction) -> Resolved:
    """Map each mention of an extraction to an entity; build the entities.

    Examples
    --------
    >>> from kg.types import Article, Extraction, Mention
    >>> art = Article("a", "a.txt", None, "", "", None, "en", None, (), "")
    >>> ms = (Mention(0, 6, "Xiaomi", "Company", 0, "t", 1.0), Mention(10, 16, "XIAOMI", "Company", 0, "t", 1.0),
    ...       Mention(20, 33, "Xiaomi France", "Company", 0, "t", 1.0))
    >>> r = resolve(Extraction(art, (), ms, (), (), ()))
    >>> r.mention_entity
    ('organization/xiaomi', 'organization/xiaomi', 'organization/xiaomi france')
    >>> [e.parent for e in r.entities]
    [None, 'organization/xiaomi']
    """
    lang = extraction.article.lang
    mentions = extraction.mentions
    keys: dict[int, str] = {}
    reasons: dict[str, set[str]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if is_named(m) and m.type in KIND:
            keys[i], why = mention_key(m, lang)
            reasons[keys[i]].add(why)
    towns = regional_towns(extraction)  # "Paris, Texas": that Paris, for every "Paris" of the article
    regions, region_keys = written_regions(extraction), set()
    for i, k in keys.items():
        if not k.startswith("place/"):
            continue
        name = places.fold(_strip(mentions[i].text))
        town = towns.get(name)
        if name in regions:
            keys[i] = f"place/{_accents_folded(_strip(mentions[i].text))}"
            reasons[keys[i]].add("written as a town's region: no town of that name")
            region_keys.add(keys[i])
        elif town is not None:
            keys[i] = place_key(town)
            reasons[keys[i]].add(f"{_strip(mentions[i].text)!r} is written with its region: GeoNames {town.geonameid}, "
                                 "not the largest town of the name")
    towns = {place_key(t): t for t in towns.values()}
    # A surname alone joins the one full name of the article that ends with it.
    persons: dict[str, list[str]] = defaultdict(list)  # by last word
    for p in sorted({k for k in keys.values() if k.startswith("person/") and " " in k}):
        persons[p.rsplit(" ", 1)[1]].append(p)
    for i, k in list(keys.items()):
        if k.startswith("person/") and " " not in k:
            full = persons.get(k.split("/", 1)[1], [])
            if len(full) == 1:
                keys[i] = full[0]
                reasons[full[0]].add(f"surname {mentions[i].text!r} joined the full name")
    surfaces: dict[str, Counter] = defaultdict(Counter)
    for i, k in keys.items():
        if k.startswith("organization/"):
            surfaces[k][_strip(mentions[i].text)] += 1
    names = {k: min(c, key=lambda s: (-c[s], s)) for k, c in surfaces.items()}
    first: dict[str, int] = {}
    for i, k in keys.items():
        if k.startswith("organization/") and mentions[i].antecedent is None:
            first[k] = min(first.get(k, mentions[i].start), mentions[i].start)
    joined = org_joins(names, lang, first)
    for k, (t, why) in joined.items():
        reasons[t].add(why)
    keys = {i: joined[k][0] if k in joined else k for i, k in keys.items()}
    merged = _merge_fuzzy(keys, mentions)  # no chains: a target is never merged itself
    for k, t in merged.items():
        reasons[t].add(f"near-duplicate name {k.split('/', 1)[1]!r} merged (rapidfuzz >= {FUZZY})")
    keys = {i: merged.get(k, k) for i, k in keys.items()}
    for i, m in enumerate(mentions):
        if m.antecedent is not None and m.antecedent in keys:
            keys[i] = keys[m.antecedent]
            alias = m.extractor == ALIAS
            reasons[keys[i]].add(f"alias {m.text!r} given after the name" if alias else f"coreference {m.text!r}")
    _alias_reused(keys, mentions, reasons)
    mention_entity = tuple(keys.get(i) for i in range(len(mentions)))
    groups: dict[str, list[Mention]] = defaultdict(list)
    for i in sorted(keys):
        groups[keys[i]].append(mentions[i])
    entities = [_entity(k, groups[k], lang, reasons[k], towns.get(k), k in region_keys) for k in sorted(groups)]
    return Resolved(extraction, tuple(_with_countries(entities, towns)), mention_entity)


def _with_countries(entities: list[Entity], towns: dict[str, places.Place]) -> list[Entity]:
    """``entities`` and the countries of their towns that the article does not name itself: a town is
    always located in its country (from the gazetteer, which says so in ``kg:resolution``)."""
    have = {e.key for e in entities}
    added: dict[str, Entity] = {}
    for e in entities:
        if e.type != "City" or not e.parent or e.parent in have or e.parent in added:
            continue
        town = towns.get(e.key) or places.lookup(e.label, towns=True)
        country = places.country(town.country) if town else None
        if country is None or place_key(country) != e.parent:
            continue
        same_as = (GEONAMES.format(country.geonameid),) if country.geonameid else ()
        added[e.parent] = Entity(e.parent, country.kind, country.name, "en", (), same_as, None, None, None,
                                 f"not named in the article: the gazetteer's country of {e.label!r}")
    return sorted([*entities, *added.values()], key=lambda e: e.key)


def _alias_reused(keys: dict[int, str], mentions: tuple[Mention, ...], reasons: dict[str, set[str]]) -> None:
    """A name given as an alias ("Northwind Traders (NWT)") names the same entity wherever the article
    uses it again ("NWT also hired staff"), whatever type the model gave that later mention."""
    given: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if m.extractor == ALIAS and i in keys:
            given.setdefault(_accents_folded(_strip(m.text)), keys[i])
    for i, m in enumerate(mentions):
        target = given.get(_accents_folded(_strip(m.text)))
        if target and i in keys and keys[i] != target and m.extractor != ALIAS and m.antecedent is None:
            reasons[target].add(f"alias {_strip(m.text)!r} used again")
            keys[i] = target


def _entity(key: str, ms: list[Mention], lang: str, reasons: set[str], town: places.Place | None = None,
            region: bool = False) -> Entity:
    named = [m for m in ms if m.antecedent is None] or ms
    aliases = {_strip(m.text) for m in ms if m.extractor == ALIAS}  # "(QP)", "(formerly Zeta)": other names
    surfaces = Counter(_strip(m.text) for m in named)
    own = key.split("/", 1)[1]  # the surface that spells the key ("General Motors", not "GM") labels it
    label = max(surfaces, key=lambda s: (_accents_folded(s) == own or name_key(s, lang) == own, surfaces[s],
                                         -named.index(next(m for m in named if _strip(m.text) == s))))
    types = Counter(m.type for m in named)
    etype = ("Company" if types["Company"] else types.most_common(1)[0][0])
    same_as, parent, lat, lon = (), None, None, None
    if key.startswith("place/"):
        place = town or (places.lookup(label, strict=etype == "Place", towns=etype == "City")
                         if etype != "Facility" and not region else None)
        etype = "Place" if region else etype
        if place is not None:
            etype = place.kind
            same_as = (GEONAMES.format(place.geonameid),) if place.geonameid else ()
            lat, lon = place.lat, place.lon
            country = places.country(place.country) if place.kind == "City" else None
            parent = place_key(country) if country else None
    elif key.startswith("organization/"):
        words = key.split("/", 1)[1].split()
        tail = places.lookup(words[-1]) if len(words) > 1 else None
        if tail is not None and tail.kind == "Country":
            parent = "organization/" + " ".join(words[:-1])
            reasons = reasons | {f"subsidiary of {parent} (name ends with a country)"}
    why = f"{len(ms)} mention(s): " + ", ".join(f"{s!r} x{n}" for s, n in sorted(surfaces.items()))
    why += "; " + "; ".join(sorted(r for r in reasons if r))
    aliases = tuple(sorted((set(surfaces) | aliases) - {label}))
    return Entity(key, etype, label, lang, aliases, same_as, parent, lat, lon, why)
