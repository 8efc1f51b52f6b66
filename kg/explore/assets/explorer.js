/* kg graph explorer: filters (type, relation, dates), search and tooltips over a vis-network graph.
 * The data comes from the JSON block #kg-data written by kg.explore.html.render; tooltip HTML is escaped
 * there, so it is safe to parse here. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);

  function tipElement(html) {
    // vis-network shows string titles as plain text; an element keeps our (escaped) markup.
    var div = document.createElement("div");
    div.className = "kg-tip";
    div.innerHTML = html;
    return div;
  }
  data.nodes.forEach(function (n) { if (n.tip) { n.title = tipElement(n.tip); } });
  data.edges.forEach(function (e) { if (e.tip) { e.title = tipElement(e.tip); } });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenTypes = {};
  var hiddenRelations = {};
  var range = { since: "", until: "" };

  // Partial ISO dates compare on their common prefix: "2024-06" is within [2024-06-15, ...].
  function after(date, bound) {
    var n = Math.min(date.length, bound.length);
    return date.slice(0, n) >= bound.slice(0, n);
  }
  function inRange(date) {
    return (!range.since || after(date, range.since)) && (!range.until || after(range.until, date));
  }
  function nodeVisible(n) {
    if (hiddenTypes[n.type]) { return false; }
    // undated nodes stay; an entity stays when one of the articles that mention it is in range
    var dates = n.kind === "event" ? (n.date ? [n.date] : []) : (n.dates || []);
    return dates.length === 0 || dates.some(inRange);
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      if (hiddenRelations[e.relation]) { return false; }
      var a = nodes.get(e.from), b = nodes.get(e.to);
      return !!a && !!b && nodeVisible(a) && nodeVisible(b);
    }
  });

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  // Physics only lays the graph out: once stable, freeze it so big graphs stay responsive.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    document.body.setAttribute("data-kg-stable", "1");
  });

  // The clicked node's (or edge's) tooltip stays in the side panel, so its sentences can be read and copied.
  var details = document.getElementById("kg-details");
  var detailsHint = details.innerHTML;
  network.on("click", function (params) {
    var item = params.nodes.length ? nodes.get(params.nodes[0]) : params.edges.length ? edges.get(params.edges[0]) : null;
    details.innerHTML = item && item.tip ? item.tip : detailsHint;
  });

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("kg-visible").textContent =
      nodeView.length + " of " + nodes.length + " nodes, " + edgeView.length + " of " + edges.length + " edges shown";
  }

  function checkbox(list, key, hidden, swatch, text, count) {
    var li = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = key;
    box.addEventListener("change", function () {
      if (box.checked) { delete hidden[key]; } else { hidden[key] = true; }
      refresh();
    });
    label.appendChild(box);
    if (swatch) { label.appendChild(swatch); }
    label.appendChild(document.createTextNode(text + " "));
    var c = document.createElement("span");
    c.className = "kg-count";
    c.textContent = "(" + count + ")";
    label.appendChild(c);
    li.appendChild(label);
    list.appendChild(li);
  }

  var legend = document.getElementById("kg-legend");
  data.legend.forEach(function (item) {
    var sw = document.createElement("span");
    sw.className = "kg-swatch" + (item.kind === "event" ? " kg-event" : "") + (item.shape ? " kg-" + item.shape : "");
    sw.style.background = item.color;
    checkbox(legend, item.type, hiddenTypes, sw, item.type, item.count);
  });
  var relCounts = {};
  data.edges.forEach(function (e) { relCounts[e.relation] = (relCounts[e.relation] || 0) + 1; });
  var relList = document.getElementById("kg-relations");
  Object.keys(relCounts).sort().forEach(function (r) {
    checkbox(relList, r, hiddenRelations, null, r, relCounts[r]);
  });

  function dateInput(id, key) {
    var input = document.getElementById(id);
    input.addEventListener("input", function () {
      var v = input.value.trim();
      var ok = v === "" || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v);
      input.style.outline = ok ? "" : "2px solid #d33";
      if (ok) { range[key] = v; refresh(); }
    });
  }
  dateInput("kg-since", "since");
  dateInput("kg-until", "until");

  function search(text) {
    var q = (text || "").trim().toLowerCase();
    var status = document.getElementById("kg-search-status");
    if (!q) { status.textContent = ""; return []; }
    var hits = nodeView.get({
      filter: function (n) { return (n.name || n.label).toLowerCase().indexOf(q) !== -1; }
    }).sort(function (a, b) {
      // entities before events, then the most important first
      return (a.kind === b.kind ? 0 : a.kind === "entity" ? -1 : 1) || (b.value - a.value) || (a.label < b.label ? -1 : 1);
    });
    var ids = hits.map(function (n) { return n.id; });
    if (ids.length) {
      network.selectNodes(ids);
      network.focus(ids[0], { scale: 1.2, animation: false });
      status.textContent = ids.length + " found: " + hits.slice(0, 3).map(function (n) { return n.name || n.label; })
        .join("; ") + (ids.length > 3 ? " ..." : "");
    } else {
      network.unselectAll();
      status.textContent = "no node named like \u201c" + text.trim() + "\u201d";
    }
    return ids;
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("kg-search").value);
  });

  refresh();
  window.kgExplorer = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                        search: search, refresh: refresh };
})();
