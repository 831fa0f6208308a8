"""Bad input: one InputError per bad item, naming it; the rest of the batch is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orbat.ingest import ReadResult, read_inputs
from orbat.settings import Settings

FIX = Path(__file__).parent / "fixtures" / "ingest"
GOOD = "Good title\n\nSoldiers arrested five suspects in the market on Monday, police said.\n"


def read_batch(tmp_path: Path, name: str, data: bytes, settings: Settings | None = None) -> list[ReadResult]:
    """Read a good file, the bad item and another good file, in that order."""
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z_good.txt").write_text(GOOD.replace("five", "six"), encoding="utf-8")
    return list(read_inputs([str(tmp_path)], settings or Settings()))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("binary.txt", b"PK\x03\x04\x00\x00binary\x00data", "binary file"),
        ("control.txt", bytes(range(1, 9)) * 50, "binary file"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n \t\n", "empty"),
        ("undecodable.txt", bytes(range(128, 256)) * 4, "undecodable"),
        ("broken.html", b"<html><body><div></div></body></html>", "no extractable article text"),
        ("broken.xml", b"<rss><channel><item><title>x</title></item>", "malformed feed"),
        ("nofeed.rss", b"this is not a feed at all", "malformed feed"),
    ],
)
def test_bad_file_is_one_error_and_batch_goes_on(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    results = read_batch(tmp_path, name, data)
    assert [r.ok for r in results] == [True, False, True]
    error = results[1].error
    assert error is not None
    assert error.item == str(tmp_path / name)
    assert reason in error.reason
    assert str(error).startswith(f"{tmp_path / name}: ")


def test_oversized_file_names_size_and_limit(tmp_path: Path) -> None:
    results = read_batch(tmp_path, "big.txt", b"word " * 300, Settings(max_text_bytes=1000))
    error = results[1].error
    assert error is not None and error.reason == "too large (1500 bytes > limit 1000)"
    assert [r.ok for r in results] == [True, False, True]


def test_missing_path_is_an_error() -> None:
    results = list(read_inputs(["/no/such/file.txt"], Settings()))
    assert results[0].error is not None and results[0].error.reason == "no such file or directory"


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "First good article."}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a", "text": "Same id, different text."}),
        json.dumps({"id": "a", "text": "First good article."}),
        json.dumps({"id": "e", "text": "Last good article.", "title": {"bad": 1}}),
        json.dumps({"id": "f", "text": "x" * 50}),
        json.dumps({"id": "g", "text": "Really the last good article."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_inputs([str(path)], Settings(max_text_bytes=40)))
    reasons = {r.item.rsplit(":", 1)[1]: (r.error.reason if r.error else "ok") for r in results}
    assert reasons["1"] == "ok" and reasons["7"] == "ok" and reasons["10"] == "ok"
    assert reasons["2"].startswith("malformed JSON")
    assert reasons["3"] == reasons["4"] == "missing or empty 'text'"
    assert reasons["5"] == "expected a JSON object, got array"
    assert reasons["6"] == f"duplicate id 'a' with different text (first read from {path}:1)"
    assert reasons["8"] == "field 'title' must be a string, got object"
    assert reasons["9"] == "too large (50 bytes > limit 40)"


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "k", "text": "One text."}) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "k", "text": "Another text."}) + "\n", encoding="utf-8")
    results = list(read_inputs([str(tmp_path)], Settings()))
    assert results[0].ok and not results[1].ok
    assert results[1].item == f"{tmp_path / 'b.jsonl'}:1"


def test_undecodable_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "a", "text": "\xff\xfe bad"}\n{"id": "b", "text": "Fine."}\n')
    results = list(read_inputs([str(path)], Settings()))
    assert results[0].error is not None and "undecodable" in results[0].error.reason
    assert results[1].ok
