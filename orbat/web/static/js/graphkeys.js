// Keyboard access to the network (cytoscape draws on a canvas, so its nodes are not elements): the
// graph box is one stop in the tab order; in it the arrow keys go to the nearest shown entity in that
// direction, Home to the centre, Enter opens the entity's page, Space shows or hides its neighbours
// (as a click does). The entity in focus is ringed and named in a live status line.
"use strict";

(function () {
  const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

  // The shown node nearest to ``from`` in direction [dx, dy]: within 60 degrees of it, the closest
  // (sideways distance counts double), else none.
  function nearest(cy, from, [dx, dy]) {
    const origin = from.renderedPosition();
    let best = null;
    let bestScore = Infinity;
    cy.nodes().forEach((n) => {
      if (n === from || n.style("display") === "none") return;
      const p = n.renderedPosition();
      const ahead = (p.x - origin.x) * dx + (p.y - origin.y) * dy;
      const aside = Math.abs((p.x - origin.x) * dy - (p.y - origin.y) * dx);
      if (ahead <= 0 || aside > ahead * 1.8) return;
      const score = ahead + 2 * aside;
      if (score < bestScore) { best = n; bestScore = score; }
    });
    return best;
  }

  function graphKeys(cy, box, { open, toggle, announce }) {
    let current = null;
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "application");
    box.setAttribute("aria-roledescription", "network");

    function centre() {
      return cy.nodes("[center = 1]").first();
    }

    function focusNode(node) {
      if (!node || !node.length) return;
      if (current) current.removeClass("kbd-focus");
      current = node;
      node.addClass("kbd-focus");
      box.dataset.focused = node.id();
      const shown = node.connectedEdges().filter((e) => e.style("display") !== "none").length;
      announce(node.data("label") + " (" + (node.data("type") || "entity") + "), " + shown +
        " relation(s) shown. Enter: open; Space: show or hide neighbours; arrows: move.");
    }

    box.addEventListener("focus", () => {
      if (!current || !current.inside() || current.style("display") === "none") focusNode(centre());
      else focusNode(current);
    });
    box.addEventListener("blur", () => { if (current) current.removeClass("kbd-focus"); });
    box.addEventListener("keydown", (event) => {
      if (!current) focusNode(centre());
      if (DIRECTIONS[event.key]) {
        focusNode(nearest(cy, current, DIRECTIONS[event.key]) || current);
      } else if (event.key === "Home") {
        focusNode(centre());
      } else if (event.key === "Enter") {
        open(current.id());
      } else if (event.key === " ") {
        toggle(current.id());
        focusNode(current);
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  window.orbat.graphKeys = graphKeys;
})();
