// The filter form shared by the map and the timeline: its values are the page URL's query string,
// so a view can be linked, and the download links and the other view carry the same filters.
"use strict";

window.orbat.filters = {
  form: document.getElementById("filters"),

  // The current filters as URLSearchParams (empty fields left out).
  params() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(this.form)) {
      if (String(value).trim()) params.set(key, String(value).trim());
    }
    return params;
  },

  set(key, value) {
    const input = this.form.elements.namedItem(key);
    if (input) input.value = value || "";
  },

  // The download links: the form's filters plus ``extra`` (the map adds its view as bbox=).
  exportLinks(extra) {
    for (const link of document.querySelectorAll("#exports a[data-format]")) {
      const p = this.params();
      for (const [key, value] of Object.entries(extra || {})) p.set(key, value);
      p.set("format", link.dataset.format);
      link.href = "/api/export/events?" + p.toString();
    }
  },

  // Keep the URL, the export links and a link to the other view in step with the form.
  sync(otherLinkId, otherPath) {
    const params = this.params();
    const query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    this.exportLinks();
    const other = document.getElementById(otherLinkId);
    if (other) other.href = otherPath + (query ? "?" + query : "");
    return params;
  },
};
