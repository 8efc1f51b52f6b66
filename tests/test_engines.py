"""kg/engines.py: every engine gives the very same graph as the single-process build.

Real documents (Re-DocRED and KnowledgeNet, from the shared benchmarks) go through the real stages in
2 worker processes and on a Dask LocalCluster with 2 worker processes.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.engines import ENGINES, ArticleResult, batched, process_batch, run_engine
from kg.errors import OptionError
from kg.pipeline import build
from kg.types import Article



@pytest.fixture(scope="module")
def docs_jsonl(tmp_path_factory, bench_corpus) -> Path:
    return bench_corpus.write_jsonl(bench_corpus.documents(10), tmp_path_factory.mktemp("docs") / "docs.jsonl")


@pytest.fixture(scope="module")
def serial_build(docs_jsonl) -> Path:
    out = docs_jsonl.parent / "serial"
    report = build([docs_jsonl], out, engine="serial")
    assert report.built == 10 and report.failed == 0, report.summary()
    return out


def test_processes_engine_equals_serial(serial_build, docs_jsonl):
    out = docs_jsonl.parent / "processes"
    report = build([docs_jsonl], out, workers=2)  # engine "local" with 2 workers = a process pool
    assert report.built == 10
    assert (out / "graph.trig").read_bytes() == (serial_build / "graph.trig").read_bytes()


def _counters_rows(out: Path) -> list[tuple[str, str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    # the query rows and corpus sets, their random node IRIs left out
    return sorted((q.predicate.value, q.object.value) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(
        "urn:x-kg:counters")) if isinstance(q.object, ox.Literal) and q.predicate.value != "urn:x-kg:counts")


def test_rows_made_by_the_workers_equal_those_the_store_makes(serial_build, docs_jsonl):
    out = docs_jsonl.parent / "processes-rows"
    build([docs_jsonl], out, workers=2, exports="")
    rows = _counters_rows(out)
    assert rows == _counters_rows(serial_build)
    assert sum(p == "urn:x-kg:rows/mention" for p, _ in rows) > 50 and sum(p == "urn:x-kg:crows/seen" for p, _ in rows) > 50


def test_a_process_holding_the_models_forks_its_workers(nlp_en):
    import multiprocessing

    from kg.engines import _context

    if "fork" in multiprocessing.get_all_start_methods():
        assert _context().get_start_method() == "fork"


def test_dask_engine_on_a_local_cluster_equals_serial(serial_build, docs_jsonl):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        out = docs_jsonl.parent / "dask"
        report = build([docs_jsonl], out, engine="dask", scheduler=cluster.scheduler_address)
    assert report.built == 10 and report.failed == 0
    assert (out / "graph.trig").read_bytes() == (serial_build / "graph.trig").read_bytes()
    assert (out / "graph.ttl").read_bytes() == (serial_build / "graph.ttl").read_bytes()


def test_results_keep_input_order_and_isolate_a_bad_article(nlp_en, bench_corpus):
    docs = bench_corpus.documents(3)
    good = [Article(d["id"], "docs.jsonl", n + 1, d["text"], d["title"], None, "en", None, (), f"h{n}")
            for n, d in enumerate(docs)]
    # a language no pipeline exists for: parsing that one article fails, the others are built
    bad = good[1]._replace(id="bad", lang="xx")
    results = process_batch([good[0], bad, good[2]])
    assert [r.article_id for r in results] == [good[0].id, "bad", good[2].id]
    assert [r.error is None for r in results] == [True, False, True]
    assert results[0].iri and results[0].nquads and results[0].words == len(docs[0]["text"].split())
    assert isinstance(results[1], ArticleResult) and results[1].iri is None


def test_unshipped_results_hold_the_same_quads_as_the_shipped_nquads(nlp_en, bench_corpus):
    import pyoxigraph as ox

    articles = [Article(d["id"], "docs.jsonl", n + 1, d["text"], d["title"], None, "en", None, (), f"h{n}")
                for n, d in enumerate(bench_corpus.documents(2))]
    shipped, kept = process_batch(articles), process_batch(articles, ship=False)
    for s, k in zip(shipped, kept):
        assert s.quads is None and k.nquads == b"" and s.iri == k.iri
        assert len(k.quads) > 50 and len(set(k.quads)) == len(k.quads)
        assert set(ox.parse(s.nquads, format=ox.RdfFormat.N_QUADS)) == set(k.quads)


@pytest.mark.parametrize("name, kwargs, message", [
    ("spark", {}, "unknown engine 'spark'; valid: dask, local, processes, serial"),
    ("local", {"scheduler": "tcp://127.0.0.1:8786"}, "needs --engine dask"),
])
def test_bad_engine_options(name, kwargs, message):
    with pytest.raises(OptionError, match=message):
        run_engine(name, [], **kwargs)


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(OptionError, match="cannot reach Dask scheduler 'tcp://127.0.0.1:9'"):
        list(run_engine("dask", [], scheduler="tcp://127.0.0.1:9"))


def test_registry_and_batches():
    assert sorted(ENGINES) == ["dask", "local", "processes", "serial"]
    assert [len(b) for b in batched(range(10), 4)] == [4, 4, 2]
