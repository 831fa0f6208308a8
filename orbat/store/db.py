"""The knowledge base: connection, versioned migrations, transactions; SQLite or PostgreSQL.

``Store`` opens (or creates) the database, applies pending migrations from
``orbat/store/migrations/NNN_*.sql`` in order (``PRAGMA user_version`` records the
version, each migration runs in its own transaction) and combines the writer and the
analyst-judgement methods. Read-only queries live in ``orbat.query``.

A ``postgresql://`` target selects the PostgreSQL backend (``orbat.store.pg``, extra ``pg``): the
same statements, migrations from ``migrations/pg/`` with the same numbers, writers serialised by
an advisory lock. Anything else is a SQLite file path (WAL).
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from pathlib import Path
from types import TracebackType

from orbat.errors import DatabaseMissingError, StoreError
from orbat.settings import Settings
from orbat.store.judgements import JudgementMixin
from orbat.store.pg import PgConnection, error_types, is_postgres, redact
from orbat.store.writer import WriterMixin


def _db_errors() -> tuple[type[BaseException], ...]:
    """sqlite3's and psycopg's errors; psycopg is imported only when a PostgreSQL store opens."""
    return (sqlite3.Error, *error_types())


_MIGRATION_NAME = re.compile(r"^(\d{3})_[\w-]+\.sql$")


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every packaged migration of ``dialect``, in order."""
    found = []
    folder = resources.files("orbat.store").joinpath("migrations")
    for entry in (folder.joinpath("pg") if dialect == "postgresql" else folder).iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 001..{len(found):03d}: {versions}")
    return found


class Store(WriterMixin, JudgementMixin):
    """One knowledge base (SQLite path or postgresql:// URL). Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, settings: Settings | None = None, create: bool = True) -> None:
        """Open the database at ``path``; with ``create=False`` a missing file is a DatabaseMissingError."""
        self.path = str(path)
        self.merge_days = (settings or Settings()).event_merge_days
        if is_postgres(self.path):
            self._open_postgres()
            return
        self.dialect = "sqlite"
        try:
            if create or self.path == ":memory:":
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            else:
                uri = f"{Path(self.path).absolute().as_uri()}?mode=rw"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            if not create and not Path(self.path).exists():
                raise DatabaseMissingError(f"{self.path}: no such database (it is not created here; build it "
                                           f"with `orbat --db {self.path} ingest ...`)") from exc
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA busy_timeout = 5000")
            self._migrate()
        except sqlite3.Error as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: cannot prepare the database ({exc})") from exc

    def _open_postgres(self) -> None:
        self.dialect = "postgresql"
        pg = PgConnection(self.path)
        self.conn = pg  # type: ignore[assignment]  # the sqlite3.Connection subset the store uses
        self.path = redact(self.path)
        try:
            self._migrate_postgres(pg)
        except _db_errors() as exc:
            pg.close()
            raise StoreError(f"{self.path}: cannot prepare the database ({exc})") from exc

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def version(self) -> int:
        if self.dialect == "postgresql":
            row = self.conn.execute("SELECT max(version) FROM orbat_schema").fetchone()
            return int(row[0] or 0)
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def change_stamp(self) -> tuple[int, int]:
        """Changes when any connection commits a change (SQLite: data_version and this connection's
        writes; PostgreSQL: change notifications from entities and judgements, see migrations/pg)."""
        if isinstance(self.conn, PgConnection):
            return (self.conn.poll(), 0)
        return (int(self.conn.execute("PRAGMA data_version").fetchone()[0]), self.conn.total_changes)

    # -- migrations ------------------------------------------------------------------
    def _migrate(self) -> None:
        current = self.version
        for version, name, sql in migrations():
            if version <= current:
                continue
            script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
            try:
                self.conn.executescript(script)
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed ({exc})") from exc

    def _migrate_postgres(self, pg: PgConnection) -> None:
        """Each pending migration in its own transaction, under the writers' lock (two processes
        opening a new database at once apply each migration once)."""
        pg.execute("CREATE TABLE IF NOT EXISTS orbat_schema (version INTEGER PRIMARY KEY, "
                   "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
        if self.version == len(migrations("postgresql")):
            return
        for version, name, sql in migrations("postgresql"):
            pg.execute("BEGIN IMMEDIATE")
            try:
                if self.version < version:
                    pg.executescript(sql)
                    pg.execute("INSERT INTO orbat_schema (version) VALUES (?)", (version,))
            except _db_errors() as exc:
                pg.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration pg/{name} failed ({exc})") from exc
            pg.execute("COMMIT")
