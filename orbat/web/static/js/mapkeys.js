// Keyboard access to the map's events: every marker and cluster shown is a button in the tab order;
// Enter or Space opens a marker's popup (focus moves to its first link, Escape brings it back) or zooms
// into a cluster; the arrow keys go to the next or previous one from west to east.
"use strict";

(function () {
  const FOCUSABLE = ".event-marker[tabindex], .marker-cluster[tabindex]";
  let opened = null; // the marker whose popup was opened from the keyboard

  function inOrder(map) {
    const items = Array.from(map.getContainer().querySelectorAll(FOCUSABLE));
    const where = new Map(items.map((node) => [node, node.getBoundingClientRect()]));
    return items.sort((a, b) => (where.get(a).left - where.get(b).left) || (where.get(a).top - where.get(b).top));
  }

  function step(map, from, delta) {
    const items = inOrder(map);
    const next = items[items.indexOf(from) + delta];
    if (next) next.focus();
  }

  function arrows(map, event) {
    const delta = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!delta) return false;
    step(map, event.currentTarget, delta);
    return true;
  }

  // An event marker (an SVG path): focusable, named, Enter/Space opens the popup.
  function marker(m, name) {
    const node = m.getElement();
    if (!node || node.dataset.keys) return;
    node.dataset.keys = "1";
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", name + " (Enter: details)");
    node.addEventListener("keydown", (event) => {
      const map = m._map;
      if (!map) return;
      if (event.key === "Enter" || event.key === " ") {
        m.openPopup();
        opened = node;
        const link = m.getPopup() && m.getPopup().getElement() && m.getPopup().getElement().querySelector(".popup a");
        if (link) link.focus();
      } else if (!arrows(map, event)) {
        return;
      }
      event.preventDefault();
      event.stopPropagation(); // the map's own arrow keys pan it
    });
  }

  // Cluster icons are Leaflet markers (tabindex 0, Enter zooms in): give them a name and the arrow keys.
  function clusters(map) {
    for (const node of map.getContainer().querySelectorAll(".marker-cluster")) {
      if (node.dataset.keys) continue;
      node.dataset.keys = "1";
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", "cluster of " + node.textContent.trim() + " events (Enter: zoom in)");
      node.addEventListener("keydown", (event) => {
        if (arrows(map, event)) {
          event.preventDefault();
          event.stopPropagation();
        } else if (event.key === " ") {
          event.preventDefault();
          node.dispatchEvent(new KeyboardEvent("keypress", { key: "Enter", keyCode: 13, bubbles: true }));
        }
      });
    }
  }

  function attach(map, group) {
    const refresh = () => clusters(map);
    map.on("zoomend moveend layeradd", refresh);
    group.on("animationend", refresh);
    map.getContainer().addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !opened) return;
      map.closePopup();
      if (opened.isConnected) opened.focus();
      opened = null;
    });
  }

  window.orbat.mapKeys = { marker, attach };
})();
