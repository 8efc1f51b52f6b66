"""Export speed (MB/s) and peak memory of kg's dumps, against pyoxigraph's own serializer of the same store.

A store of ``--articles`` synthetic articles (tools/synth_graph.py, written through
``Store.replace_article_quads`` as a build writes them) is dumped in fresh child processes, one dump per
process, each timed and its peak resident memory read by /usr/bin/time:

* kg's dumps: ``graph.trig`` and ``graph.ttl`` as a build writes them (``Store.write``), and
  ``kg export -f trig|nquads -o FILE`` (sorted, streamed graph by graph);
* pyoxigraph's ``Store.dump`` of the same store: TriG and N-Quads of the whole dataset, Turtle of the
  default graph (the union kg keeps there).

Two sizes (``--articles 5000 20000``) show whether memory grows with the store. The same run gives both
sides, so the ratios hold on a shared machine.

Usage: ``python bench/export.py [--articles 5000 20000]``
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

sys.path.insert(0, str(common.ROOT / "tools"))
import synth_graph  # noqa: E402

CHILD = """
import sys, time
import pyoxigraph as ox
from kg.store import open_store
kind, location, out = sys.argv[1:4]
start = time.perf_counter()
if kind.startswith("kg-write-"):
    with open_store(location, read_only=True) as store:
        store.write(out, kind.removeprefix("kg-write-"))
elif kind.startswith("kg-export-"):
    from kg.store.export import export
    export(location, kind.removeprefix("kg-export-"), out)
else:
    fmt = {"ox-trig": ox.RdfFormat.TRIG, "ox-nquads": ox.RdfFormat.N_QUADS, "ox-turtle": ox.RdfFormat.TURTLE}[kind]
    store = ox.Store.read_only(location)
    graph = {"from_graph": ox.DefaultGraph()} if kind == "ox-turtle" else {}
    store.dump(out, format=fmt, **graph)
print(time.perf_counter() - start)
"""
#: (label, child kind, the pyoxigraph run it is compared with)
RUNS = [
    ("pyoxigraph Store.dump TriG (whole dataset)", "ox-trig", None),
    ("pyoxigraph Store.dump N-Quads (whole dataset)", "ox-nquads", None),
    ("pyoxigraph Store.dump Turtle (default graph)", "ox-turtle", None),
    ("kg build's graph.trig (Store.write trig)", "kg-write-trig", "ox-trig"),
    ("kg build's graph.ttl (Store.write turtle)", "kg-write-turtle", "ox-turtle"),
    ("kg export -f trig -o (sorted, streamed)", "kg-export-trig", "ox-trig"),
    ("kg export -f nquads -o (sorted, streamed)", "kg-export-nquads", "ox-nquads"),
]


def grow(location: Path, n_articles: int) -> int:
    """A store of ``n_articles`` synthetic articles written as a build writes them; its triples."""
    import pyoxigraph as ox

    from kg.store import open_store
    from kg.store.counts import graph_counts

    with open_store(location, create=True) as store:
        for n, (article, lines) in enumerate(synth_graph.synth_articles(n_articles)):
            quads = list(ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS))
            store.replace_article_quads(article, quads)
        return graph_counts(store).triples


def child(kind: str, location: Path, out: Path) -> tuple[float, float, int]:
    """(seconds inside the child, peak RSS MB, bytes written)."""
    env = os.environ | {"PYTHONPATH": str(common.ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.NamedTemporaryFile("r", suffix=".time") as usage:
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", usage.name, sys.executable, "-c", CHILD, kind,
                               str(location), str(out)], env=env, capture_output=True, text=True, check=True)
        peak = float(usage.read().strip().splitlines()[-1]) / 1024
    size = out.stat().st_size
    out.unlink()
    return float(proc.stdout.strip()), peak, size


def run(sizes: tuple[int, ...] = (5000, 20000)) -> tuple[str, dict[str, float]]:
    rows, ratios = [], {}
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        for n in sizes:
            location = Path(tmp) / f"store-{n}"
            triples = grow(location, n)
            results = {}
            for label, kind, _ in RUNS:
                results[kind] = child(kind, location, Path(tmp) / f"dump-{kind}")
            for label, kind, versus in RUNS:
                seconds, peak, size = results[kind]
                speed = size / 1e6 / seconds
                ratio = speed / (results[versus][2] / 1e6 / results[versus][0]) if versus else ""
                if versus:
                    ratios[f"{kind}@{n}"] = ratio
                rows.append([f"{n:,} articles, {triples:,} triples", label, size / 1e6, seconds, speed, ratio, peak])
    return common.table(["store", "dump", "MB", "seconds", "MB/s", "MB/s vs pyoxigraph's", "peak MB"], rows), ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[5000, 20000])
    args = parser.parse_args()
    print(run(tuple(args.articles))[0])
    print(f"\n{common.machine()}")


if __name__ == "__main__":
    main()
