"""`orbat watch`: add entities to the watchlist, print what is new about them, mark them seen."""

from __future__ import annotations

import json
from pathlib import Path

from _helpers_store import loaded_store
from typer.testing import CliRunner

from orbat.cli import app
from orbat.store import Store


def test_watch_prints_what_is_new_and_marks_it_seen(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    loaded_store(db).close()
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db), "watch", "HTS"]).exit_code == 0
    with Store(db) as store:
        store.conn.execute("UPDATE watchlist SET last_seen = '2000-01-01T00:00:00Z'")
    out = runner.invoke(app, ["--db", str(db), "watch", "--json", "--seen"])
    assert out.exit_code == 0, out.output
    (item,) = [json.loads(line) for line in out.stdout.splitlines()]
    assert item["entity_id"] == "kb:hts" and item["events"] == 1 and item["relations"] >= 2
    again = json.loads(runner.invoke(app, ["--db", str(db), "watch", "--json"]).stdout)
    assert again["events"] == 0  # seen


def test_watch_unknown_entity_is_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    loaded_store(db).close()
    out = CliRunner().invoke(app, ["--db", str(db), "watch", "No Such Group"])
    assert out.exit_code == 1 and "No Such Group" in out.output
