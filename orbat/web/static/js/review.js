// Review: accept/reject facts and merge entities through the token-protected API.
// The token is typed by the analyst and sent as an Authorization header; it is never stored.
"use strict";

(function () {
  const tokenInput = document.getElementById("review-token");
  if (!tokenInput) return;
  const status = (text, isError) => window.orbat.setStatus("review-status", text, isError);

  async function post(body) {
    const token = tokenInput.value.trim();
    if (!token) {
      status("Type the API token first.", true);
      tokenInput.focus();
      return false;
    }
    const response = await fetch("/api/judgements", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: JSON.stringify(body),
    });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) {
      status((reply.error && reply.error.message) || response.statusText, true);
      return false;
    }
    return true;
  }

  for (const button of document.querySelectorAll("button.judge")) {
    button.addEventListener("click", async () => {
      const kind = button.dataset.kind;
      const target = button.dataset.target;
      if (await post({ kind, target })) {
        status(kind + "ed " + target + (kind === "reject" ? " (hidden after reload)" : ""), false);
        const row = button.closest("tr, li");
        if (row) row.classList.add(kind === "reject" ? "rejected" : "accepted");
      }
    });
  }

  const merge = document.getElementById("merge-form");
  if (merge) {
    merge.addEventListener("submit", async (event) => {
      event.preventDefault();
      const other = document.getElementById("merge-other").value.trim();
      if (other && (await post({ kind: "merge", target: merge.dataset.keep, other }))) {
        status("Merged " + other + " into " + merge.dataset.keep + "; reloading…", false);
        window.location.reload();
      }
    });
  }
})();
