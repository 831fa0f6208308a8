"""orbat lineage / relations / graph stats over a small store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli import app
from orbat.model import Article, Evidence, Extraction, Relation
from orbat.store import Store

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "kb.db"
    text = "The Eastern Brigade clashed with the Free Tribes in 2019 and was once allied with the Sun Front."
    ev = Evidence(0, len(text), text)
    rels = [
        Relation("Eastern Brigade", "fights", "Free Tribes", ev, date="2019",
                 subject_id="new:org_armed:eastern-brigade", object_id="new:org_armed:free-tribes"),
        Relation("Eastern Brigade", "allied_with", "Sun Front", ev, date="2012/2014", status="former",
                 subject_id="new:org_armed:eastern-brigade", object_id="new:org_armed:sun-front"),
    ]
    with Store(path) as store:
        store.save_extraction(Extraction(Article("art-1", text), relations=rels), "hash-1")
    return str(path)


def test_relations_cli_relations_at_date(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "relations", "Eastern Brigade", "--at", "2013", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["predicate"], r["object"], r["origin"]) for r in rows] == [("allied_with", "Sun Front", "text")]


def test_relations_cli_table_lists_all_without_date(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "relations", "Eastern Brigade"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Free Tribes" in result.stdout and "Sun Front" in result.stdout


def test_relations_cli_bad_date_is_one_line_error(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "relations", "Eastern Brigade", "--at", "last year"])
    assert result.exit_code == 1
    assert "expected an ISO date" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_relations_cli_unknown_entity(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "relations", "Nobody Brigade"])
    assert result.exit_code == 1
    assert "Nobody Brigade" in result.stderr


def test_relations_cli_lineage_reads_the_packaged_kb(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "lineage", "Jabhat al-Nusra"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("Jabhat al-Nusra -> Jabhat Fath al-Sham (2016-07")
    assert "Hay'at Tahrir al-Sham (2017-01" in result.stdout.replace("\n", "")


def test_relations_cli_graph_stats_json(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "graph", "stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert (stats["nodes"], stats["edges"], stats["components"]) == (3, 2, 1)
    assert stats["degree"][0]["name"] == "Eastern Brigade"
