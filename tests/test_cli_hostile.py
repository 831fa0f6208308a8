"""The command line under hostile input: global options after the command, one escaped stderr line
per item, no third-party log lines, no tracebacks for huge arguments, ISO2 country codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from _helpers_store import evidence, loaded_store
from typer.testing import CliRunner

from orbat.cli import app
from orbat.cli.app import hoist_global_options, one_line
from orbat.model import Article, Event, Extraction
from orbat.store import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "kb.db"
    loaded_store(path).close()
    return str(path)


@pytest.mark.parametrize(("args", "hoisted"), [
    (["ingest", "x", "--db", "y"], ["--db", "y", "ingest", "x"]),
    (["ingest", "x", "--model=m", "-q"], ["--model=m", "ingest", "x", "-q"]),
    (["--db", "a", "show", "b", "--db", "c"], ["--db", "a", "--db", "c", "show", "b"]),
    (["extract", "--", "--db"], ["extract", "--", "--db"]),  # after --, a file named --db
])
def test_global_options_are_moved_before_the_command(args: list[str], hoisted: list[str]) -> None:
    assert hoist_global_options(args) == hoisted


def test_db_after_the_command_is_used(db: str) -> None:
    res = runner.invoke(app, ["entities", "--type", "ORG_ARMED", "--json", "--db", db])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout.splitlines()[0])["id"] == "kb:hts"


@pytest.mark.parametrize(("raw", "line"), [
    ("a\nb.txt", "a\\nb.txt"),
    ("x\rorbat: forged: line", "x\\rorbat: forged: line"),
    ("\x1b[2Jclear", "\\x1b[2Jclear"),
    ("bad\ud800", "bad\\ud800"),
    ("عربي café", "عربي café"),
])
def test_one_line_escapes_what_could_split_or_forge_a_line(raw: str, line: str) -> None:
    assert one_line(raw) == line


@pytest.mark.slow
def test_file_name_with_a_newline_is_one_stderr_line(tmp_path: Path) -> None:
    (tmp_path / "evil\norbat: fake.txt").write_bytes(b"\x00binary")
    res = runner.invoke(app, ["extract", str(tmp_path), "-q"])
    assert res.exit_code == 3
    assert res.stderr.splitlines() == [f"orbat: {tmp_path}/evil\\norbat: fake.txt: binary file (NUL bytes)"]


@pytest.mark.slow
def test_third_party_log_lines_stay_off_stderr(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<html><body><div></div></body></html>")  # trafilatura logs "discarding data: None"
    run = subprocess.run([sys.executable, "-c", "from orbat.cli import main; main()", "extract", str(page), "-q"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 3
    assert run.stderr.splitlines() == [f"orbat: {page}: malformed or empty HTML (no extractable article text)"]


def test_huge_search_is_a_usage_error_not_a_traceback(db: str) -> None:
    res = runner.invoke(app, ["--db", db, "entities", "--search", "%" * 60_000])
    assert res.exit_code == 2
    assert res.stderr.splitlines() == ["orbat: search: too long (60000 characters > 500); search for fewer words"]


def test_fact_id_beyond_sqlite_range_is_one_line(db: str) -> None:
    res = runner.invoke(app, ["--db", db, "judge", "accept", "event:99999999999999999999"])
    assert res.exit_code == 1
    assert len(res.stderr.splitlines()) == 1 and "no such event" in res.stderr


def test_events_country_takes_iso2(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    text = "Raid report.\n\nFighters raided Sarmada."
    raid = Event(type="Battles/Armed clash", evidence=evidence(text, "Fighters raided Sarmada."), country="Syria",
                 iso="SYR", location="Sarmada", date="2024-03")  # the pipeline stores alpha-3 codes
    with Store(db) as store:
        store.save_extraction(Extraction(Article(id="a", text=text), events=[raid]), "h")
    for country in ("SY", "sy", "SYR", "Syria"):
        res = runner.invoke(app, ["events", "--country", country, "--json", "--db", str(db)])
        assert res.exit_code == 0 and len(res.stdout.splitlines()) == 1, country
    assert runner.invoke(app, ["events", "--country", "IQ", "--json", "--db", str(db)]).stdout == ""
