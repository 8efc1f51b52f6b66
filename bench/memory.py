"""Peak memory of a build against corpus size: streaming means it must not grow with the corpus.

Each build runs in a fresh child process (``python -c "kg.pipeline.build(...)"``); its peak resident
set is read from ``os.wait4`` (the largest of the build process and its worker processes). The
10,000-article corpus holds the 3,455 real documents of the benchmarks, then copies of them under new
ids (each copy is a separate article in the graph).

Usage: ``python bench/memory.py [--sizes 1000 10000] [--workers 2]``
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
import corpus

CHILD = """
import json, sys
from kg.pipeline import build
report = build([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
print(json.dumps({"built": report.built, "failed": report.failed, "triples": report.triples}))
"""


def peak_build(path: Path, out: Path, *, workers: int) -> tuple[float, float, dict]:
    """(seconds, peak RSS in MB, report counts) of one build in a child process."""
    import json

    env = os.environ | {"PYTHONPATH": str(common.ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(out), str(workers)],
                             stdout=subprocess.PIPE, env=env, cwd=common.ROOT)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build of {path} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024, json.loads(output.decode().strip().splitlines()[-1])


def run(*, sizes: tuple[int, ...] = (1000, 10000), workers: int = 2) -> tuple[str, dict[str, float]]:
    rows, peaks = [], {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-mem-") as tmp:
        for size in sizes:
            docs = corpus.documents(size, copies=True)
            path = corpus.write_jsonl(docs, Path(tmp) / f"docs-{size}.jsonl")
            seconds, peak, counts = peak_build(path, Path(tmp) / f"out-{size}", workers=workers)
            peaks[size] = peak
            rows.append([size, corpus.words(docs), counts["built"], counts["triples"], seconds, peak])
    ratio = peaks[sizes[-1]] / peaks[sizes[0]]
    text = common.table(["articles", "words", "built", "triples", "seconds", "peak RSS (MB)"], rows)
    text += (f"\n\npeak RSS at {sizes[-1]:,} vs {sizes[0]:,} articles: **{ratio:.2f}x** "
             f"(`--workers {workers}`: largest of the build process and its workers)")
    return text, {"memory_growth": ratio}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    text, _ = run(sizes=tuple(args.sizes), workers=args.workers)
    print(text)
    print(f"\n{common.machine()}")


if __name__ == "__main__":
    main()
