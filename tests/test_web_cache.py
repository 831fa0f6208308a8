"""The response cache: a repeated GET is answered without running the route, until any connection
(another process, the CLI, a write route) commits a change; errors and writes are never kept."""

from __future__ import annotations

from typing import Any

import pytest
from _helpers_web import STARLETTE_WARNING, TOKEN, TestClient, build_db, client

from orbat.settings import Settings
from orbat.store import Store
from orbat.web import pages
from orbat.web.app import create_app

pytestmark = pytest.mark.filterwarnings(STARLETTE_WARNING)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Entity ids each time the entity page's route really runs."""
    calls: list[str] = []
    real = pages.query.profile_page

    def profile_page(store: Store, entity_id: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(entity_id)
        return real(store, entity_id, *args, **kwargs)

    monkeypatch.setattr(pages.query, "profile_page", profile_page)
    return calls


def event_ids(api: TestClient) -> set[int]:
    return {e["id"] for e in api.get("/api/events?actor=kb:hts").json()["items"]}


def test_web_cache_answers_a_repeated_page_without_running_the_route(db_target: str, counted: list[str]) -> None:
    api = client(build_db(db_target))
    first = api.get("/entities/kb:hts")
    again = api.get("/entities/kb:hts")
    assert first.status_code == again.status_code == 200 and first.text == again.text
    assert counted == ["kb:hts"]
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    api.get("/entities/kb:hts?at=2020-01-01")  # another query string is another page
    assert counted == ["kb:hts", "kb:hts"]


def test_web_cache_sees_a_commit_by_another_connection(db_target: str) -> None:
    api = client(build_db(db_target))
    before = event_ids(api)
    assert before and event_ids(api) == before  # the second answer came from the cache
    with Store(db_target, create=False) as other:  # e.g. `orbat review` in another process
        other.judge(f"event:{min(before)}", "reject")
    assert event_ids(api) == before - {min(before)}


def test_web_cache_sees_the_apps_own_writes(tmp_path: Any) -> None:
    api = client(build_db(tmp_path / "kb.db"))  # SQLite: review writes on PostgreSQL use lastrowid (store/review.py)
    before = event_ids(api)
    target = f"event:{min(before)}"
    answer = api.post("/api/judgements", json={"kind": "reject", "target": target},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    assert event_ids(api) == before - {min(before)}


def test_web_cache_keeps_no_error_and_can_be_turned_off(db_target: str, counted: list[str]) -> None:
    api = client(build_db(db_target))
    assert api.get("/entities/kb:nope").status_code == 404
    assert api.get("/entities/kb:nope").status_code == 404
    assert counted == ["kb:nope", "kb:nope"]
    off = TestClient(create_app(db_target, settings=Settings(web_cache_mb=0)), base_url="http://127.0.0.1")
    off.get("/entities/kb:hts")
    off.get("/entities/kb:hts")
    assert counted[2:] == ["kb:hts", "kb:hts"]


def test_web_cache_never_answers_for_a_deleted_database(tmp_path: Any) -> None:
    db = build_db(tmp_path / "kb.db")
    api = client(db)
    assert api.get("/api/entities/kb:hts").status_code == 200
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"kb.db{suffix}").unlink(missing_ok=True)
    assert api.get("/api/entities/kb:hts").status_code == 503


def test_web_cache_sees_the_assets_being_built(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    api = client(build_db(tmp_path / "kb.db"))
    monkeypatch.setattr(pages, "vendor_missing", lambda: ["leaflet.js"])
    assert 'id="assets-missing"' in api.get("/map").text
    monkeypatch.setattr(pages, "vendor_missing", lambda: [])  # `make web-assets` ran meanwhile
    assert 'id="assets-missing"' not in api.get("/map").text


def test_web_review_writes_and_audits_on_both_backends(db_target: str) -> None:
    """A review through the API records its judgement and audit row (ids come from RETURNING, which
    psycopg's cursors need: they have no lastrowid)."""
    api = client(build_db(db_target))
    target = f"event:{min(event_ids(api))}"
    answer = api.post("/api/review", json={"action": "reject", "target": target, "reviewer": "ana", "reason": "dup"},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    with Store(db_target, create=False) as store:
        row = store.conn.execute("SELECT reviewer, action, judgement_id FROM audit_log WHERE target = ?",
                                 (target,)).fetchone()
    assert row is not None and tuple(row)[:2] == ("ana", "reject") and row[2]
