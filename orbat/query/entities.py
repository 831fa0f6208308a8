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
    mention_counts,
    nocase,
    root_ids,
)
from orbat.query.events import _event_row, _months
from orbat.query.relations import claims_page, relations
from orbat.query.rows import EntityRow, EventRow, Profile, SourceRow, Summary
from orbat.store.base import like_pattern
from orbat.store.db import Store


def _entity_row(row: sqlite3.Row | dict[str, Any]) -> EntityRow:
    return EntityRow(row["id"], row["canonical"], row["type"], row["origin"], row["inter_code"], row["country"],
                     int(row["mentions"]))


def entities(store: Store, type: str | None = None, search: str | None = None, limit: int = 50,
             offset: int = 0) -> list[EntityRow]:
    """Entities (after merges) with their mention counts, most mentioned first (then by name)."""
    sql = "SELECT * FROM entities WHERE merged_into IS NULL"
    params: list[Any] = []
    if type:
        sql += " AND type = ?"
        params.append(type.upper())
    if search:
        sql += (" AND (canonical LIKE ? OR id IN (SELECT r.root FROM aliases a JOIN entity_roots r "
                "ON r.id = a.entity_id WHERE a.norm LIKE ?))")
        params += [like_pattern(search), like_pattern(alias_key(search))]
    counts = mention_counts(store)
    rows = sorted(store.conn.execute(sql, params), key=lambda r: (-counts.get(r["id"], 0), nocase(r["canonical"])))
    return [_entity_row({**dict(r), "mentions": counts.get(r["id"], 0)}) for r in rows[offset:offset + limit]]


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


def group_events_sql(store: Store, group: list[str], columns: str) -> tuple[str, list[str]]:
    """SQL selecting ``columns`` of every event with a group member on either side, each event once
    (an event with members on both sides comes from the actor1 side), and its parameters. Each side
    is an index range (events_actor1_page / events_actor2_page, migration 005), read index-only when
    ``columns`` are among the index's."""
    marks = _marks(group)
    kept = _not_rejected(store, "ev")
    sql = (f"SELECT {columns} FROM events ev WHERE ev.actor1_id IN ({marks}) AND {kept} UNION ALL "
           f"SELECT {columns} FROM events ev WHERE ev.actor2_id IN ({marks}) "
           f"AND (ev.actor1_id IS NULL OR ev.actor1_id NOT IN ({marks})) AND {kept}")
    return sql, [*group, *group, *group]


def _entity_events(store: Store, group: list[str], limit: int | None) -> tuple[list[EventRow], int]:
    """Events with a group member on either side (newest first when bounded) and their total."""
    roots, names = _roots(store), _names(store)
    if limit is None:
        sql, params = group_events_sql(store, group, "ev.*")
        rows = [_event_row(r, roots, names) for r in store.conn.execute(
            f"SELECT * FROM ({sql}) ev ORDER BY ev.date, ev.id", params)]
        return rows, len(rows)
    # the newest ``limit`` of each side walk the (actor, date, id) index backwards; then the rows
    newest = " ORDER BY ev.date DESC, ev.id DESC LIMIT ?"
    sql, params = group_events_sql(store, group, "ev.id, ev.date")
    one, two = sql.split(" UNION ALL ")
    ids = [int(r[0]) for r in store.conn.execute(
        f"SELECT id FROM (SELECT * FROM ({one}{newest}) s1 UNION ALL SELECT * FROM ({two}{newest}) s2) ev "
        f"ORDER BY ev.date DESC, ev.id DESC LIMIT ?",
        [*params[:len(group)], limit, *params[len(group):], limit, limit])]
    rows = [_event_row(r, roots, names) for r in store.conn.execute(
        f"SELECT ev.* FROM events ev WHERE ev.id IN ({_marks(ids)}) ORDER BY ev.date DESC, ev.id DESC", ids)]
    if len(rows) < limit:
        return rows, len(rows)
    total = store.conn.execute(f"SELECT count(*) FROM ({sql}) ev", params).fetchone()[0]
    return rows, int(total)


def _entity_sources(store: Store, group: list[str], limit: int | None) -> tuple[list[SourceRow], int]:
    """Articles mentioning a group member (newest first when bounded) and their total; the page's
    articles are picked on the (id, published) index, then read."""
    marks = _marks(group)
    mentioning = f"SELECT article_id FROM mentions WHERE entity_id IN ({marks})"
    desc = " DESC" if limit is not None else ""
    ids = [str(r[0]) for r in store.conn.execute(
        f"SELECT a.id FROM articles a WHERE a.id IN ({mentioning}) ORDER BY a.published{desc}, a.id{desc}"
        f"{_limit(limit)}", group)]
    found = {str(r[0]): SourceRow(*r) for r in store.conn.execute(
        f"SELECT a.id, a.title, a.url, a.published, a.outlet FROM articles a WHERE a.id IN ({_marks(ids)})", ids)}
    rows = [found[i] for i in ids]
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


def profile_page(store: Store, entity_id: str, limit: int, claims: int | None = None,
                 at: str | None = None) -> tuple[Profile, dict[str, int]]:
    """An entity page: the newest ``limit`` events and sources, each relation claim once (all of them,
    or the newest ``claims``; those holding at ``at`` when given, see ``claims_page``), and the totals
    ({"events", "relations", "claims", "sources"}) of the full lists."""
    row, group, aliases, mentions = _profile_head(store, entity_id)
    eid = str(row["id"])
    evs, n_events = _entity_events(store, group, limit)
    sources, n_sources = _entity_sources(store, group, limit)
    found = claims_page(store, group, claims, at)
    prof = Profile(_entity_row({**dict(row), "mentions": mentions}), [a for a in aliases if a != row["canonical"]],
                   mentions, evs, found.rows, sources, [g for g in group if g != eid])
    return prof, {"events": n_events, "relations": found.relations, "claims": found.claims, "sources": n_sources}


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
    mentioned = mention_counts(store)
    types = Counter(str(kind) for eid, kind in store.conn.execute("SELECT id, type FROM entities") if eid in mentioned)
    by_type = dict(sorted(types.items()))
    ev_types = _counts(store, f"SELECT type, count(*) FROM events ev WHERE {NOT_REJECTED.format(t='ev')} "
                              "GROUP BY type ORDER BY count(*) DESC, type")
    rel_preds = _counts(store, f"SELECT predicate, count(*) FROM relations rel WHERE origin != 'kb' AND "
                               f"{NOT_REJECTED.format(t='rel')} GROUP BY predicate ORDER BY count(*) DESC, predicate")
    kb_rel = store.conn.execute("SELECT count(*) FROM relations WHERE origin = 'kb'").fetchone()[0]
    top = [(e.id, e.canonical, e.mentions) for e in entities(store, type="ORG_ARMED", limit=10) if e.mentions]
    return Summary(articles, by_type, ev_types, rel_preds, int(kb_rel), top)


def entity_summary(store: Store, prof: Profile) -> dict[str, Any]:
    """First and last seen, events by type and by month, total fatalities and the top co-actors:
    counted in SQL over the group's events (index-only ranges, see ``group_events_sql``)."""
    group = [prof.entity.id, *prof.merged]
    marks = _marks(group)
    sql, params = group_events_sql(
        store, group, f"ev.type, ev.fatalities, ev.date, "
                      f"CASE WHEN ev.actor1_id IN ({marks}) THEN ev.actor2_id ELSE ev.actor1_id END AS other")
    params = [*group, *params[:len(group)], *group, *params[len(group):]]  # the CASE's marks come first per side
    types = {str(t): (int(n), int(f or 0)) for t, n, f in store.conn.execute(
        f"SELECT type, count(*), sum(fatalities) FROM ({sql}) ev GROUP BY type", params)}
    by_type = [{"type": t, "n": n, "fatalities": f} for t, (n, f) in
               sorted(types.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    by_month = {str(m): int(n) for m, n in store.conn.execute(
        f"SELECT substr(date, 1, 7) AS month, count(*) FROM ({sql}) ev WHERE length(date) >= 7 "
        "GROUP BY month ORDER BY month", params)}
    seen = store.conn.execute(
        f"SELECT min(a.published), max(a.published) FROM articles a WHERE a.id IN "
        f"(SELECT article_id FROM mentions WHERE entity_id IN ({marks}))", group).fetchone()
    roots, names = root_ids(store), entity_names(store)
    others: Counter[str] = Counter()
    for other, n in store.conn.execute(f"SELECT other, count(*) FROM ({sql}) ev GROUP BY other", params):
        root = roots.get(str(other or ""))
        if root and root != prof.entity.id:
            others[root] += int(n)
    co = [{"id": i, "name": names.get(i, i), "n": n}
          for i, n in sorted(others.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))[:5]]
    months = _months(min(by_month), max(by_month)) if by_month else []
    return {"first_seen": seen[0], "last_seen": seen[1], "by_type": by_type,
            "months": [{"month": m, "n": by_month.get(m, 0)} for m in months],
            "fatalities": sum(f for _, f in types.values()), "co_actors": co}
