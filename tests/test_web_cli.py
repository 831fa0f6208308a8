"""`orbat serve` refuses a missing database with one line, and hands the app to uvicorn otherwise."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from orbat.cli import app


def test_serve_missing_database_fails_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output and "ingest" in result.output


def test_serve_binds_localhost_and_reads_the_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    db = tmp_path / "kb.db"
    db.write_bytes(b"")
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    monkeypatch.setenv("ORBAT_API_TOKEN", "t0k")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].state.orbat.token == "t0k" and seen["app"].state.orbat.db == str(db)


def test_serve_workers_hands_uvicorn_the_app_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    db = tmp_path / "kb.db"
    db.write_bytes(b"")
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    monkeypatch.delenv("ORBAT_DB", raising=False)  # registered now: restored (removed) after the test
    monkeypatch.delenv("ORBAT_ALLOWED_HOSTS", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert seen["app"] == "orbat.web.app:create_app_from_env" and seen["factory"] and seen["workers"] == 3
    assert os.environ["ORBAT_DB"] == str(db)  # what each worker process reads
    assert "127.0.0.1" in os.environ["ORBAT_ALLOWED_HOSTS"]
