"""POST /api/ingest runs the real pipeline on a JSON batch and stores the articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from _helpers_web import STARLETTE_WARNING, TOKEN, build_db, client

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings(STARLETTE_WARNING)]

TEXT = ("Clashes near Saraqib\n\n"
        "Hay'at Tahrir al-Sham fighters attacked a Syrian army position near Saraqib on 3 March 2024, "
        "killing five soldiers, a war monitor said.")


def test_ingest_batch_then_read_it_back(tmp_path: Path) -> None:
    api = client(build_db(tmp_path / "kb.db"))
    batch = [{"id": "web-1", "text": TEXT, "title": "Clashes near Saraqib", "published": "2024-03-04",
              "outlet": "monitor.example"},
             {"id": "web-2", "text": "   "}]
    response = api.post("/api/ingest", json=batch, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    result = response.json()
    statuses = {item["article_id"] or item["item"]: item["status"] for item in result["items"]}
    assert statuses.get("web-1") == "ok"
    assert result["outcomes"].get("failed") == 1  # the blank text, reported not raised
    assert all("/tmp" not in (item["item"] or "") for item in result["items"])  # no server paths leak
    article = api.get("/api/articles/web-1").json()
    assert article["title"] == "Clashes near Saraqib"
    assert any(m["entity_id"] == "kb:hts" for m in article["mentions"])
