// Article page: rebuild the text with highlighted, clickable mentions from /api/articles/{id}.
// Offsets count Unicode code points (Python), so the text is split with Array.from, not by UTF-16 units.
"use strict";

(function () {
  const box = document.getElementById("article-text");
  if (!box) return;
  const { el, getJSON, entityUrl } = window.orbat;

  function nonOverlapping(mentions) {
    const sorted = mentions.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const kept = [];
    let reached = 0;
    for (const m of sorted) {
      if (m.start >= reached && m.end > m.start) {
        kept.push(m);
        reached = m.end;
      }
    }
    return kept;
  }

  function render(article) {
    const chars = Array.from(article.text);
    const out = document.createDocumentFragment();
    let at = 0;
    for (const m of nonOverlapping(article.mentions)) {
      if (m.end > chars.length) break;
      out.appendChild(document.createTextNode(chars.slice(at, m.start).join("")));
      const link = el("a", {
        class: "mention t-" + m.type,
        href: entityUrl(m.entity_id),
        title: (m.canonical || m.text) + " · " + m.type + (m.rule ? " · " + m.rule : ""),
        "data-entity": m.entity_id,
      }, chars.slice(m.start, m.end).join(""));
      out.appendChild(link);
      at = m.end;
    }
    out.appendChild(document.createTextNode(chars.slice(at).join("")));
    box.replaceChildren(out);
    box.classList.add("highlighted");
  }

  getJSON("/api/articles/" + encodeURIComponent(box.dataset.articleId))
    .then(render)
    .catch((err) => box.before(el("p", { class: "error" }, "Could not load mentions: " + err.message)));
})();
