"""Long articles: extracted by windows of pieces (kg.extract.stream), stored in parts (kg.store.staged).

The limits are set low (pieces of 700 characters, parts of 300 quads) so that the two real sample
articles of data/articles take the long-article path.
"""
from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import pipeline
from kg.extract import extract
from kg.extract.stream import extract_long, windows
from kg.ingest import read_inputs
from kg.nlp import parse, pipelines
from kg.rdf import article_quads
from kg.resolve import resolve
from kg.store import open_store, parts, staged
from kg.store.backends import COUNTERS, _graph_quads
from kg.store.counts import graph_counts

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))
PIECE = 700


def _quads(store) -> set[ox.Quad]:
    return {q for q in store.quads() if q.graph_name != COUNTERS}


def test_windows_cover_the_text_with_one_shared_piece():
    bounds = [(i * 10, i * 10 + 10) for i in range(9)]
    found = windows(bounds, 4)
    assert found[0][0] == 0 and found[-1][1] == 90
    for (_, end, _), (start, _, owned) in itertools.pairwise(found):
        assert end - start == 10 and owned == end  # the shared piece belongs to the earlier window
    assert windows(bounds[:3], 4) == [(0, 30, 0)]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_windowed_extraction_equals_the_whole_article(path, monkeypatch):
    monkeypatch.setattr(pipelines, "CHUNK_CHARS", PIECE)
    article = next(read_inputs([path]))
    nlp = pipelines.get_pipeline(article.lang)
    assert len(windows(pipelines.chunk_bounds(article.text, nlp, PIECE), 3)) >= 3
    [(_, doc)] = parse([article])
    whole = extract(doc, article)
    streamed = extract_long(article, extract, window=3)
    assert whole.facts and whole.events
    for field in ("sentences", "mentions", "dates", "facts", "events"):
        assert getattr(streamed, field) == getattr(whole, field), field


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_graph_parts_union_is_the_article_graph(path):
    [(article, doc)] = parse(next(read_inputs([path])) for _ in range(1))
    resolved = resolve(extract(doc, article))
    whole = article_quads(resolved).quads
    pieces = list(parts.graph_parts(resolved, size=3))
    assert len(pieces) >= 10 and max(len(p) for p in pieces) < len(whole) / 2
    assert set().union(*map(set, pieces)) == set(whole)
    # the article's text is one literal of the graph: written with the first part, not again with each
    texts = [sum(q.predicate.value == "https://schema.org/text" for q in p) for p in pieces]
    assert texts[0] == 1 and sum(texts) == 1


def test_streamed_build_equals_the_normal_build(tmp_path, monkeypatch):
    monkeypatch.setattr(pipelines, "CHUNK_CHARS", PIECE)
    normal = pipeline.build(ARTICLES, tmp_path / "normal", engine="serial", exports="")
    monkeypatch.setattr(staged, "LONG_CHARS", 1000)
    monkeypatch.setattr(staged, "PART_QUADS", 300)
    monkeypatch.setattr(parts, "SLICE_SENTENCES", 4)
    streamed = pipeline.build(ARTICLES, tmp_path / "streamed", engine="serial", exports="")
    assert normal.built == streamed.built == len(ARTICLES) and not streamed.failed
    with open_store(tmp_path / "normal") as a, open_store(tmp_path / "streamed") as b:
        assert len(_quads(a)) > 2000 and _quads(a) == _quads(b)
        assert graph_counts(a) == graph_counts(b)
        assert (Path(b.location) / staged.PENDING_DIR).is_dir()  # the parts path ran
        assert not any((Path(b.location) / staged.PENDING_DIR).iterdir())


def test_staged_write_equals_one_transaction_and_replaces(tmp_path, articles):
    (first, graph_a), (second, graph_b) = sorted(articles.items())
    with open_store(tmp_path / "one", create=True) as one, open_store(tmp_path / "parts", create=True) as parts:
        for iri, graph in ((first, graph_a), (second, graph_b)):
            one.replace_article_quads(iri, _graph_quads(iri, graph, "h1"))
            staged.write_staged(parts, iri, _graph_quads(iri, graph, "h1"), part=7)
        assert _quads(one) == _quads(parts) and graph_counts(one) == graph_counts(parts)
        # a second version replaces the first, counters included
        one.replace_article_quads(first, _graph_quads(first, graph_b, "h2"))
        staged.write_staged(parts, first, _graph_quads(first, graph_b, "h2"), part=7)
        assert _quads(one) == _quads(parts) and graph_counts(one) == graph_counts(parts)
        assert parts.article_hashes() == {first: "h2", second: "h1"}


_CRASH = """
import os, signal, sys
import rdflib
from kg.store import open_store, parts, staged
from kg.store.backends import _graph_quads
from tests.store.conftest import SMALL
dataset = rdflib.Dataset()
dataset.parse(SMALL, format="trig")
kept, cut = sorted(str(g.identifier) for g in dataset.graphs() if str(g.identifier).startswith("https://w3id.org/newskg/id/article/"))
graphs = {str(g.identifier): g for g in dataset.graphs()}
commit, done = staged._commit, []
def commit_then_die(*args):
    commit(*args)
    done.append(1)
    if sys.argv[2] == "middle" and len(done) == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # a kill between two parts
staged._commit = commit_then_die
store = open_store(sys.argv[1], create=True)
store.replace_article_quads(kept, _graph_quads(kept, graphs[kept], "k"))
staged.write_staged(store, cut, _graph_quads(cut, graphs[cut], "c"), part=7)
staged._marker(store.location, cut).write_text(cut)  # a kill after the last commit, before the marker went
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("when", ["middle", "end"])
def test_a_kill_leaves_whole_articles_only(tmp_path, articles, when):
    child = subprocess.run([sys.executable, "-c", _CRASH, str(tmp_path / "store"), when], check=False,
                           cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    (kept, graph_kept), (cut, graph_cut) = sorted(articles.items())
    markers = tmp_path / "store" / staged.PENDING_DIR
    assert len(list(markers.iterdir())) == 1
    with open_store(tmp_path / "store") as store, open_store(tmp_path / "whole", create=True) as whole:
        assert not any(markers.iterdir())
        whole.replace_article_quads(kept, _graph_quads(kept, graph_kept, "k"))
        if when == "end":  # complete before the kill: kept
            whole.replace_article_quads(cut, _graph_quads(cut, graph_cut, "c"))
        assert store.article_hashes() == whole.article_hashes()
        assert _quads(store) == _quads(whole) and graph_counts(store) == graph_counts(whole)
