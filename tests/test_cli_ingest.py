"""`orbat ingest` / `orbat extract` at the edge: exit codes, one line per bad item, nothing lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from orbat.cli import app

pytestmark = pytest.mark.slow

ARTICLE = (FIXTURES / "articles" / "raid.txt").read_text(encoding="utf-8")


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 40)
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d


def _articles(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]


def test_cli_ingest_bad_items_named_and_batch_goes_on(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(inbox), "--quiet"])
    assert result.exit_code == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("orbat:")]
    assert len(errors) == 2
    assert any("broken.txt" in line for line in errors)
    assert any("empty.txt" in line for line in errors)
    assert len(_articles(db)) == 1


def test_cli_ingest_again_keeps_everything_and_skips_unchanged(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "kb.db"
    runner = CliRunner()
    runner.invoke(app, ["--db", str(db), "ingest", str(inbox / "good.txt"), "--quiet"])
    before = _articles(db)
    (inbox / "second.txt").write_text(ARTICLE.replace("Hajin", "Shuhayl"), encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db), "ingest", str(inbox), "--quiet"])
    assert result.exit_code == 3  # the two bad files still fail
    after = _articles(db)
    assert set(before) < set(after)
    with sqlite3.connect(db) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM ingest_log")]
        links = dict(conn.execute("SELECT id, duplicate_of FROM articles"))
    assert "unchanged" in statuses
    new_id = (set(after) - set(before)).pop()
    assert links[new_id] == before[0], "a one-word edit of a stored article is its near-duplicate"


def test_cli_missing_path_is_one_failed_item(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "x.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "missing"), str(inbox / "good.txt"), "--db", str(db)])
    assert result.exit_code == 3
    assert f"orbat: {tmp_path / 'missing'}: no such file or directory" in result.stderr.splitlines()
    assert len(_articles(db)) == 1, "the good input after the missing one is stored"


def test_cli_usage_error_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "ingest", "--no-such-option", "x"])
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr


def test_cli_extract_stdin_jsonl_to_stdout() -> None:
    line = json.dumps({"id": "a1", "text": ARTICLE, "published": "2024-03-14", "url": "https://example.org/x"})
    result = CliRunner().invoke(app, ["extract", "-", "--quiet"], input=line + "\n")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [r["id"] for r in records] == ["a1"]
    assert records[0]["outlet"] == "example.org"
    assert records[0]["entities"]
