"""Entities: the list, one entity's page (profile), its summary, the store's summary."""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from orbat.errors import NotFoundError
from orbat.keys import alias_key
from orbat.query.base import (
    NOT_REJECTED,
    _limit,
    _marks,
    _names,
    _not_rejected,
    _roots,
    entity_names,
    not_rejected_sql,
    root_ids,
)
from orbat.query.events import _event_row, _months
from orbat.query.relations import distinct_claims, relations
from orbat.query.rows import EntityRow, EventRow, Profile, SourceRow, Summary
from orbat.store.base import like_pattern
from orbat.store.db import Store

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



def entity_summary(store: Store, prof: Profile) -> dict[str, Any]:
    """First and last seen, events by type and by month, total fatalities and the top co-actors."""
    group = [prof.entity.id, *prof.merged]
    marks = ",".join("?" for _ in group)
    where = f"(ev.actor1_id IN ({marks}) OR ev.actor2_id IN ({marks})) AND {not_rejected_sql(store, 'ev')}"
    params = [*group, *group]
    # one pass over the group's events (grouping in SQL by type walks the type index over every event)
    types: dict[str, list[int]] = {}
    month_counts: Counter[str] = Counter()
    for etype, fatalities, date in store.conn.execute(
            f"SELECT ev.type, ev.fatalities, ev.date FROM events ev WHERE {where}", params):
        counts = types.setdefault(str(etype), [0, 0])
        counts[0] += 1
        counts[1] += int(fatalities or 0)
        if date and len(date) >= 7:
            month_counts[str(date)[:7]] += 1
    by_type = [{"type": t, "n": n, "fatalities": f} for t, (n, f) in
               sorted(types.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    by_month = dict(sorted(month_counts.items()))
    seen = store.conn.execute(
        f"SELECT min(a.published), max(a.published) FROM articles a WHERE a.id IN "
        f"(SELECT article_id FROM mentions WHERE entity_id IN ({marks}))", group).fetchone()
    roots, names = root_ids(store), entity_names(store)
    others: Counter[str] = Counter()
    for other, n in store.conn.execute(
            f"SELECT CASE WHEN ev.actor1_id IN ({marks}) THEN ev.actor2_id ELSE ev.actor1_id END AS other, count(*) "
            f"FROM events ev WHERE {where} GROUP BY other", [*group, *params]):
        root = roots.get(str(other or ""))
        if root and root != prof.entity.id:
            others[root] += int(n)
    co = [{"id": i, "name": names.get(i, i), "n": n}
          for i, n in sorted(others.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))[:5]]
    months = _months(min(by_month), max(by_month)) if by_month else []
    return {"first_seen": seen[0], "last_seen": seen[1], "by_type": by_type,
            "months": [{"month": m, "n": by_month.get(m, 0)} for m in months],
            "fatalities": sum(f for _, f in types.values()), "co_actors": co}

