"""What the writer, judgement and query code share: the connection and name lookup."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from orbat.errors import InputError, NotFoundError
from orbat.keys import alias_key

MAX_SEARCH = 500  # characters in a search text (SQLite refuses LIKE patterns over 50,000 bytes)
MAX_ROW_ID = 2**63 - 1  # SQLite INTEGER PRIMARY KEY; a larger id names nothing (and overflows sqlite3)


def like_pattern(search: str) -> str:
    """``%search%`` for a LIKE; InputError when the search text is longer than MAX_SEARCH."""
    if len(search) > MAX_SEARCH:
        raise InputError("search", f"too long ({len(search)} characters > {MAX_SEARCH}); search for fewer words")
    return f"%{search}%"


def split_date(date: str | None) -> tuple[str | None, str | None]:
    """"2013/2016-07" -> ("2013", "2016-07"); "2014" -> ("2014", None)."""
    if not date:
        return None, None
    if "/" in date:
        start, end = date.split("/", 1)
        open_ = ("", "..")  # ISO 8601 open interval ends
        return (None if start in open_ else start), (None if end in open_ else end)
    return date, None


def relation_fact_key(subject_id: str, predicate: str, object_id: str, date_start: str | None) -> str:
    """Identity of a relation across re-ingests (row ids change, this does not)."""
    return f"relation|{subject_id}|{predicate}|{object_id}|{date_start or ''}"


class StoreBase:
    """Holds the connection; ``transaction`` gives all-or-nothing writes."""

    conn: sqlite3.Connection
    path: str

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any exception rolls everything back."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _apply_splits(self, article_id: str | None) -> None:
        """Re-apply analyst splits (to one article's rows, or everywhere); see JudgementMixin."""
        raise NotImplementedError

    def root(self, entity_id: str) -> str:
        """The entity an id resolves to after analyst merges."""
        row = self.conn.execute("SELECT root FROM entity_roots WHERE id = ?", (entity_id,)).fetchone()
        return str(row[0]) if row else entity_id

    def lookup_ids(self, name: str) -> list[str]:
        """Root entity ids a name can mean: by id, canonical name, then alias key."""
        hit = self.conn.execute("SELECT id FROM entities WHERE id = ?", (name,)).fetchone()
        if hit:
            return [self.root(hit[0])]
        rows = self.conn.execute(
            "SELECT id FROM entities WHERE canonical = ? COLLATE NOCASE ORDER BY id", (name,)
        ).fetchall()
        if not rows:
            rows = self.conn.execute(
                "SELECT DISTINCT entity_id FROM aliases WHERE norm = ? ORDER BY entity_id", (alias_key(name),)
            ).fetchall()
        return sorted({self.root(r[0]) for r in rows})

    def resolve_name(self, name: str) -> str:
        """Entity id by id, canonical name or alias (alias_key), following merges."""
        ids = self.lookup_ids(name)
        if not ids:
            raise NotFoundError(f"{name!r}: no entity with this id, name or alias")
        if len(ids) > 1:
            raise NotFoundError(f"{name!r}: ambiguous, could be {', '.join(ids)}; use an entity id")
        return ids[0]
