"""The notebooks run top to bottom on the sample corpus (the same check as `pytest --nbmake notebooks/`).

Notebook 01 builds the corpus itself (that is its point); 02 and 03 reuse the session's sample build
through $KG_OUT. Executed with nbclient, the engine nbmake drives, so a failing cell fails the test
with its traceback.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    old = dict(os.environ)
    os.environ.update(env)  # the kernel inherits the environment
    try:
        nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


def test_three_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == ["01-quickstart", "02-company-profile", "03-network-analysis"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, sample_build):
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
           "KG_OUT": str(sample_build), "MPLBACKEND": "agg"}
    nb = run(path, env)
    text = outputs(nb)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    if path.stem == "01-quickstart":
        assert "<iframe srcdoc=" in text and "Events per month" in text
    if path.stem == "02-company-profile":
        assert "also called:" in text
    if path.stem == "03-network-analysis":
        assert "MultiDiGraph with" in text
