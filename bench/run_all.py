"""Run every benchmark and print its table: ``make bench`` (full) or ``python bench/run_all.py --quick``.

Figures are ratios against a baseline measured in the same run (the machine may be shared):
build throughput vs spaCy's bare ``nlp.pipe``, 2 workers vs 1, peak memory at 10x the corpus,
SPARQL latency of the competency queries on Oxigraph vs rdflib in memory, dump speed vs pyoxigraph's
own serializer, and ``kg add`` to a large store vs an empty one.
"""
from __future__ import annotations

import argparse
import time

import common
import export
import feed
import memory
import sparql
import throughput

FULL = {"throughput": {"docs": 1000}, "memory": {"sizes": (1000, 10000)},
        "sparql": {"sizes": (100_000, 1_000_000), "seed_docs": 300, "budget": 120.0},
        "export": {"sizes": (5000, 20000)}, "feed": {"articles": 100_000, "add": 100, "repeat": 2}}
QUICK = {"throughput": {"docs": 60}, "memory": {"sizes": (50, 200)},
         "sparql": {"sizes": (10_000, 50_000), "seed_docs": 20, "budget": 20.0},
         "export": {"sizes": (300, 1200)}, "feed": {"articles": 2000, "add": 10, "repeat": 1}}
BENCHMARKS = {"throughput": throughput.run, "memory": memory.run, "sparql": sparql.run, "export": export.run,
              "feed": feed.run}
TITLES = {"throughput": "Build throughput (words/s) vs spaCy nlp.pipe",
          "memory": "Peak memory against corpus size (streaming)",
          "sparql": "SPARQL latency of the competency queries: Oxigraph store vs rdflib in memory",
          "export": "Whole-graph dumps: MB/s and peak memory vs pyoxigraph's serializer",
          "feed": "A feed: kg add to a large store vs an empty one, kg remove there"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a few minutes")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), nargs="+", help="run only these benchmarks")
    args = parser.parse_args()
    settings = QUICK if args.quick else FULL
    print(f"# kg benchmarks ({'quick' if args.quick else 'full'})\n\n{common.machine()}\n")
    for name in args.only or list(BENCHMARKS):
        start = time.perf_counter()
        text, _ = BENCHMARKS[name](**settings[name])
        print(f"## {TITLES[name]}\n\n{text}\n\n({time.perf_counter() - start:.0f} s)\n", flush=True)


if __name__ == "__main__":
    main()
