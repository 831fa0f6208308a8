"""The store opens with WAL, applies every migration once, and re-opening changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from orbat.errors import StoreError
from orbat.store import Store
from orbat.store.db import migrations


def test_migrations_apply_once_and_set_user_version(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with Store(db) as store:
        assert store.version == len(migrations()) >= 2
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
    assert {"articles", "mentions", "events", "event_sources", "relations", "judgements", "entity_roots",
            "rejected_facts"} <= tables
    with Store(db) as again:  # a second open must not re-run ALTER TABLE (it would fail)
        assert again.version == len(migrations())


def test_wal_mode_and_foreign_keys_are_on(tmp_path: Path) -> None:
    with Store(tmp_path / "kb.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_newer_partial_database_is_migrated_from_its_version(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(migrations()[0][2] + "\nPRAGMA user_version = 1;")
    conn.close()
    with Store(db) as store:
        assert store.version == len(migrations())
        cols = {r[1] for r in store.conn.execute("PRAGMA table_info(events)")}
        assert "fact_key" in cols


def test_unopenable_path_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing"):
        Store(tmp_path / "missing" / "dir" / "kb.db")


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not SQLite\n" * 200)
    with pytest.raises(StoreError, match="notes.db"):
        Store(bogus)


def test_a_failing_migration_names_itself_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE unrelated (x)")
    conn.execute("PRAGMA user_version = 1")  # claims v1 but has no events table: 002 cannot apply
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="002_judgements_facts.sql"):
        Store(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
