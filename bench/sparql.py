"""SPARQL latency of the competency queries (ontology/queries/*.rq): our store vs rdflib in memory.

The graphs are grown from a real build: its article graphs are copied with fresh article, mention,
statement and event IRIs (organisations, people and products shared by every 5 copies, places by
all), until the target size is reached, so the shape of the data is the real one. Each query runs
up to 3 times on each engine (median kept) and the engines must return the same number of rows. rdflib
runs in a child process with a time budget per query, since some queries take minutes there.

Each query is timed twice on the store: as plain text (``plain``) and run by name through
``kg.query`` (``kg query``), which reads the store's query rows where the query has a variant that does
(kg/query/rows/, kg.store.rows); the rows are built after the bulk load, as article writes build them.

Usage: ``python bench/sparql.py [--sizes 100000 1000000] [--seed OUT] [--no-rdflib]``
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import statistics
import tempfile
import time
from pathlib import Path

import common
import corpus

QUERIES = common.ROOT / "ontology" / "queries"
_PER_ARTICLE = re.compile(r"<(https://w3id\.org/newskg/id/(?:article|mention|statement|event)/[^>]*)>")
_GRAPH = re.compile(r"<([^<>]*)> \.$")
_SHARED = re.compile(r"<(https://w3id\.org/newskg/id/(?:organization|person|product|world-event)/[^>]*)>")


def seed_store(out: Path, *, docs: int) -> Path:
    """Build ``docs`` real documents into ``out`` (skipped when ``out`` already holds a build)."""
    from kg.pipeline import build

    if not (out / "store").is_dir():
        path = corpus.write_jsonl(corpus.documents(docs), out.parent / "seed.jsonl")
        build([path], out)
    return out


def grow(seed: Path, target: int, dest: Path) -> int:
    """Write an N-Quads file of about ``target`` quads made of renamed copies of the seed's articles."""
    from kg.store import open_store

    with open_store(seed, read_only=True) as store:
        lines = store.dump("nquads").decode("utf-8").splitlines()
    written, graph = 0, None
    with dest.open("w", encoding="utf-8") as out:
        for copy in range(10**6):
            for line in lines:
                # whole article graphs only: a cut one would be an article with no content hash
                if written >= target and _graph(line) != graph:
                    return written
                graph = _graph(line)
                line = _PER_ARTICLE.sub(lambda m: f"<{m.group(1)}-c{copy}>", line)
                line = _SHARED.sub(lambda m: f"<{m.group(1)}-g{copy // 5}>", line)
                out.write(line + "\n")
                written += 1
    return written


def _graph(line: str) -> str | None:
    match = _GRAPH.search(line)
    return match.group(1) if match else None


def queries() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}


def _median_run(run) -> tuple[float, int]:
    """Median of 3 runs; a query slower than 2 s runs once (its time is then far above noise)."""
    times, rows = [], 0
    for _ in range(3):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
        if times[-1] > 2.0:
            break
    return statistics.median(times), rows


def time_oxigraph(nquads: Path, workdir: Path) -> tuple[float, float, dict[str, tuple], dict[str, tuple]]:
    """Load time, query rows' build time, and per query (median seconds, rows): the plain query, and
    the same query run by name by ``kg.query`` (its rows variant where it has one, kg.store.rows)."""
    import pyoxigraph as ox

    from kg.query import run_query
    from kg.store import open_store
    from kg.store.rows import rebuild

    start = time.perf_counter()
    raw = ox.Store(str(workdir / "ox"))
    raw.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    # as kg.store writes it: the union of the article graphs, as a set, in the default graph
    union = workdir / "union.nt"
    triples = (q.triple for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    ox.serialize(triples, str(union), format=ox.RdfFormat.N_TRIPLES)
    raw.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES)
    raw.flush()
    load = time.perf_counter() - start
    start = time.perf_counter()
    rebuild(raw)  # as every article write would have written them (kg.store.rows)
    raw.flush()
    del raw
    rows_time = time.perf_counter() - start
    plain, named = {}, {}
    with open_store(workdir / "ox", read_only=True) as store:
        for name, text in queries().items():
            plain[name] = _median_run(lambda: _count(store.query(text)))
            named[name] = _median_run(lambda: len(run_query(store, name).rows))
    return load, rows_time, plain, named


def _count(result) -> int:
    return int(bool(result)) if not hasattr(result, "__iter__") else sum(1 for _ in result)


def _rdflib_child(nquads: str, names: list[str], conn) -> None:
    import rdflib

    from kg.store import PREFIXES

    start = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    conn.send(("load", time.perf_counter() - start))
    texts = queries()
    for name in names:
        conn.send((name, _median_run(lambda: _count(dataset.query(texts[name], initNs=PREFIXES)))))


def time_rdflib(nquads: Path, names: list[str], *, budget: float) -> tuple[float | None, dict[str, tuple]]:
    """Load + queries in a child process. A query over ``budget`` seconds is recorded as None and the
    child restarted (reloading the graph) for the next ones, so one slow query does not hide the rest."""
    context = multiprocessing.get_context("spawn")
    load, results, todo = None, {}, list(names)
    while todo:
        parent, child = context.Pipe()
        process = context.Process(target=_rdflib_child, args=(str(nquads), todo, child), daemon=True)
        process.start()
        expected = ["load"] + todo
        for name in expected:
            limit = budget if name != "load" else max(budget, 600.0)
            if not parent.poll(limit):
                if name == "load":
                    todo = []
                    results.update({n: None for n in expected[1:]})
                else:
                    results[name] = None
                    todo = todo[todo.index(name) + 1:]
                break
            got, value = parent.recv()
            if got == "load":
                load = value
            else:
                results[got] = value
        else:
            todo = []
        process.kill()
        process.join()
    return load, results


def run(*, sizes: tuple[int, ...] = (100_000, 1_000_000), seed_docs: int = 300,
        budget: float = 120.0, seed: Path | None = None, rdflib: bool = True) -> tuple[str, dict[str, float]]:
    names = list(queries())
    if not names:
        return f"(no competency queries in {QUERIES})", {}
    headers = ["query"] + [h for size in sizes for h in (f"plain {size:,} (ms)", f"kg query {size:,} (ms)",
                                                         f"rdflib {size:,} (ms)", "speed-up", "rows")]
    table: dict[str, list[object]] = {name: [name] for name in names}
    slow: set[str] = set()  # timed out on rdflib at a smaller size: not retried on a larger one
    loads: list[list[object]] = []
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-sparql-") as tmp:
        tmp_path = Path(tmp)
        seed = seed or seed_store(tmp_path / "seed" / "out", docs=seed_docs)
        for size in sizes:
            work = tmp_path / f"size-{size}"
            work.mkdir()
            nquads = work / "graph.nq"
            actual = grow(seed, size, nquads)
            ox_load, rows_time, plain, named = time_oxigraph(nquads, work)
            todo = [n for n in names if n not in slow] if rdflib else []
            rdf_load, rdf_results = time_rdflib(nquads, todo, budget=budget) if todo else (None, {})
            slow |= {n for n in todo if rdf_results.get(n) is None}
            loads.append([f"{actual:,} quads", ox_load, rows_time,
                          rdf_load if rdf_load is not None else (f"> {budget:.0f}" if rdflib else "-")])
            for name in names:
                (ox_time, ox_rows), (kg_time, kg_rows) = plain[name], named[name]
                rdf = rdf_results.get(name)
                rdf_cell = f"{rdf[0] * 1000:,.1f}" if rdf else (f"> {budget * 1000:,.0f}" if rdflib else "-")
                rows = f"{ox_rows}" + ("" if kg_rows == ox_rows else f" (kg query {kg_rows})")
                rows += "" if not rdf or rdf[1] == ox_rows else f" (rdflib {rdf[1]})"
                speedup = f"{rdf[0] / max(kg_time, 1e-6):,.0f}x" if rdf else "-"
                table[name] += [f"{ox_time * 1000:,.1f}", f"{kg_time * 1000:,.1f}", rdf_cell, speedup, rows]
                if rdf:
                    ratios[f"{name}@{size}"] = rdf[0] / max(kg_time, 1e-6)
    text = common.table(headers, list(table.values()))
    text += "\n\n" + common.table(["graph", "oxigraph load (s)", "query rows (s)", "rdflib load (s)"], loads)
    return text, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=Path, help="an existing build output to grow the graphs from")
    parser.add_argument("--seed-docs", type=int, default=300)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds allowed to one rdflib query")
    parser.add_argument("--no-rdflib", action="store_true", help="time the Oxigraph store only")
    args = parser.parse_args()
    text, _ = run(sizes=tuple(args.sizes), seed_docs=args.seed_docs, budget=args.budget, seed=args.seed,
                  rdflib=not args.no_rdflib)
    print(text)
    print(f"\n{common.machine()}")


if __name__ == "__main__":
    main()
