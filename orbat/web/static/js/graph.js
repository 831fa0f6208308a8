// Group network around an entity (cytoscape), edges coloured by predicate; the date slider keeps
// only the relations holding at the chosen month (undated relations always show).
"use strict";

(function () {
  const { el, getJSON, setStatus, entityUrl } = window.orbat;
  const box = document.getElementById("graph");
  if (!box) return;
  const slider = document.getElementById("graph-date");
  const label = document.getElementById("graph-date-label");
  const all = document.getElementById("graph-all");
  const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
  let cy = null;
  let months = [];

  function holds(start, end, at) {
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

  function legend(colours) {
    const list = document.getElementById("graph-legend");
    const items = document.createDocumentFragment();
    for (const [predicate, colour] of colours) {
      const item = el("li", {});
      const swatch = el("span", { class: "swatch" });
      swatch.style.backgroundColor = colour;
      item.append(swatch, document.createTextNode(predicate));
      items.appendChild(item);
    }
    list.replaceChildren(items);
  }

  function applyDate() {
    if (!cy) return;
    const at = all.checked || !months.length ? null : months[Number(slider.value)];
    label.textContent = at || "all dates";
    cy.edges().forEach((edge) => {
      const show = !at || holds(edge.data("date_start"), edge.data("date_end"), at);
      edge.style("display", show ? "element" : "none");
    });
  }

  function draw(data) {
    const colours = new Map();
    for (const e of data.edges) {
      if (!colours.has(e.predicate)) colours.set(e.predicate, palette[colours.size % palette.length]);
    }
    const elements = [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: n.name, type: n.type || "", center: n.id === data.center ? 1 : 0 } })),
      ...data.edges.map((e) => ({ data: { ...e, id: "r" + e.id, colour: colours.get(e.predicate) } })),
    ];
    cy = cytoscape({
      container: box,
      elements,
      layout: { name: "cose", animate: false },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#6c757d", width: 14, height: 14 } },
        { selector: "node[type = 'ORG_ARMED']", style: { "background-color": "#b02a37" } },
        { selector: "node[type = 'PERSON']", style: { "background-color": "#0d6efd" } },
        { selector: "node[center = 1]", style: { width: 24, height: 24, "border-width": 2, "border-color": "#000" } },
        { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier", width: 2 } },
      ],
    });
    cy.on("tap", "node", (event) => { window.location.href = entityUrl(event.target.id()); });
    months = monthRange(data.edges);
    slider.max = String(Math.max(0, months.length - 1));
    slider.value = slider.max;
    legend(colours);
    setStatus("graph-status", data.nodes.length + " entities, " + data.edges.length + " relations");
    applyDate();
  }

  slider.addEventListener("input", () => { all.checked = false; applyDate(); });
  all.addEventListener("change", applyDate);
  const params = new URLSearchParams({ entity: box.dataset.entity, depth: box.dataset.depth });
  getJSON("/api/graph?" + params.toString())
    .then(draw)
    .catch((err) => setStatus("graph-status", "Could not load the network: " + err.message, true));
})();
