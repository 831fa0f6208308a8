"""Readers per format: text, HTML, JSONL, JSON, feeds, directories, stdin and URLs."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from orbat.ingest import ReadResult, article_id, read_inputs
from orbat.ingest.text import split_title
from orbat.model import Article
from orbat.settings import Settings

FIX = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()


def read_all(*inputs: str, stdin: bytes | None = None, settings: Settings = SETTINGS) -> list[ReadResult]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs(list(inputs), settings, stdin=stream))


def only_article(*inputs: str) -> Article:
    results = read_all(*inputs)
    assert [r.error for r in results] == [None]
    assert results[0].article is not None
    return results[0].article


def test_text_title_and_body_offsets(tmp_path: Path) -> None:
    text = "Gunmen attack checkpoint\n\nGunmen attacked a checkpoint on Monday, police said.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    article = only_article(str(path))
    assert article.text == text  # the whole file, title line included
    assert article.title == "Gunmen attack checkpoint"
    assert article.body_start == 26
    assert article.text[article.body_start :].startswith("Gunmen attacked a checkpoint")
    assert article.id == article_id(None, None, text)
    assert article.source == str(path)
    assert article.language == "en"


@pytest.mark.parametrize(
    ("text", "title", "body_start"),
    [
        ("Title\n\nBody.", "Title", 7),
        ("Title\nBody on the next line.\n", None, 0),
        ("One line only", None, 0),
        ("\n# Heading\n\n\n  Body", "Heading", 15),
    ],
)
def test_split_title(text: str, title: str | None, body_start: int) -> None:
    assert split_title(text) == (title, body_start)


def test_text_byline_header_sets_author_and_date(tmp_path: Path) -> None:
    text = "Title here\n\nBy Jane Roe | 14 March 2024\n\nThe army said on Monday it had arrested 12 suspects.\n"
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    article = only_article(str(tmp_path / "b.txt"))
    assert (article.author, article.published, article.published_precision) == ("Jane Roe", "2024-03-14", "day")
    byline = [r for r in article.regions if r.kind == "byline"]
    assert [article.text[r.start : r.end] for r in byline] == ["By Jane Roe | 14 March 2024"]


def test_crlf_and_latin1_text_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_bytes("Caf\u00e9 attaqu\u00e9\r\n\r\nLe caf\u00e9 a \u00e9t\u00e9 attaqu\u00e9 lundi.".encode("cp1252"))
    article = only_article(str(tmp_path / "c.txt"))
    assert article.title == "Café attaqué"
    assert "\r" not in article.text


def test_html_extracts_body_and_metadata() -> None:
    article = only_article(str(FIX / "page.html"))
    assert article.title == "Convoy ambushed on northern road"
    assert "Gunmen ambushed a supply convoy" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert (article.author, article.outlet) == ("Ana Reyes", "Frontier News")
    assert article.text[article.body_start :].startswith("Gunmen ambushed")


def test_jsonl_reads_fields_and_dates(tmp_path: Path) -> None:
    lines = [
        {"id": "x1", "text": "Troops arrested 40 suspects on Monday.", "title": "Arrests",
         "url": "https://www.example.org/news/2017/07/25/arrests", "outlet": "Example"},
        {"text": "A second article without an id.", "url": "https://www.example.org/2017/07/second"},
        {"id": 7, "text": "Third article.", "published": "July 2018"},
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    results = read_all(str(path))
    assert [r.item for r in results] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    a, b, c = (r.article for r in results)
    assert a is not None and b is not None and c is not None
    assert (a.id, a.title, a.outlet, a.published, a.published_precision) == (
        "x1", "Arrests", "Example", "2017-07-25", "day")
    assert (b.id, b.outlet, b.published, b.published_precision) == (
        article_id(None, "https://www.example.org/2017/07/second", ""), "example.org", "2017-07", "month")
    assert (c.id, c.published, c.published_precision) == ("7", "2018-07", "month")


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]), encoding="utf-8")
    assert [r.article.id for r in read_all(str(path)) if r.article] == ["a", "b"]


def test_stdin_dash_reads_jsonl() -> None:
    data = b'{"id": "s1", "text": "From stdin."}\nnot json\n'
    results = read_all("-", stdin=data)
    assert results[0].article is not None and results[0].article.id == "s1"
    assert results[1].error is not None and results[1].item == "-:2"


def test_atom_feed_entries() -> None:
    results = read_all(str(FIX / "feed.atom"))
    assert len(results) == 1
    article = results[0].article
    assert article is not None
    assert article.text == "Militants attacked a bridge on Tuesday.\n\nTwo guards were wounded, police said."
    assert (article.title, article.url, article.published) == (
        "Bridge attacked", "https://frontier.example.org/2024/05/02/bridge", "2024-05-02")
    assert article.outlet == "frontier.example.org"


def test_directory_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("B text here.", encoding="utf-8")
    (tmp_path / "sub" / "a.md").write_text("A text here.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this corpus", encoding="utf-8")
    items = [r.item for r in read_all(str(tmp_path))]
    assert items == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.md")]


PAGE = (FIX / "page.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self.server.user_agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        routes = {
            "/news/2024/05/07/convoy": (200, "text/html; charset=utf-8", PAGE),
            "/plain": (200, "text/plain; charset=utf-8", b"Plain title\n\nPlain body text.\n"),
        }
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/news/2024/05/07/convoy")
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def httpd() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.user_agents = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def server(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}"


def test_url_follows_redirect_and_reads_html(server: str, httpd: ThreadingHTTPServer) -> None:
    article = only_article(f"{server}/old")
    assert httpd.user_agents[-1].startswith("orbat/")  # type: ignore[attr-defined]
    assert article.url == f"{server}/news/2024/05/07/convoy"
    assert article.title == "Convoy ambushed on northern road"
    assert (article.published, article.published_precision) == ("2024-05-07", "day")
    assert article.source == f"{server}/old"


def test_url_plain_text_and_http_error(server: str) -> None:
    results = read_all(f"{server}/plain", f"{server}/missing")
    assert results[0].article is not None and results[0].article.title == "Plain title"
    assert results[0].article.id == article_id(None, f"{server}/plain", "")
    assert results[1].error is not None
    assert str(results[1].error) == f"{server}/missing: HTTP 404 Not Found"


def test_url_connection_refused_names_url() -> None:
    results = read_all("http://127.0.0.1:9/nothing", settings=Settings(http_timeout=2.0))
    assert results[0].error is not None and results[0].item == "http://127.0.0.1:9/nothing"
    assert "fetch failed" in results[0].error.reason


def test_url_body_over_limit_is_refused(server: str) -> None:
    results = read_all(f"{server}/news/2024/05/07/convoy", settings=Settings(max_text_bytes=100))
    assert results[0].error is not None
    assert results[0].error.reason.startswith("too large (") and "> limit 400)" in results[0].error.reason
