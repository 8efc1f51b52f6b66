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


def _env(out) -> dict[str, str]:
    # the inline backend, as in Jupyter: the plots come back as PNG outputs to look at
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
            "KG_OUT": str(out), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def _pictures(nb) -> list[bytes]:
    import base64

    return [base64.b64decode(o["data"]["image/png"]) for c in nb.cells for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]


@pytest.fixture(scope="module")
def synth_300(tmp_path_factory) -> Path:
    """A 300-article synthetic graph (tools/synth_graph.py): corpus size for the plots."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_tools_synth_graph_300", ROOT / "tools" / "synth_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write(300, tmp_path_factory.mktemp("synth300") / "synth.nq")


@pytest.mark.parametrize("name", ["02-company-profile", "03-network-analysis"])
def test_notebook_plots_stay_readable_at_corpus_size(name, synth_300, tmp_path):
    nb = run(ROOT / "notebooks" / f"{name}.ipynb", _env(synth_300))
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    text = outputs(nb)
    pictures = _pictures(nb)
    if name == "03-network-analysis":
        # the backbone plot keeps 80 linked nodes of the hundreds and names 12; one community follows
        assert len(pictures) == 3  # backbone, biggest community, co-mention degrees
    else:
        assert len(pictures) == 1  # the events in time
    folder = ROOT / "docs" if os.environ.get("KG_UPDATE_SCREENSHOT") else tmp_path
    for i, png in enumerate(pictures[:2], 1):  # not 03's degree histogram: nothing to read there
        shot = folder / f"notebook-{name[:2]}-synth300-{i}.png"
        shot.write_bytes(png)
        assert shot.stat().st_size > 10_000


def test_undated_events_are_listed_not_plotted(tmp_path):
    small = ROOT / "tests" / "data" / "small.trig"
    lines = [line for line in small.read_text(encoding="utf-8").splitlines()
             if "kg:date " not in line and "schema:datePublished " not in line]
    undated = tmp_path / "undated.trig"
    undated.write_text("\n".join(lines) + "\n", encoding="utf-8")
    nb = run(ROOT / "notebooks" / "02-company-profile.ipynb", {**_env(undated), "KG_COMPANY": "Nordwind Coffee"})
    text = outputs(nb)
    assert "No event of Nordwind Coffee carries a date, nor does its article: listed instead." in text
    assert "Acquisition: Helios Motors -&gt; Nordwind Coffee" in text or "Acquisition: Helios Motors -> Nordwind" in text
    assert _pictures(nb) == []
