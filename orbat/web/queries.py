"""Read queries the web layer needs that orbat.store.queries does not offer (yet): the article list,
one article with its facts and offsets, and the relation network around an entity."""

from __future__ import annotations

from collections import Counter, deque
from typing import Any

from orbat.errors import NotFoundError
from orbat.store import Store
from orbat.store.base import like_pattern
from orbat.store.queries import (
    NOT_REJECTED,
    entity_names,
    event_by_id,
    events,
    holds_at,
    not_rejected_sql,
    relations,
    root_ids,
)
from orbat.store.rows import EventRow, Profile, RelationRow

_ARTICLE_COLUMNS = "id, title, url, published, outlet, language, status, duplicate_of"


def articles(store: Store, search: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles, newest first; ``search`` matches the title or id."""
    sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles"
    params: list[Any] = []
    if search:
        sql += " WHERE title LIKE ? OR id LIKE ?"
        params += [like_pattern(search), like_pattern(search)]
    sql += " ORDER BY coalesce(published, '') DESC, id LIMIT ? OFFSET ?"
    return [dict(r) for r in store.conn.execute(sql, [*params, limit, offset])]


def _mentions(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT m.id, m.text, m.start, m.end, m.type, m.rule, coalesce(r.root, m.entity_id) AS entity_id, "
        "e.canonical FROM mentions m LEFT JOIN entity_roots r ON r.id = m.entity_id "
        "LEFT JOIN entities e ON e.id = coalesce(r.root, m.entity_id) WHERE m.article_id = ? "
        "ORDER BY m.start, m.end", (article_id,))
    return [dict(r) for r in rows]


def _with_evidence(row: dict[str, Any], text_column: str) -> dict[str, Any]:
    """Fold the start/end/text columns of a fact row into one ``evidence`` object."""
    row["evidence"] = {"start": row.pop("start"), "end": row.pop("end"), "text": row.pop(text_column)}
    return row


def _events(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT ev.id, ev.type, ev.actor1, ev.actor2, ev.location, ev.country, ev.date, ev.latitude, "
        "ev.longitude, es.fatalities, es.count, es.certainty, es.claimed_by, es.start, es.end, es.text "
        f"FROM event_sources es JOIN events ev ON ev.id = es.event_id WHERE es.article_id = ? "
        f"AND {NOT_REJECTED.format(t='ev')} ORDER BY es.start", (article_id,))
    return [_with_evidence(dict(r), "text") for r in rows]


def _relations(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT rel.id, rel.predicate, rel.date_start, rel.date_end, rel.status, rel.certainty, rel.rule, "
        "rel.start, rel.end, rel.evidence, rel.subject_id, rel.object_id, s.canonical AS subject, "
        "o.canonical AS object FROM relations rel JOIN entities s ON s.id = rel.subject_id "
        "JOIN entities o ON o.id = rel.object_id "
        f"WHERE rel.article_id = ? AND {NOT_REJECTED.format(t='rel')} ORDER BY rel.start", (article_id,))
    return [_with_evidence(dict(r), "evidence") for r in rows]


def article(store: Store, article_id: str) -> dict[str, Any]:
    """One article: metadata, verbatim text, and its mentions, events and relations with offsets."""
    row = store.conn.execute(f"SELECT {_ARTICLE_COLUMNS}, text FROM articles WHERE id = ?",
                             (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"article {article_id!r}: not in the database")
    return {**dict(row), "mentions": _mentions(store, article_id), "events": _events(store, article_id),
            "relations": _relations(store, article_id)}


def distinct_relations(rows: list[RelationRow]) -> list[RelationRow]:
    """One row per subject-predicate-object-dates-origin (the first stored one, with its evidence);
    ``source_count`` already counts the articles behind it. (Entity pages get this from
    ``orbat.store.queries.profile_page``, grouped in SQL.)"""
    seen: dict[tuple[Any, ...], RelationRow] = {}
    for r in rows:
        seen.setdefault((r.subject_id, r.predicate, r.object_id, r.date_start, r.date_end, r.status, r.origin), r)
    return list(seen.values())


def entity_type(store: Store, entity_id: str) -> str | None:
    row = store.conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return str(row[0]) if row else None


def graph(store: Store, entity: str, depth: int = 1, at: str | None = None,
          skip: tuple[str, ...] = ("located_in",)) -> dict[str, Any]:
    """Nodes and edges within ``depth`` hops of ``entity`` (dated relations holding at ``at`` when given;
    self-loops left out), each edge with its rule and first evidence."""
    start = store.resolve_name(entity)
    rows: list[RelationRow] = [r for r in relations(store) if r.predicate not in skip and r.subject_id != r.object_id
                               and (at is None or ((r.date_start or r.date_end)
                                                   and holds_at(r.date_start, r.date_end, at)))]
    by_node: dict[str, list[RelationRow]] = {}
    for r in rows:
        by_node.setdefault(r.subject_id, []).append(r)
        by_node.setdefault(r.object_id, []).append(r)
    seen, edges, todo = {start: 0}, {}, deque([start])
    while todo:
        node = todo.popleft()
        if seen[node] >= depth:
            continue
        for r in by_node.get(node, []):
            edges[r.id] = r
            for other in (r.subject_id, r.object_id):
                if other not in seen:
                    seen[other] = seen[node] + 1
                    todo.append(other)
    names = {r.subject_id: r.subject for r in edges.values()} | {r.object_id: r.object for r in edges.values()}
    if start not in names:
        names[start] = store.conn.execute("SELECT canonical FROM entities WHERE id = ?", (start,)).fetchone()[0]
    nodes = [{"id": n, "name": names[n], "type": entity_type(store, n), "hops": seen[n]} for n in sorted(seen)]
    return {"center": start, "depth": depth, "at": at, "nodes": nodes,
            "edges": [{"id": r.id, "source": r.subject_id, "target": r.object_id, "predicate": r.predicate,
                       "date_start": r.date_start, "date_end": r.date_end, "status": r.status,
                       "certainty": r.certainty, "origin": r.origin, "source_count": r.source_count,
                       "rule": r.rule, "article_id": r.article_id, "evidence": r.evidence, "start": r.start,
                       "end": r.end}
                      for r in sorted(edges.values(), key=lambda r: r.id)]}


def event_sources(store: Store, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every article reporting each event: its figures, certainty, claim and evidence span."""
    out: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        for r in store.conn.execute(
                "SELECT es.event_id, es.article_id, es.start, es.end, es.text, es.fatalities, es.count, "
                "es.certainty, es.claimed_by, json_extract(es.payload_json, '$.rule') AS rule, a.title, "
                "a.published, a.outlet FROM event_sources es JOIN articles a ON a.id = es.article_id "
                f"WHERE es.event_id IN ({','.join('?' for _ in chunk)}) ORDER BY a.published, es.article_id",
                chunk):
            out.setdefault(int(r["event_id"]), []).append(dict(r))
    return out


def event(store: Store, event_id: int) -> dict[str, Any]:
    """One merged event: its fields, and every source with figures and evidence."""
    row = event_by_id(store, event_id)
    if row is None:
        raise NotFoundError(f"event {event_id}: not in the database (or rejected)")
    return {**row.to_dict(),
            "sources": event_sources(store, [event_id]).get(event_id, [])}


def _months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("YYYY-MM"), empty ones included."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(store: Store, **filters: Any) -> dict[str, Any]:
    """Events per month and type over the whole dated range (empty months as zeros); events dated
    only to a year, undated ones and those with no coordinates are counted, not dropped silently."""
    rows = events(store, **filters)
    by_month: dict[str, dict[str, int]] = {}
    year_only = undated = unlocated = 0
    for e in rows:
        if e.latitude is None or e.longitude is None:
            unlocated += 1
        if not e.date:
            undated += 1
        elif len(e.date) < 7:
            year_only += 1
        else:
            month = by_month.setdefault(e.date[:7], {})
            month[e.type] = month.get(e.type, 0) + 1
    months = _months(min(by_month), max(by_month)) if by_month else []
    types = sorted({t for counts in by_month.values() for t in counts})
    series = {t: [by_month.get(m, {}).get(t, 0) for m in months] for t in types}
    return {"months": months, "types": types, "series": series, "total": len(rows),
            "in_months": sum(sum(c.values()) for c in by_month.values()), "year_only": year_only,
            "undated": undated, "unlocated": unlocated, "filters": {k: v for k, v in filters.items() if v}}


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


def place_events(store: Store, place: str, limit: int) -> tuple[list[EventRow], int]:
    """Events located at a place (its name as the event's location or admin1), newest first, and their total."""
    where = (f"(ev.location = ? COLLATE NOCASE OR ev.admin1 = ? COLLATE NOCASE) AND {NOT_REJECTED.format(t='ev')}")
    total = store.conn.execute(f"SELECT count(*) FROM events ev WHERE {where}", (place, place)).fetchone()[0]
    ids = [int(r[0]) for r in store.conn.execute(
        f"SELECT ev.id FROM events ev WHERE {where} ORDER BY ev.date DESC, ev.id DESC LIMIT ?", (place, place, limit))]
    rows = [e for e in (event_by_id(store, i) for i in ids) if e is not None]
    return rows, int(total)
