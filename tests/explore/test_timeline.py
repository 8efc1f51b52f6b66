"""kg.explore.timeline and `kg timeline`: events in time order, per company, with their sources."""
from __future__ import annotations

import doctest
from pathlib import Path

from click.testing import CliRunner

import kg.explore.timeline
from kg.cli import main
from kg.explore.timeline import timeline

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"


def test_doctests():
    assert doctest.testmod(kg.explore.timeline).failed == 0


def test_events_in_time_order_with_sources():
    rows = timeline(SMALL)
    assert [r.when for r in rows] == ["2024-03-12", "2024-06", "2024-06-05 (article)"]
    acq = rows[1]
    assert acq.what == "Acquisition: Helios Motors -> Nordwind Coffee · 2024-06 · done"
    assert acq.article == "Helios Motors rachète Nordwind Coffee" and acq.sentences


def test_company_filter_keeps_only_its_events():
    rows = timeline(SMALL, company="Nordwind Coffee")
    assert {r.type for r in rows} == {"StoreOpening", "Acquisition"}
    assert all("Nordwind Coffee" in r.what for r in rows)


def test_cli_prints_a_table_and_rejects_unknown_companies():
    runner = CliRunner()
    out = runner.invoke(main, ["timeline", str(SMALL), "--company", "Helios Motors"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].startswith("date") and "Acquisition: Helios Motors -> Nordwind Coffee" in lines[2]
    assert len(lines) == 4
    bad = runner.invoke(main, ["timeline", str(SMALL), "--company", "No Such Firm Ltd"])
    assert bad.exit_code == 2
