"""The PostgreSQL backend (extra ``orbat[pg]``): a psycopg 3 connection that speaks the store's SQL.

The store's statements are written once, in the SQL both engines share; this adapter bridges what
differs in spelling: ``?`` placeholders, SQLite's case-insensitive ``LIKE`` and its ``IS NOT (expr)``, the reserved word
``end`` as a column, ``strftime('now')``, and ``BEGIN IMMEDIATE``, which becomes ``BEGIN`` plus a
transaction-scoped advisory lock, so writers from any number of processes take turns exactly as
SQLite's one writer does (readers never wait). Rows answer by position and by column name.

The schema lives in ``migrations/pg/`` (one file per SQLite migration, same version numbers);
the applied version is kept in ``orbat_schema``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from orbat.errors import StoreError

WRITE_LOCK = 0x0EBA7  # pg_advisory_xact_lock key shared by every orbat writer
CHANGES_CHANNEL = "orbat_changes"

_END = re.compile(r'(?<![\w."])end(?![\w"])')  # the column; SQL keywords are written in capitals
_LIKE = re.compile(r"\bLIKE\b")
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
_PG_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


@lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """The store's SQL as PostgreSQL reads it (pure; cached per statement text)."""
    sql = sql.replace(_NOW, "\0NOW\0")
    sql = _END.sub('"end"', sql)
    sql = _LIKE.sub("ILIKE", sql)
    sql = sql.replace("IS NOT (", "IS DISTINCT FROM (")  # SQLite's IS NOT takes any expression
    sql = sql.replace("%", "%%").replace("?", "%s")
    return sql.replace("\0NOW\0", _PG_NOW)


class Row:
    """A result row: ``row[0]``, ``row["name"]``, ``dict(row)``, unpacking (like ``sqlite3.Row``)."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = tuple(values)

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, Row | tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=True))!r})"


def _row_factory(cursor: Any) -> Any:
    names = [d.name for d in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}

    def make(values: Sequence[Any]) -> Row:
        return Row(index, values)

    return make


class PgConnection:
    """The subset of ``sqlite3.Connection`` the store uses, over one psycopg connection."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ModuleNotFoundError:
            raise StoreError("PostgreSQL needs the pg extra: pip install 'orbat[pg]'") from None
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot connect ({' '.join(str(exc).split())})") from exc
        self.changes = 0  # committed changes to entities/judgements seen on the notification channel
        self._conn.add_notify_handler(self._on_notify)
        self._conn.execute(f"LISTEN {CHANGES_CHANNEL}")

    def _on_notify(self, _notify: Any) -> None:
        self.changes += 1

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        if sql == "BEGIN IMMEDIATE":
            self._conn.execute("BEGIN")
            return self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        return self._conn.execute(translate(sql), params)  # type: ignore[arg-type]

    def executescript(self, script: str) -> None:
        self._conn.execute(script)  # type: ignore[arg-type]  # no parameters: many statements allowed

    def poll(self) -> int:
        """Read pending notifications (a round trip) and return the change count."""
        self._conn.execute("SELECT 1")
        return self.changes

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self._conn.close()


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", url)


def error_types() -> tuple[type[BaseException], ...]:
    try:
        import psycopg
    except ModuleNotFoundError:
        return ()
    return (psycopg.Error,)
