"""`orbat kb stats` prints counts; `orbat kb check` validates and exits non-zero on errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from orbat.cli import kb_cmds


def kb_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Root for the test."""

    kb_cmds.register(app)
    return app


def test_kb_stats_prints_counts_by_type_region_and_inter() -> None:
    result = CliRunner().invoke(kb_app(), ["kb", "stats"])
    assert result.exit_code == 0, result.output
    for needle in ("ORG_ARMED", "PERSON", "syria", "state_forces", "entities by inter", "merged_into"):
        assert needle in result.stdout


def test_kb_stats_json_is_one_object() -> None:
    result = CliRunner().invoke(kb_app(), ["kb", "stats", "--json"])
    stats = json.loads(result.stdout)
    assert stats["groups"] >= 250
    assert stats["by_inter"]["1"] > 0 and stats["by_type"]["PERSON"] >= 60


def test_kb_check_passes_on_packaged_data() -> None:
    result = CliRunner().invoke(kb_app(), ["kb", "check"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: ")


def test_kb_check_fails_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups" / "bad.yaml").write_text(
        "- id: lone-group\n  name: Lone Group\n  type: ORG_ARMED\n  kind: militia\n"
        "  lineage:\n    - {predicate: splinter_of, object: nowhere}\n", encoding="utf-8")
    result = CliRunner().invoke(kb_app(), ["kb", "check", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad.yaml:6" in result.stderr and "nowhere" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_kb_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups" / "g.yaml").write_text(
        "- id: lone-group\n  name: Lone Group\n  type: ORG_ARMED\n  kind: militia\n", encoding="utf-8")
    loose = CliRunner().invoke(kb_app(), ["kb", "check", "--data-dir", str(tmp_path)])
    strict = CliRunner().invoke(kb_app(), ["kb", "check", "--strict", "--data-dir", str(tmp_path)])
    assert loose.exit_code == 0 and strict.exit_code == 1
    assert "without an ACLED inter code" in strict.stderr


def test_kb_commands_are_documented() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "kb.md").read_text(encoding="utf-8")
    for command in kb_cmds.kb_app.registered_commands:
        assert f"orbat kb {command.name}" in docs
