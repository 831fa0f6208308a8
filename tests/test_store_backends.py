"""Both backends: migrations apply once, PostgreSQL has SQLite's tables and columns, and writers
from several processes at once lose nothing and merge events as one writer would."""

from __future__ import annotations

import multiprocessing
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from _helpers_store import extraction_one, fake_kb

from orbat.errors import StoreError
from orbat.store import Store
from orbat.store.db import migrations
from orbat.store.pg import redact, translate


def test_store_backends_migrations_apply_once(db_target: str) -> None:
    with Store(db_target) as store:
        assert store.version == len(migrations(store.dialect)) == len(migrations())
    with Store(db_target) as again:  # a second open applies nothing (ALTER TABLE would fail)
        assert again.version == len(migrations())


def _columns_sqlite(path: str) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
                  if not r[0].startswith("articles_fts")]  # FTS5's tables; PostgreSQL has a full-text index
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}


@pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)
def test_store_backends_postgresql_has_the_sqlite_tables_and_columns(db_target: str, tmp_path: Path) -> None:
    sqlite_path = str(tmp_path / "same.db")
    Store(sqlite_path).close()
    with Store(db_target) as store:
        rows = store.conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name != 'orbat_schema' "
            "ORDER BY table_name, ordinal_position").fetchall()
    pg: dict[str, list[str]] = {}
    for table, column in rows:
        if column != "rowid":  # SQLite's implicit rowid, explicit in PostgreSQL
            pg.setdefault(table, []).append(column)
    assert pg == _columns_sqlite(sqlite_path)


def test_store_backends_translation_of_the_shared_sql() -> None:
    assert translate("SELECT start, end FROM mentions m WHERE m.end > ? AND title LIKE ?") == (
        'SELECT start, "end" FROM mentions m WHERE m.end > %s AND title ILIKE %s')
    assert "to_char(now()" in translate("UPDATE x SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")
    assert translate("SELECT '5%' WHERE a = ?") == "SELECT '5%%' WHERE a = %s"
    assert translate("WHERE h IS NOT (SELECT 1) AND d IS NOT NULL") == (
        "WHERE h IS DISTINCT FROM (SELECT 1) AND d IS NOT NULL")


def test_store_backends_unreachable_postgresql_is_one_store_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match=r"^postgresql://orbat:\*\*\*@127.0.0.1:1/kb\S*: cannot connect [^\n]*$"):
        Store("postgresql://orbat:secret@127.0.0.1:1/kb?connect_timeout=2")
    assert "secret" not in redact("postgresql://orbat:secret@host/kb")


def _writer(target: str, worker: int, count: int, start: Any) -> None:
    with Store(target) as store:
        store.sync_kb(fake_kb())  # type: ignore[arg-type]  # every writer syncs, as every ingest does
        start.wait()  # all writers go at once
        for n in range(count):
            ex = extraction_one()  # event n: the same occurrence for every writer, a new one for each n
            events = [replace(ev, date=f"2024-{n + 1:02d}-04") for ev in ex.events]
            ex = replace(ex, article=replace(ex.article, id=f"w{worker}-{n}", source=f"w{worker}-{n}.txt"),
                         events=events)
            store.save_extraction(ex, f"hash-{worker}-{n}")


def test_store_backends_concurrent_writers_from_processes(db_target: str) -> None:
    Store(db_target).close()  # created (migrated) first; the writers then race on the data
    workers, count = 3, 12
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(workers)
    procs = [context.Process(target=_writer, args=(db_target, w, count, start)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * workers
    with Store(db_target) as store:
        articles = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = store.conn.execute("SELECT source_count FROM events").fetchall()
        mentions = store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert articles == workers * count
    # each occurrence once, with a source from every writer, as one writer would leave it
    assert [r[0] for r in events] == [workers] * count
    assert mentions == workers * count * len(extraction_one().entities)


@pytest.mark.slow
def test_store_backends_cli_ingest_reingest_and_export(db_target: str, tmp_path: Path) -> None:
    from conftest import REPO
    from typer.testing import CliRunner

    from orbat.cli import app

    sample = str(REPO / "samples" / "syria_hts_idlib_arrests.txt")
    runner = CliRunner()
    first = runner.invoke(app, ["--db", db_target, "ingest", sample, "--workers", "1"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["--db", db_target, "ingest", sample, "--workers", "1"])
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
    out = tmp_path / "events.csv"
    exported = runner.invoke(app, ["--db", db_target, "export", "--format", "acled", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert "Hay'at Tahrir al-Sham" in out.read_text(encoding="utf-8")


def test_store_backends_article_full_text_search_on_both(db_target: str) -> None:
    from orbat.query import search

    with Store(db_target) as store:
        store.sync_kb(fake_kb())  # type: ignore[arg-type]
        ex = extraction_one()
        store.save_extraction(ex, "hash-fts")
        word = next(w for w in ex.article.text.split() if len(w) > 5 and w.isalpha())
        found, total = search.articles(store, word)
        assert total == 1 and found[0]["id"] == ex.article.id
        assert any(part["hit"] for part in found[0]["snippet"])
        assert search.articles(store, "zzzqqqxxx") == ([], 0)
