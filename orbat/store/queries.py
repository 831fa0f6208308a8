"""Read queries over the store. Judgements apply here: ids resolve through analyst merges
(``entity_roots``) and rejected events/relations (``rejected_facts``) are left out."""

from __future__ import annotations

import sqlite3
from typing import Any

from orbat.errors import NotFoundError
from orbat.nlp.normalize import alias_key
from orbat.store.db import Store
from orbat.store.rows import EntityRow, EventRow, Profile, RelationRow, SourceRow, Summary

NOT_REJECTED = "coalesce({t}.fact_key, '') NOT IN (SELECT fact_key FROM rejected_facts WHERE fact_key IS NOT NULL)"
_MENTIONS = ("(SELECT count(*) FROM mentions m JOIN entity_roots r ON r.id = m.entity_id "
             "WHERE r.root = entities.id)")


def _entity_row(row: sqlite3.Row) -> EntityRow:
    return EntityRow(row["id"], row["canonical"], row["type"], row["origin"], row["inter_code"], row["country"],
                     int(row["mentions"]))


def entities(store: Store, type: str | None = None, search: str | None = None, limit: int = 50,
             offset: int = 0) -> list[EntityRow]:
    """Entities (after merges) with their mention counts, most mentioned first."""
    sql = f"SELECT entities.*, {_MENTIONS} AS mentions FROM entities WHERE merged_into IS NULL"
    params: list[Any] = []
    if type:
        sql += " AND type = ?"
        params.append(type.upper())
    if search:
        sql += (" AND (canonical LIKE ? OR id IN (SELECT r.root FROM aliases a JOIN entity_roots r "
                "ON r.id = a.entity_id WHERE a.norm LIKE ?))")
        params += [f"%{search}%", f"%{alias_key(search)}%"]
    sql += " ORDER BY mentions DESC, canonical COLLATE NOCASE LIMIT ? OFFSET ?"
    params += [limit, offset]
    return [_entity_row(r) for r in store.conn.execute(sql, params)]


def _roots(store: Store) -> dict[str, str]:
    """Every entity id -> the id it resolves to after merges (the recursive view, evaluated once)."""
    return {str(i): str(r) for i, r in store.conn.execute("SELECT id, root FROM entity_roots")}


def _names(store: Store) -> dict[str, str]:
    return {str(i): str(n) for i, n in store.conn.execute("SELECT id, canonical FROM entities")}


def _marks(values: list[str]) -> str:
    return ",".join("?" for _ in values) or "NULL"


def _event_row(r: sqlite3.Row, roots: dict[str, str], names: dict[str, str]) -> EventRow:
    root1, root2 = roots.get(r["actor1_id"] or ""), roots.get(r["actor2_id"] or "")
    return EventRow(
        r["id"], r["type"], names.get(root1 or "", r["actor1"]), root1, names.get(root2 or "", r["actor2"]), root2,
        r["assoc_actor1"], r["assoc_actor2"], r["inter1"], r["inter2"], r["location"], r["country"], r["iso"],
        r["admin1"], r["admin2"], r["latitude"], r["longitude"], r["geo_precision"], r["date"],
        r["time_precision"], r["fatalities"], r["injured"], r["count"], bool(r["approx"]), r["certainty"],
        r["claimed_by"], r["modality"], int(r["source_count"]),
    )


def _type_matches(event_type: str, wanted: str) -> bool:
    return (event_type.casefold().startswith(wanted.casefold())
            or event_type.split("/")[-1].casefold() == wanted.casefold())


def events(store: Store, actor: str | None = None, type: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None,
           bbox: tuple[float, float, float, float] | None = None, limit: int | None = None,
           offset: int = 0, newest_first: bool = False) -> list[EventRow]:
    """Events (with source counts) filtered by actor (either side), type prefix, country name or ISO,
    date range (partial dates compare by prefix) and bbox (min_lon, min_lat, max_lon, max_lat).
    Filters run in SQL (indexed); merges resolve through one read of ``entity_roots``."""
    roots, names = _roots(store), _names(store)
    sql = f"SELECT ev.* FROM events ev WHERE {NOT_REJECTED.format(t='ev')}"
    params: list[Any] = []
    if actor:
        ids = set(store.lookup_ids(actor))
        group = sorted(i for i, r in roots.items() if r in ids)
        marks = _marks(group)
        # by id (after merges), or by the actor text when the event names an actor with no entity id
        sql += (f" AND (ev.actor1_id IN ({marks}) OR ev.actor2_id IN ({marks})"
                " OR (ev.actor1_id IS NULL AND ev.actor1 = ? COLLATE NOCASE)"
                " OR (ev.actor2_id IS NULL AND ev.actor2 = ? COLLATE NOCASE))")
        params += [*group, *group, actor, actor]
    if type:
        sql += " AND instr(lower(ev.type), lower(?)) > 0"  # superset; exact test below
        params.append(type)
    if country:
        sql += " AND (lower(ev.country) = lower(?) OR lower(ev.iso) = lower(?))"
        params += [country, country]
    if since:
        sql += " AND ev.date >= substr(?, 1, length(ev.date))"
        params.append(since)
    if until:
        sql += " AND substr(ev.date, 1, length(?)) <= ?"
        params += [until, until]
    if bbox:
        x0, y0, x1, y1 = bbox
        sql += " AND ev.longitude BETWEEN ? AND ? AND ev.latitude BETWEEN ? AND ?"
        params += [x0, x1, y0, y1]
    sql += " ORDER BY ev.date DESC, ev.id DESC" if newest_first else " ORDER BY ev.date, ev.id"
    if not type and limit:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
        offset = 0
    rows = [_event_row(r, roots, names) for r in store.conn.execute(sql, params)]
    if type:
        rows = [e for e in rows if _type_matches(e.type, type)]
    rows = rows[offset:]
    return rows[:limit] if limit else rows


def holds_at(start: str | None, end: str | None, at: str) -> bool:
    """[start, end] holds at ``at``; partial dates cover their whole month/year."""
    if start and start[: len(at)] > at[: len(start)]:
        return False
    return not (end and at[: len(end)] > end)


def relations(store: Store, entity: str | None = None, predicate: str | None = None,
              at: str | None = None) -> list[RelationRow]:
    roots, names = _roots(store), _names(store)
    where, params = "1", []
    if predicate:
        where += " AND rel.predicate = ?"
        params.append(predicate)
    if entity:
        eid = store.resolve_name(entity)
        group = sorted(i for i, r in roots.items() if r == eid) or [eid]
        where += f" AND (rel.subject_id IN ({_marks(group)}) OR rel.object_id IN ({_marks(group)}))"
        params += [*group, *group]
    rows = store.conn.execute(f"SELECT rel.* FROM relations rel WHERE {where} AND {NOT_REJECTED.format(t='rel')} "
                              "ORDER BY coalesce(rel.date_start, ''), rel.id", params).fetchall()
    if at:
        rows = [r for r in rows if holds_at(r["date_start"], r["date_end"], at)]
    counts: dict[tuple[str, str, str], set[str]] = {}
    for r in store.conn.execute(f"SELECT subject_id, predicate, object_id, article_id FROM relations rel "
                                f"WHERE {where} AND rel.article_id IS NOT NULL", params):
        key = (roots.get(r[0], r[0]), r[1], roots.get(r[2], r[2]))
        counts.setdefault(key, set()).add(r[3])
    out = []
    for r in rows:
        s, o = roots.get(r["subject_id"], r["subject_id"]), roots.get(r["object_id"], r["object_id"])
        out.append(RelationRow(r["id"], s, names.get(s, s), r["predicate"], o, names.get(o, o), r["date_start"],
                               r["date_end"], r["status"], r["certainty"], r["origin"],
                               len(counts.get((s, r["predicate"], o), ())), r["article_id"],
                               r["evidence"], r["start"], r["end"], r["rule"]))
    return out


def profile(store: Store, entity_id: str, limit: int | None = None) -> Profile:
    """Everything known about one entity (name, id or alias), merged entities included; with ``limit``,
    only the newest ``limit`` events and sources (pages; the counts stay in ``mention_count``)."""
    eid = store.resolve_name(entity_id)
    row = store.conn.execute(f"SELECT entities.*, {_MENTIONS} AS mentions FROM entities WHERE id = ?",
                             (eid,)).fetchone()
    if row is None:
        raise NotFoundError(f"{entity_id!r}: no such entity")
    group = [r[0] for r in store.conn.execute("SELECT id FROM entity_roots WHERE root = ?", (eid,))] or [eid]
    marks = ",".join("?" for _ in group)
    aliases = [r[0] for r in store.conn.execute(
        f"SELECT alias FROM aliases WHERE entity_id IN ({marks}) GROUP BY norm ORDER BY min(rowid)", group)]
    evs = [e for e in events(store, actor=eid, limit=limit, newest_first=limit is not None)
           if eid in (e.actor1_id, e.actor2_id)]
    sources = [SourceRow(*r) for r in store.conn.execute(
        f"SELECT DISTINCT a.id, a.title, a.url, a.published, a.outlet FROM articles a JOIN mentions m "
        f"ON m.article_id = a.id WHERE m.entity_id IN ({marks}) ORDER BY a.published{' DESC' if limit else ''}, a.id "
        "LIMIT ?", (*group, -1 if limit is None else limit))]
    return Profile(_entity_row(row), [a for a in aliases if a != row["canonical"]], int(row["mentions"]), evs,
                   relations(store, eid), sources, [g for g in group if g != eid])


def _counts(store: Store, sql: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in store.conn.execute(sql)}


def summary(store: Store) -> Summary:
    articles = {"ok": 0, "skipped": 0,
                **_counts(store, "SELECT status, count(*) FROM articles GROUP BY status ORDER BY status")}
    articles["near_duplicates"] = store.conn.execute(
        "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    for status, key in (("duplicate", "duplicates"), ("failed", "failed")):
        articles[key] = store.conn.execute(
            "SELECT count(DISTINCT item) FROM ingest_log WHERE status = ?", (status,)).fetchone()[0]
    mentioned = ("SELECT DISTINCT r.root FROM mentions m JOIN entity_roots r ON r.id = m.entity_id")
    by_type = _counts(store, f"SELECT type, count(*) FROM entities WHERE id IN ({mentioned}) GROUP BY type ORDER BY type")
    ev_types = _counts(store, f"SELECT type, count(*) FROM events ev WHERE {NOT_REJECTED.format(t='ev')} "
                              "GROUP BY type ORDER BY count(*) DESC, type")
    rel_preds = _counts(store, f"SELECT predicate, count(*) FROM relations rel WHERE origin != 'kb' AND "
                               f"{NOT_REJECTED.format(t='rel')} GROUP BY predicate ORDER BY count(*) DESC, predicate")
    kb_rel = store.conn.execute("SELECT count(*) FROM relations WHERE origin = 'kb'").fetchone()[0]
    top = [(e.id, e.canonical, e.mentions) for e in entities(store, type="ORG_ARMED", limit=10) if e.mentions]
    return Summary(articles, by_type, ev_types, rel_preds, int(kb_rel), top)
