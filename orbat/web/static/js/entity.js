// Entity page: events by month as a small bar chart (ECharts) and the lineage as a dated tree
// (cytoscape + dagre: branches for splits, merges, renamings), both over data the page already has.
"use strict";

(function () {
  const { getJSON, entityUrl } = window.orbat;

  const months = document.getElementById("entity-months");
  if (months && window.echarts) {
    const data = JSON.parse(months.dataset.months);
    const chart = echarts.init(months, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 30, right: 8, top: 8, bottom: 24 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.map((d) => d.month) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", name: "events", barMaxWidth: 30, data: data.map((d) => d.n), itemStyle: { color: "#b02a37" } }],
    });
    window.addEventListener("resize", () => chart.resize());
  }

  const tree = document.getElementById("lineage-tree");
  if (!tree || !window.cytoscape || !window.cytoscapeDagre) return;
  cytoscape.use(cytoscapeDagre);
  const label = { renamed_to: "renamed", merged_into: "merged into", splinter_of: "split from" };
  getJSON("/api/entities/" + encodeURIComponent(tree.dataset.entity) + "?limit=1").then((prof) => {
    const nodes = new Map();
    const edges = [];
    for (const s of prof.lineage) {
      nodes.set(s.earlier_id, s.earlier);
      nodes.set(s.later_id, s.later);
      const date = (s.claims.find((c) => c.origin === "kb" && c.date) || s.claims.find((c) => c.date) || {}).date;
      // draw every step earlier -> later; a splinter is drawn from the group it split from
      const [from, to] = s.predicate === "splinter_of" ? [s.later_id, s.earlier_id] : [s.earlier_id, s.later_id];
      const [a, b] = s.predicate === "splinter_of" ? [to, from] : [from, to];
      edges.push({ data: { id: "l" + edges.length, source: a, target: b, label: label[s.predicate] + (date ? " " + date : "") } });
    }
    const elements = [
      ...Array.from(nodes, ([id, name]) => ({ data: { id, label: name, center: id === prof.entity.id ? 1 : 0 } })),
      ...edges,
    ];
    const cy = cytoscape({
      container: tree,
      elements,
      layout: { name: "dagre", rankDir: "LR", nodeSep: 45, rankSep: 190, padding: 20 },
      userZoomingEnabled: false,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 14, height: 14, "background-color": "#6c757d" } },
        { selector: "node[center = 1]", style: { "background-color": "#b02a37", width: 20, height: 20 } },
        { selector: "edge", style: { label: "data(label)", "font-size": 9, "curve-style": "bezier", "target-arrow-shape": "triangle", width: 1.5, "text-background-color": "#fff", "text-background-opacity": 1 } },
      ],
    });
    cy.on("tap", "node", (event) => { window.location.href = entityUrl(event.target.id()); });
  }).catch(() => tree.remove());
})();
