"""Read queries over the store. Judgements apply here: ids resolve through analyst merges
(``entity_roots``) and rejected events/relations (``rejected_facts``) are left out."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import pycountry

from orbat.errors import NotFoundError
from orbat.nlp.normalize import alias_key
from orbat.store.base import MAX_ROW_ID, like_pattern
from orbat.store.db import Store
from orbat.store.rows import EntityRow, EventRow, Profile, RelationRow, SourceRow, Summary

NOT_REJECTED = "coalesce({t}.fact_key, '') NOT IN (SELECT fact_key FROM rejected_facts WHERE fact_key IS NOT NULL)"
_MENTIONS = ("(SELECT count(*) FROM mentions m JOIN entity_roots r ON r.id = m.entity_id "
             "WHERE r.root = entities.id)")


def _entity_row(row: sqlite3.Row | dict[str, Any]) -> EntityRow:
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
        params += [like_pattern(search), like_pattern(alias_key(search))]
    sql += " ORDER BY mentions DESC, canonical COLLATE NOCASE LIMIT ? OFFSET ?"
    params += [limit, offset]
    return [_entity_row(r) for r in store.conn.execute(sql, params)]


def _cached(store: Store, key: str, build: Callable[[], dict[str, str]]) -> dict[str, str]:
    """``build()`` memoised on the store until the database changes (a commit by any connection
    bumps ``data_version``; a write on this one bumps ``total_changes``). Callers must not mutate it."""
    stamp = store.change_stamp()
    cache: dict[str, tuple[tuple[int, int], dict[str, str]]] = store.__dict__.setdefault("_read_cache", {})
    hit = cache.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = build()
    cache[key] = (stamp, value)
    return value


def _not_rejected(store: Store, table: str) -> str:
    """``NOT_REJECTED`` for ``table``, or "TRUE" while no fact is rejected (most databases; saves a probe a row)."""
    rejected = _cached(store, "rejected", lambda: {str(k): "" for (k,) in store.conn.execute(
        "SELECT fact_key FROM rejected_facts WHERE fact_key IS NOT NULL")})
    return NOT_REJECTED.format(t=table) if rejected else "TRUE"


def _roots(store: Store) -> dict[str, str]:
    """Every entity id -> the id it resolves to after merges (the recursive view, evaluated once)."""
    return _cached(store, "roots", lambda: {str(i): str(r) for i, r in
                                            store.conn.execute("SELECT id, root FROM entity_roots")})


def _names(store: Store) -> dict[str, str]:
    return _cached(store, "names", lambda: {str(i): str(n) for i, n in
                                            store.conn.execute("SELECT id, canonical FROM entities")})


def _limit(limit: int | None) -> str:
    return "" if limit is None else f" LIMIT {int(limit)}"


def _marks(values: Sequence[object]) -> str:
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


def _wide(store: Store, bbox: tuple[float, float, float, float], limit: int) -> bool:
    """A bbox holding so many events that walking them in date order (stopping at ``limit``) reads fewer
    rows than fetching and sorting every event in it through the lat/lon index (two index-only counts)."""
    x0, y0, x1, y1 = bbox
    inside = store.conn.execute("SELECT count(*) FROM events WHERE latitude BETWEEN ? AND ? "
                                "AND longitude BETWEEN ? AND ?", (y0, y1, x0, x1)).fetchone()[0]
    if inside <= limit:
        return False
    total = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    return bool(inside * inside > limit * total)


def _like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ESCAPE '!'."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _type_matches(event_type: str, wanted: str) -> bool:
    """A full name or its prefix ("Explosions/Remote violence"), or a whole sub-event type
    ("Air/drone strike": sub-types may hold a "/" themselves)."""
    t, w = event_type.casefold(), wanted.strip().casefold()
    return t.startswith(w) or t.endswith("/" + w)


def _iso3(country: str) -> str:
    """Events keep ISO 3166 alpha-3 codes: "SY" -> "SYR"; anything else is compared as given."""
    if len(country) == 2 and country.isascii() and country.isalpha():
        found = pycountry.countries.get(alpha_2=country.upper())
        if found is not None:
            return str(found.alpha_3)
    return country


def events(store: Store, actor: str | None = None, type: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None,
           bbox: tuple[float, float, float, float] | None = None, limit: int | None = None,
           offset: int = 0, newest_first: bool = False) -> list[EventRow]:
    """Events (with source counts) filtered by actor (either side), type prefix, country name or ISO,
    date range (partial dates compare by prefix) and bbox (min_lon, min_lat, max_lon, max_lat).
    Filters run in SQL (indexed); merges resolve through one read of ``entity_roots``."""
    roots, names = _roots(store), _names(store)
    sql = f"SELECT ev.* FROM events ev WHERE {_not_rejected(store, 'ev')}"
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
    exact_type = type is not None and type.isascii()  # SQL lower() folds ASCII: then the SQL filter is exact
    if type and exact_type:  # _type_matches in SQL: a prefix of the name, or a whole sub-event type
        wanted = _like_escape(type.strip().casefold())
        sql += " AND (lower(ev.type) LIKE ? ESCAPE '!' OR lower(ev.type) LIKE ? ESCAPE '!')"
        params += [f"{wanted}%", f"%/{wanted}"]
    elif type:
        sql += " AND instr(lower(ev.type), lower(?)) > 0"  # superset; exact test below
        params.append(type)
    if country:
        sql += " AND (lower(ev.country) = lower(?) OR lower(ev.iso) IN (lower(?), lower(?)))"
        params += [country, country, _iso3(country)]
    if since:
        sql += " AND ev.date >= substr(?, 1, length(ev.date))"
        params.append(since)
    if until:
        sql += " AND substr(ev.date, 1, length(?)) <= ?"
        params += [until, until]
    if bbox:
        x0, y0, x1, y1 = bbox
        plus = "+" if limit and not type and _wide(store, bbox, limit + offset) else ""
        sql += f" AND {plus}ev.longitude BETWEEN ? AND ? AND {plus}ev.latitude BETWEEN ? AND ?"
        params += [x0, x1, y0, y1]
    sql += " ORDER BY ev.date DESC, ev.id DESC" if newest_first else " ORDER BY ev.date, ev.id"
    if (exact_type or not type) and limit:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
        offset = 0
    rows = [_event_row(r, roots, names) for r in store.conn.execute(sql, params)]
    if type and not exact_type:
        rows = [e for e in rows if _type_matches(e.type, type)]
    rows = rows[offset:]
    return rows[:limit] if limit else rows


def not_rejected_sql(store: Store, table: str) -> str:
    """SQL that keeps the rows of ``table`` (alias) not rejected by an analyst ("1" while none is)."""
    return _not_rejected(store, table)


def root_ids(store: Store) -> dict[str, str]:
    """Every entity id -> the id it resolves to after merges (cached until the database changes)."""
    return _roots(store)


def entity_names(store: Store) -> dict[str, str]:
    """Every entity id -> its canonical name (cached until the database changes)."""
    return _names(store)


def event_by_id(store: Store, event_id: int) -> EventRow | None:
    """One event (actors resolved through merges), or None when it does not exist or is rejected."""
    if not 0 <= event_id <= MAX_ROW_ID:
        return None
    row = store.conn.execute(f"SELECT ev.* FROM events ev WHERE ev.id = ? AND {_not_rejected(store, 'ev')}",
                             (event_id,)).fetchone()
    return None if row is None else _event_row(row, _roots(store), _names(store))


def holds_at(start: str | None, end: str | None, at: str) -> bool:
    """[start, end] holds at ``at``; partial dates cover their whole month/year."""
    if start and start[: len(at)] > at[: len(start)]:
        return False
    return not (end and at[: len(end)] > end)


Key = tuple[str, str, str]


def _source_counts(store: Store, where: str, params: list[Any], roots: dict[str, str]) -> dict[Key, int]:
    """Distinct articles per (subject root, predicate, object root) among the relations ``where`` picks:
    counted in SQL, or over (subject, predicate, object, article) rows when merges join two id pairs."""
    counts: dict[Key, int] = {}
    for s, p, o, n in store.conn.execute(
            f"SELECT subject_id, predicate, object_id, count(DISTINCT article_id) FROM relations rel "
            f"WHERE {where} AND rel.article_id IS NOT NULL GROUP BY 1, 2, 3", params):
        key = (roots.get(s, s), p, roots.get(o, o))
        if key in counts:
            break
        counts[key] = int(n)
    else:
        return counts
    sets: dict[Key, set[str]] = {}
    for s, p, o, a in store.conn.execute(f"SELECT DISTINCT subject_id, predicate, object_id, article_id FROM "
                                         f"relations rel WHERE {where} AND rel.article_id IS NOT NULL", params):
        sets.setdefault((roots.get(s, s), p, roots.get(o, o)), set()).add(a)
    return {k: len(v) for k, v in sets.items()}


def _relation_rows(rows: list[sqlite3.Row], roots: dict[str, str], names: dict[str, str],
                   counts: dict[Key, int]) -> list[RelationRow]:
    out = []
    for r in rows:
        s, o = roots.get(r["subject_id"], r["subject_id"]), roots.get(r["object_id"], r["object_id"])
        out.append(RelationRow(r["id"], s, names.get(s, s), r["predicate"], o, names.get(o, o), r["date_start"],
                               r["date_end"], r["status"], r["certainty"], r["origin"],
                               counts.get((s, r["predicate"], o), 0), r["article_id"],
                               r["evidence"], r["start"], r["end"], r["rule"]))
    return out


def relations(store: Store, entity: str | None = None, predicate: str | None = None,
              at: str | None = None) -> list[RelationRow]:
    roots, names = _roots(store), _names(store)
    where, params = "TRUE", []
    if predicate:
        where += " AND rel.predicate = ?"
        params.append(predicate)
    if entity:
        eid = store.resolve_name(entity)
        group = sorted(i for i, r in roots.items() if r == eid) or [eid]
        where += f" AND (rel.subject_id IN ({_marks(group)}) OR rel.object_id IN ({_marks(group)}))"
        params += [*group, *group]
    rows = store.conn.execute(f"SELECT rel.* FROM relations rel WHERE {where} AND {_not_rejected(store, 'rel')} "
                              "ORDER BY coalesce(rel.date_start, ''), rel.id", params).fetchall()
    if at:
        rows = [r for r in rows if holds_at(r["date_start"], r["date_end"], at)]
    return _relation_rows(rows, roots, names, _source_counts(store, where, params, roots))


def distinct_claims(store: Store, group: list[str]) -> tuple[list[RelationRow], int]:
    """Relations of a merge group, one row per claim (subject, predicate, object, dates, status and
    origin after merges: the first stored row, with its evidence and the claim's source count), and
    the number of relation rows behind them. Grouped in SQL, so a hub group stays cheap."""
    roots, names = _roots(store), _names(store)
    marks = _marks(group)
    where, params = f"(rel.subject_id IN ({marks}) OR rel.object_id IN ({marks}))", [*group, *group]
    kept = f"{where} AND {_not_rejected(store, 'rel')}"
    groups = store.conn.execute(
        f"SELECT min(rel.id), count(*) FROM relations rel WHERE {kept} "
        "GROUP BY subject_id, predicate, object_id, date_start, date_end, status, origin", params).fetchall()
    firsts = [int(g[0]) for g in groups]
    rows = store.conn.execute(f"SELECT rel.* FROM relations rel WHERE rel.id IN ({_marks(firsts)}) "
                              "ORDER BY coalesce(rel.date_start, ''), rel.id", firsts).fetchall()
    total = sum(int(g[1]) for g in groups)
    seen: dict[tuple[Any, ...], RelationRow] = {}
    for r in _relation_rows(rows, roots, names, _source_counts(store, where, params, roots)):
        seen.setdefault((r.subject_id, r.predicate, r.object_id, r.date_start, r.date_end, r.status, r.origin), r)
    return list(seen.values()), int(total)


def _profile_head(store: Store, entity_id: str) -> tuple[sqlite3.Row, list[str], list[str], int]:
    """The entity row, its merge group, its aliases and its mention count (indexed, by group ids)."""
    roots = _roots(store)
    eid = roots.get(entity_id) or store.resolve_name(entity_id)  # an id resolves through the cached roots
    row = store.conn.execute("SELECT * FROM entities WHERE id = ?", (eid,)).fetchone()
    if row is None:
        raise NotFoundError(f"{entity_id!r}: no such entity")
    group = sorted(i for i, r in roots.items() if r == eid) or [eid]
    marks = _marks(group)
    aliases = [r[0] for r in store.conn.execute(
        f"SELECT alias FROM aliases WHERE rowid IN (SELECT min(rowid) FROM aliases WHERE entity_id IN ({marks}) "
        "GROUP BY norm) ORDER BY rowid", group)]
    mentions = store.conn.execute(f"SELECT count(*) FROM mentions WHERE entity_id IN ({marks})", group).fetchone()[0]
    return row, group, aliases, int(mentions)


def _entity_events(store: Store, group: list[str], limit: int | None) -> tuple[list[EventRow], int]:
    """Events with a group member on either side (newest first when bounded) and their total."""
    marks = _marks(group)
    where = f"(ev.actor1_id IN ({marks}) OR ev.actor2_id IN ({marks})) AND {_not_rejected(store, 'ev')}"
    order = "ev.date DESC, ev.id DESC" if limit is not None else "ev.date, ev.id"
    roots, names = _roots(store), _names(store)
    rows = [_event_row(r, roots, names) for r in store.conn.execute(
        f"SELECT ev.* FROM events ev WHERE {where} ORDER BY {order}{_limit(limit)}", (*group, *group))]
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    total = store.conn.execute(f"SELECT count(*) FROM events ev WHERE {where}", (*group, *group)).fetchone()[0]
    return rows, int(total)


def _entity_sources(store: Store, group: list[str], limit: int | None) -> tuple[list[SourceRow], int]:
    """Articles mentioning a group member (newest first when bounded) and their total."""
    marks = _marks(group)
    rows = [SourceRow(*r) for r in store.conn.execute(
        f"SELECT a.id, a.title, a.url, a.published, a.outlet FROM articles a WHERE a.id IN "
        f"(SELECT article_id FROM mentions WHERE entity_id IN ({marks})) "
        f"ORDER BY a.published{' DESC' if limit is not None else ''}, a.id{' DESC' if limit is not None else ''} "
        f"{_limit(limit)}", group)]
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    total = store.conn.execute(f"SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id IN ({marks})",
                               group).fetchone()[0]
    return rows, int(total)


def profile(store: Store, entity_id: str, limit: int | None = None) -> Profile:
    """Everything known about one entity (name, id or alias), merged entities included; with ``limit``,
    only the newest ``limit`` events and sources (pages; the counts stay in ``mention_count``)."""
    row, group, aliases, mentions = _profile_head(store, entity_id)
    eid = str(row["id"])
    evs, _ = _entity_events(store, group, limit)
    sources, _ = _entity_sources(store, group, limit)
    return Profile(_entity_row({**dict(row), "mentions": mentions}), [a for a in aliases if a != row["canonical"]],
                   mentions, evs, relations(store, eid), sources, [g for g in group if g != eid])


def profile_page(store: Store, entity_id: str, limit: int) -> tuple[Profile, dict[str, int]]:
    """An entity page: the newest ``limit`` events and sources, each relation claim once (see
    ``distinct_claims``), and the totals ({"events", "relations", "sources"}) of the full lists."""
    row, group, aliases, mentions = _profile_head(store, entity_id)
    eid = str(row["id"])
    evs, n_events = _entity_events(store, group, limit)
    sources, n_sources = _entity_sources(store, group, limit)
    claims, n_relations = distinct_claims(store, group)
    prof = Profile(_entity_row({**dict(row), "mentions": mentions}), [a for a in aliases if a != row["canonical"]],
                   mentions, evs, claims, sources, [g for g in group if g != eid])
    return prof, {"events": n_events, "relations": n_relations, "sources": n_sources}


def _counts(store: Store, sql: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in store.conn.execute(sql)}


def summary(store: Store) -> Summary:
    articles = {"ok": 0, "skipped": 0,
                **_counts(store, "SELECT status, count(*) FROM articles GROUP BY status ORDER BY status")}
    articles["near_duplicates"] = store.conn.execute(
        "SELECT count(*) FROM articles a WHERE duplicate_of IS NOT NULL AND content_hash IS NOT "
        "(SELECT content_hash FROM articles f WHERE f.id = a.duplicate_of)").fetchone()[0]  # exact copies: log
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
