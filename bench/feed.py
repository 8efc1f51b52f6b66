"""A daily feed at scale: ``kg add`` of real articles to a large store costs what it costs on an empty one.

A build output is grown to ``--articles`` synthetic articles (tools/synth_graph.py: the shape of
ontology/MODEL.md, Zipf-skewed entities; loaded in bulk, then counted once, untimed). Then, in fresh
child processes, ``kg add`` of the same ``--add`` real articles (bench corpus) into the large output and
into an empty one, alternately, ``--repeat`` times: wall time and peak resident memory (``os.wait4``),
and their ratio large/empty (the bar: at most 1.5). Last, ``kg remove`` of one of the added articles
from the large output: the library call alone, and the whole command (with Python's start-up and
imports), each in a child process.

Usage: ``python bench/feed.py [--articles 100000] [--add 100] [--repeat 2] [--keep DIR]``;
``python bench/feed.py --refresh-sizes 150 10000`` times only the corpus and events refresh per store size
(the full recompute, then after adding and after removing one article).
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

sys.path.insert(0, str(common.ROOT / "tools"))
import synth_graph  # noqa: E402

CONTENT_HASH = "https://w3id.org/newskg/ontology#contentHash"


def grow(out: Path, n_articles: int, *, chunk: int = 2000) -> tuple[float, int]:
    """Write a build output of ``n_articles`` synthetic articles; (seconds, triples)."""
    import pyoxigraph as ox

    from kg.store import corpus as corpus_graph
    from kg.store import events, open_store
    from kg.store.counts import graph_counts, record, recount
    from kg.store.rows import start as start_rows

    start = time.perf_counter()
    (out / "store").mkdir(parents=True)
    store = ox.Store(str(out / "store"))
    lines: list[str] = []
    for n, (article, quads) in enumerate(synth_graph.synth_articles(n_articles), 1):
        # each article graph, its hash (as kg writes it) and its copy in the union, as kg.store keeps it
        lines += quads + [f'<{article}> <{CONTENT_HASH}> "synth-{n}" <{article}> .']
        lines += [q.rsplit(" <", 1)[0] + " ." for q in quads]
        if n % chunk == 0 or n == n_articles:
            store.bulk_extend(ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS))
            lines = []
    store.flush()
    del store
    with open_store(out / "store") as opened:  # counted once, as kg does for a store it did not write
        opened.oxigraph.add(record(recount(opened)))
        triples = graph_counts(opened).triples
        # and its query rows and corpus rows written, its corpus and events graphs decided: a store kg
        # built has them (else the first write pays for the query rows: 76 s at 100,000 articles)
        start_rows(opened.oxigraph)
        corpus_graph.refresh(opened)
        events.refresh(opened)
    return time.perf_counter() - start, triples


def child(args: list[str], *, python: str | None = None) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, stdout) of ``python -m kg.cli ARGS`` (or ``python -c PYTHON ARGS``) in a
    fresh process.

    The peak is measured by /usr/bin/time: a child forked from this process would report this
    process's own peak too (Linux keeps the high-water mark across fork and exec).
    """
    env = os.environ | {"PYTHONPATH": str(common.ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.NamedTemporaryFile("r", suffix=".time") as usage:
        command = [sys.executable, "-m", "kg.cli", *args] if python is None else [sys.executable, "-c", python, *args]
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", usage.name, *command], env=env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak_kb = float(usage.read().strip().splitlines()[-1])
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command[:4])} failed: {proc.stderr[-2000:]}")
    return seconds, peak_kb / 1024, proc.stdout


REMOVE_CALL = """
import sys, time
from kg.pipeline import remove
start = time.perf_counter()
assert remove(sys.argv[1], sys.argv[2])
print(time.perf_counter() - start)
"""


def run(*, articles: int = 100_000, add: int = 100, repeat: int = 2,
        keep: Path | None = None) -> tuple[str, dict[str, float]]:
    from kg.store import open_store
    from kg.store.counts import graph_counts, start_counters

    docs = corpus.documents(add)
    with tempfile.TemporaryDirectory(prefix="kg-feed-") as tmp:
        tmp_path = Path(tmp)
        feed = corpus.write_jsonl(docs, tmp_path / "feed.jsonl")
        large_seed = keep / f"large-{articles}" if keep else tmp_path / "large"
        if keep and (large_seed / "store").is_dir():  # grown by an earlier run: reused as it is
            grow_seconds = 0.0
            with open_store(large_seed / "store") as opened:
                # counters kept by an older kg are completed once here (untimed), not in every copy
                start_counters(opened)
                triples = graph_counts(opened).triples
        else:
            grow_seconds, triples = grow(large_seed, articles)
        rows, timings = [], {"empty": [], "large": []}
        for n in range(repeat):
            for kind in ("empty", "large"):
                out = tmp_path / f"{kind}-{n}"
                if kind == "empty":
                    open_store(out / "store", create=True).close()
                else:
                    subprocess.run(["cp", "-r", str(large_seed), str(out)], check=True)
                seconds, peak, text = child(["add", str(out), str(feed)])
                timings[kind].append((seconds, peak))
                rows.append([f"kg add {add} real articles, {kind} store (run {n + 1})", seconds, peak,
                             text.splitlines()[1] if len(text.splitlines()) > 1 else text.strip()])
        large = tmp_path / f"large-{repeat - 1}"
        _, _, text = child([str(large), docs[0]["id"]], python=REMOVE_CALL)
        remove_call = float(text.strip())
        remove_cli, remove_peak, _ = child(["remove", str(large), docs[1]["id"]])
    best = {k: (min(s for s, _ in v), max(p for _, p in v)) for k, v in timings.items()}
    ratios = {"time_large_vs_empty": best["large"][0] / best["empty"][0],
              "memory_large_vs_empty": best["large"][1] / best["empty"][1],
              "remove_call_seconds": remove_call, "remove_cli_seconds": remove_cli}
    rows.append(["kg remove of 1 article from the large store: library call", remove_call, "", ""])
    rows.append(["kg remove of 1 article from the large store: whole command", remove_cli, remove_peak, ""])
    text = (f"large store: {articles:,} synthetic articles, {triples:,} triples (grown in {grow_seconds:.0f} s, "
            f"untimed)\n\n" + common.table(["run", "seconds", "peak MB", "graph after"], rows)
            + f"\n\nlarge / empty (best of {repeat}): time **{ratios['time_large_vs_empty']:.2f}x**, "
            f"peak memory **{ratios['memory_large_vs_empty']:.2f}x**")
    return text, ratios


def refresh_cost(sizes: list[int]) -> str:
    """Seconds of the corpus and events refresh on grown stores of each size: the full recompute as every
    build, add and remove paid it before the refresh was scoped (the SPARQL read of every entity row),
    ``kg.store.corpus.rebuild`` (what a store without corpus rows pays once: the same, and every
    article's rows written), then the refresh every ``kg add`` or
    ``kg remove`` pays after writing one more synthetic article (drawn as the others: Zipf-skewed, so
    it names the hubs) and after removing one."""
    import pyoxigraph as ox

    from kg.resolve.corpus import decide
    from kg.store import corpus as corpus_graph
    from kg.store import events, open_store

    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="kg-refresh-") as tmp:
            _, triples = grow(Path(tmp), size)
            *_, (extra, lines) = synth_graph.synth_articles(size + 1)
            lines = lines + [f'<{extra}> <{CONTENT_HASH}> "synth-extra" <{extra}> .']
            quads = list(ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS))
            with open_store(Path(tmp) / "store") as store:
                timed = []
                for step in ("before", "rebuild", "events", "add", "events", "remove", "events"):
                    if step == "add":
                        store.replace_article_quads(extra, quads)
                    elif step == "remove":
                        store.remove_article(extra)
                    start = time.perf_counter()
                    if step == "before":  # the refresh as it was: every entity row read by SPARQL
                        found, mentions = corpus_graph.corpus_rows(store)
                        store.replace_article_quads(corpus_graph.CORPUS_GRAPH, corpus_graph.corpus_quads(
                            decide(found), found, mentions))
                    elif step == "rebuild":
                        corpus_graph.rebuild(store)
                    elif step == "events":
                        events.refresh(store)
                    else:
                        corpus_graph.refresh(store)
                    timed.append(time.perf_counter() - start)
            rows.append([f"{size:,}", f"{triples:,}", *timed])
    return common.table(["articles", "triples", "corpus full refresh before s", "corpus rebuild s", "events s", "corpus +1 article s",
                         "events s", "corpus -1 article s", "events s"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="size of the large store")
    parser.add_argument("--add", type=int, default=100, help="real articles added")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the grown store in this folder (and reuse it)")
    parser.add_argument("--refresh-sizes", type=int, nargs="+",
                        help="only time the corpus and events refresh on grown stores of these sizes")
    args = parser.parse_args()
    if args.refresh_sizes:
        print(refresh_cost(args.refresh_sizes))
        print(f"\n{common.machine()}")
        return
    text, _ = run(articles=args.articles, add=args.add, repeat=args.repeat, keep=args.keep)
    print(text)
    print(f"\n{common.machine()}")


if __name__ == "__main__":
    main()
