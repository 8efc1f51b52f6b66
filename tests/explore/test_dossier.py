"""kg.explore.dossier: the one-page company dossier (content, escaping, offline)."""
from __future__ import annotations

import doctest
import html
import re
from pathlib import Path

import kg.explore.dossier
from kg.explore.dossier import write_dossier

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"


def test_doctests():
    assert doctest.testmod(kg.explore.dossier).failed == 0


def test_identity_events_and_statements_with_sources(tmp_path):
    text = write_dossier(SMALL, "nordwind", tmp_path / "d.html").read_text(encoding="utf-8")
    outer = re.sub(r"<iframe.*?</iframe>", "", text, flags=re.S)
    assert "<td><b>Headquarters</b></td><td>Berlin</td>" in outer
    assert "<td><b>People</b></td><td>Anna Keller</td>" in outer
    assert "<td><b>Also called</b></td><td>Nordwind</td>" in outer
    # events in time order, captioned, with their sentences
    assert outer.index("StoreOpening: Nordwind Coffee @ Lyon") < outer.index("Acquisition: Helios Motors -&gt; Nordwind")
    assert "Nordwind Coffee opened its first store in Lyon on 12 March 2024." in outer
    # every statement with its sentence
    assert outer.count("<td>operatesIn</td>") == 2 and "Nordwind Coffee operates in France and Germany." in outer


def test_escaped_and_offline(tmp_path):
    text = write_dossier(SMALL, "Nordwind Coffee", tmp_path / "d.html").read_text(encoding="utf-8")
    outer = re.sub(r"<iframe.*?</iframe>", "", text, flags=re.S)
    assert 'Lyon &lt;first&gt; &amp; &quot;only&quot;' in outer and "<first>" not in outer
    frame = html.unescape(re.search(r'<iframe srcdoc="(.*?)"></iframe>', text, re.S).group(1))
    for page in (outer, frame):
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page), "external resource"
    assert "vis.Network" in frame and "Anna Keller" in frame
