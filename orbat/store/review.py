"""The review workflow over analyst judgements: one ``review`` call per action (accept, reject, edit,
merge, split) with a reviewer and a reason, checks that refuse unsafe merges, ``undo``, the audit log,
and the queue of unreviewed facts ordered by need.

Every action writes its judgement and its audit row in one transaction. Undo marks the judgement
undone (``judgements.undone_by``) and reverses what it changed; the views then ignore it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from orbat.errors import NotFoundError, ReviewError
from orbat.keys import alias_key, minted_id
from orbat.store.base import MAX_ROW_ID
from orbat.store.db import Store
from orbat.store.judgements import EDIT_TABLES, EDITABLE

_ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
Action = Literal["accept", "reject", "edit", "merge", "split"]
SURE = ("asserted", "confirmed")  # certainty values that need no second look
REASON_WEIGHTS = {"low certainty": 3, "single source": 2, "conflicting dates": 3, "conflicting figures": 2,
                  "new entity": 1}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    reviewer: str
    action: str
    target: str
    other: str | None
    reason: str | None
    judgement_id: int | None
    undone: bool


def _fact(store: Store, target: str) -> tuple[str, int, Any]:
    """"event:12" -> ("events", 12, row); NotFoundError naming the target otherwise."""
    kind, _, raw = target.partition(":")
    table = EDIT_TABLES.get(kind)
    if table is None or not raw.isdigit():
        raise NotFoundError(f"{target!r}: name a fact as event:<id> or relation:<id>")
    if int(raw) > MAX_ROW_ID:
        raise NotFoundError(f"{target!r}: no such {kind} (ids go up to {MAX_ROW_ID})")
    row = store.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (int(raw),)).fetchone()
    if row is None:
        raise NotFoundError(f"{target!r}: no such {kind}")
    return table, int(raw), row


def merge_problems(store: Store, keep: str, gone: str) -> list[str]:
    """Why merging ``gone`` into ``keep`` is unsafe: different types, relations that would become self-loops."""
    types = dict(store.conn.execute("SELECT id, type FROM entities WHERE id IN (?, ?)", (keep, gone)).fetchall())
    problems = []
    if types.get(keep) != types.get(gone):
        problems.append(f"{gone} is {types.get(gone)} and {keep} is {types.get(keep)}: types differ")
    group = [r[0] for r in store.conn.execute("SELECT id FROM entity_roots WHERE root IN (?, ?)", (keep, gone))]
    marks = ",".join("?" for _ in group)
    loops = store.conn.execute(
        f"SELECT count(*), min(predicate) FROM relations WHERE subject_id IN ({marks}) AND object_id IN ({marks}) "
        "AND subject_id != object_id", [*group, *group]).fetchone()
    if loops[0]:
        problems.append(f"{loops[0]} relation(s) between them (e.g. {loops[1]}) would become self-loops")
    return problems


def _audit(store: Store, reviewer: str, action: str, target: str, other: str | None, reason: str | None,
           judgement_id: int | None, before: Any = None, after: Any = None) -> int:
    return _insert(store,
                   "INSERT INTO audit_log (reviewer, action, target, other, reason, judgement_id, before_json, "
                   "after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   (reviewer, action, target, other, reason, judgement_id,
                    None if before is None else json.dumps(before), None if after is None else json.dumps(after)))


def _insert(store: Store, sql: str, params: tuple[Any, ...]) -> int:
    """The id of the row an ``INSERT ... RETURNING id`` made (psycopg's cursors have no lastrowid)."""
    row = store.conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def _judge(store: Store, kind: str, target: str, other: str | None, reason: str | None, reviewer: str,
           result: str | None) -> int:
    return _insert(store, "INSERT INTO judgements (kind, target, other, note, author, result) "
                          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", (kind, target, other, reason, reviewer, result))


def review(store: Store, action: Action, target: str, reviewer: str, reason: str | None = None,
           other: str | None = None, fields: dict[str, Any] | None = None, force: bool = False) -> dict[str, Any]:
    """Record one review action; returns {audit_id, judgement_id, action, target, other, result}.
    Merges across types or making self-loops are refused (ReviewError) unless ``force``."""
    if not reviewer.strip():
        raise ReviewError("a review action needs a reviewer name")
    if action in ("accept", "reject"):
        table, _, row = _fact(store, target)
        with store.transaction():
            jid = _judge(store, action, target, None, reason, reviewer, row["fact_key"])
            aid = _audit(store, reviewer, action, target, None, reason, jid)
        return {"audit_id": aid, "judgement_id": jid, "action": action, "target": target, "result": row["fact_key"]}
    if action == "edit":
        return _edit(store, target, reviewer, reason, fields or {})
    if action == "merge":
        if not other:
            raise ReviewError("merge needs 'other': the entity merged into 'target'")
        keep, gone = store.resolve_name(target), store.resolve_name(other)
        if keep == gone:
            raise ReviewError(f"{target!r} and {other!r} are already the same entity")
        problems = merge_problems(store, keep, gone)
        if problems and not force:
            raise ReviewError("merge refused: " + "; ".join(problems) + " (send force to merge anyway)")
        with store.transaction():
            store.conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (keep, gone))
            jid = _judge(store, "merge", keep, gone, reason, reviewer, None)
            aid = _audit(store, reviewer, "merge", keep, gone, reason, jid)
        return {"audit_id": aid, "judgement_id": jid, "action": "merge", "target": keep, "other": gone}
    if action == "split":
        if not other:
            raise ReviewError("split needs 'other': the alias to split off 'target'")
        return _split(store, target, other, reviewer, reason)
    raise ReviewError(f"{action!r}: an action is accept, reject, edit, merge or split")


def _split(store: Store, target: str, alias: str, reviewer: str, reason: str | None) -> dict[str, Any]:
    """Store.split with its judgement and audit row in the same transaction."""
    eid = store.resolve_name(target)
    key = alias_key(alias)
    if not store._alias_rows(eid, key) and not store._mention_ids(eid, key, None):
        raise NotFoundError(f"{target!r} has no alias or mention {alias!r} to split off")
    etype = store.conn.execute("SELECT type FROM entities WHERE id = ?", (eid,)).fetchone()[0]
    new_id = store._free_id(minted_id(str(etype), alias))
    with store.transaction():
        store.conn.execute("INSERT INTO entities (id, canonical, type, origin) VALUES (?, ?, ?, 'analyst')",
                           (new_id, alias, etype))
        jid = _judge(store, "split", eid, alias, reason, reviewer, new_id)
        store._apply_splits(None)
        aid = _audit(store, reviewer, "split", eid, alias, reason, jid, after=new_id)
    return {"audit_id": aid, "judgement_id": jid, "action": "split", "target": eid, "other": alias, "result": new_id}




def _edit(store: Store, target: str, reviewer: str, reason: str | None, fields: dict[str, Any]) -> dict[str, Any]:
    table, fid, row = _fact(store, target)
    bad = sorted(set(fields) - set(EDITABLE[table]))
    if not fields or bad:
        raise ReviewError(f"edit {target}: editable fields are {', '.join(EDITABLE[table])}"
                          + (f" (not {', '.join(bad)})" if bad else ""))
    for k, v in fields.items():
        if k.startswith("date") and v is not None and not _ISO.match(str(v)):
            raise ReviewError(f"edit {target}: {k} {v!r} is not an ISO date (2024, 2024-03, 2024-03-05)")
        if k == "fatalities" and v is not None and not str(v).isdigit():
            raise ReviewError(f"edit {target}: fatalities {v!r} is not a whole number")
    before = {k: row[k] for k in fields}
    with store.transaction():
        jid = _judge(store, "edit", target, json.dumps(fields), reason, reviewer, row["fact_key"])
        store.conn.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                           [*fields.values(), fid])
        aid = _audit(store, reviewer, "edit", target, None, reason, jid, before, fields)
    return {"audit_id": aid, "judgement_id": jid, "action": "edit", "target": target, "before": before,
            "after": fields}


def undo(store: Store, audit_id: int, reviewer: str, reason: str | None = None) -> dict[str, Any]:
    """Reverse the review action logged as ``audit_id`` (its judgement stops applying)."""
    row = store.conn.execute("SELECT * FROM audit_log WHERE id = ?", (audit_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"audit entry {audit_id}: no such review action")
    jid = row["judgement_id"]
    j = store.conn.execute("SELECT * FROM judgements WHERE id = ?", (jid,)).fetchone() if jid else None
    if j is None or row["action"] == "undo":
        raise ReviewError(f"audit entry {audit_id}: a {row['action']} cannot be undone")
    if j["undone_by"] is not None:
        raise ReviewError(f"audit entry {audit_id}: already undone")
    with store.transaction():
        new = _audit(store, reviewer, "undo", f"audit:{audit_id}", row["target"], reason, None)
        store.conn.execute("UPDATE judgements SET undone_by = ? WHERE id = ?", (new, jid))
        if j["kind"] == "merge":
            store.conn.execute("UPDATE entities SET merged_into = NULL WHERE id = ? AND merged_into = ?",
                               (j["other"], j["target"]))
        elif j["kind"] == "edit" and row["before_json"]:
            table = EDIT_TABLES[str(j["target"]).partition(":")[0]]
            before = json.loads(row["before_json"])
            store.conn.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in before)} WHERE fact_key = ?",
                               [*before.values(), j["result"]])
        elif j["kind"] == "split":
            target = store.root(str(j["target"]))
            store.conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (target, j["result"]))
            store.conn.execute("UPDATE aliases SET entity_id = ? WHERE entity_id = ? AND origin = 'analyst'",
                               (target, j["result"]))
            store.conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (target, j["result"]))
    return {"audit_id": new, "undid": audit_id, "action": j["kind"], "target": row["target"]}


def audit_log(store: Store, limit: int = 50, offset: int = 0, target: str | None = None) -> tuple[list[AuditRow], int]:
    """Review actions, newest first (``target``: only those on one fact or entity), and their total."""
    where, params = ("WHERE a.target = ?", [target]) if target else ("", [])
    total = store.conn.execute(f"SELECT count(*) FROM audit_log a {where}", params).fetchone()[0]
    rows = store.conn.execute(
        f"SELECT a.*, j.undone_by FROM audit_log a LEFT JOIN judgements j ON j.id = a.judgement_id {where} "
        "ORDER BY a.id DESC LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [AuditRow(r["id"], r["at"], r["reviewer"], r["action"], r["target"], r["other"], r["reason"],
                     r["judgement_id"], r["undone_by"] is not None) for r in rows], int(total)


def verdicts(store: Store, targets: list[str]) -> dict[str, str]:
    """Standing verdict ("accept"/"reject") of each reviewed "event:<id>"/"relation:<id>" in ``targets``."""
    out: dict[str, str] = {}
    for kind, table in EDIT_TABLES.items():
        ids = [int(t.partition(":")[2]) for t in targets if t.startswith(kind + ":") and t.partition(":")[2].isdigit()]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for fid, verdict in store.conn.execute(
                    f"SELECT t.id, v.verdict FROM {table} t JOIN fact_verdicts v ON v.fact_key = t.fact_key "
                    f"WHERE t.id IN ({','.join('?' for _ in chunk)})", chunk):
                out[f"{kind}:{fid}"] = str(verdict)
    return out


@dataclass(frozen=True)
class QueueItem:
    target: str
    kind: str  # event | relation
    label: str
    date: str | None
    certainty: str
    source_count: int
    reasons: list[str]
    score: int
    article_id: str | None
    start: int | None
    end: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _score(reasons: list[str]) -> int:
    return sum(REASON_WEIGHTS[r] for r in reasons)


def _event_items(store: Store) -> list[QueueItem]:
    rows = store.conn.execute(
        "WITH firsts AS (SELECT event_id, min(rowid) AS rid, count(DISTINCT coalesce(fatalities, -1)) AS figures "
        "FROM event_sources GROUP BY event_id) "
        "SELECT ev.id, ev.type, ev.actor1, ev.actor1_id, ev.actor2, ev.actor2_id, ev.location, ev.date, "
        "ev.certainty, ev.source_count, es.article_id, es.start, es.end, f.figures "
        "FROM events ev JOIN firsts f ON f.event_id = ev.id JOIN event_sources es ON es.rowid = f.rid "
        "WHERE coalesce(ev.fact_key, '') NOT IN (SELECT fact_key FROM fact_verdicts)").fetchall()
    items = []
    for r in rows:
        reasons = [reason for reason, hit in (
            ("low certainty", r["certainty"] not in SURE), ("single source", r["source_count"] <= 1),
            ("conflicting figures", r["figures"] > 1),
            ("new entity", any(str(i or "").startswith("new:") for i in (r["actor1_id"], r["actor2_id"]))),
        ) if hit]
        label = f"{r['type']}: {r['actor1'] or '?'}" + (f" vs {r['actor2']}" if r["actor2"] else "") + (
            f" at {r['location']}" if r["location"] else "")
        items.append(QueueItem(f"event:{r['id']}", "event", label, r["date"], r["certainty"], r["source_count"],
                               reasons, _score(reasons), r["article_id"], r["start"], r["end"]))
    return items


def _relation_items(store: Store) -> list[QueueItem]:
    rows = store.conn.execute(
        "WITH claims AS (SELECT subject_id, predicate, object_id, count(DISTINCT article_id) AS sources, "
        "count(DISTINCT coalesce(date_start, '')) AS dates FROM relations GROUP BY subject_id, predicate, object_id) "
        "SELECT rel.id, rel.subject_id, rel.object_id, rel.predicate, rel.date_start, rel.date_end, rel.certainty, "
        "rel.article_id, rel.start, rel.end, s.canonical AS subject, o.canonical AS object, c.sources, c.dates "
        "FROM relations rel JOIN claims c ON c.subject_id = rel.subject_id AND c.predicate = rel.predicate "
        "AND c.object_id = rel.object_id JOIN entities s ON s.id = rel.subject_id "
        "JOIN entities o ON o.id = rel.object_id "
        "WHERE rel.origin = 'text' AND coalesce(rel.fact_key, '') NOT IN (SELECT fact_key FROM fact_verdicts)"
    ).fetchall()
    items = []
    for r in rows:
        reasons = [reason for reason, hit in (
            ("low certainty", r["certainty"] not in SURE), ("single source", r["sources"] <= 1),
            ("conflicting dates", r["dates"] > 1),
            ("new entity", str(r["subject_id"]).startswith("new:") or str(r["object_id"]).startswith("new:")),
        ) if hit]
        items.append(QueueItem(f"relation:{r['id']}", "relation", f"{r['subject']} {r['predicate']} {r['object']}",
                               r["date_start"], r["certainty"], int(r["sources"]), reasons, _score(reasons),
                               r["article_id"], r["start"], r["end"]))
    return items


def queue(store: Store, limit: int = 50, offset: int = 0, kind: str | None = None) -> tuple[list[QueueItem], int]:
    """Unreviewed (and not rejected) facts, most in need of review first, and how many there are."""
    items = ([] if kind == "relation" else _event_items(store)) + ([] if kind == "event" else _relation_items(store))
    items.sort(key=lambda q: (-q.score, q.target))
    return items[offset: offset + limit], len(items)
