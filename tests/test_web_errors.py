"""One JSON error shape on every API route; write endpoints need the token; security headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from _helpers_web import STARLETTE_WARNING, TOKEN, TestClient, build_db, client

from orbat import query as queries
from orbat.store import Store

pytestmark = pytest.mark.filterwarnings(STARLETTE_WARNING)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "kb.db")


@pytest.fixture()
def api(db: Path) -> TestClient:
    return client(db)


def assert_error(response: object, status: int, code: str) -> str:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return str(body["error"]["message"])


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("GET", "/api/articles/no-such-article", 404, "not_found"),
    ("GET", "/api/entities/no-such-group", 404, "not_found"),
    ("GET", "/api/graph?entity=no-such-group", 404, "not_found"),
    ("GET", "/api/relations?entity=no-such-group", 404, "not_found"),
    ("GET", "/api/no-such-route", 404, "not_found"),
    ("GET", "/api/entities?limit=0", 422, "invalid_request"),
    ("GET", "/api/events?since=yesterday", 422, "invalid_request"),
    ("GET", "/api/events?bbox=1,2,3", 422, "invalid_request"),
    ("GET", "/api/events?bbox=10,0,5,1", 422, "invalid_request"),
    ("GET", "/api/events?format=kml", 422, "invalid_request"),
    ("GET", "/api/graph", 422, "invalid_request"),
    ("GET", "/api/graph?entity=kb:hts&depth=3", 422, "invalid_request"),
    ("DELETE", "/api/entities", 405, "method_not_allowed"),
])
def test_error_shape_on_read_routes(api: TestClient, method: str, url: str, status: int, code: str) -> None:
    assert_error(api.request(method, url), status, code)


def test_not_found_message_names_the_item(api: TestClient) -> None:
    assert "no-such-article" in assert_error(api.get("/api/articles/no-such-article"), 404, "not_found")


def test_server_error_keeps_the_shape(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(queries, "entities", broken)
    message = assert_error(client(db).get("/api/entities"), 500, "internal_error")
    assert "boom" not in message  # internals stay in the server log


JUDGE = {"kind": "reject", "target": "event:1"}


@pytest.mark.parametrize("path", ["/api/judgements", "/api/ingest"])
def test_writes_without_token_are_401(api: TestClient, path: str) -> None:
    body = JUDGE if path.endswith("judgements") else [{"id": "x", "text": "Some text."}]
    response = api.post(path, json=body)
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("path", ["/api/judgements", "/api/ingest"])
def test_writes_with_wrong_token_are_403(api: TestClient, path: str) -> None:
    body = JUDGE if path.endswith("judgements") else [{"id": "x", "text": "Some text."}]
    assert_error(api.post(path, json=body, headers={"Authorization": "Bearer nope"}), 403, "forbidden")


def test_writes_disabled_without_server_token(db: Path) -> None:
    response = client(db, token=None).post("/api/judgements", json=JUDGE,
                                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert "disabled" in assert_error(response, 403, "forbidden")


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_reject_hides_the_event_and_accept_restores_it(api: TestClient) -> None:
    assert api.post("/api/judgements", json=JUDGE, headers=auth()).status_code == 200
    assert 1 not in {e["id"] for e in api.get("/api/events").json()["items"]}
    assert api.post("/api/judgements", json={"kind": "accept", "target": "event:1"}, headers=auth()).status_code == 200
    assert 1 in {e["id"] for e in api.get("/api/events").json()["items"]}


def test_merge_two_entities(api: TestClient, db: Path) -> None:
    body = {"kind": "merge", "target": "kb:hts", "other": "kb:jfs", "note": "same group", "force": True}
    assert api.post("/api/judgements", json=body, headers=auth()).json()["other"] == "kb:jfs"
    assert api.get("/api/entities/kb:jfs").json()["entity"]["id"] == "kb:hts"
    with Store(db) as store:
        assert store.root("kb:jfs") == "kb:hts"
    assert_error(api.post("/api/judgements", json=body, headers=auth()), 409, "conflict")


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"kind": "reject", "target": "event:999"}, 404, "not_found"),
    ({"kind": "reject", "target": "banana"}, 404, "not_found"),
    ({"kind": "merge", "target": "kb:hts"}, 422, "invalid_request"),
    ({"kind": "delete", "target": "kb:hts"}, 422, "invalid_request"),
])
def test_bad_judgements(api: TestClient, body: dict[str, str], status: int, code: str) -> None:
    assert_error(api.post("/api/judgements", json=body, headers=auth()), status, code)


def test_ingest_rejects_empty_and_malformed_batches(api: TestClient) -> None:
    assert_error(api.post("/api/ingest", json=[], headers=auth()), 422, "invalid_request")
    assert_error(api.post("/api/ingest", json=[{"id": "x"}], headers=auth()), 422, "invalid_request")


@pytest.mark.parametrize("url", ["/", "/api/entities", "/api/no-such-route", "/entities/kb:hts", "/static/css/app.css"])
def test_security_headers_everywhere(api: TestClient, url: str) -> None:
    headers = api.get(url).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
