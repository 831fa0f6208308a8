"""Query and judgement commands: tables by default, JSONL with --json, one stderr line on errors."""

from __future__ import annotations

import json

import pytest
from _helpers_store import loaded_store
from typer.testing import CliRunner

from orbat.cli import app

runner = CliRunner()


@pytest.fixture
def db(db_target: str) -> str:
    loaded_store(db_target).close()
    return db_target


def test_entities_json_and_table(db: str) -> None:
    res = runner.invoke(app, ["--db", db, "entities", "--type", "ORG_ARMED", "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows[0]["id"] == "kb:hts" and rows[0]["mentions"] == 4
    table = runner.invoke(app, ["--db", db, "entities", "--search", "Idlibi"])
    assert table.exit_code == 0 and "Abu Khalid" in table.stdout


def test_show_profile_and_unknown_name(db: str) -> None:
    res = runner.invoke(app, ["--db", db, "show", "HTS"])
    assert res.exit_code == 0 and "Hay'at Tahrir al-Sham" in res.stdout and "mentions: 4" in res.stdout
    data = json.loads(runner.invoke(app, ["--db", db, "show", "HTS", "--json"]).stdout)
    assert data["entity"]["id"] == "kb:hts" and data["mention_count"] == 4
    missing = runner.invoke(app, ["--db", db, "show", "Nobody"])
    assert missing.exit_code == 1
    assert missing.stderr.strip().count("\n") == 0 and "Nobody" in missing.stderr


def test_events_filters_and_summary_json(db: str) -> None:
    res = runner.invoke(app, ["--db", db, "events", "--country", "Syria", "--json"])
    assert [json.loads(x)["source_count"] for x in res.stdout.splitlines()] == [2]
    none = runner.invoke(app, ["--db", db, "events", "--since", "2025-01-01", "--json"])
    assert none.exit_code == 0 and none.stdout == ""
    summary = json.loads(runner.invoke(app, ["--db", db, "summary", "--json"]).stdout)
    assert summary["articles"]["ok"] == 2 and summary["events_by_type"] == {"Battles/Armed clash": 1}
    assert runner.invoke(app, ["--db", db, "summary"]).exit_code == 0


def test_merge_split_alias_and_judge_commands(db: str) -> None:
    assert runner.invoke(app, ["--db", db, "merge", "HTS", "JFS"]).exit_code == 0
    shown = json.loads(runner.invoke(app, ["--db", db, "show", "Jabhat Fath al-Sham", "--json"]).stdout)
    assert shown["entity"]["id"] == "kb:hts"
    split = runner.invoke(app, ["--db", db, "split", "kb:hts", "Tahrir al-Sham"])
    assert split.exit_code == 0 and split.stdout.strip().startswith("new:org_armed:")
    assert runner.invoke(app, ["--db", db, "alias", "add", "kb:hts", "Levant Liberation Body"]).exit_code == 0
    assert "kb:hts" in runner.invoke(app, ["--db", db, "show", "Levant Liberation Body", "--json"]).stdout
    assert runner.invoke(app, ["--db", db, "judge", "reject", "event:1"]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "events", "--json"]).stdout == ""
    bad = runner.invoke(app, ["--db", db, "judge", "reject", "event:99"])
    assert bad.exit_code == 1 and "event:99" in bad.stderr
    assert runner.invoke(app, ["--db", db, "judge", "maybe", "event:1"]).exit_code == 2
