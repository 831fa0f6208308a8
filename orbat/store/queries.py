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
_ROOT_NAME = "(SELECT e.canonical FROM entity_roots r JOIN entities e ON e.id = r.root WHERE r.id = {col})"
_ROOT_ID = "(SELECT r.root FROM entity_roots r WHERE r.id = {col})"
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


def _event_select() -> str:
    return (f"SELECT ev.*, coalesce({_ROOT_NAME.format(col='ev.actor1_id')}, ev.actor1) AS actor1_name, "
            f"coalesce({_ROOT_NAME.format(col='ev.actor2_id')}, ev.actor2) AS actor2_name, "
            f"{_ROOT_ID.format(col='ev.actor1_id')} AS actor1_root, {_ROOT_ID.format(col='ev.actor2_id')} AS actor2_root "
            f"FROM events ev WHERE {NOT_REJECTED.format(t='ev')}")


def _event_row(r: sqlite3.Row) -> EventRow:
    return EventRow(
        r["id"], r["type"], r["actor1_name"], r["actor1_root"], r["actor2_name"], r["actor2_root"],
        r["assoc_actor1"], r["assoc_actor2"], r["inter1"], r["inter2"], r["location"], r["country"], r["iso"],
        r["admin1"], r["admin2"], r["latitude"], r["longitude"], r["geo_precision"], r["date"],
        r["time_precision"], r["fatalities"], r["injured"], r["count"], bool(r["approx"]), r["certainty"],
        r["claimed_by"], r["modality"], int(r["source_count"]),
    )


def events(store: Store, actor: str | None = None, type: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None,
           bbox: tuple[float, float, float, float] | None = None, limit: int | None = None) -> list[EventRow]:
    """Events (with source counts) filtered by actor (either side), type prefix, country name or ISO,
    date range (partial dates compare by prefix) and bbox (min_lon, min_lat, max_lon, max_lat)."""
    rows = [_event_row(r) for r in store.conn.execute(_event_select() + " ORDER BY ev.date, ev.id")]
    if actor:
        ids = set(store.lookup_ids(actor))
        key = alias_key(actor)
        rows = [e for e in rows if {e.actor1_id, e.actor2_id} & ids
                or key in (alias_key(e.actor1 or ""), alias_key(e.actor2 or ""))]
    if type:
        rows = [e for e in rows if e.type.casefold().startswith(type.casefold())
                or e.type.split("/")[-1].casefold() == type.casefold()]
    if country:
        c = country.casefold()
        rows = [e for e in rows if c in ((e.country or "").casefold(), (e.iso or "").casefold())]
    if since:
        rows = [e for e in rows if e.date and e.date >= since[: len(e.date)]]
    if until:
        rows = [e for e in rows if e.date and e.date[: len(until)] <= until]
    if bbox:
        x0, y0, x1, y1 = bbox
        rows = [e for e in rows if e.latitude is not None and e.longitude is not None
                and x0 <= e.longitude <= x1 and y0 <= e.latitude <= y1]
    return rows[:limit] if limit else rows


def holds_at(start: str | None, end: str | None, at: str) -> bool:
    """[start, end] holds at ``at``; partial dates cover their whole month/year."""
    if start and start[: len(at)] > at[: len(start)]:
        return False
    return not (end and at[: len(end)] > end)


def relations(store: Store, entity: str | None = None, predicate: str | None = None,
              at: str | None = None) -> list[RelationRow]:
    sroot, oroot = _ROOT_ID.format(col="rel.subject_id"), _ROOT_ID.format(col="rel.object_id")
    sql = (f"SELECT rel.*, {sroot} AS sroot, {oroot} AS oroot, "
           f"{_ROOT_NAME.format(col='rel.subject_id')} AS sname, {_ROOT_NAME.format(col='rel.object_id')} AS oname "
           f"FROM relations rel WHERE {NOT_REJECTED.format(t='rel')}")
    params: list[Any] = []
    if predicate:
        sql += " AND rel.predicate = ?"
        params.append(predicate)
    rows = store.conn.execute(sql + " ORDER BY coalesce(rel.date_start, ''), rel.id", params).fetchall()
    if entity:
        eid = store.resolve_name(entity)
        rows = [r for r in rows if eid in (r["sroot"], r["oroot"])]
    if at:
        rows = [r for r in rows if holds_at(r["date_start"], r["date_end"], at)]
    counts: dict[tuple[str, str, str], set[str]] = {}
    for r in store.conn.execute(f"SELECT {sroot}, predicate, {oroot}, article_id FROM relations rel "
                                "WHERE article_id IS NOT NULL"):
        counts.setdefault((r[0], r[1], r[2]), set()).add(r[3])
    return [
        RelationRow(r["id"], r["sroot"], r["sname"], r["predicate"], r["oroot"], r["oname"], r["date_start"],
                    r["date_end"], r["status"], r["certainty"], r["origin"],
                    len(counts.get((r["sroot"], r["predicate"], r["oroot"]), ())), r["article_id"],
                    r["evidence"], r["start"], r["end"], r["rule"])
        for r in rows
    ]


def profile(store: Store, entity_id: str) -> Profile:
    """Everything known about one entity (name, id or alias), merged entities included."""
    eid = store.resolve_name(entity_id)
    row = store.conn.execute(f"SELECT entities.*, {_MENTIONS} AS mentions FROM entities WHERE id = ?",
                             (eid,)).fetchone()
    if row is None:
        raise NotFoundError(f"{entity_id!r}: no such entity")
    group = [r[0] for r in store.conn.execute("SELECT id FROM entity_roots WHERE root = ?", (eid,))] or [eid]
    marks = ",".join("?" for _ in group)
    aliases = [r[0] for r in store.conn.execute(
        f"SELECT alias FROM aliases WHERE entity_id IN ({marks}) GROUP BY norm ORDER BY min(rowid)", group)]
    evs = [e for e in events(store) if eid in (e.actor1_id, e.actor2_id)]
    sources = [SourceRow(*r) for r in store.conn.execute(
        f"SELECT DISTINCT a.id, a.title, a.url, a.published, a.outlet FROM articles a JOIN mentions m "
        f"ON m.article_id = a.id WHERE m.entity_id IN ({marks}) ORDER BY a.published, a.id", group)]
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
