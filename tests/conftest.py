"""Session fixtures: the spaCy models and the sample build are loaded once per test session."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp_en():
    from kg.nlp import get_pipeline

    return get_pipeline("en")


@pytest.fixture(scope="session")
def nlp_fr():
    from kg.nlp import get_pipeline

    return get_pipeline("fr")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """Output folder of `kg build data/articles` (store/, graph.trig, graph.ttl, graph.html, report.json)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("sample") / "out"
    report = build([SAMPLE], out)
    assert report.ok, report.summary()
    return out


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared benchmark data not found at {SHARED}")
    return SHARED


def load_by_path(name: str, path: Path):
    """The module at ``path``, imported once as ``name`` (tests/, bench/ and tools/ are not packages)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def bench_corpus(shared_dir):
    """bench/corpus.py: real Re-DocRED and KnowledgeNet documents from ../shared/benchmarks."""
    return load_by_path("kg_bench_corpus", ROOT / "bench" / "corpus.py")


@pytest.fixture(scope="session")
def synth_graph(tmp_path_factory) -> Path:
    """An N-Quads file of 2,000 synthetic articles (tools/synth_graph.py), written once per session."""
    module = load_by_path("kg_tools_synth_graph", ROOT / "tools" / "synth_graph.py")
    return module.write(2000, tmp_path_factory.mktemp("synth") / "synth.nq")


def load_rdf_samples():
    """tests/samples_rdf.py: hand-written Resolved articles (loaded by path: tests/ is not a package)."""
    return load_by_path("kg_tests_samples_rdf", Path(__file__).resolve().parent / "samples_rdf.py")


@pytest.fixture(scope="session")
def samples():
    """The module tests/samples_rdf.py."""
    return load_rdf_samples()


@pytest.fixture(scope="session")
def resolved_samples():
    """name -> hand-written Resolved value."""
    return {name: make() for name, make in load_rdf_samples().SAMPLES.items()}


@pytest.fixture(scope="session")
def sample_graphs(resolved_samples):
    """name -> article_graph of each hand-written sample."""
    from kg.rdf import article_graph

    return {name: article_graph(r) for name, r in resolved_samples.items()}


@pytest.fixture(scope="session")
def sample_store(sample_graphs):
    """An in-memory store holding the hand-written sample article graphs."""
    return load_rdf_samples().store_of(sample_graphs.values())
