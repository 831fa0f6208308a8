// Article page: rebuild the text with highlighted, clickable mentions from /api/articles/{id}, and mark
// the evidence span named in the URL (#span=START-END), scrolled into view. Evidence quotes below the
// text link to their span. Offsets count Unicode code points (Python), so the text is split with
// Array.from, not by UTF-16 units.
"use strict";

(function () {
  const box = document.getElementById("article-text");
  if (!box) return;
  const { el, getJSON, entityUrl } = window.orbat;
  let article = null;

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

  // Text chars[from, to) with the mentions lying wholly inside it as links.
  function piece(chars, mentions, from, to) {
    const out = document.createDocumentFragment();
    let at = from;
    for (const m of mentions) {
      if (m.start < from || m.end > to) continue;
      out.appendChild(document.createTextNode(chars.slice(at, m.start).join("")));
      out.appendChild(el("a", {
        class: "mention t-" + m.type,
        href: entityUrl(m.entity_id),
        title: (m.canonical || m.text) + " · " + m.type + (m.rule ? " · " + m.rule : ""),
        "data-entity": m.entity_id,
      }, chars.slice(m.start, m.end).join("")));
      at = m.end;
    }
    out.appendChild(document.createTextNode(chars.slice(at, to).join("")));
    return out;
  }

  function wantedSpan() {
    const match = /^#span=(\d+)-(\d+)$/.exec(window.location.hash);
    return match ? [Number(match[1]), Number(match[2])] : null;
  }

  function render() {
    const chars = Array.from(article.text);
    let mentions = nonOverlapping(article.mentions).filter((m) => m.end <= chars.length);
    const span = wantedSpan();
    const out = document.createDocumentFragment();
    if (span && span[0] < span[1] && span[1] <= chars.length) {
      const [start, end] = span;
      // mentions crossing the span edge would split it: keep those inside or outside only
      mentions = mentions.filter((m) => m.end <= start || m.start >= end || (m.start >= start && m.end <= end));
      out.appendChild(piece(chars, mentions, 0, start));
      const mark = el("mark", { class: "evidence-mark", id: "evidence-mark", tabindex: "-1" });
      mark.appendChild(piece(chars, mentions, start, end));
      out.appendChild(mark);
      out.appendChild(piece(chars, mentions, end, chars.length));
    } else {
      out.appendChild(piece(chars, mentions, 0, chars.length));
    }
    box.replaceChildren(out);
    box.classList.add("highlighted");
    const mark = document.getElementById("evidence-mark");
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  }

  window.addEventListener("hashchange", () => { if (article) render(); });
  getJSON("/api/articles/" + encodeURIComponent(box.dataset.articleId))
    .then((a) => { article = a; render(); })
    .catch((err) => box.before(el("p", { class: "error" }, "Could not load mentions: " + err.message)));
})();
