"""Every docstring example of the package runs and gives what it shows (numpydoc "Examples" sections)."""
from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
#: run by their own test modules (the server's examples start worker processes)
ELSEWHERE = {"kg.serve", "kg.serve.server", "kg.serve.workers", "kg.ingest", "kg.ingest.read", "kg.ingest.article", "kg.ingest.clean", "kg.ingest.headers", "kg.explore.html", "kg.explore.analysis"}
MODULES = sorted(n for _, n, _ in pkgutil.walk_packages(kg.__path__, "kg.") if n not in ELSEWHERE)
#: examples that read the public benchmarks in ../shared/benchmarks (skipped, saying why, without them)
NEED_BENCHMARKS = {"kg.eval", "kg.eval.registry", "kg.eval.knowledgenet", "kg.eval.redocred", "kg.eval.train", "kg.eval.webnlg",
                   "kg.eval.wikiann", "kg.eval.sentivent", "kg.eval.meantime"}


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module, monkeypatch, request, nlp_en, nlp_fr):
    if module in NEED_BENCHMARKS:
        request.getfixturevalue("shared_dir")
    monkeypatch.chdir(ROOT)  # the examples read data/ like a user at the project root
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert not result.failed, f"{result.failed} of {result.attempted} examples of {module} failed"
