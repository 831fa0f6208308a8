// Group network around an entity (cytoscape, fCoSE layout): stable colours per predicate and shapes per
// node type from /api/legend, edge tooltips with dates and evidence, filters by predicate, node type and
// certainty, click to expand / hide neighbours, a date slider (its position is kept in the URL; at a
// date undated relations are hidden), and a table of the same edges.
"use strict";

(function () {
  const { el, getJSON, setStatus, entityUrl } = window.orbat;
  const box = document.getElementById("graph");
  if (!box) return;
  cytoscape.use(cytoscapeFcose);
  const slider = document.getElementById("graph-date");
  const label = document.getElementById("graph-date-label");
  const all = document.getElementById("graph-all");
  const predicate = document.getElementById("graph-predicate");
  const nodeType = document.getElementById("graph-type");
  const certainty = document.getElementById("graph-certainty");
  const url = new URL(window.location.href);
  let cy = null;
  let months = [];
  let data = null;
  const hidden = new Set(); // nodes whose neighbours the analyst collapsed

  function holds(start, end, at) {
    if (!start && !end) return false;
    if (start && start.slice(0, at.length) > at.slice(0, start.length)) return false;
    return !(end && at.slice(0, end.length) > end);
  }

  function monthRange(edges) {
    const dates = edges.flatMap((e) => [e.date_start, e.date_end]).filter(Boolean).map((d) => d.slice(0, 7)).sort();
    if (!dates.length) return [];
    const out = [];
    let [y, m] = dates[0].split("-").map(Number);
    const [ly, lm] = dates[dates.length - 1].split("-").map(Number);
    while (y < ly || (y === ly && (m || 1) <= (lm || 12))) {
      out.push(y + "-" + String(m || 1).padStart(2, "0"));
      m = (m || 1) + 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function legendList(id, entries, shape) {
    const items = document.createDocumentFragment();
    for (const [name, value] of entries) {
      const item = el("li", {});
      const swatch = el("span", { class: "swatch" + (shape ? " shape-" + value : "") });
      if (!shape) swatch.style.backgroundColor = value;
      item.append(swatch, document.createTextNode(shape ? name + " (" + value + ")" : name));
      items.appendChild(item);
    }
    document.getElementById(id).replaceChildren(items);
  }

  function currentDate() {
    return all.checked || !months.length ? null : months[Number(slider.value)];
  }

  function apply() {
    if (!cy) return;
    const at = currentDate();
    label.textContent = at || "all dates";
    if (at) url.searchParams.set("at", at); else url.searchParams.delete("at");
    window.history.replaceState(null, "", url.pathname + "?" + url.searchParams.toString());
    exportLinks(at);
    const collapsed = new Set();
    for (const id of hidden) {
      const node = cy.getElementById(id);
      node.neighborhood("node").forEach((n) => { if (n.data("hops") > node.data("hops")) collapsed.add(n.id()); });
    }
    const shown = new Set();
    const rows = [];
    cy.batch(() => { // one style pass for the whole graph, not one per element
      cy.nodes().forEach((n) => {
        const show = (!nodeType.value || n.data("type") === nodeType.value || n.data("center") === 1) && !collapsed.has(n.id());
        if (show) shown.add(n.id());
        n.style("display", show ? "element" : "none");
      });
      cy.edges().forEach((edge) => {
        const d = edge.data();
        const show = (!at || holds(d.date_start, d.date_end, at)) && (!predicate.value || d.predicate === predicate.value) &&
          (!certainty.value || d.certainty === certainty.value) && shown.has(d.source) && shown.has(d.target);
        edge.style("display", show ? "element" : "none");
        if (show) rows.push(d);
      });
    });
    table(rows);
  }

  // The downloads carry the date and the filters the page shows.
  function exportLinks(at) {
    for (const link of document.querySelectorAll("#graph-exports a[data-format]")) {
      const p = new URLSearchParams({ entity: box.dataset.entity, depth: box.dataset.depth, format: link.dataset.format });
      if (at) p.set("at", at);
      if (predicate.value) p.set("predicate", predicate.value);
      if (nodeType.value) p.set("type", nodeType.value);
      if (certainty.value) p.set("certainty", certainty.value);
      link.href = "/api/export/graph?" + p.toString();
    }
  }

  function table(rows) {
    const names = new Map(data.nodes.map((n) => [n.id, n.name]));
    const out = document.createDocumentFragment();
    for (const d of rows) {
      const tr = el("tr", {});
      const subject = el("td", {});
      subject.appendChild(el("a", { href: entityUrl(d.source) }, names.get(d.source)));
      const object = el("td", {});
      object.appendChild(el("a", { href: entityUrl(d.target) }, names.get(d.target)));
      const evidence = el("td", {});
      if (d.article_id) {
        evidence.appendChild(el("a", { class: "evidence-link", href: "/articles/" + encodeURIComponent(d.article_id) + "#span=" + d.start + "-" + d.end }, d.evidence || d.article_id));
      } else if (d.rule) {
        evidence.appendChild(el("code", { class: "kb-source" }, d.rule));
      }
      tr.append(subject, el("td", {}, d.predicate), object, el("td", {}, d.date_start || ""), el("td", {}, d.date_end || ""),
        el("td", {}, d.certainty), el("td", {}, d.origin === "kb" ? "curated" : d.source_count), evidence);
      out.appendChild(tr);
    }
    document.querySelector("#graph-table tbody").replaceChildren(out);
  }

  function draw(graph, legend) {
    data = graph;
    const colour = (p) => legend.predicates[p] || "#7f7f7f";
    const elements = [
      ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.name, type: n.type || "", hops: n.hops, center: n.id === graph.center ? 1 : 0 } })),
      ...graph.edges.map((e) => ({ data: { ...e, id: "r" + e.id, colour: colour(e.predicate) } })),
    ];
    const style = [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#6c757d", width: 16, height: 16, "text-valign": "bottom", "text-margin-y": 3, "min-zoomed-font-size": 7 } },
      { selector: "node[center = 1]", style: { width: 26, height: 26, "border-width": 2, "border-color": "#000" } },
      { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier", width: 2 } },
      { selector: "edge[certainty != 'asserted']", style: { "line-style": "dashed" } },
    ];
    const focusRing = { selector: "node.kbd-focus", style: { "border-width": 4, "border-color": "#1d4ed8" } };
    const typeColours = { ORG_ARMED: "#b02a37", ORG_OTHER: "#6f42c1", PERSON: "#0d6efd", LOCATION: "#198754" };
    for (const [type, shape] of Object.entries(legend.node_shapes)) {
      style.push({ selector: "node[type = '" + type + "']", style: { shape, "background-color": typeColours[type] } });
    }
    style.push(focusRing); // last: it wins over the type styles
    const started = performance.now();
    cy = cytoscape({
      container: box, elements, style,
      layout: { name: "fcose", animate: false, randomize: true, quality: "default", nodeRepulsion: 12000, idealEdgeLength: 110, nodeSeparation: 110, packComponents: true },
    });
    const toggle = (id) => {
      if (hidden.has(id)) hidden.delete(id); else hidden.add(id);
      apply();
    };
    const open = (id) => { window.location.href = entityUrl(id); };
    box.dataset.fcoseMs = String(Math.round(performance.now() - started)); // the layout alone
    cy.on("tap", "node", (event) => toggle(event.target.id()));
    cy.on("dbltap", "node", (event) => open(event.target.id()));
    window.orbat.graphKeys(cy, box, { open, toggle, announce: (text) => setStatus("graph-focus", text) });
    cy.on("mouseover", "edge", (event) => {
      const d = event.target.data();
      setStatus("graph-edge", d.predicate + ": " + [d.date_start, d.date_end].filter(Boolean).join("–") + " · " + d.certainty +
        " · " + (d.origin === "kb" ? (d.rule || "kb") : d.source_count + " source(s)") + (d.evidence ? " · “" + d.evidence + "”" : ""));
    });
    const present = Array.from(new Set(graph.edges.map((e) => e.predicate))).sort();
    for (const p of present) predicate.appendChild(el("option", { value: p }, p));
    legendList("graph-legend", present.map((p) => [p, colour(p)]), false);
    legendList("graph-shapes", Object.entries(legend.node_shapes), true);
    months = monthRange(graph.edges);
    slider.max = String(Math.max(0, months.length - 1));
    const at = url.searchParams.get("at");
    const index = at ? months.indexOf(at) : -1;
    slider.value = index >= 0 ? String(index) : slider.max;
    all.checked = index < 0;
    setStatus("graph-status", graph.nodes.length + " entities, " + graph.edges.length + " relations");
    apply();
    // when the first frame is on screen (bench/web_graph_bench.py reads these)
    requestAnimationFrame(() => {
      box.dataset.layoutMs = String(Math.round(performance.now() - started));
      box.dataset.drawnAt = String(Math.round(performance.now()));
    });
  }

  slider.addEventListener("input", () => { all.checked = false; apply(); });
  for (const control of [all, predicate, nodeType, certainty]) control.addEventListener("change", apply);
  const params = new URLSearchParams({ entity: box.dataset.entity, depth: box.dataset.depth });
  Promise.all([getJSON("/api/graph?" + params.toString()), getJSON("/api/legend")])
    .then(([graph, legend]) => draw(graph, legend))
    .catch((err) => setStatus("graph-status", "Could not load the network: " + err.message, true));
})();
