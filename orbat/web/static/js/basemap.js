// The map's offline basemap: countries from world-atlas at every zoom; past zoom 5, Natural Earth's
// admin-1 boundaries (admin1.json, built by web/copy-assets.js) fetched once and drawn on a canvas, and
// the names of the regions in view as labels. No tiles, nothing from outside this server.
"use strict";

(function () {
  const { el, getJSON } = window.orbat;
  const BOUNDARY_ZOOM = 5; // admin-1 lines (and the 3 MB file) only from this zoom on
  const LABEL_ZOOM = 6; // region names from this zoom on ...
  const LABEL_SLACK = 2; // ... for regions Natural Earth labels at most this many zoom levels later
  const MAX_LABELS = 250;

  function basemap(map, onError) {
    const canvas = L.canvas({ padding: 0.2 });
    map.createPane("place-labels").style.zIndex = "350"; // under the events (overlay pane, 400)
    const labels = L.layerGroup().addTo(map);
    let regions = null; // the admin-1 features, once loaded
    let loading = null;

    getJSON("/static/vendor/countries-110m.json")
      .then((topo) => {
        L.geoJSON(topojson.feature(topo, topo.objects.countries), {
          style: { color: "#8a8f98", weight: 0.6, fillColor: "#e9ecef", fillOpacity: 1 }, interactive: false,
        }).addTo(map).bringToBack();
      })
      .catch((err) => onError("Basemap unavailable: " + err.message));

    function loadRegions() {
      if (!loading) {
        loading = getJSON("/static/vendor/admin1.json").then((topo) => {
          regions = topojson.feature(topo, topo.objects.admin1).features;
          L.geoJSON({ type: "FeatureCollection", features: regions }, {
            renderer: canvas, interactive: false,
            style: { color: "#9aa1ab", weight: 0.7, dashArray: "3 3", fill: false },
          }).addTo(map);
          map.getContainer().dataset.admin1 = String(regions.length);
        }).catch((err) => onError("Region boundaries unavailable: " + err.message));
      }
      return loading;
    }

    function label(feature) {
      const p = feature.properties;
      const text = el("span", { class: "place-label-text" }, p.name);
      return L.marker([p.lat, p.lon], {
        icon: L.divIcon({ className: "place-label", html: text, iconSize: null }),
        interactive: false, keyboard: false, pane: "place-labels",
      });
    }

    function drawLabels() {
      labels.clearLayers();
      const zoom = map.getZoom();
      if (!regions || zoom < LABEL_ZOOM) return;
      const bounds = map.getBounds();
      const shown = regions.filter((f) => f.properties.lat !== undefined && (f.properties.min_label || 0) <= zoom + LABEL_SLACK &&
        bounds.contains([f.properties.lat, f.properties.lon]));
      for (const f of shown.slice(0, MAX_LABELS)) labels.addLayer(label(f));
    }

    function update() {
      if (map.getZoom() >= BOUNDARY_ZOOM) loadRegions().then(drawLabels);
      else labels.clearLayers();
    }

    map.on("zoomend moveend", update);
    update();
  }

  window.orbat.basemap = basemap;
})();
