// Events map: countries from world-atlas (topojson) as the only basemap, events as circle markers,
// and a histogram of events per month below it. No tiles, no network beyond this server.
"use strict";

(function () {
  const { el, getJSON, setStatus } = window.orbat;
  const form = document.getElementById("map-filters");
  const map = L.map("map", { worldCopyJump: true, minZoom: 2 }).setView([25, 30], 3);
  const markers = L.layerGroup().addTo(map);

  function query() {
    const params = new URLSearchParams({ format: "geojson", limit: "10000" });
    for (const [key, value] of new FormData(form)) {
      if (String(value).trim()) params.set(key, String(value).trim());
    }
    return "/api/events?" + params.toString();
  }

  function popup(props) {
    const box = el("div", { class: "popup" });
    box.appendChild(el("strong", {}, props.type));
    box.appendChild(el("div", {}, [props.date, props.location, props.country].filter(Boolean).join(" · ")));
    const actors = [props.actor1, props.actor2].filter(Boolean).join(" vs ");
    if (actors) box.appendChild(el("div", {}, actors));
    if (props.fatalities !== undefined) box.appendChild(el("div", {}, props.fatalities + " killed"));
    box.appendChild(el("div", { class: "muted" }, props.source_count + " source(s), " + props.certainty));
    return box;
  }

  function radius(props) {
    return 5 + Math.min(10, Math.sqrt(props.fatalities || 0));
  }

  function drawEvents(collection) {
    markers.clearLayers();
    const bounds = [];
    for (const f of collection.features) {
      const [lon, lat] = f.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        radius: radius(f.properties), className: "event-marker", weight: 1, fillOpacity: 0.7,
      });
      marker.bindPopup(popup(f.properties));
      marker.addTo(markers);
      bounds.push([lat, lon]);
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 });
    setStatus("map-status", collection.features.length + " located events");
    drawHistogram(collection.features);
  }

  function drawHistogram(features) {
    const box = document.getElementById("histogram");
    const counts = new Map();
    for (const f of features) {
      const month = (f.properties.date || "").slice(0, 7);
      if (month.length === 7) counts.set(month, (counts.get(month) || 0) + 1);
    }
    const months = Array.from(counts.keys()).sort();
    const most = Math.max(1, ...counts.values());
    const bars = document.createDocumentFragment();
    for (const month of months) {
      const bar = el("a", { class: "bar", href: "/map?since=" + month + "&until=" + month, title: month + ": " + counts.get(month) });
      const fill = el("span", { class: "fill" });
      fill.style.height = Math.round((100 * counts.get(month)) / most) + "%";
      bar.appendChild(fill);
      bar.appendChild(el("span", { class: "label" }, month));
      bars.appendChild(bar);
    }
    if (!months.length) bars.appendChild(el("p", { class: "muted" }, "No dated events."));
    box.replaceChildren(bars);
  }

  getJSON("/static/vendor/countries-110m.json")
    .then((topo) => {
      const countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, { style: { color: "#8a8f98", weight: 0.6, fillColor: "#e9ecef", fillOpacity: 1 }, interactive: false })
        .addTo(map)
        .bringToBack();
    })
    .catch((err) => setStatus("map-status", "Basemap unavailable: " + err.message, true));

  getJSON(query())
    .then(drawEvents)
    .catch((err) => setStatus("map-status", "Could not load events: " + err.message, true));
})();
