"""Progress of `kg build`: a tqdm bar on a terminal, nothing otherwise or with --quiet."""
from __future__ import annotations

import doctest
import io

from click.testing import CliRunner

import kg.explore.progress
from kg.cli import main
from kg.explore.progress import article_progress, count_articles
from kg.pipeline import build

# invented news sentences
ARTICLES = {
    "a.txt": "Helios Motors opened a new plant in Lyon on 3 March 2024.",
    "b.txt": "Nordwind Coffee appointed Jane Smith as chief executive in May 2024.",
}


def _inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    (folder / "more.jsonl").write_text('{"id": "c", "text": "Helios Motors bought Nordwind Coffee."}\n\n',
                                       encoding="utf-8")
    return folder


def test_doctests():
    assert doctest.testmod(kg.explore.progress).failed == 0


def test_bar_on_a_terminal_counts_articles_with_rate(tmp_path):
    folder = _inputs(tmp_path)
    assert count_articles([folder]) == 3
    stream = io.StringIO()
    tick = article_progress([folder], stream=stream, force=True)
    build([folder], tmp_path / "out", progress=tick)
    assert tick.bar.n == 3  # one tick per article stored
    tick.close()
    text = stream.getvalue()
    # done/total, rate and time left as tqdm draws them (it redraws at most every 0.1 s)
    assert "0/3" in text and "article/s" in text and "<?" in text, text


def test_silent_when_not_a_terminal_or_quiet(tmp_path):
    folder = _inputs(tmp_path)
    assert article_progress([folder], stream=io.StringIO()).bar is None
    assert article_progress([folder], stream=io.StringIO(), force=True, quiet=True).bar is None
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "article/s" not in result.output and "\r" not in result.output


def test_add_ticks_for_new_and_for_unchanged_articles(tmp_path):
    from kg.pipeline import add

    folder = _inputs(tmp_path)
    build([folder], tmp_path / "out")
    (folder / "d.txt").write_text("Helios Motors closed its store in Lille in June 2024.\n", encoding="utf-8")
    stream = io.StringIO()
    tick = article_progress([folder], stream=stream, force=True)
    report = add(tmp_path / "out", [folder], progress=tick)
    # three unchanged articles skipped and one new one stored: the bar reaches its total
    assert report.ok and tick.bar.n == tick.bar.total == 4
    tick.close()
    assert "/4 " in stream.getvalue()  # drawn with its total (tqdm redraws at most every 0.1 s: not the last state)
    result = CliRunner().invoke(main, ["add", str(tmp_path / "out"), str(folder)])
    assert result.exit_code == 0 and "article/s" not in result.output and "\r" not in result.output


def test_validate_progress_on_a_terminal_only(tmp_path):
    from pathlib import Path

    from kg.explore.progress import step_progress
    from kg.store.validate import STEPS, validate

    small = Path(__file__).resolve().parents[1] / "data" / "small.trig"
    stream = io.StringIO()
    tick = step_progress("step", stream=stream, force=True)
    report = validate(small, progress=tick)
    assert tick.bar.n == tick.bar.total == STEPS == 3 and report.text
    tick.close()
    assert "0/3 " in stream.getvalue() or "1/3 " in stream.getvalue()
    assert step_progress("step", stream=io.StringIO()).enabled is False
    assert step_progress("step", stream=stream, force=True, quiet=True).enabled is False
    result = CliRunner().invoke(main, ["validate", str(small)])
    assert "step/s" not in result.output and "s/step" not in result.output and "\r" not in result.output


def test_export_counts_graphs_on_a_terminal_and_writes_atomically(tmp_path):
    from kg.explore.progress import step_progress
    from kg.store.export import export

    folder = _inputs(tmp_path)
    build([folder], tmp_path / "out", exports="none")
    stream = io.StringIO()
    tick = step_progress("graph", stream=stream, force=True)
    export(tmp_path / "out", "trig", tmp_path / "all.trig", progress=tick)
    # one tick per named graph: the three articles (and the corpus graph when one was decided)
    assert tick.bar.n == tick.bar.total >= 3
    tick.close()
    assert "graph" in stream.getvalue()
    assert (tmp_path / "all.trig").read_text(encoding="utf-8").count("kg:Article") >= 3
    assert not [p for p in tmp_path.iterdir() if "kgtmp" in p.name]  # no temporary file left beside it
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "-f", "nquads", "-o", str(tmp_path / "a.nq")])
    assert result.exit_code == 0 and "graph/s" not in result.output and "\r" not in result.output


def test_eval_ticks_once_per_document_and_draws_nothing_off_a_terminal():
    from kg.eval.registry import run
    from kg.eval.system import progress_to

    seen = []
    with progress_to(seen.append):
        report = run("gold", split="sample")
    assert len(seen) == report.items == 2 and all(o.error is None for o in seen)
    result = CliRunner().invoke(main, ["eval", "gold", "--split", "sample"])
    assert result.exit_code == 0 and "article/s" not in result.output and "\r" not in result.output
