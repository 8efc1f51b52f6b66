"""Interactive HTML graph: one self-contained file (no CDN) built with pyvis and vis-network.

Nodes are entities and events, coloured by type and sized by importance (mentions + links); edges are
relations between entities and event roles. Tooltips carry the source sentences and article titles.
The page has its own search box and filters by type, relation and date range (``viz_assets/``).

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
>>> report = render("tests/data/small.trig", out)
>>> report.nodes, report.truncated
(12, False)
>>> "<script src" in out.read_text(encoding="utf-8")
False
"""
from __future__ import annotations

import html
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import pyvis
from pyvis.network import Network

from kg.explore.analysis import find_node, to_networkx
from kg.explore.overview import backbone, caption_of, legend_entry, style
from kg.explore.world_events import fold_events
from kg.query.api import GraphData, graph_data, load, provenance
from kg.errors import OptionError, bad_choice
from kg.types import ENTITY_TYPES, EVENT_TYPES

ASSETS = Path(__file__).resolve().parent / "assets"
#: vis-network as shipped inside the pyvis package (Apache-2.0 / MIT), inlined so the page works offline
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
VIS_VERSION = "9.1.2"

#: class -> colour, the page's palette (kg.explore.overview) for plots drawn elsewhere (notebooks)
COLORS = {**{t: style(t)[1] for t in ENTITY_TYPES}, **{t: style(t, "event")[1] for t in EVENT_TYPES}}
#: what each --types value matches: a class keeps its subclasses, "Event" keeps every event type
TYPE_FILTERS = {
    **{t: (t,) for t in ENTITY_TYPES + EVENT_TYPES},
    "Organization": ("Organization", "Company"),
    "Place": ("Place", "Country", "City", "Region", "Facility"),
    "Event": EVENT_TYPES,
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PHYSICS = {
    "solver": "forceAtlas2Based",
    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
    "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
    "minVelocity": 1.0,
}


class VizReport(NamedTuple):
    path: Path
    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    truncated: bool
    focus: str | None

    def __str__(self) -> str:
        kept = f"{self.nodes} nodes, {self.edges} edges"
        if self.truncated:
            kept += f" (the {self.nodes} most important of {self.total_nodes} nodes: over the node budget)"
        return f"wrote {self.path}: {kept}"


class Selection(NamedTuple):
    nodes: list[str]
    truncated: bool
    total: int
    notice: str


def _check(types: Any, since: str | None, until: str | None, hops: int, max_nodes: int) -> None:
    for value in types or ():
        if value not in TYPE_FILTERS:
            raise bad_choice("type", value, TYPE_FILTERS)
    for name, value in (("since", since), ("until", until)):
        if value is not None and not DATE_RE.match(value):
            raise OptionError(f"bad --{name} date {value!r}; valid: YYYY, YYYY-MM or YYYY-MM-DD")
    if hops < 0 or max_nodes < 1:
        raise OptionError(f"bad hops={hops} / max_nodes={max_nodes}; valid: hops >= 0, max_nodes >= 1")


def _after(date: str, bound: str) -> bool:
    n = min(len(date), len(bound))  # partial dates compare on their common prefix
    return date[:n] >= bound[:n]


def _in_range(dates: list[str], since: str | None, until: str | None) -> bool:
    if not dates:
        return True  # undated: nothing says it is out of range
    return any((since is None or _after(d, since)) and (until is None or _after(until, d)) for d in dates)


def _node_dates(g: nx.MultiDiGraph, data: GraphData, node: str) -> list[str]:
    if g.nodes[node]["kind"] == "event":
        ev = data.events[node]
        article = data.articles.get(ev.article or "")
        date = ev.date or (article.published if article else None)
        return [date] if date else []
    return sorted(p for a in data.entity_articles.get(node, ()) if (p := data.articles[a].published))


def importance(g: nx.MultiDiGraph) -> dict[str, int]:
    """Mentions plus links: what node size and the node budget go by.

    Examples
    --------
    >>> score = importance(to_networkx("tests/data/small.trig"))
    >>> score["https://w3id.org/newskg/id/organization/nordwind-coffee"]  # 3 mentions + 6 links
    9
    """
    return {n: g.nodes[n]["mentions"] + g.degree(n) for n in g.nodes}


def select_nodes(g: nx.MultiDiGraph, data: GraphData, *, focus: str | None = None, hops: int = 1,
                 types: Any = None, since: str | None = None, until: str | None = None,
                 max_nodes: int = 150, isolated: bool = False) -> Selection:
    """Apply type, date, focus and budget filters; return the kept nodes, most important first.

    Examples
    --------
    >>> data = graph_data("tests/data/small.trig")
    >>> sel = select_nodes(to_networkx("tests/data/small.trig", data=data), data, types=["Company"], max_nodes=1)
    >>> [n.rsplit("/", 1)[-1] for n in sel.nodes], sel.truncated, sel.total
    (['nordwind-coffee'], True, 2)
    """
    keep = set(g.nodes)
    if types:
        allowed = {t for name in types for t in TYPE_FILTERS[name]}
        keep = {n for n in keep if g.nodes[n]["type"] in allowed}
    if since or until:
        keep = {n for n in keep if _in_range(_node_dates(g, data, n), since, until)}
    center = None
    if focus is not None:
        center = find_node(g, focus)
        sub = nx.Graph(g.subgraph(keep | {center})).to_undirected()
        keep = set(nx.ego_graph(sub, center, radius=hops))
    total = len(keep)
    # the budget keeps linked groups (a connected backbone), not the most mentioned scattered entities
    ranked = backbone(g, keep, max_nodes, isolated=isolated, first=center)
    if len(ranked) == total:
        return Selection(ranked, False, total, "")
    dropped = "" if isolated else " Unlinked nodes are left out (--isolated shows them)."
    notice = (f"Showing {len(ranked)} of {total} nodes, linked groups first (by mentions and typed links): "
              "narrow with --focus/--hops, --types or --since/--until, or raise --max-nodes." + dropped)
    return Selection(ranked, True, total, notice)


def _quote(sentences: list[tuple[str, str]]) -> str:
    return "".join(f"<blockquote>{html.escape(s)}<cite>{html.escape(t)}</cite></blockquote>" for s, t in sentences)


def _node_tip(g: nx.MultiDiGraph, data: GraphData, node: str, prov: dict[str, list[tuple[str, str]]]) -> str:
    attrs = g.nodes[node]
    parts = [f"<b>{html.escape(attrs['label'])}</b> <span class=\"kg-type\">{html.escape(attrs['type'])}</span>"]
    dates = _node_dates(g, data, node)
    if attrs["kind"] == "event":
        ev = data.events[node]
        when = ev.date or (f"not stated (article of {dates[0]})" if dates else "not stated")
        parts.append(f"<br>date: {html.escape(when)}" + (f", status: {html.escape(ev.status)}" if ev.status else ""))
    else:
        span = f"{dates[0]} to {dates[-1]}" if dates and dates[0] != dates[-1] else (dates[0] if dates else "")
        parts.append(f"<br>{attrs['mentions']} mention(s) in {attrs['articles']} article(s)"
                     + (f", {html.escape(span)}" if span else ""))
    return "".join(parts) + _quote(prov.get(node, []))


def _legend(g: nx.MultiDiGraph, nodes: list[str]) -> list[dict[str, Any]]:
    counts = Counter((g.nodes[n]["type"], g.nodes[n]["kind"]) for n in nodes)
    rank = {t: i for i, t in enumerate(ENTITY_TYPES + EVENT_TYPES)}
    order = sorted(counts, key=lambda tk: (tk[1] == "event", rank.get(tk[0], len(rank)), tk[0]))
    return [legend_entry(t, k, counts[(t, k)]) for t, k in order]


def _network(g: nx.MultiDiGraph, data: GraphData, sel: Selection, prov: dict[str, list[tuple[str, str]]]) -> Network:
    net = Network(height="100%", width="100%", directed=True, heading="", cdn_resources="remote")
    score = importance(g)
    kept = set(sel.nodes)
    for n in sorted(sel.nodes):
        attrs = g.nodes[n]
        dates = _node_dates(g, data, n)
        extra = {"date": dates[0]} if attrs["kind"] == "event" and dates else {}
        if attrs["kind"] == "entity" and dates:
            extra = {"dates": sorted(set(dates))}
        # an event's caption says what happened (who -> whom, date, status): no hovering needed
        shape, colour = style(attrs["type"], attrs["kind"])
        net.add_node(n, label=caption_of(g, n), name=attrs["label"], shape=shape,
                     color=colour, value=score[n], type=attrs["type"],
                     kind=attrs["kind"], tip=_node_tip(g, data, n, prov), **extra)
    for a, b, rel in sorted(g.edges(keys=True)):
        if a in kept and b in kept:
            is_role = g.nodes[a]["kind"] == "event"
            # a role edge shows its event's sentence; a fact edge the sentences of its rdf:Statements
            sentences = prov.get(a if is_role else f"{a} {rel} {b}", [])
            tip = (f"<b>{html.escape(g.nodes[a]['label'])}</b> {html.escape(rel)} "
                   f"<b>{html.escape(g.nodes[b]['label'])}</b>{_quote(sentences)}")
            net.add_edge(a, b, id=f"{a} {rel} {b}", label=rel, relation=rel, tip=tip, dashes=is_role,
                         arrows="to", font={"size": 10, "align": "middle"})
    label_max = 56 if len(sel.nodes) > 60 else 24  # big labels only where the first view is zoomed far out
    net.options = {
        "physics": PHYSICS,
        "layout": {"randomSeed": 7, "improvedLayout": len(sel.nodes) <= 150},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": len(sel.nodes) > 200},
        # labels grow with importance and small ones are not drawn when zoomed out: the names that matter
        # stay readable at the first view instead of all names overlapping at a few pixels
        "nodes": {"scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 10, "max": label_max,
                                                             "maxVisible": 56, "drawThreshold": 8}},
                  "font": {"size": 13}},
        "edges": {"color": {"color": "#9aa5b1", "highlight": "#333333"}, "smooth": {"type": "continuous"}},
    }
    return net


def _asset(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return re.sub(r"/[/*][#@] sourceMappingURL=\S+", "", text)  # offline: no source map to fetch


def render(graph: Any, out: str | Path, *, focus: str | None = None, hops: int = 1, types: Any = None,
           since: str | None = None, until: str | None = None, max_nodes: int = 150, isolated: bool = False,
           title: str = "kg graph explorer") -> VizReport:
    """Write a self-contained interactive HTML graph of ``graph`` to ``out``.

    Parameters
    ----------
    graph
        Anything :func:`kg.store.open_store` accepts.
    out
        HTML file to write (its folder is created).
    focus, hops
        Keep only the neighbourhood (``hops`` links) of this entity (IRI or name).
    types
        Class names to keep (``Company``, ``Place`` with its subclasses, ``Event`` for all events ...).
    since, until
        ``YYYY[-MM[-DD]]``: keep events dated in range and entities mentioned by articles published in range.
    max_nodes
        Node budget: linked groups of the most important nodes are kept and the page says so.
    isolated
        Also show nodes linked to no other shown node (left out by default: they float about the page).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
    >>> str(render("tests/data/small.trig", out, focus="Helios Motors", hops=1)).endswith("4 nodes, 3 edges")
    True
    """
    _check(types, since, until, hops, max_nodes)
    store = load(graph)  # once: an RDF file is parsed on opening
    data, prov, _ = fold_events(store, graph_data(store), provenance(store))  # one node per real-world event
    g = to_networkx(store, data=data)
    sel = select_nodes(g, data, focus=focus, hops=hops, types=types, since=since, until=until, max_nodes=max_nodes,
                       isolated=isolated)
    net = _network(g, data, sel, prov)
    net.set_template_dir(str(ASSETS), "explorer.html")
    summary = (f"{len(data.articles)} articles, {len(data.entities)} entities, {len(data.events)} events"
               + (f"; around {g.nodes[sel.nodes[0]]['label']} ({hops} hop(s))" if focus and sel.nodes else ""))
    net.templateEnv.globals.update(
        kg_vis_js=_asset(VIS_DIR / "vis-network.min.js"), kg_vis_css=_asset(VIS_DIR / "vis-network.css"),
        kg_js=_asset(ASSETS / "explorer.js"), kg_css=_asset(ASSETS / "explorer.css"),
        kg_legend=_legend(g, sel.nodes), kg_notice=sel.notice, kg_summary=summary,
        kg_pyvis_version=pyvis.__version__, kg_vis_version=VIS_VERSION)
    net.heading = title
    page = net.generate_html(name="index.html")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return VizReport(out, len(net.nodes), len(net.edges), len(g), g.number_of_edges(), sel.truncated,
                     g.nodes[sel.nodes[0]]["label"] if focus and sel.nodes else None)


def show(graph: Any, *, height: int = 620, **options: Any) -> Any:
    """The HTML graph inline in a Jupyter notebook: the whole page in an iframe (works offline too).

    ``options`` are those of :func:`render` (``focus``, ``hops``, ``types``, ``max_nodes`` ...).

    Examples
    --------
    >>> "<iframe srcdoc=" in show("tests/data/small.trig", types=["Company"]).data
    True
    """
    from IPython.display import HTML

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "graph.html"
        render(graph, out, **options)
        page = out.read_text(encoding="utf-8")
    # wrapped in a div: IPython warns about a bare iframe, and srcdoc keeps the page self-contained
    return HTML(f'<div><iframe srcdoc="{html.escape(page, quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe></div>')
