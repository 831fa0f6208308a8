"""Analyst judgements at the edge: an alias added with `orbat alias add` links later articles."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli import app

pytestmark = pytest.mark.slow

TEXT = (
    "Clashes in Idlib\n\n"
    "Fighters of the Sun Front attacked a checkpoint held by the Syrian army near Saraqib on Monday, "
    "a local monitor said. The Sun Front has operated in the countryside of Idlib since 2021.\n"
)


def test_cli_analyst_alias_links_new_mentions(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    runner = CliRunner()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "a.txt"), "-q"]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "alias", "add", "Hay'at Tahrir al-Sham", "Sun Front"])
    assert result.exit_code == 0, result.stderr
    (tmp_path / "b.txt").write_text(TEXT.replace("Monday", "Tuesday"), encoding="utf-8")
    assert runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "b.txt"), "-q"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT m.entity_id, m.rule FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.text = 'Sun Front' AND a.text LIKE '%Tuesday%'"
        ).fetchall()
    assert rows and all(eid == "kb:hts" for eid, _ in rows)
    assert any("override" in (rule or "") for _, rule in rows)
