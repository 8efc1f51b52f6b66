"""The timeline page and the company dossier in a real headless Chromium (offline, see conftest.py).

Screenshots for the README are written to docs/ only on request (``KG_UPDATE_SCREENSHOT=1``).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.explore.dossier import write_dossier
from kg.explore.timeline_page import write_timeline

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "data" / "small.trig"
#: an invented name that must show as text, never run (tests/explore/test_dossier.py uses the same trick)
HOSTILE = 'Helios <img src=x onerror="window.kgPwned=1"> Motors'


def _errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def _shot(driver, name: str, tmp: Path, height: int = 860) -> Path:
    shot = ROOT / "docs" / name if os.environ.get("KG_UPDATE_SCREENSHOT") else tmp / name
    driver.set_window_size(1280, height)
    assert driver.save_screenshot(str(shot))
    driver.set_window_size(1280, 860)
    assert shot.stat().st_size > 10_000
    return shot


SHOWN = "return kgTimeline.shown().length"
DOTS = "return document.querySelectorAll('#kg-tl-chart .kg-tl-dot').length"


def test_timeline_filters_and_shows_sources(browser, tmp_path):
    browser.get(write_timeline(SMALL, tmp_path / "t.html").as_uri())
    assert browser.execute_script(DOTS) == 3 and browser.execute_script(SHOWN) == 3
    # the event with no date of its own is placed at its article's date, drawn hollow
    assert len(browser.find_elements("css selector", ".kg-tl-dot.kg-tl-article-date")) == 1
    browser.find_element("css selector", "#kg-tl-types input[value='StoreOpening']").click()
    assert browser.execute_script(DOTS) == 1
    assert [r.text.split("\n")[0] for r in browser.find_elements("css selector", "#kg-tl-list tbody tr")] == \
        ["2024-06 Acquisition Acquisition: Helios Motors -> Nordwind Coffee · 2024-06 · done Helios Motors rachète Nordwind Coffee"]
    browser.find_element("css selector", "#kg-tl-types input[value='StoreOpening']").click()
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "kg-tl-company")).select_by_visible_text("Nordwind Coffee")
    assert browser.execute_script(SHOWN) == 2
    browser.find_element("id", "kg-tl-text").send_keys("lyon")
    assert browser.execute_script(SHOWN) == 1
    browser.find_element("css selector", "#kg-tl-chart .kg-tl-dot").click()
    details = browser.find_element("id", "kg-tl-details").text
    assert details.startswith("StoreOpening: Nordwind Coffee @ Lyon")
    assert "Nordwind Coffee opened its first store in Lyon on 12 March 2024." in details
    assert 'Nordwind Coffee opens in Lyon <first> & "only" · 2024-03-12' in details  # the title, as text
    assert _errors(browser) == []


def test_timeline_of_a_large_graph(browser, tmp_path, synth_graph):
    import time

    start = time.monotonic()
    browser.get(write_timeline(synth_graph, tmp_path / "big.html").as_uri())
    assert time.monotonic() - start < 60
    total = browser.execute_script("return kgTimeline.events.length")
    # every dated event is a dot or counted in a "+N" button of a crowded spot; lanes stay a few rows high
    drawn = browser.execute_script(
        "return [document.querySelectorAll('#kg-tl-chart .kg-tl-dot').length, Array.from("
        "document.querySelectorAll('#kg-tl-chart .kg-tl-more')).reduce((n, b) => n + +b.textContent.slice(1), 0),"
        " Math.max(...Array.from(document.querySelectorAll('#kg-tl-chart .kg-tl-track')).map(t => t.offsetHeight))]")
    assert total > 500 and drawn[0] + drawn[1] == browser.execute_script(
        "return kgTimeline.events.filter(e => e.date).length")
    assert drawn[1] > 0 and drawn[2] <= 110, drawn
    browser.find_element("css selector", "#kg-tl-chart .kg-tl-more").click()
    listed = browser.find_elements("css selector", "#kg-tl-details .kg-tl-many a")
    assert len(listed) > 1
    listed[0].click()
    assert browser.find_elements("css selector", "#kg-tl-details blockquote cite")
    # a list row opens the event's sources too
    browser.find_element("css selector", "#kg-tl-list tbody tr").click()
    assert browser.find_elements("css selector", "#kg-tl-details blockquote cite")
    companies = browser.execute_script("return document.querySelectorAll('#kg-tl-company option').length")
    assert companies > 10
    assert _errors(browser) == []
    browser.execute_script("window.scrollTo(0, 0)")
    _shot(browser, "timeline.png", tmp_path, 900)


def test_dossier_is_escaped_and_draws_offline(browser, tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace('rdfs:label "Helios Motors"@fr',
                                                     'rdfs:label "' + HOSTILE.replace('"', '\\"') + '"@fr')
    graph = tmp_path / "hostile.trig"
    graph.write_text(text, encoding="utf-8")
    browser.get(write_dossier(graph, "helios", tmp_path / "d.html").as_uri())
    assert browser.find_element("tag name", "h1").text == HOSTILE
    assert browser.execute_script("return kgTimeline.shown().length") == 2
    browser.find_element("css selector", "#kg-tl-chart .kg-tl-dot:not(.kg-tl-article-date)").click()
    assert "Helios Motors a racheté Nordwind Coffee" in browser.find_element("id", "kg-tl-details").text
    browser.switch_to.frame(browser.find_element("tag name", "iframe"))
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 90).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-kg-stable') === '1'"))
    assert HOSTILE in browser.execute_script("return kgExplorer.nodes.get().map(n => n.label)")
    assert browser.execute_script("return window.kgPwned") is None
    browser.switch_to.default_content()
    assert browser.execute_script("return window.kgPwned") is None
    assert _errors(browser) == []


def test_dossier_of_a_sample_company(browser, tmp_path, sample_build):
    from kg.explore.timeline import timeline

    rows = timeline(sample_build)
    if not rows:
        pytest.fail("the sample build has no events")
    busiest = max(sorted({c for r in rows for c in r.companies}), key=lambda c: sum(c in r.companies for r in rows))
    page = write_dossier(sample_build, busiest, tmp_path / "dossier.html")
    browser.get(page.as_uri())
    assert browser.find_element("tag name", "h1").text == busiest
    assert browser.execute_script("return kgTimeline.shown().length") >= 1
    browser.switch_to.frame(browser.find_element("tag name", "iframe"))
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 90).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-kg-stable') === '1'"))
    browser.switch_to.default_content()
    assert _errors(browser) == []
    _shot(browser, "dossier.png", tmp_path, 1500)
