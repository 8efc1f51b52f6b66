"""Long articles: time and peak memory of building ONE article against its length (issue 15, case 6).

The article is the benchmark corpus's real documents (bench/corpus.py) joined into one text, with its
paragraph breaks (``--shape paragraphs``) or as a single line (``--shape line``: no break at all, the
worst case for chunking). Each build runs in a fresh child process; its peak resident set and its CPU
time (user + system: on a machine shared with other jobs, wall time says more about them) come from
``os.wait4``. Time linear in length means a constant MB per CPU second, and a CPU-time ratio equal to
the size ratio.

An article above ``kg.store.staged.LONG_CHARS`` characters (400,000) takes the streamed path: extracted
window by window (``kg.extract.stream``), its graph written in parts (``kg.store.staged``).

Usage: ``python bench/long_article.py [--sizes 0.1 0.2 0.4] [--shape paragraphs|line]`` (sizes in MB)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
import corpus
from memory import CHILD


def long_text(chars: int, *, shape: str) -> str:
    """About ``chars`` characters of real English text as one article (whole documents, then cut at a space)."""
    parts, total = [], 0
    docs = corpus.documents(None, copies=True)
    while total < chars:
        for doc in docs:
            parts.append(doc["text"].replace("\n", " ") if shape == "line" else doc["text"])
            total += len(parts[-1]) + 2
            if total >= chars:
                break
    text = (" " if shape == "line" else "\n\n").join(parts)
    return text[:text.rfind(" ", 0, chars)] + "\n"


def build_child(path: Path, out: Path) -> tuple[float, float, float, dict]:
    """(wall seconds, CPU seconds, peak RSS in MB, report counts) of one build in a fresh child process."""
    env = os.environ | {"PYTHONPATH": str(common.ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(out), "1"], stdout=subprocess.PIPE,
                             env=env, cwd=common.ROOT)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"build of {path} failed with status {status}")
    counts = json.loads(output.decode().strip().splitlines()[-1])
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, counts


def run(*, sizes: tuple[float, ...], shape: str) -> str:
    rows = []
    first: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory(prefix="kg-bench-long-") as tmp:
        for size in sizes:
            text = long_text(int(size * 1_000_000), shape=shape)
            path = Path(tmp) / f"long-{size}.jsonl"
            path.write_text(json.dumps({"id": f"long-{size}", "text": text, "lang": "en"}) + "\n", encoding="utf-8")
            seconds, cpu, peak, counts = build_child(path, Path(tmp) / f"out-{size}")
            mb = len(text.encode()) / 1_000_000
            first = first or (mb, cpu)
            rows.append([f"{mb:.2f}", counts["built"], counts["failed"], counts["triples"], seconds, cpu,
                         mb / cpu, (cpu / first[1]) / (mb / first[0]), peak])
    return common.table(["MB", "built", "failed", "triples", "wall s", "CPU s", "MB per CPU s",
                         "CPU-time ratio / size ratio", "peak RSS (MB)"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.2, 0.4])
    parser.add_argument("--shape", choices=("paragraphs", "line"), default="paragraphs")
    args = parser.parse_args()
    print(f"one article, `--shape {args.shape}`\n")
    print(run(sizes=tuple(args.sizes), shape=args.shape))
    print(f"\n{common.machine()}")


if __name__ == "__main__":
    main()
