// Timeline: events per month stacked by event type on a time axis (ECharts: stacked bars, dataZoom
// to zoom, brush to pick a date range), the same filters as the map in the URL, and the events list.
"use strict";

(function () {
  const { el, getJSON, setStatus } = window.orbat;
  const filters = window.orbat.filters;
  const box = document.getElementById("timeline-chart");
  const chart = echarts.init(box, null, { renderer: "svg" });
  let legend = { event_types: {} };

  function family(type) {
    return type.startsWith("Explosions/Remote violence") ? "Explosions/Remote violence" : type.split("/")[0];
  }

  function draw(data) {
    const families = new Map();
    for (const type of data.types) {
      const f = family(type);
      const counts = families.get(f) || data.months.map(() => 0);
      data.series[type].forEach((n, i) => { counts[i] += n; });
      families.set(f, counts);
    }
    chart.setOption({
      animation: false,
      legend: { top: 0, type: "scroll" },
      grid: { left: 40, right: 20, top: 40, bottom: 70 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      toolbox: { feature: { brush: { type: ["lineX", "clear"] } } },
      brush: { xAxisIndex: 0, brushType: "lineX", throttleType: "debounce", throttleDelay: 300 },
      xAxis: { type: "time", minInterval: 28 * 86400000 },
      yAxis: { type: "value", minInterval: 1, name: "events" },
      dataZoom: [{ type: "inside" }, { type: "slider", bottom: 10 }],
      series: Array.from(families, ([name, counts]) => ({
        name, type: "bar", stack: "events", barMaxWidth: 24,
        itemStyle: { color: legend.event_types[name] },
        data: data.months.map((m, i) => [m + "-15", counts[i]]),
      })),
    }, true);
    chart.resize();
    const missing = [];
    if (data.year_only) missing.push(data.year_only + " dated to the year only");
    if (data.undated) missing.push(data.undated + " undated");
    setStatus("timeline-status", data.total + " events, " + data.in_months + " in " + data.months.length +
      " months on the chart" + (missing.length ? " (not on the chart: " + missing.join(", ") + ")" : "") +
      (data.unlocated ? "; " + data.unlocated + " not on the map (no coordinates)" : ""));
  }

  function list(rows, count) {
    const body = document.querySelector("#timeline-events tbody");
    const out = document.createDocumentFragment();
    for (const e of rows) {
      const tr = el("tr", {});
      const date = el("td", {});
      date.appendChild(el("a", { href: "/events/" + e.id }, e.date || "undated"));
      tr.append(date, el("td", {}, e.type),
        el("td", {}, [e.actor1, e.actor2].filter(Boolean).join(" vs ")),
        el("td", {}, [e.location, e.country].filter(Boolean).join(", ")),
        el("td", {}, e.fatalities === null ? "" : e.fatalities), el("td", {}, e.certainty));
      out.appendChild(tr);
    }
    body.replaceChildren(out);
    document.getElementById("timeline-count").textContent =
      rows.length < count ? "(first " + rows.length + " of " + count + ")" : "(" + count + ")";
  }

  function load() {
    const params = filters.sync("timeline-map", "/map");
    const events = new URLSearchParams(params);
    events.set("limit", "500");
    return Promise.all([getJSON("/api/timeline?" + params.toString()), getJSON("/api/events?" + events.toString())])
      .then(([timeline, rows]) => { draw(timeline); list(rows.items, timeline.total); })
      .catch((err) => setStatus("timeline-status", "Could not load events: " + err.message, true));
  }

  chart.on("brushEnd", (event) => {
    const area = event.areas && event.areas[0];
    if (!area || !area.coordRange) return;
    const [from, to] = area.coordRange.map((t) => new Date(t).toISOString().slice(0, 7));
    filters.set("since", from);
    filters.set("until", to);
    load();
  });
  filters.form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  window.addEventListener("resize", () => chart.resize());
  getJSON("/api/legend").then((l) => { legend = l; }).finally(load);
})();
