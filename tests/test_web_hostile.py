"""The web server under hostile requests: nothing is read before the token, bodies are capped, only
this server's host names are answered, every error is a 4xx/5xx in the route's shape with the
security headers, stored URLs never become script links, and a deleted database stays deleted."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from _helpers_web import STARLETTE_WARNING, TOKEN, TestClient, build_db, client

from orbat import query as web_queries
from orbat.cli.serve_cmds import allowed_hosts
from orbat.model import Article, Extraction
from orbat.settings import Settings
from orbat.store import Store
from orbat.web.app import create_app
from orbat.web.guard import SECURITY_HEADERS

pytestmark = pytest.mark.filterwarnings(STARLETTE_WARNING)

MB = 1_000_000
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "kb.db")


@pytest.fixture()
def api(db: Path) -> TestClient:
    return client(db)


def assert_headers(response: Any) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


# -- a 100 MB body is refused before it is read ----------------------------------------------------

def post_raw(app: Any, headers: dict[str, str], total: int = 100 * MB, chunk: int = MB) -> tuple[int, int]:
    """POST /api/ingest straight into the ASGI app; (status, body bytes the app pulled)."""
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if pulled >= total:
            return {"type": "http.disconnect"}
        pulled += chunk
        return {"type": "http.request", "body": b"x" * chunk, "more_body": pulled < total}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/ingest", "raw_path": b"/api/ingest", "query_string": b"", "root_path": "",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5555),
             "headers": [(k.lower().encode(), v.encode()) for k, v in {"host": "127.0.0.1:8000", **headers}.items()]}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return int(start["status"]), pulled


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401),
    ({"authorization": "Bearer wrong"}, 403),
    ({"authorization": f"Bearer {TOKEN} "}, 403),
    ({"authorization": f"Bearer  {TOKEN}"}, 403),
    ({**{k.lower(): v for k, v in AUTH.items()}}, 413),  # right token, Content-Length over the cap
])
def test_big_body_is_refused_before_a_byte_is_read(db: Path, headers: dict[str, str], status: int) -> None:
    app = create_app(db, TOKEN)
    code, pulled = post_raw(app, {"content-type": "application/json", "content-length": str(100 * MB), **headers})
    assert (code, pulled) == (status, 0)


def test_streamed_body_without_length_stops_at_the_cap(db: Path) -> None:
    app = create_app(db, TOKEN, Settings(max_request_bytes=8 * MB))
    code, pulled = post_raw(app, {"content-type": "application/json", "authorization": f"Bearer {TOKEN}"})
    assert code == 413
    assert pulled <= 9 * MB, "reading stopped at the first chunk past the cap"


def test_token_is_compared_exactly(api: TestClient) -> None:
    body = {"kind": "accept", "target": "event:1"}
    assert api.post("/api/judgements", json=body, headers={"Authorization": f"Bearer {TOKEN} "}).status_code == 403
    assert api.post("/api/judgements", json=body, headers={"Authorization": f"Bearer {TOKEN[:-1]}"}).status_code == 403
    assert api.post("/api/judgements", json=body, headers=AUTH).status_code in (200, 404)


# -- host names --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "kind"), [("/api/entities", "application/json"), ("/", "text/html")])
def test_unknown_host_is_refused_in_the_routes_shape(api: TestClient, path: str, kind: str) -> None:
    response = api.get(path, headers={"Host": "rebind.attacker.example"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(kind)
    assert "rebind.attacker.example" in response.text
    assert_headers(response)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_loopback_names_are_answered(api: TestClient, host: str) -> None:
    assert api.get("/api/entities", headers={"Host": host}).status_code == 200


def test_serve_allows_the_bound_names_or_the_configured_ones() -> None:
    assert allowed_hosts("127.0.0.1", "") == ["127.0.0.1", "localhost", "::1"]
    assert "kb.example.org" in allowed_hosts("kb.example.org", "")
    assert allowed_hosts("0.0.0.0", "a.example, b.example") == ["a.example", "b.example"]


# -- 4xx instead of 500s, error shapes, headers everywhere -----------------------------------------

@pytest.mark.parametrize(("path", "status", "kind"), [
    ("/api/entities?search=" + "%25_" * 10_000, 422, "application/json"),
    ("/api/articles?search=" + "a" * 50_000, 422, "application/json"),
    ("/?q=" + "a" * 50_000, 422, "text/html"),
    ("/no/such/page", 404, "text/html"),
    ("/api/nothing", 404, "application/json"),
])
def test_bad_requests_are_4xx_in_the_routes_shape(api: TestClient, path: str, status: int, kind: str) -> None:
    response = api.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(kind)
    assert_headers(response)


def test_fact_id_beyond_sqlite_range_is_404(api: TestClient) -> None:
    response = api.post("/api/judgements", json={"kind": "accept", "target": "event:99999999999999999999"},
                        headers=AUTH)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("path", "kind"), [("/", "text/html"), ("/api/articles", "application/json")])
def test_crash_is_a_500_in_the_routes_shape_with_headers(api: TestClient, monkeypatch: pytest.MonkeyPatch,
                                                        path: str, kind: str) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(web_queries, "articles", boom)
    response = api.get(path)
    assert response.status_code == 500
    assert response.headers["content-type"].startswith(kind)
    assert "simulated bug" not in response.text
    assert_headers(response)


# -- links and the database ----------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", " JavaScript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x"])
def test_only_http_urls_become_links(db: Path, api: TestClient, url: str) -> None:
    with Store(db) as store:
        store.save_extraction(Extraction(Article(id="js", text="Raid report.\n\nA raid.", url=url)), "hash-js")
    page = api.get("/articles/js")
    assert page.status_code == 200
    hrefs = re.findall(r'href="([^"]*)"', page.text)
    assert not any(h.strip().lower().startswith(("javascript:", "vbscript:", "data:text")) for h in hrefs)
    assert "original</a>" not in page.text


def test_http_url_is_a_link(db: Path, api: TestClient) -> None:
    with Store(db) as store:
        store.save_extraction(Extraction(Article(id="ok", text="Raid report.\n\nA raid.",
                                                 url="https://example.org/raid")), "hash-ok")
    assert 'href="https://example.org/raid"' in api.get("/articles/ok").text


def test_deleted_database_is_not_recreated(db: Path, api: TestClient) -> None:
    assert api.get("/api/entities").status_code == 200
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    for path, kind in (("/api/entities", "application/json"), ("/", "text/html")):
        response = api.get(path)
        assert response.status_code == 503 and response.headers["content-type"].startswith(kind)
    assert not db.exists()


@pytest.mark.slow
def test_long_text_beside_a_good_one_is_ingested_not_a_500(db: Path, api: TestClient) -> None:
    raid = "HTS fighters arrested nine suspects in Sarmada, Idlib province, on Monday, the group said."
    batch = [{"id": "long", "text": raid + " " * 1_000_001 + raid.replace("nine", "ten")},
             {"id": "short", "text": raid.replace("nine", "eleven")}]
    response = api.post("/api/ingest", json=batch, headers=AUTH)
    assert response.status_code == 200, response.text
    assert [i["status"] for i in response.json()["items"]] == ["ok", "ok"]
