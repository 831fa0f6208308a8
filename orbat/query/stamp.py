"""The knowledge base's change stamp: a value that differs after any committed write, cheap to read
(the web's response cache keys on it)."""

from __future__ import annotations

from typing import Any


def change_stamp(store: Any) -> Any:
    """PostgreSQL: the current snapshot; SQLite: ``PRAGMA data_version`` of this connection (it
    changes when another connection commits)."""
    if getattr(store, "dialect", "sqlite") == "postgresql":
        return store.conn.execute("SELECT pg_current_snapshot()::text").fetchone()[0]
    return int(store.conn.execute("PRAGMA data_version").fetchone()[0])
