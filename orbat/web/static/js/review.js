// Review: accept / reject / edit facts, merge and split entities, undo, through the token-protected
// API (/api/review, /api/review/undo). The analyst types the token, a reviewer name and a reason; the
// token is sent as an Authorization header and never stored. On a read-only server the controls are
// rendered disabled with the reason, and this script does nothing.
"use strict";

(function () {
  const tokenInput = document.getElementById("review-token");
  if (!tokenInput || tokenInput.disabled) return;
  const nameInput = document.getElementById("review-name");
  const reasonInput = document.getElementById("review-reason");
  const status = (text, isError) => window.orbat.setStatus("review-status", text, isError);

  async function post(url, body) {
    const token = tokenInput.value.trim();
    if (!token) {
      status("Type the API token first.", true);
      tokenInput.focus();
      return null;
    }
    const reviewer = nameInput.value.trim();
    if (!reviewer) {
      status("Type your name as reviewer first.", true);
      nameInput.focus();
      return null;
    }
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: JSON.stringify({ ...body, reviewer, reason: reasonInput.value.trim() || null }),
    });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) {
      status((reply.error && reply.error.message) || response.statusText, true);
      return null;
    }
    return reply;
  }

  function markRow(button, kind) {
    const row = button.closest("tr, li");
    if (!row) return;
    row.classList.remove("accepted", "rejected");
    row.classList.add(kind === "reject" ? "rejected" : "accepted");
  }

  for (const button of document.querySelectorAll("button.judge")) {
    button.addEventListener("click", async () => {
      const kind = button.dataset.kind;
      const target = button.dataset.target;
      const done = await post("/api/review", { action: kind, target });
      if (done) {
        status(kind + "ed " + target + " (audit #" + done.audit_id + ")" + (kind === "reject" ? ": hidden after reload" : ""), false);
        markRow(button, kind);
      }
    });
  }

  const dialog = document.getElementById("edit-dialog");
  for (const button of document.querySelectorAll("button.edit-date, button.edit-dates")) {
    button.addEventListener("click", () => {
      const relation = button.classList.contains("edit-dates");
      document.getElementById("edit-what").textContent = "Edit " + button.dataset.target;
      document.getElementById("edit-l2").hidden = !relation;
      dialog.dataset.target = button.dataset.target;
      dialog.dataset.relation = relation ? "1" : "";
      dialog.showModal();
    });
  }
  if (dialog) {
    dialog.addEventListener("close", async () => {
      if (dialog.returnValue !== "ok") return;
      const v1 = document.getElementById("edit-v1").value.trim() || null;
      const v2 = document.getElementById("edit-v2").value.trim() || null;
      const fields = dialog.dataset.relation ? { date_start: v1, date_end: v2 } : { date: v1 };
      const done = await post("/api/review", { action: "edit", target: dialog.dataset.target, fields });
      if (done) status("edited " + dialog.dataset.target + " (audit #" + done.audit_id + ")", false);
    });
  }

  for (const button of document.querySelectorAll("button.undo")) {
    button.addEventListener("click", async () => {
      const done = await post("/api/review/undo", { audit_id: Number(button.dataset.audit) });
      if (done) {
        status("undid audit #" + done.undid + " (" + done.action + " " + done.target + ")", false);
        const row = button.closest("tr");
        if (row) row.classList.add("undone");
        button.replaceWith(document.createTextNode("undone"));
      }
    });
  }

  const merge = document.getElementById("merge-form");
  if (merge) {
    merge.addEventListener("submit", async (event) => {
      event.preventDefault();
      const other = document.getElementById("merge-other").value.trim();
      const force = document.getElementById("merge-force").checked;
      if (!other) return;
      if (!window.confirm("Merge " + other + " into " + merge.dataset.keep + "? (Undo from the review page.)")) return;
      const done = await post("/api/review", { action: "merge", target: merge.dataset.keep, other, force });
      if (done) {
        status("Merged " + done.other + " into " + done.target + "; reloading…", false);
        window.location.reload();
      }
    });
  }

  const split = document.getElementById("split-form");
  if (split) {
    split.addEventListener("submit", async (event) => {
      event.preventDefault();
      const alias = document.getElementById("split-alias").value;
      const done = await post("/api/review", { action: "split", target: split.dataset.entity, other: alias });
      if (done) status("Split “" + alias + "” off into " + done.result + " (audit #" + done.audit_id + ")", false);
    });
  }

  const watch = document.getElementById("watch-toggle");
  if (watch) {
    watch.addEventListener("click", async () => {
      const on = watch.dataset.watching !== "1";
      const done = await post("/api/watch", { entity: watch.dataset.entity, watch: on });
      if (done) {
        watch.dataset.watching = on ? "1" : "0";
        watch.textContent = on ? "Unwatch" : "Watch";
        status(on ? "Watching " + done.entity : "No longer watching " + done.entity, false);
      }
    });
  }
})();
