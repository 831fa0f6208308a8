// Copy the front-end libraries installed by `npm ci` into orbat/web/static/vendor/ (served at /static/vendor/).
"use strict";
const fs = require("fs");
const path = require("path");

const root = __dirname;
const dest = path.join(root, "..", "orbat", "web", "static", "vendor");
const files = [
  ["leaflet/dist/leaflet.js", "leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet.css"],
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"],
  ["world-atlas/countries-110m.json", "countries-110m.json"],
  ["echarts/dist/echarts.min.js", "echarts.min.js"],
  ["layout-base/layout-base.js", "layout-base.js"],
  ["cose-base/cose-base.js", "cose-base.js"],
  ["cytoscape-fcose/cytoscape-fcose.js", "cytoscape-fcose.js"],
  ["cytoscape-dagre/dist/cytoscape-dagre.min.js", "cytoscape-dagre.min.js"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
];

fs.mkdirSync(dest, { recursive: true });
for (const [from, to] of files) {
  const source = path.join(root, "node_modules", from);
  if (!fs.existsSync(source)) {
    console.error(`copy-assets: ${source} is missing; run "npm ci" in web/ first`);
    process.exit(1);
  }
  fs.copyFileSync(source, path.join(dest, to));
}
console.log(`copy-assets: ${files.length} files -> ${path.relative(process.cwd(), dest)}`);
