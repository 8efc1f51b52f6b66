"""Fixtures of the kg/rdf and kg/query tests: three hand-written resolved articles, their graphs, a store."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def load_samples():
    """The module tests/rdf/samples.py (loaded by path: the tests folder is not a package)."""
    name = "kg_tests_rdf_samples"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "samples.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def samples():
    """The module tests/rdf/samples.py."""
    return load_samples()


@pytest.fixture(scope="session")
def resolved_samples():
    """name -> hand-written Resolved value."""
    return {name: make() for name, make in load_samples().SAMPLES.items()}


@pytest.fixture(scope="session")
def sample_graphs(resolved_samples):
    """name -> article_graph of each sample."""
    from kg.rdf import article_graph

    return {name: article_graph(r) for name, r in resolved_samples.items()}


@pytest.fixture(scope="session")
def sample_store(sample_graphs):
    """An in-memory store holding the three sample article graphs."""
    return load_samples().store_of(sample_graphs.values())
