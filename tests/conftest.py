"""Session fixtures: the spaCy models and the sample build are loaded once per test session."""
from __future__ import annotations

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
