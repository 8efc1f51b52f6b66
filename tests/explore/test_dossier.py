"""kg.explore.dossier and `kg profile`: the one-page company dossier (content, escaping, offline)."""
from __future__ import annotations

import doctest
import html
import json
import re
from pathlib import Path

from click.testing import CliRunner

import kg
import kg.explore.dossier
from kg.cli import main
from kg.explore.dossier import profile, write_dossier

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"
#: a name no page may treat as markup (invented)
HOSTILE = 'Helios <img src=x onerror="window.kgPwned=1"> Motors'


def hostile_graph(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.trig"
    text = SMALL.read_text(encoding="utf-8").replace('rdfs:label "Helios Motors"@fr',
                                                     'rdfs:label "' + HOSTILE.replace('"', '\\"') + '"@fr')
    assert text != SMALL.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return path


def _outer(text: str) -> str:
    return re.sub(r"<iframe.*?</iframe>", "", text, flags=re.S)


def _events(text: str) -> list[dict]:
    return json.loads(re.search(r'<script type="application/json" id="kg-tl-data">(.*?)</script>', text, re.S)
                      .group(1))["events"]


def test_doctests():
    assert doctest.testmod(kg.explore.dossier).failed == 0


def test_identity_events_and_statements_with_sources(tmp_path):
    text = write_dossier(SMALL, "nordwind", tmp_path / "d.html").read_text(encoding="utf-8")
    outer = _outer(text)
    assert "<td><b>Headquarters</b></td><td>Berlin</td>" in outer
    assert "<td><b>People</b></td><td>Anna Keller (employee)</td>" in outer
    assert "<td><b>Also called</b></td><td>Nordwind</td>" in outer
    # events in time order, captioned, with their sentences and articles
    events = _events(text)
    assert [e["what"] for e in events] == ["StoreOpening: Nordwind Coffee @ Lyon · 2024-03-12 · done",
                                           "Acquisition: Helios Motors -> Nordwind Coffee · 2024-06 · done"]
    assert events[0]["sentences"] == ["Nordwind Coffee opened its first store in Lyon on 12 March 2024."]
    assert events[1]["article"] == "Helios Motors rachète Nordwind Coffee" and events[1]["published"]
    # every statement with its sentence, its article's title and date
    assert outer.count("<td>operatesIn</td>") == 2 and "Nordwind Coffee operates in France and Germany." in outer
    assert "Nordwind Coffee opens in Lyon &lt;first&gt; &amp; &quot;only&quot; · 2024-03-12" in outer


def test_people_are_listed_with_their_titles():
    d = profile(SMALL, "Helios Motors")
    assert dict(d.identity)["People"] == "Marc Dubois (directeur général)"
    assert "Subsidiaries" not in dict(d.identity)  # nothing in the graph says so
    assert set(d.statements["relation"]) >= {"worksFor"}
    assert all(d.statements["published"].notna())


def test_escaped_and_offline(tmp_path):
    text = write_dossier(hostile_graph(tmp_path), "helios", tmp_path / "d.html").read_text(encoding="utf-8")
    outer = _outer(text)
    assert 'Lyon &lt;first&gt; &amp; &quot;only&quot;' in write_dossier(SMALL, "Nordwind Coffee", tmp_path / "n.html").read_text()
    assert "<img" not in outer and f"<h1>{html.escape(HOSTILE)}</h1>" in outer
    # the timeline's data block: no "<" at all, so no tag can start inside it
    block = re.search(r'id="kg-tl-data">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block and any(HOSTILE in e["companies"] for e in _events(text))
    frame = html.unescape(re.search(r'<iframe srcdoc="(.*?)"></iframe>', text, re.S).group(1))
    for page in (outer, frame):
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page), "external resource"
    assert "vis.Network" in frame and "Marc Dubois" in frame


def test_api_and_cli(tmp_path):
    d = kg.profile(SMALL, "Helios Motors")
    assert d.profile.label == "Helios Motors" and "<h1>Helios Motors</h1>" in html.unescape(d._repr_html_())
    out = tmp_path / "x.html"
    result = CliRunner().invoke(main, ["profile", str(SMALL), "helios", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: Helios Motors (Company), 2 event(s), 1 statement(s)")
    assert "<h1>Helios Motors</h1>" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(main, ["profile", str(SMALL), "No Such Firm Ltd", "-o", str(out)])
    assert bad.exit_code == 2 and "no entity named" in bad.output
