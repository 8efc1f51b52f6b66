"""A company dossier: one self-contained HTML page about one entity (``kg profile``, ``kg.profile``).

Identity (names, type, headquarters, parent, subsidiaries, people and their roles, products ...), its
events on a timeline, its neighbourhood graph (the ``kg viz --focus`` page, inlined) and every statement
with the sentence it came from and the article's title and date. Everything is escaped and nothing is
fetched: the page opens offline.

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
from typing import Any, NamedTuple

from kg.explore.analysis import Profile, profile as entity_profile
from kg.explore.html import render
from kg.explore.timeline import TimelineRow, timeline
from kg.explore.timeline_page import timeline_section
from kg.query.api import load, select, sparql_df

#: identity rows: relation -> heading, for the entity as subject and as object of the fact
AS_SUBJECT = {"headquarteredIn": "Headquarters", "subsidiaryOf": "Parent", "operatesIn": "Operates in",
              "foundedBy": "Founded by", "partnerOf": "Partners", "competitorOf": "Competitors",
              "investsIn": "Invests in"}
AS_OBJECT = {"subsidiaryOf": "Subsidiaries", "investsIn": "Investors"}
STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
h1{margin-bottom:0}.type{color:#666}table{border-collapse:collapse;width:100%;margin:8px 0 20px}
td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}q{color:#333}.src{color:#666;font-size:12px}iframe{width:100%;height:520px;border:1px solid #ddd}
#identity td:first-child{width:160px}"""
#: every statement about the entity, as subject or object, with its sentence and its article's title and date
STATEMENTS = """
SELECT DISTINCT ?e ?subject ?relation ?object ?sentence ?article ?published ?confidence WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a .
  FILTER(?s = ?e || ?o = ?e)
  OPTIONAL { ?st kg:sentence ?sentence } OPTIONAL { ?st kg:confidence ?confidence }
  OPTIONAL { ?a schema:headline ?article } OPTIONAL { ?a schema:datePublished ?d }
  OPTIONAL { SELECT ?s (MIN(STR(?l1)) AS ?sl) WHERE { ?s rdfs:label ?l1 } GROUP BY ?s }
  OPTIONAL { SELECT ?o (MIN(STR(?l2)) AS ?ol) WHERE { ?o rdfs:label ?l2 } GROUP BY ?o }
  BIND(COALESCE(?sl, STR(?s)) AS ?subject) BIND(STRAFTER(STR(?p), "#") AS ?relation)
  BIND(COALESCE(?ol, STR(?o)) AS ?object) BIND(STR(?d) AS ?published)
} ORDER BY ?relation ?subject ?object ?published ?sentence ?article"""


class Dossier(NamedTuple):
    """What :func:`profile` returns: the dossier's parts as data, and its page.

    In a notebook the dossier shows itself (the page in an iframe).
    """

    profile: Profile
    """Facts, events and mentions of the entity as DataFrames (:func:`kg.explore.analysis.profile`)."""
    identity: list[tuple[str, str]]
    """(heading, value) rows: type, other names, headquarters, parent, subsidiaries, people, products ..."""
    events: list[TimelineRow]
    statements: Any
    """DataFrame: subject, relation, object, sentence, article (title), published, confidence."""
    html: str

    def write(self, out: str | Path) -> Path:
        """Write the page to ``out`` (its folder is created); returns the path."""
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(self.html, encoding="utf-8")
        return out

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                'style="width:100%;height:720px;border:1px solid #ddd"></iframe>')


def _e(value: Any) -> str:
    return "" if value is None or value != value else html.escape(str(value))  # value != value: NaN


def _names(rows: list[str]) -> str:
    return ", ".join(sorted(set(rows)))


def _identity(store: Any, p: Profile, statements: Any) -> list[tuple[str, str]]:
    rows = [("Type", p.type)] + ([("Also called", ", ".join(p.aliases))] if p.aliases else [])
    facts = list(zip(statements["subject"], statements["relation"], statements["object"]))
    for rel, head in AS_SUBJECT.items():
        if names := [str(o) for s, r, o in facts if r == rel and s == p.label]:
            rows.append((head, _names(names)))
    for rel, head in AS_OBJECT.items():
        if names := [str(s) for s, r, o in facts if r == rel and o == p.label]:
            rows.append((head, _names(names)))
    # people with their titles, products from facts and launches: the competency queries say how
    people = [f"{r['personName']} ({r['role']})" for r in select(store, "people-roles", company=p.label)
              if r["organization"] == p.label]
    products = [r["productName"] for r in select(store, "company-products", company=p.label)
                if r["organization"] == p.label]
    rows += [(head, _names(names)) for head, names in (("People", people), ("Products", products)) if names]
    return rows


def _table(headers: tuple[str, ...], rows: list[tuple[Any, ...]], table_id: str = "") -> str:
    if not rows:
        return "<p>none</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers) if any(headers) else ""
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table{f' id={table_id}' if table_id else ''}>{f'<tr>{head}</tr>' if head else ''}{body}</table>"


def _source(article: Any, published: Any) -> str:
    return f"<div class=src>{_e(article)}{' · ' + _e(published) if _e(published) else ''}</div>"


def profile(graph: Any, entity: str, out: str | Path | None = None) -> Dossier:
    """The dossier of ``entity`` (a name or IRI, found as ``kg viz --focus`` finds it); written to ``out`` if given.

    Examples
    --------
    >>> d = profile("tests/data/small.trig", "Nordwind Coffee")
    >>> dict(d.identity)["People"], [r.type for r in d.events]
    ('Anna Keller (employee)', ['StoreOpening', 'Acquisition'])
    >>> d.statements[["relation", "object", "published"]].values.tolist()[0]
    ['headquarteredIn', 'Berlin', '2024-03-12']
    """
    from kg.query.api import iri

    store = load(graph)
    p = entity_profile(store, entity)
    statements = sparql_df(store, STATEMENTS, e=iri(p.iri)).drop(columns=["e"], errors="ignore")
    events = timeline(store, company=p.iri)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "focus.html"
        render(store, page, focus=p.iri, hops=1, isolated=True, title=f"{p.label}: neighbourhood")
        neighbourhood = page.read_text(encoding="utf-8")
    identity = _identity(store, p, statements)
    rows = [(_e(s), _e(r), _e(o), f"<q>{_e(sent)}</q>{_source(a, d)}") for s, r, o, sent, a, d in zip(
        statements["subject"], statements["relation"], statements["object"], statements["sentence"],
        statements["article"], statements["published"])]
    page_html = (
        f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{_e(p.label)} - dossier</title>"
        f"<style>{STYLE}</style></head><body><h1>{_e(p.label)}</h1><div class=type>{_e(p.type)}</div>"
        f"<h2>Identity</h2>{_table(('', ''), [(f'<b>{_e(k)}</b>', _e(v)) for k, v in identity], 'identity')}"
        f"{timeline_section(events, heading=f'Events ({len(events)})')}"
        f"<h2>Neighbourhood</h2><iframe srcdoc=\"{html.escape(neighbourhood, quote=True)}\"></iframe>"
        f"<h2>Statements ({len(rows)})</h2>"
        f"{_table(('subject', 'relation', 'object', 'sentence and article'), rows, 'statements')}"
        "</body></html>")
    dossier = Dossier(p, identity, events, statements, page_html)
    if out is not None:
        dossier.write(out)
    return dossier


def dossier_html(graph: Any, entity: str) -> str:
    """The dossier page of ``entity`` (a name or IRI)."""
    return profile(graph, entity).html


def write_dossier(graph: Any, entity: str, out: str | Path) -> Path:
    """Write the dossier page of ``entity`` to ``out`` (its folder is created); returns the path."""
    return profile(graph, entity).write(out)
