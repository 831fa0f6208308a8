"""Hostile and broken inputs at the readers: every item ends as an article or one named error,
text is never silently re-encoded, a fetch has one deadline, and a directory walk stays in its tree."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbat.ingest import ReadResult, read_inputs
from orbat.settings import Settings

GOOD = "Good title\n\nSoldiers arrested five suspects in the market on Monday, police said.\n"
FIELDS = ("id", "text", "title", "url", "published", "outlet", "author")


def read_all(*inputs: str, settings: Settings | None = None) -> list[ReadResult]:
    return list(read_inputs(list(inputs), settings or Settings()))


def assert_storable(result: ReadResult) -> None:
    """An article's fields are real strings that encode to UTF-8 (SQLite and JSON output need it)."""
    assert result.article is not None
    for name in FIELDS:
        value = getattr(result.article, name)
        assert value is None or isinstance(value, str), (name, value)
        if value is not None:
            value.encode("utf-8")


# -- any JSON value in any field: one result per line, never an exception -------------------------

any_text = st.text(st.characters(codec=None), max_size=40)  # includes lone surrogates
huge_digits = st.integers(min_value=4301, max_value=6000).map(lambda n: "7" * n)  # beyond int-string limit
json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
field_values = st.one_of(any_text, json_values, st.just("\ud800"), st.integers(10**150, 10**300))
records = st.dictionaries(st.sampled_from(FIELDS), field_values, min_size=1)


def _line(record: dict[str, Any], big: int | None) -> str:
    line = json.dumps(record)  # ensure_ascii: a lone surrogate is written as the escape \ud800
    if big is not None:  # json.dumps itself refuses such an int: splice the digits in
        line = line[:-1] + (", " if record else "") + f'"views": {"7" * (big % 2000 + 4300)}' + "}"
    return line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(st.tuples(records, st.none() | st.integers(0, 10**6)), min_size=1, max_size=6))
def test_jsonl_any_values_give_one_result_per_line(tmp_path: Path, batch: list[tuple[dict[str, Any], int | None]]
                                                   ) -> None:
    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(_line(r, big) + "\n" for r, big in batch), encoding="utf-8")
    results = read_all(str(path))
    assert [r.item for r in results] == [f"{path}:{n}" for n in range(1, len(batch) + 1)]
    for result in results:
        if result.ok:
            assert_storable(result)
        else:
            assert result.error is not None and str(result.error).startswith(f"{result.item}: ")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records, big=huge_digits)
def test_json_file_with_huge_number_and_any_values_is_read_or_named(tmp_path: Path, record: dict[str, Any],
                                                                   big: str) -> None:
    path = tmp_path / "one.json"
    body = json.dumps([record, {"id": "ok", "text": GOOD}])
    path.write_text(body[:-2] + f', "views": {big}' + "}]", encoding="utf-8")
    results = read_all(str(path))
    assert [r.item for r in results] == [f"{path}:[0]", f"{path}:[1]"]
    assert results[1].ok and results[1].article is not None and results[1].article.id == "ok"
    for result in results:
        if result.ok:
            assert_storable(result)


def test_lone_surrogate_in_text_title_or_outlet_is_refused_and_named(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    lines = [{"id": "t", "text": "Raid \ud800 in Idlib."}, {"id": "n", "text": GOOD, "title": "x\udfff"},
             {"id": "o", "text": GOOD + "2", "outlet": "\ud83d"}, {"id": "good", "text": GOOD}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    reasons = [r.error.reason if r.error else "ok" for r in read_all(str(path))]
    assert reasons == ["invalid text: lone surrogate U+D800 in 'text' at character 5",
                       "invalid text: lone surrogate U+DFFF in 'title' at character 1",
                       "invalid text: lone surrogate U+D83D in 'outlet' at character 0", "ok"]


@pytest.mark.parametrize("ref", ["&#xD800;", "&#55296;", "&#x110000;", "&#0;"])
def test_feed_with_a_hostile_character_reference_is_one_error(tmp_path: Path, ref: str) -> None:
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x {ref}</title>'
            f"<link>http://x.example/a</link><description>Raid {ref} in Idlib.</description></item></channel></rss>")
    (tmp_path / "f.xml").write_text(feed)
    (tmp_path / "z.txt").write_text(GOOD)
    results = read_all(str(tmp_path))
    assert results[-1].ok, "the next file is read"
    for result in results[:-1]:
        if result.ok:
            assert_storable(result)
        else:
            assert result.error is not None and result.item.startswith(("http://x.example/a", str(tmp_path)))


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_json_nested_too_deep_is_one_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "g", "text": GOOD}) + "\n",
                    encoding="utf-8")
    results = read_all(str(path))
    assert [r.error.reason if r.error else "ok" for r in results] == ["malformed JSON (nested too deep)", "ok"]


def test_json_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"id": str(n), "text": GOOD} for n in range(100)]), encoding="utf-8")
    (error,) = [r.error for r in read_all(str(path), settings=Settings(max_text_bytes=1000))]
    assert error is not None and error.reason.startswith("too large (") and "> limit 4000)" in error.reason


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": {"nested": "id"}}, "field 'id' must be a string, got object"),
        ({"id": True}, "field 'id' must be a string, got boolean true"),
        ({"id": 1.5}, "field 'id' must be a string, got number 1.5"),
        ({"id": ["a"]}, "field 'id' must be a string, got array"),
        ({"id": ""}, "field 'id' must be 1-200 characters, got 0"),
        ({"title": 7}, "field 'title' must be a string, got number 7"),
        ({"text": 12}, "field 'text' must be a string, got number 12"),
    ],
)
def test_non_string_ids_and_titles_are_refused(tmp_path: Path, record: dict[str, Any], reason: str) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"text": GOOD, **record}) + "\n", encoding="utf-8")
    (result,) = read_all(str(path))
    assert result.error is not None and result.error.reason == reason


@pytest.mark.parametrize(("raw", "reason"), [
    ('{"id": 1e400, "text": "Raid."}', "field 'id' must be a string, got number inf"),
    ('{"id": "x", "title": NaN, "text": "Raid."}', "malformed JSON (NaN is not valid JSON)"),
    ('{"id": "x", "text": "Raid.", "n": -Infinity}', "malformed JSON (-Infinity is not valid JSON)"),
])
def test_json_inf_and_nan_are_never_coerced(tmp_path: Path, raw: str, reason: str) -> None:
    path = tmp_path / "nan.jsonl"
    path.write_text(raw + "\n", encoding="utf-8")
    (result,) = read_all(str(path))
    assert result.error is not None and result.error.reason == reason


def test_integer_id_is_read_as_its_digits(tmp_path: Path) -> None:
    path = tmp_path / "int.jsonl"
    path.write_text(json.dumps({"id": 12345, "text": GOOD}) + "\n", encoding="utf-8")
    (result,) = read_all(str(path))
    assert result.article is not None and result.article.id == "12345"


# -- encodings -------------------------------------------------------------------------------------

LATIN = "Naïve reports\n\nThe café in Mosul was hit, a señor said; the attack on Tal Afar followed.\n"


@pytest.mark.parametrize(("name", "data"), [
    ("latin1.txt", LATIN.encode("latin-1")),
    ("cp1252.txt", LATIN.replace("said;", "said — ").encode("cp1252")),
    ("utf16le.txt", LATIN.encode("utf-16")),  # BOM + little endian
    ("utf16be.txt", b"\xfe\xff" + LATIN.encode("utf-16-be")),
    ("utf8bom.txt", b"\xef\xbb\xbf" + LATIN.encode("utf-8")),
])
def test_legacy_and_bom_encodings_are_decoded_exactly(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    (result,) = read_all(str(tmp_path / name))
    assert result.article is not None, result.error
    assert result.article.title == "Naïve reports"
    assert "café in Mosul" in result.article.text and "señor" in result.article.text


def test_html_meta_charset_is_obeyed(tmp_path: Path) -> None:
    page = ("<html><head><meta charset='iso-8859-1'><title>Naïve reports</title></head><body><article>"
            + "<p>The café in Mosul was hit by a rocket on Monday, a señor who lives nearby told reporters.</p>" * 3
            + "</article></body></html>")
    (tmp_path / "p.html").write_bytes(page.encode("latin-1"))
    (result,) = read_all(str(tmp_path / "p.html"))
    assert result.article is not None and "café in Mosul" in result.article.text


def test_nul_bytes_without_a_byte_order_mark_are_still_binary(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(LATIN.encode("utf-16-le"))  # no BOM: cannot tell from binary
    (result,) = read_all(str(tmp_path / "b.txt"))
    assert result.error is not None and result.error.reason == "binary file (NUL bytes)"


# -- http: a declared charset, one overall deadline ------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        if self.path == "/latin1":
            body = LATIN.encode("latin-1")
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=iso-8859-1")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        try:
            if self.path == "/drip-headers":  # even the status line arrives a byte at a time
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(100_000):  # /drip: each byte well inside the per-read timeout
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:  # the client gave up: that is the point
            return

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_declared_http_charset_is_obeyed(server: str) -> None:
    (result,) = read_all(f"{server}/latin1")
    assert result.article is not None and result.article.title == "Naïve reports"


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_slow_drip_server_is_cut_off_at_the_overall_deadline(server: str, path: str) -> None:
    results = read_all(f"{server}{path}", f"{server}/latin1", settings=Settings(http_timeout=1.0))
    assert results[0].error is not None
    assert results[0].error.reason == "fetch failed (took longer than 1 s in all; ORBAT_HTTP_TIMEOUT)"
    assert results[1].ok, "the next input is read after the cut-off"


# -- directory walks stay inside the tree ----------------------------------------------------------

@pytest.fixture()
def linked_tree(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret title\n\nThis file lives outside the input directory.\n")
    root = tmp_path / "inbox"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(GOOD)
    (root / "sub" / "b.txt").write_text(GOOD.replace("five", "six"))
    os.symlink(outside / "secret.txt", root / "passwd.txt")
    os.symlink(outside, root / "elsewhere")
    os.symlink(root / "loop.txt", root / "loop.txt")
    os.symlink(root / "gone.txt", root / "broken.txt")
    os.symlink(root / "a.txt", root / "sub" / "alias.txt")  # inside the tree: read
    return root


def test_symlinks_out_of_the_tree_are_skipped_and_named(linked_tree: Path) -> None:
    results = read_all(str(linked_tree))
    read = sorted(Path(r.item).name for r in results if r.ok)
    skipped = {Path(r.item).name: r.skipped for r in results if r.skipped}
    assert read == ["a.txt", "alias.txt", "b.txt"]
    assert set(skipped) == {"passwd.txt", "elsewhere", "loop.txt", "broken.txt"}
    assert skipped["passwd.txt"] is not None and "outside the input directory" in skipped["passwd.txt"]
    assert skipped["loop.txt"] == "broken symlink or symlink loop (skipped)"
    assert not any(r.error for r in results)


def test_follow_links_reads_outside_the_tree_once(linked_tree: Path) -> None:
    os.symlink(linked_tree, linked_tree / "sub" / "back")  # a directory loop
    results = read_all(str(linked_tree), settings=Settings(follow_links=True))
    names = sorted(Path(r.item).name for r in results if r.ok)
    assert names.count("secret.txt") == 1 and "passwd.txt" in names
    assert any(r.skipped == "directory link loop (already read)" for r in results)


def test_undecodable_file_name_is_a_printable_item(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(GOOD.encode())
    (result,) = read_all(str(tmp_path))
    assert result.ok and result.item.endswith("caf\\xe9.txt")
    result.item.encode("utf-8")
