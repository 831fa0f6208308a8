"""`orbat show` on a knowledge base with only the curated data: aliases and the dated lineage."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from orbat.cli import app
from orbat.kb.loader import load_kb
from orbat.store import Store


def test_cli_show_finds_nusra_by_alias_with_lineage_to_hts(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with Store(db) as store:
        store.sync_kb(load_kb())
    result = CliRunner().invoke(app, ["--db", str(db), "show", "Nusra Front", "--json"])
    assert result.exit_code == 0, result.stderr
    profile = json.loads(result.stdout.splitlines()[0])
    assert profile["entity"]["canonical"] == "Jabhat al-Nusra"
    assert "Al Nusrah Front" in profile["aliases"]
    first_line = profile["lineage"].splitlines()[0]
    assert first_line.startswith("Jabhat al-Nusra -> Jabhat Fath al-Sham (2016-07")
    assert "Hay'at Tahrir al-Sham (2017-01" in first_line
