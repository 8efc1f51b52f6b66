"""ontology/README.md: the generated term table and query list are up to date and complete."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.rdf.namespace import KG

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("gen_ontology_docs", ROOT / "tools" / "gen_ontology_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_is_up_to_date(gen):
    text = gen.README.read_text(encoding="utf-8")
    assert gen.update(text) == text, "run: python tools/gen_ontology_docs.py"


def test_term_table_lists_every_term_once(gen):
    lines = gen.render_terms().splitlines()
    for term in KG.__annotations__:
        assert sum(line.startswith(f"| `kg:{term}` |") for line in lines) == 1, term


def test_readme_documents_provenance_and_every_query(gen):
    text = gen.README.read_text(encoding="utf-8")
    assert "rdf:Statement" in text and "kg:sentenceStart" in text
    for path in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        assert f"| `{path.stem}` |" in text
