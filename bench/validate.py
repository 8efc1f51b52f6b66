"""Time and peak memory of `kg validate` against graph size, and where the time goes.

Two graphs: (1) copies of the sample build (``kg build data/articles``, a graph that conforms): each
copy renames the article-scoped IRIs (article, mention, event, statement) and keeps the entities, so
that entities are shared by many articles as in a real corpus; (2) the synthetic graph of
``tools/synth_graph.py``, which breaks a shape on most of its nodes (tens of thousands of results).
Each run is a fresh child process; its peak resident set is read from ``os.wait4``; the time of each
step (read the graph into rdflib, pyshacl, our report) comes from ``validate``'s ``progress`` callback.

With ``--store`` each graph is first loaded into a store folder, which ``kg validate`` checks one article
graph at a time above :data:`kg.store.validate.PER_GRAPH_QUADS` quads (the read / pyshacl / report columns
are then one total).

Usage: ``python bench/validate.py [--copies 40 400] [--synth 2000] [--store]``
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

CHILD = """
import sys, time
from kg.store.validate import validate
marks = [time.perf_counter()]
r = validate(sys.argv[1], progress=lambda done, total: marks.append(time.perf_counter()))
steps = [f"{b - a:.1f}" for a, b in zip(marks, marks[1:])]
print(" ".join(steps if len(steps) == 3 else [f"{marks[-1] - marks[0]:.1f}", "-", "-"]), r.text.splitlines()[0])
"""
LOAD = """
import sys
from kg.store import open_store
with open_store(sys.argv[2], create=True) as store:
    store.load(sys.argv[1], bulk=True)
"""
SCOPED = re.compile(r"(https://w3id\.org/newskg/id/(?:article|mention|event|statement)/)")


def sample_graph(folder: Path) -> Path:
    """The sample build as N-Quads, built by `kg` in child processes: a child inherits the peak memory
    of its parent at fork, so this process must stay small for the figures to mean anything."""
    out = folder / "sample.nq"
    env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
    kg = [sys.executable, "-m", "kg.cli"]
    subprocess.run(kg + ["build", str(common.ROOT / "data" / "articles"), "-o", str(folder / "build"), "--quiet"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(kg + ["export", str(folder / "build"), "-f", "nquads", "-o", str(out)], check=True, env=env)
    return out


def copies(base: Path, n: int, out: Path) -> Path:
    lines = base.read_text(encoding="utf-8").splitlines()
    with out.open("w", encoding="utf-8") as f:
        for k in range(n):
            f.write("\n".join(SCOPED.sub(rf"\1c{k}-", line) for line in lines) + "\n")
    return out


def run(graph: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, "read pyshacl report" step seconds and the report's first line) of one validation."""
    env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(graph)], stdout=subprocess.PIPE, env=env,
                            text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    output = proc.stdout.read().strip() if proc.stdout else ""
    if status != 0:
        raise SystemExit(f"validation of {graph} failed ({status}): {output}")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="*", default=[40, 400], help="copies of the sample build")
    parser.add_argument("--synth", type=int, nargs="*", default=[2000], help="synthetic graph sizes (articles)")
    parser.add_argument("--store", action="store_true", help="validate each graph loaded into a store folder")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = sample_graph(folder) if args.copies else None
        graphs = [(f"sample x{n}", copies(base, n, folder / f"copies-{n}.nq")) for n in args.copies]
        for n in args.synth:
            spec = importlib.util.spec_from_file_location("synth_graph", common.ROOT / "tools" / "synth_graph.py")
            synth = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(synth)  # type: ignore[union-attr]
            graphs.append((f"synthetic {n} articles", synth.write(n, folder / f"synth-{n}.nq")))
        for name, graph in graphs:
            quads = sum(1 for _ in graph.open(encoding="utf-8"))
            if args.store:
                env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
                target = graph.with_suffix(".store")
                subprocess.run([sys.executable, "-c", LOAD, str(graph), str(target)], check=True, env=env)
                graph, name = target, f"{name} (store)"
            seconds, peak, out = run(graph)
            read, check, report, first = out.split(" ", 3)
            rows.append([name, quads, seconds, read, check, report, peak, first[:50]])
            print(rows[-1], file=sys.stderr)
    print(common.table(["graph", "quads", "seconds", "read", "pyshacl", "our report", "peak MB", "report"], rows))
    print()
    print(common.machine())


if __name__ == "__main__":
    main()
