"""The CLI through click's CliRunner: help everywhere, clear errors, the real commands on the sample."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"

COMMANDS = sorted(main.commands)


def test_expected_commands_exist():
    assert {"build", "add", "remove", "query", "viz", "stats", "validate", "export", "eval", "serve"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_examples(name):
    command = main.commands[name]
    assert command.help and len(command.help.strip()) > 20
    assert "Example" in command.help
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    for param in command.params:
        if param.param_type_name == "option" and not getattr(param, "help", None):
            pytest.fail(f"option {param.name} of {name} has no help")


def test_unknown_option_value_names_the_valid_ones(tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path), "-f", "xml"])
    assert result.exit_code == 2
    assert "turtle" in result.output and "graphml" in result.output


def test_missing_input_is_a_clear_error_not_a_traceback(tmp_path):
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(main, ["build", str(missing), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "nope.txt" in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_query_on_missing_graph_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["query", str(tmp_path / "none.trig"), "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2
    assert "none.trig" in result.output
    assert isinstance(result.exception, SystemExit)


def test_query_counts_companies_on_sample(sample_build):
    result = CliRunner().invoke(
        main, ["query", str(sample_build), "SELECT ?c WHERE { ?c a kg:Company }", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows, "the sample corpus names companies"


def test_malformed_sparql_names_the_problem(sample_build):
    result = CliRunner().invoke(main, ["query", str(sample_build), "SELECT ?x WHERE { ?x"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_stats_and_viz_on_sample(sample_build, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["stats", str(sample_build)])
    assert result.exit_code == 0, result.output
    assert "Company" in result.output
    html = tmp_path / "g.html"
    result = runner.invoke(main, ["viz", str(sample_build), "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert html.stat().st_size > 1000


def test_build_command_writes_outputs(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SAMPLE_DIR / "xiaomi-stores-france-2025-en.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("graph.trig", "graph.ttl", "graph.html", "report.json"):
        assert (out / name).is_file(), name
    assert "articles" in result.output.lower()


@pytest.mark.parametrize("out", ["afile/sub", "/proc/kg-out"])
def test_an_output_no_folder_can_be_made_at_is_one_line_and_exit_2(tmp_path, out):
    (tmp_path / "afile").write_text("not a folder")
    out = str(tmp_path / out) if out.startswith("afile") else out
    result = CliRunner().invoke(main, ["build", str(SAMPLE_DIR), "-o", out])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [result.output.strip()] and f"cannot create the output folder {out}: " \
        in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_build_into_a_folder_of_the_user_is_refused(tmp_path):
    (tmp_path / "graph.html").write_text("<p>mine</p>")
    result = CliRunner().invoke(main, ["build", str(SAMPLE_DIR), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "not a kg output (it holds graph.html)" in result.output
    assert (tmp_path / "graph.html").read_text() == "<p>mine</p>"
