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
