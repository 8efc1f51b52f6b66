"""A company dossier: one self-contained HTML page about one entity.

Identity (names, type, the facts that define it), its events in time order, its neighbourhood graph
(the ``kg viz --focus`` page, inlined) and every statement with the sentence it came from and the
article's title. Everything is escaped and nothing is fetched: the page opens offline.

Examples
--------
>>> import tempfile, pathlib
>>> out = write_dossier("tests/data/small.trig", "Nordwind Coffee", pathlib.Path(tempfile.mkdtemp()) / "d.html")
>>> "<h1>Nordwind Coffee</h1>" in out.read_text(encoding="utf-8")
True
"""
from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import Any

from kg.explore.analysis import profile
from kg.explore.html import render
from kg.explore.timeline import timeline
from kg.query.api import load

#: identity rows: relation -> heading, for the entity as subject and as object of the fact
AS_SUBJECT = {"headquarteredIn": "Headquarters", "subsidiaryOf": "Parent", "operatesIn": "Operates in",
              "produces": "Products", "foundedBy": "Founded by", "partnerOf": "Partners",
              "competitorOf": "Competitors", "investsIn": "Invests in"}
AS_OBJECT = {"subsidiaryOf": "Subsidiaries", "worksFor": "People", "investsIn": "Investors"}
STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222}
h1{margin-bottom:0}.type{color:#666}table{border-collapse:collapse;width:100%;margin:8px 0 20px}
td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}q{color:#333}.src{color:#666;font-size:12px}iframe{width:100%;height:520px;border:1px solid #ddd}"""


def _e(value: Any) -> str:
    return "" if value is None or value != value else html.escape(str(value))  # value != value: NaN


def _identity(p: Any) -> list[tuple[str, str]]:
    rows = [("Type", p.type)] + ([("Also called", ", ".join(p.aliases))] if p.aliases else [])
    facts = p.facts
    for rel, head in AS_SUBJECT.items():
        names = sorted({str(o) for s, r, o in zip(facts["subject"], facts["relation"], facts["object"])
                        if r == rel and s == p.label})
        if names:
            rows.append((head, ", ".join(names)))
    for rel, head in AS_OBJECT.items():
        names = sorted({str(s) for s, r, o in zip(facts["subject"], facts["relation"], facts["object"])
                        if r == rel and o == p.label})
        if names:
            rows.append((head, ", ".join(names)))
    return rows


def _table(headers: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    if not rows:
        return "<p>none</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def dossier_html(graph: Any, entity: str) -> str:
    """The dossier page of ``entity`` (a name or IRI, found as ``kg viz --focus`` finds it)."""
    store = load(graph)
    p = profile(store, entity)
    events = timeline(store, company=p.iri)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "focus.html"
        render(store, page, focus=p.iri, hops=1, isolated=True, title=f"{p.label}: neighbourhood")
        neighbourhood = page.read_text(encoding="utf-8")
    identity = _table(("", ""), [(f"<b>{_e(k)}</b>", _e(v)) for k, v in _identity(p)])
    timeline_rows = [(_e(r.when), _e(r.type), _e(r.what), "".join(f"<q>{_e(s)}</q> " for s in r.sentences)
                      + f"<div class=src>{_e(r.article)}</div>") for r in events]
    statements = [(_e(s), _e(r), _e(o), f"<q>{_e(sent)}</q><div class=src>{_e(a)}</div>")
                  for s, r, o, sent, a in zip(p.facts["subject"], p.facts["relation"], p.facts["object"],
                                              p.facts["sentence"], p.facts["article"])]
    return (f"<!DOCTYPE html><html><head><meta charset=utf-8><title>{_e(p.label)} - dossier</title>"
            f"<style>{STYLE}</style></head><body><h1>{_e(p.label)}</h1><div class=type>{_e(p.type)}</div>"
            f"<h2>Identity</h2>{identity}"
            f"<h2>Events</h2>{_table(('date', 'type', 'what happened', 'source'), timeline_rows)}"
            f"<h2>Neighbourhood</h2><iframe srcdoc=\"{html.escape(neighbourhood, quote=True)}\"></iframe>"
            f"<h2>Statements</h2>{_table(('subject', 'relation', 'object', 'sentence and article'), statements)}"
            "</body></html>")


def write_dossier(graph: Any, entity: str, out: str | Path) -> Path:
    """Write the dossier page of ``entity`` to ``out`` (its folder is created); returns the path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dossier_html(graph, entity), encoding="utf-8")
    return out
