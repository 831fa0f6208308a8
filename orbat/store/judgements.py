"""Analyst judgements: merge, split, alias, accept/reject. Stored, and applied on read.

* merge sets ``entities.merged_into``; entity rows are never deleted, so the merge holds
  after any re-ingest and every query resolves ids through the ``entity_roots`` view;
* split moves an alias (and the mentions with that surface) to a new entity; the judgement
  row keeps the new id and the move is re-applied whenever an article is saved or the KB synced;
* an analyst alias is an ``aliases`` row of origin analyst (re-ingest only replaces text aliases);
* accept/reject record the fact key of an event or relation; facts whose latest verdict is
  reject are hidden by the ``rejected_facts`` view.
"""

from __future__ import annotations

import json
from typing import Literal

from orbat.errors import NotFoundError, StoreError
from orbat.keys import alias_key, minted_id
from orbat.store.base import MAX_ROW_ID, StoreBase

EDIT_TABLES = {"event": "events", "relation": "relations"}
EDITABLE = {"events": ("type", "date", "fatalities", "location", "country"),
            "relations": ("date_start", "date_end", "status", "certainty")}


class JudgementMixin(StoreBase):
    def _judgement(self, kind: str, target: str, other: str | None, note: str | None,
                   result: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO judgements (kind, target, other, note, result) VALUES (?, ?, ?, ?, ?)",
            (kind, target, other, note, result),
        )

    def merge(self, a: str, b: str, note: str | None = None) -> None:
        """Entity ``b`` (and everything merged into it) now resolves to ``a``."""
        keep, gone = self.resolve_name(a), self.resolve_name(b)
        if keep == gone:
            return
        with self.transaction():
            self.conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (keep, gone))
            self._judgement("merge", keep, gone, note)

    def add_alias(self, entity: str, alias: str) -> None:
        eid = self.resolve_name(entity)
        with self.transaction():
            self.conn.execute(
                "INSERT INTO aliases (entity_id, alias, norm, origin, rule) "
                "VALUES (?, ?, ?, 'analyst', 'analyst') ON CONFLICT DO NOTHING",
                (eid, alias, alias_key(alias)),
            )
            self._judgement("alias", eid, alias, None)

    def analyst_overrides(self) -> dict[str, tuple[str, str, str]]:
        """Analyst aliases for the resolver: alias key -> (entity id, canonical, type), merges followed."""
        rows = self.conn.execute(
            "SELECT a.norm, r.root, e.canonical, e.type FROM aliases a "
            "JOIN entity_roots r ON r.id = a.entity_id JOIN entities e ON e.id = r.root "
            "WHERE a.origin = 'analyst'"
        )
        return {str(norm): (str(root), str(canonical), str(type_)) for norm, root, canonical, type_ in rows}

    def split(self, entity: str, alias: str) -> str:
        """Move ``alias`` and its mentions off ``entity`` to a new entity; returns the new id."""
        eid = self.resolve_name(entity)
        row = self.conn.execute("SELECT type FROM entities WHERE id = ?", (eid,)).fetchone()
        key = alias_key(alias)
        if not self._alias_rows(eid, key) and not self._mention_ids(eid, key, None):
            raise NotFoundError(f"{entity!r} has no alias or mention {alias!r} to split off")
        new_id = self._free_id(minted_id(str(row["type"]), alias))
        with self.transaction():
            self.conn.execute(
                "INSERT INTO entities (id, canonical, type, origin) VALUES (?, ?, ?, 'analyst')",
                (new_id, alias, row["type"]),
            )
            self._judgement("split", eid, alias, None, result=new_id)
            self._apply_splits(None)
        return new_id

    def judge(self, target: str, verdict: Literal["accept", "reject"], note: str | None = None) -> None:
        """Accept or reject "event:<id>" / "relation:<id>"; the verdict follows the fact across re-ingests."""
        if verdict not in ("accept", "reject"):
            raise StoreError(f"{verdict!r}: a verdict is accept or reject")
        kind, _, raw_id = target.partition(":")
        table = {"event": "events", "relation": "relations"}.get(kind)
        if table is None or not (raw_id.isascii() and raw_id.isdigit()):
            raise NotFoundError(f"{target!r}: name a fact as event:<id> or relation:<id>")
        if int(raw_id) > MAX_ROW_ID:
            raise NotFoundError(f"{target!r}: no such {kind} (ids go up to {MAX_ROW_ID})")
        row = self.conn.execute(f"SELECT fact_key FROM {table} WHERE id = ?", (int(raw_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"{target!r}: no such {kind}")
        with self.transaction():
            self._judgement(verdict, target, None, note, result=row["fact_key"])

    def _apply_edits(self) -> None:
        """Analyst edits (judgement kind edit: fact key and the changed fields as JSON) follow the fact
        across re-ingests, like verdicts; the columns are checked when the edit is recorded."""
        for target, fields, key in self.conn.execute(
                "SELECT target, other, result FROM judgements WHERE kind = 'edit' AND undone_by IS NULL "
                "ORDER BY id").fetchall():
            table = EDIT_TABLES.get(str(target).partition(":")[0])
            changes = {k: v for k, v in json.loads(fields or "{}").items() if table and k in EDITABLE[table]}
            if table and changes and key:
                sets = ", ".join(f"{k} = ?" for k in changes)
                self.conn.execute(f"UPDATE {table} SET {sets} WHERE fact_key = ?", [*changes.values(), key])

    # -- helpers -------------------------------------------------------------------------
    def _free_id(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while self.conn.execute("SELECT 1 FROM entities WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def _group(self, eid: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM entity_roots WHERE root = ?", (eid,))] or [eid]

    def _alias_rows(self, eid: str, key: str) -> list[str]:
        group = self._group(eid)
        marks = ",".join("?" for _ in group)
        return [r[0] for r in self.conn.execute(
            f"SELECT rowid FROM aliases WHERE norm = ? AND entity_id IN ({marks})", (key, *group))]

    def _mention_ids(self, eid: str, key: str, article_id: str | None) -> list[int]:
        group = self._group(eid)
        marks = ",".join("?" for _ in group)
        sql = f"SELECT id, text FROM mentions WHERE entity_id IN ({marks})"
        params: list[str] = list(group)
        if article_id is not None:
            sql += " AND article_id = ?"
            params.append(article_id)
        return [int(r[0]) for r in self.conn.execute(sql, params) if alias_key(r[1]) == key]

    def _apply_splits(self, article_id: str | None) -> None:
        """Re-apply every split (to one article's mentions, or all) and every analyst edit of a fact;
        runs inside the caller's transaction."""
        self._apply_edits()
        splits = self.conn.execute(
            "SELECT target, other, result FROM judgements WHERE kind = 'split' AND undone_by IS NULL ORDER BY id"
        ).fetchall()
        for target, alias, new_id in splits:
            key = alias_key(alias)
            for mention_id in self._mention_ids(self.root(target), key, article_id):
                self.conn.execute("UPDATE mentions SET entity_id = ? WHERE id = ?", (new_id, mention_id))
            rows = self._alias_rows(self.root(target), key)
            if rows:
                self.conn.execute(f"DELETE FROM aliases WHERE rowid IN ({','.join('?' for _ in rows)})", rows)
            self.conn.execute(
                "INSERT INTO aliases (entity_id, alias, norm, origin, rule) "
                "VALUES (?, ?, ?, 'analyst', 'split') ON CONFLICT DO NOTHING",
                (new_id, alias, key),
            )
