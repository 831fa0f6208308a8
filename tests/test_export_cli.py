"""`orbat export --format F [-o FILE]`: stdout by default, a file with -o, usage error on unknown formats."""

from __future__ import annotations

import json
from pathlib import Path

from _helpers_store import loaded_store
from typer.testing import CliRunner

from orbat.cli import app

runner = CliRunner()


def test_export_to_stdout_and_file(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    loaded_store(db).close()
    res = runner.invoke(app, ["--db", str(db), "export", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == ["a1", "a2"]
    out = tmp_path / "events.geojson"
    res = runner.invoke(app, ["--db", str(db), "export", "--format", "geojson", "-o", str(out)])
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    bad = runner.invoke(app, ["--db", str(db), "export", "--format", "xml"])
    assert bad.exit_code == 2 and "unknown format" in bad.stderr
