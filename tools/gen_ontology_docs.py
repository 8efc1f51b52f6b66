"""Generate the term table and the query list of ontology/README.md from ontology/kg.ttl and ontology/queries/.

Usage::

    python tools/gen_ontology_docs.py          # rewrite the generated parts of ontology/README.md
    python tools/gen_ontology_docs.py --check  # exit 1 if ontology/README.md is out of date

Only the text between the ``<!-- BEGIN ... -->`` and ``<!-- END ... -->`` markers is generated.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query import named_queries  # noqa: E402
from kg.rdf.namespace import KG, ONTOLOGY_FILE  # noqa: E402

README = ROOT / "ontology" / "README.md"
PREFIXES = {
    str(KG._NS): "kg:", "https://schema.org/": "schema:", "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2002/07/owl#": "owl:",
}
KINDS = {OWL.Class: "class", OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property"}
SECTIONS = (("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
            ("Datatype properties", OWL.DatatypeProperty))


def _short(term: URIRef) -> str:
    for ns, prefix in PREFIXES.items():
        if str(term).startswith(ns):
            return prefix + str(term)[len(ns):]
    return f"<{term}>"


def _text(graph: Graph, node: URIRef, prop: URIRef, lang: str) -> str:
    values = sorted(str(v) for v in graph.objects(node, prop) if getattr(v, "language", None) == lang)
    return " ".join(values).replace("|", "\\|").replace("\n", " ")


def _cell(terms) -> str:
    return ", ".join(sorted(f"`{_short(t)}`" for t in terms)) or ""


def _union_cell(graph: Graph, terms) -> str:
    """Like ``_cell``, with an ``owl:unionOf`` class written as its members joined by "or"."""
    from rdflib.collection import Collection
    cells = []
    for t in terms:
        union = graph.value(t, OWL.unionOf)
        cells.append(" or ".join(f"`{_short(m)}`" for m in Collection(graph, union)) if union is not None
                     else f"`{_short(t)}`")
    return ", ".join(sorted(cells))


def render_terms(graph: Graph | None = None) -> str:
    """The Markdown term tables (one per kind of term), in the order of the closed namespace."""
    graph = graph if graph is not None else Graph().parse(ONTOLOGY_FILE, format="turtle")
    order = list(KG.__annotations__)
    parts = []
    for title, kind in SECTIONS:
        terms = [t for t in order if (KG[t], RDF.type, kind) in graph]
        if kind == OWL.Class:
            header = "| term | label (en / fr) | definition | subclass of |\n|---|---|---|---|"
        else:
            header = "| term | label (en / fr) | definition | domain → range | subproperty of |\n|---|---|---|---|---|"
        rows = []
        for t in terms:
            node = KG[t]
            label = f"{_text(graph, node, RDFS.label, 'en')} / {_text(graph, node, RDFS.label, 'fr')}"
            comment = _text(graph, node, RDFS.comment, "en")
            if kind == OWL.Class:
                rows.append(f"| `kg:{t}` | {label} | {comment} | {_cell(graph.objects(node, RDFS.subClassOf))} |")
            else:
                extra = sorted(_short(x)[4:] for x in graph.objects(node, RDF.type) if x not in KINDS)
                flags = f" ({', '.join(extra)})" if extra else ""
                domain_range = f"{_union_cell(graph, graph.objects(node, RDFS.domain)) or '—'} → {_cell(graph.objects(node, RDFS.range)) or '—'}"
                rows.append(f"| `kg:{t}` | {label} | {comment}{flags} | {domain_range} | "
                            f"{_cell(graph.objects(node, RDFS.subPropertyOf))} |")
        parts.append(f"### {title} ({len(terms)})\n\n{header}\n" + "\n".join(rows))
    return "\n\n".join(parts)


def render_queries() -> str:
    """The Markdown table of the competency queries of ontology/queries/."""
    rows = ["| name | question | parameters |", "|---|---|---|"]
    for query in named_queries().values():
        params = "<br>".join(f"`{name}`: {desc}" for name, desc in query.params.items())
        rows.append(f"| `{query.name}` | {query.description} | {params} |")
    return "\n".join(rows)


GENERATED = {"TERMS": render_terms, "QUERIES": render_queries}


def update(text: str) -> str:
    """``text`` with every generated block replaced by its current rendering."""
    for name, render in GENERATED.items():
        pattern = re.compile(rf"(<!-- BEGIN {name}[^>]*-->\n)(?:.*?\n)?(<!-- END {name} -->)", re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"{README}: marker <!-- BEGIN {name} ... --> / <!-- END {name} --> not found")
        text = pattern.sub(lambda m: m.group(1) + render() + "\n" + m.group(2), text)
    return text


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = update(current)
    if "--check" in argv:
        if fresh != current:
            print(f"{README} is out of date: run python tools/gen_ontology_docs.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
