/* kg timeline: events along a time axis, one lane per type, filtered by type, company and text.
 * The data comes from the JSON block #kg-tl-data written by kg.explore.timeline_page; everything it
 * holds is put in the page as text (textContent), never as markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-tl-data").textContent);
  var MAX_ROWS = 5;
  var hiddenTypes = {};
  var state = { company: "", text: "" };
  var byId = {};
  data.events.forEach(function (e) { byId[e.id] = e; });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  // "2024", "2024-06" and "2024-06-05" as fractional years: partial dates sit at the start of their span
  function years(date) {
    var p = date.split("-");
    return +p[0] + ((p[1] ? +p[1] - 1 : 0) + (p[2] ? (+p[2] - 1) / 31 : 0)) / 12;
  }
  function visible(e) {
    if (hiddenTypes[e.type]) { return false; }
    if (state.company && e.companies.indexOf(state.company) < 0) { return false; }
    return !state.text || e.what.toLowerCase().indexOf(state.text) >= 0;
  }

  var details = document.getElementById("kg-tl-details");
  function show(id) {
    var e = byId[id];
    if (!e) { return; }
    details.textContent = "";
    details.appendChild(el("h3", "", e.what));
    var when = e.dated ? e.when : e.date ? "not stated (article of " + e.date + ")" : "not stated";
    details.appendChild(el("p", "kg-tl-when", "date: " + when + (e.status ? ", status: " + e.status : "")));
    (e.sentences.length ? e.sentences : ["(no sentence recorded)"]).forEach(function (s) {
      var q = el("blockquote", "", s);
      q.appendChild(el("cite", "", e.article + (e.published ? " · " + e.published : "")));
      details.appendChild(q);
    });
    document.querySelectorAll("#kg-tl .kg-tl-selected").forEach(function (n) { n.classList.remove("kg-tl-selected"); });
    document.querySelectorAll('#kg-tl [data-id="' + CSS.escape(id) + '"]').forEach(function (n) {
      n.classList.add("kg-tl-selected");
    });
  }

  // a crowded spot: the events it holds, each one a link to its sources
  function showMany(events) {
    details.textContent = "";
    details.appendChild(el("h3", "", events.length + " events"));
    var ul = el("ul", "kg-tl-many");
    events.forEach(function (e) {
      var li = el("li");
      var a = el("a", "", e.when + ": " + e.what);
      a.href = "#";
      a.addEventListener("click", function (ev) { ev.preventDefault(); show(e.id); });
      li.appendChild(a);
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }

  function ticks(lo, hi) {
    // years when the span is long, else months: about 4 to 12 labels across the axis
    var out = [], step = hi - lo > 3 ? Math.ceil((hi - lo) / 10) : 0;
    if (step) {
      for (var y = Math.ceil(lo); y <= hi; y += step) { out.push([y, String(y)]); }
    } else {
      var every = hi - lo > 1.5 ? 3 : 1;
      for (var m = Math.ceil(lo * 12); m <= hi * 12 + 1e-9; m += every) {
        var yy = Math.floor(m / 12), mm = m - yy * 12 + 1;
        out.push([m / 12, yy + "-" + (mm < 10 ? "0" : "") + mm]);
      }
    }
    return out;
  }

  var chart = document.getElementById("kg-tl-chart");
  var list = document.querySelector("#kg-tl-list tbody");
  function draw() {
    var shown = data.events.filter(visible);
    var dated = shown.filter(function (e) { return e.date; });
    chart.textContent = "";
    list.textContent = "";
    document.getElementById("kg-tl-count").textContent = shown.length + " of " + data.events.length + " events shown";
    if (dated.length) {
      var lo = Math.min.apply(null, dated.map(function (e) { return years(e.date); }));
      var hi = Math.max.apply(null, dated.map(function (e) { return years(e.date); }));
      var pad = Math.max((hi - lo) * 0.04, 1 / 24);
      lo -= pad; hi += pad;
      var pos = function (e) { return 100 * (years(e.date) - lo) / (hi - lo); };
      data.types.forEach(function (t) {
        var evs = dated.filter(function (e) { return e.type === t.type; });
        if (!evs.length) { return; }
        var lane = el("div", "kg-tl-lane");
        lane.appendChild(el("div", "kg-tl-lane-name", t.type));
        var track = el("div", "kg-tl-track");
        var rowsEnd = [];  // a dot too close to the last one of a row goes on the next row: no overlap
        var extra = [];    // past MAX_ROWS, the dots of one spot become one "+N" button: lanes stay short
        evs.forEach(function (e) {
          var x = pos(e), row = 0;
          while (rowsEnd[row] !== undefined && x - rowsEnd[row] < 1.6) { row++; }
          if (row >= MAX_ROWS) {
            var last = extra[extra.length - 1];
            if (last && x - last.x < 1.6) { last.events.push(e); } else { extra.push({ x: x, events: [e] }); }
            return;
          }
          rowsEnd[row] = x;
          var dot = el("button", "kg-tl-dot" + (e.dated ? "" : " kg-tl-article-date"));
          dot.type = "button";
          dot.dataset.id = e.id;
          dot.title = e.when + ": " + e.what;
          dot.setAttribute("aria-label", dot.title);
          dot.style.left = x + "%";
          dot.style.top = (4 + row * 15) + "px";
          dot.style.background = e.colour;
          dot.addEventListener("click", function () { show(e.id); });
          track.appendChild(dot);
        });
        extra.forEach(function (group) {
          var more = el("button", "kg-tl-more", "+" + group.events.length);
          more.type = "button";
          more.title = group.events.length + " more " + t.type + " events here: click to list them";
          more.style.left = group.x + "%";
          more.style.top = (4 + MAX_ROWS * 15) + "px";
          more.addEventListener("click", function () { showMany(group.events); });
          track.appendChild(more);
        });
        track.style.height = (10 + (rowsEnd.length + (extra.length ? 1 : 0)) * 15) + "px";
        lane.appendChild(track);
        chart.appendChild(lane);
      });
      var axis = el("div", "kg-tl-lane kg-tl-axis");
      axis.appendChild(el("div", "kg-tl-lane-name", ""));
      var scale = el("div", "kg-tl-track");
      ticks(lo, hi).forEach(function (tk) {
        var mark = el("span", "kg-tl-tick", tk[1]);
        mark.style.left = (100 * (tk[0] - lo) / (hi - lo)) + "%";
        scale.appendChild(mark);
      });
      axis.appendChild(scale);
      chart.appendChild(axis);
    }
    var undated = shown.length - dated.length;
    chart.appendChild(el("p", "kg-tl-hint", (dated.length ? "Hollow dots: no date in the text, placed at the article's date. " : "No event is dated. ")
      + (undated ? undated + " event(s) with no date at all are only in the list below." : "")));
    shown.forEach(function (e) {
      var tr = el("tr");
      tr.dataset.id = e.id;
      tr.appendChild(el("td", "", e.when || "undated"));
      var type = el("td");
      var sw = el("span", "kg-tl-swatch");
      sw.style.background = e.colour;
      type.appendChild(sw);
      type.appendChild(document.createTextNode(e.type));
      tr.appendChild(type);
      tr.appendChild(el("td", "", e.what));
      tr.appendChild(el("td", "", e.article));
      tr.addEventListener("click", function () { show(e.id); });
      list.appendChild(tr);
    });
  }

  var types = document.getElementById("kg-tl-types");
  data.types.forEach(function (t) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t.type;
    box.addEventListener("change", function () {
      if (box.checked) { delete hiddenTypes[t.type]; } else { hiddenTypes[t.type] = true; }
      draw();
    });
    var sw = el("span", "kg-tl-swatch");
    sw.style.background = t.colour;
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(document.createTextNode(t.type + " (" + t.count + ")"));
    types.appendChild(label);
  });
  var company = document.getElementById("kg-tl-company");
  data.companies.forEach(function (c) { var o = el("option", "", c); o.value = c; company.appendChild(o); });
  if (data.companies.length < 2) { company.parentNode.style.display = "none"; }
  company.addEventListener("change", function () { state.company = company.value; draw(); });
  var text = document.getElementById("kg-tl-text");
  text.addEventListener("input", function () { state.text = text.value.trim().toLowerCase(); draw(); });

  draw();
  window.kgTimeline = {
    events: data.events,
    show: show,
    showMany: showMany,
    shown: function () { return data.events.filter(visible).map(function (e) { return e.id; }); }
  };
})();
