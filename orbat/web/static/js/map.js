// Events map over the offline basemap (basemap.js): events as circle markers coloured by event type
// (legend from /api/legend), clustered (Leaflet.markercluster), drawn as a dashed ring when located
// only to an area; popups link to the event, its article and its actors; a list beside the map follows
// the view; events without coordinates are counted. Markers and clusters are reachable from the
// keyboard (mapkeys.js).
"use strict";

(function () {
  const { el, getJSON, setStatus, entityUrl } = window.orbat;
  const filters = window.orbat.filters;
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([25, 30], 3);
  const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 }).addTo(map);
  let legend = { event_types: {} };
  let features = [];

  function family(type) {
    return type.startsWith("Explosions/Remote violence") ? "Explosions/Remote violence" : type.split("/")[0];
  }

  function colour(type) {
    return legend.event_types[family(type)] || "#6c757d";
  }

  function link(href, text) {
    return el("a", { href }, text);
  }

  function popup(f) {
    const props = f.properties;
    const box = el("div", { class: "popup" });
    box.appendChild(link("/events/" + f.id, props.type));
    box.appendChild(el("div", {}, [props.date, props.location, props.country].filter(Boolean).join(" · ")));
    const actors = el("div", {});
    for (const [name, id] of [[props.actor1, props.actor1_id], [props.actor2, props.actor2_id]]) {
      if (!name) continue;
      if (actors.childNodes.length) actors.appendChild(document.createTextNode(" vs "));
      actors.appendChild(id ? link(entityUrl(id), name) : document.createTextNode(name));
    }
    if (actors.childNodes.length) box.appendChild(actors);
    if (props.fatalities !== undefined) box.appendChild(el("div", {}, props.fatalities + " killed"));
    box.appendChild(el("div", { class: "muted" }, props.source_count + " source(s), " + props.certainty +
      (props.geo_precision > 1 ? ", located to an area" : "")));
    const sources = el("div", {}, "Loading sources…");
    box.appendChild(sources);
    getJSON("/api/events/" + f.id).then((ev) => {
      sources.replaceChildren(...ev.sources.map((s) => {
        const item = el("div", {});
        item.appendChild(link("/articles/" + encodeURIComponent(s.article_id) + "#span=" + s.start + "-" + s.end,
          s.title || s.article_id));
        return item;
      }));
    }).catch(() => sources.remove());
    return box;
  }

  function marker(f) {
    const [lon, lat] = f.geometry.coordinates;
    const area = (f.properties.geo_precision || 1) > 1;
    const m = L.circleMarker([lat, lon], {
      radius: 5 + Math.min(10, Math.sqrt(f.properties.fatalities || 0)) + (area ? 4 : 0),
      className: "event-marker" + (area ? " marker-area" : ""),
      color: colour(f.properties.type), weight: area ? 2 : 1,
      fillColor: colour(f.properties.type), fillOpacity: area ? 0.15 : 0.75,
    });
    m.bindPopup(() => popup(f));
    m.on("add", () => window.orbat.mapKeys.marker(m, (f.properties.date || "undated") + " " + f.properties.type +
      (f.properties.location ? ", " + f.properties.location : "")));
    return m;
  }

  function drawLegend(present) {
    const list = document.getElementById("map-legend");
    const items = document.createDocumentFragment();
    for (const [name, hex] of Object.entries(legend.event_types)) {
      if (!present.has(name)) continue;
      const item = el("li", {});
      const swatch = el("span", { class: "swatch" });
      swatch.style.backgroundColor = hex;
      item.append(swatch, document.createTextNode(name));
      items.appendChild(item);
    }
    list.replaceChildren(items);
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value)).toFixed(4);
  }

  // The downloads follow the view: the form's filters and the map's bounds.
  function exportView(bounds) {
    filters.exportLinks({ bbox: [clamp(bounds.getWest(), -180, 180), clamp(bounds.getSouth(), -90, 90),
      clamp(bounds.getEast(), -180, 180), clamp(bounds.getNorth(), -90, 90)].join(",") });
  }

  function listInView() {
    const bounds = map.getBounds();
    exportView(bounds);
    const inView = features.filter((f) => bounds.contains(L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0])));
    const out = document.createDocumentFragment();
    for (const f of inView.slice(0, 200)) {
      const item = el("li", {});
      item.appendChild(link("/events/" + f.id, (f.properties.date || "undated") + " " + f.properties.type));
      item.appendChild(el("span", { class: "muted" }, " " + [f.properties.location, f.properties.country].filter(Boolean).join(", ")));
      out.appendChild(item);
    }
    document.getElementById("map-list").replaceChildren(out);
    document.getElementById("map-list-count").textContent =
      inView.length > 200 ? "(first 200 of " + inView.length + ")" : "(" + inView.length + ")";
  }

  function load() {
    const params = filters.sync("map-timeline", "/timeline");
    const geo = new URLSearchParams(params);
    geo.set("format", "geojson");
    geo.set("limit", "10000");
    return Promise.all([getJSON("/api/events?" + geo.toString()), getJSON("/api/timeline?" + params.toString())])
      .then(([collection, counts]) => {
        features = collection.features;
        clusters.clearLayers();
        clusters.addLayers(features.map(marker));
        drawLegend(new Set(features.map((f) => family(f.properties.type))));
        if (features.length) {
          map.fitBounds(features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]), { padding: [30, 30], maxZoom: 7 });
        }
        setStatus("map-status", features.length + " events on the map; " + counts.unlocated +
          " of " + counts.total + " not on it (no coordinates)");
        listInView();
      })
      .catch((err) => setStatus("map-status", "Could not load events: " + err.message, true));
  }

  window.orbat.basemap(map, (message) => setStatus("map-status", message, true));

  map.on("moveend", listInView);
  window.orbat.mapKeys.attach(map, clusters);
  window.orbat.map = map; // for the browser tests and the console
  filters.form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  getJSON("/api/legend").then((l) => { legend = l; }).finally(load);
})();
