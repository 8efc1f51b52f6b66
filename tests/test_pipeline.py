"""kg/pipeline.py end to end with the real stages and models: outputs, incremental add/skip/replace/remove,
one failing article, and a build killed mid-way then completed.

The articles are short real business news items (public facts), written as .txt files with front matter.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.pipeline import add, build, remove
from kg.store import open_store
from kg.store.counts import counts_of, graph_counts, recount

ROOT = Path(__file__).resolve().parent.parent

NEWS = {
    "ikea-india.txt": ("2018-08-09", "en", "IKEA opens its first store in India",
                       "IKEA opened its first store in India in Hyderabad on 9 August 2018. The Swedish retailer "
                       "plans to open a second store in Mumbai in 2019."),
    "amazon-whole-foods.txt": ("2017-06-16", "en", "Amazon to buy Whole Foods",
                               "Amazon agreed to buy Whole Foods Market for $13.7 billion on 16 June 2017. "
                               "The Seattle-based company said the deal would close in the second half of the year."),
    "apple-mumbai.txt": ("2023-04-18", "en", "Apple opens its first store in India",
                         "Apple opened its first store in India in Mumbai on 18 April 2023. Chief executive "
                         "Tim Cook greeted the first customers."),
    "lidl-serbie.txt": ("2018-10-11", "fr", "Lidl arrive en Serbie",
                        "Lidl a ouvert ses premiers magasins en Serbie en octobre 2018. Le distributeur allemand, "
                        "basé à Neckarsulm, prévoit d'ouvrir d'autres magasins à Belgrade en 2019."),
}


def write_news(folder: Path, names: list[str], *, edits: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        date, lang, title, text = NEWS[name]
        text = (edits or {}).get(name, text)
        (folder / name).write_text(f"---\ndate: {date}\nlang: {lang}\n---\n{title}\n\n{text}\n", encoding="utf-8")
    return folder


def quads(location) -> list[str]:
    with open_store(location, read_only=True) as store:
        return sorted(str(q) for q in store.quads())


def graph_of(location, name: str) -> list[str]:
    with open_store(location, read_only=True) as store:
        [iri] = store.find_articles(name)
        return sorted(str(q) for q in store.quads() if str(q.graph_name) == f"<{iri}>")


@pytest.fixture(scope="module")
def clean_all(tmp_path_factory) -> Path:
    """A clean build of all four news items: the reference every incremental path must reach."""
    out = tmp_path_factory.mktemp("clean") / "out"
    report = build([write_news(out.parent / "in", list(NEWS))], out)
    assert report.ok and report.built == 4 and report.failed == 0, report.summary()
    return out


def test_outputs_of_a_build(clean_all):
    for name in ("graph.trig", "graph.ttl", "graph.html", "report.json"):
        path = clean_all / name
        assert path.is_file() and path.stat().st_size > 0, name
        assert path.stat().st_mode & 0o044, f"{name} must be readable by others, like any output"
    report = json.loads((clean_all / "report.json").read_text())
    assert report["read"] == report["built"] == report["articles_in_store"] == 4
    assert report["entities"].get("Company", 0) >= 3  # IKEA, Amazon, Apple, Lidl ...
    assert report["events"].get("StoreOpening", 0) >= 2
    assert report["ok"] is True and set(report["timings"]) >= {"nlp", "extract", "store", "export", "total"}
    assert not list(clean_all.glob(".*")), "no temp file left behind"
    # the exported files hold exactly what the store holds
    assert quads(clean_all / "graph.trig") == quads(clean_all)
    with open_store(clean_all / "graph.ttl") as ttl, open_store(clean_all, read_only=True) as store:
        assert len(ttl) == len(store)


def test_summary_names_counts(clean_all):
    report = build([write_news(clean_all.parent / "in", list(NEWS))], clean_all)  # nothing changed
    text = report.summary()
    assert report.skipped == 4 and report.built == 0 and report.ok
    assert "4 articles read: 0 built, 4 unchanged" in text
    assert "entities:" in text and "Company" in text and "events:" in text


def test_same_input_same_bytes(clean_all, tmp_path):
    """Deterministic: a second clean build writes byte-identical graph files."""
    out = tmp_path / "again"
    build([clean_all.parent / "in"], out)
    for name in ("graph.trig", "graph.ttl"):
        assert (out / name).read_bytes() == (clean_all / name).read_bytes(), name


def test_incremental_add_skip_replace_remove(clean_all, tmp_path):
    names = list(NEWS)
    out = tmp_path / "out"
    first = build([write_news(tmp_path / "a", names[:2])], out)
    assert (first.built, first.skipped) == (2, 0)
    ikea_before = graph_of(out, "ikea-india.txt")

    # new articles are built, the ones already stored are skipped before any NLP
    more = add(out, [write_news(tmp_path / "a", names)])
    assert (more.read, more.built, more.skipped) == (4, 2, 2)
    assert len(quads(out)) == len(quads(clean_all))  # same articles (kg:source differs: another folder)
    assert json.loads((out / "report.json").read_text())["built"] == 2, "add refreshes the build's report"

    # a corrected article replaces only its own graph
    edited = {"amazon-whole-foods.txt": NEWS["amazon-whole-foods.txt"][3].replace("$13.7 billion", "$13.4 billion")}
    changed = add(out, [write_news(tmp_path / "a", names, edits=edited)])
    assert (changed.built, changed.skipped) == (1, 3)
    assert graph_of(out, "ikea-india.txt") == ikea_before
    assert any("13.4 billion" in q for q in graph_of(out, "amazon-whole-foods.txt"))
    assert not any("13.7 billion" in q for q in quads(out))

    # removal by file name; the dumps are not rewritten but marked stale, the report's counts follow
    assert remove(out, "apple-mumbai.txt") is True
    assert remove(out, "apple-mumbai.txt") is False
    after = json.loads((out / "report.json").read_text())
    assert after["exports"] == {"graph.html": "stale", "graph.trig": "stale", "graph.ttl": "stale"}
    assert after["articles_in_store"] == 3
    with open_store(out) as store:
        assert counts_of(recount(store)) == graph_counts(store)
        assert after["triples"] == len(store) and after["relations"] == graph_counts(store).relations

    # a clean build of the same final inputs gives the same graph
    (tmp_path / "a" / "apple-mumbai.txt").unlink()
    assert quads(out) == quads(build([tmp_path / "a"], tmp_path / "clean").out)


def test_build_drops_articles_no_longer_in_inputs(clean_all, tmp_path):
    out = tmp_path / "out"
    build([clean_all.parent / "in"], out)
    fewer = write_news(tmp_path / "fewer", ["ikea-india.txt"])
    report = build([fewer], out)
    assert (report.skipped, report.removed, report.articles_in_store) == (1, 3, 1)


def test_one_failing_article_is_reported_and_the_build_goes_on(tmp_path, monkeypatch):
    import kg.extract

    real = kg.extract.extract

    def fails_on_amazon(doc, article):  # fault injection around the real extractor
        if "amazon" in article.id:
            raise ValueError("injected failure")
        return real(doc, article)

    monkeypatch.setattr(kg.extract, "extract", fails_on_amazon)
    report = build([write_news(tmp_path / "in", ["ikea-india.txt", "amazon-whole-foods.txt"])], tmp_path / "out")
    assert (report.built, report.failed, report.ok) == (1, 1, True)
    [error] = report.errors
    assert error["source"].endswith("amazon-whole-foods.txt") and "ValueError: injected failure" in error["error"]
    assert "amazon-whole-foods.txt: ValueError: injected failure" in report.summary()
    assert json.loads((tmp_path / "out" / "report.json").read_text())["failed"] == 1


def test_nothing_buildable_is_not_ok(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "data.bin").write_bytes(b"\x00\x01\x02")
    report = build([folder], tmp_path / "out")
    assert not report.ok and report.built == 0
    sources = sorted(Path(w["source"]).name for w in report.warnings)
    assert "empty.txt" in sources and "data.bin" in sources
    assert "empty.txt" in report.summary()


def test_add_to_missing_store_names_it(tmp_path):
    with pytest.raises(KGError, match="no store at"):
        add(tmp_path / "nowhere", [tmp_path])


KILLED_BUILD = """
import sys
from kg.pipeline import build
build([sys.argv[1]], sys.argv[2], progress=lambda result: print("stored", result.article_id, flush=True))
"""


def test_killed_build_leaves_whole_articles_and_a_rerun_completes(tmp_path, bench_corpus):
    """SIGKILL after two articles are stored (the third may be mid-transaction), then re-run."""
    docs = bench_corpus.documents(12)
    inputs = bench_corpus.write_jsonl(docs, tmp_path / "in" / "docs.jsonl")
    out = tmp_path / "out"
    env = os.environ | {"PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(inputs), str(out)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stored = 0
    for line in child.stdout:
        stored += line.startswith("stored")
        if stored == 2:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert stored == 2 and child.returncode == -signal.SIGKILL
    assert not (out / "report.json").exists(), "killed before the exports"

    with open_store(out) as store:  # the store opens and holds whole articles only
        survived = store.article_hashes()
    assert 2 <= len(survived) < len(docs)

    rerun = build([inputs], out)
    assert rerun.skipped == len(survived) and rerun.built == len(docs) - len(survived)
    clean = build([inputs], tmp_path / "clean")
    assert quads(out) == quads(tmp_path / "clean")
    assert (out / "graph.trig").read_bytes() == (tmp_path / "clean" / "graph.trig").read_bytes()
    assert clean.built == len(docs)


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """A real Oxigraph server on a free local port, stopped after the module."""
    import shutil
    import socket
    import time

    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("server")),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield f"sparql+http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_add_to_a_remote_server_equals_local_build(clean_all, oxigraph_url):
    inputs = clean_all.parent / "in"
    report = add(Path(oxigraph_url), [inputs])  # as the CLI passes it: through pathlib
    assert (report.built, report.skipped) == (4, 0)
    assert quads(oxigraph_url) == quads(clean_all)
    again = add(oxigraph_url, [inputs])
    assert (again.built, again.skipped) == (0, 4)
    assert remove(oxigraph_url, "ikea-india.txt") and len(quads(oxigraph_url)) < len(quads(clean_all))


def test_missing_input_is_named_and_nothing_is_created(tmp_path):
    with pytest.raises(KGError, match="no-such-folder"):
        build([tmp_path / "no-such-folder"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_add_never_rewrites_a_dump_it_marks_it_stale_until_refreshed(clean_all, tmp_path):
    from kg.store.outputs import exported

    names = list(NEWS)
    out = tmp_path / "out"
    first = build([write_news(tmp_path / "a", names[:2])], out)  # small: the dumps are written
    assert first.exports == {"graph.html": "current", "graph.trig": "current", "graph.ttl": "current"}
    trig = (out / "graph.trig").read_bytes()

    more = add(out, [write_news(tmp_path / "a", names[:3])])
    assert more.built == 1 and (out / "graph.trig").read_bytes() == trig, "add does not rewrite a dump"
    assert set(more.exports.values()) == {"stale"} and json.loads((out / "report.json").read_text())["exports"] \
        == more.exports
    assert "stale exports" in more.summary() and "graph.trig" in more.summary()

    # asked for, a dump is rewritten and current; the others stay stale
    again = add(out, [write_news(tmp_path / "a", names)], exports="trig")
    assert again.exports == {"graph.html": "stale", "graph.trig": "current", "graph.ttl": "stale"}
    assert quads(out / "graph.trig") == quads(out)
    # an unchanged add keeps the state: the dump is still current
    assert add(out, [write_news(tmp_path / "a", names)]).exports["graph.trig"] == "current"
    # kg export of the output's own dump, in its format, refreshes it
    from kg.store.export import export

    export(out, "turtle", out / "graph.ttl")
    exported(out, out / "graph.ttl", "turtle")
    assert json.loads((out / "report.json").read_text())["exports"]["graph.ttl"] == "current"
    exported(out, out / "graph.trig", "nquads")  # wrong format for that file: not stamped
    assert add(out, [write_news(tmp_path / "a", names)]).exports == \
        {"graph.html": "stale", "graph.trig": "current", "graph.ttl": "current"}


def test_a_build_above_the_line_writes_no_dumps_unless_asked(clean_all, tmp_path, monkeypatch):
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "AUTO_EXPORT_TRIPLES", 10)  # the line, lowered to a small corpus
    report = build([clean_all.parent / "in"], tmp_path / "big")
    assert report.exports == {} and not (tmp_path / "big" / "graph.trig").exists()
    assert (tmp_path / "big" / "report.json").is_file() and report.triples > 10
    asked = build([clean_all.parent / "in"], tmp_path / "big", exports="trig,ttl")
    assert asked.exports == {"graph.trig": "current", "graph.ttl": "current"}
    assert (tmp_path / "big" / "graph.trig").read_bytes() == (clean_all / "graph.trig").read_bytes()
    with pytest.raises(KGError, match="unknown export 'pdf'"):
        build([clean_all.parent / "in"], tmp_path / "big", exports="trig,pdf")


def test_the_summary_and_kg_stats_agree_on_every_count(clean_all):
    from kg.explore.analysis import stats

    report = json.loads((clean_all / "report.json").read_text())
    s = stats(clean_all)
    assert s.by_type == report["entities"] and s.by_event_type == report["events"]
    assert s.by_relation == report["relations"] and s.by_relation.get("produces", 0) >= 0
    assert s.counts["articles"] == report["articles_in_store"] == 4
    assert s.counts["relations"] == sum(report["relations"].values()) > 0
    assert s.counts["entities"] == sum(report["entities"].values())
