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


def test_timeline_page_data_and_cli(tmp_path):
    import json
    import re

    import kg.explore.timeline_page

    assert doctest.testmod(kg.explore.timeline_page).failed == 0
    out = tmp_path / "t.html"
    result = CliRunner().invoke(main, ["timeline", str(SMALL), "--html", str(out)])
    assert result.exit_code == 0 and result.output == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", text), "external resource"
    block = re.search(r'id="kg-tl-data">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block  # the article title "<first>" travels as \u003c: it cannot close the script
    data = json.loads(block)
    opening = data["events"][0]
    assert opening["article"] == 'Nordwind Coffee opens in Lyon <first> & "only"' and opening["published"] == "2024-03-12"
    assert opening["companies"] == ["Nordwind Coffee"] and opening["colour"].startswith("#")
    # placed at its article's date, and flagged so the page draws it hollow
    assert data["events"][2]["date"] == "2024-06-05" and data["events"][2]["dated"] is False
    assert [t["type"] for t in data["types"]] == ["Acquisition", "StoreOpening"]
