"""Events: filters (actor, type, country, dates, bbox), one event with its sources, the timeline, place pages."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pycountry

from orbat.errors import NotFoundError
from orbat.query.base import NOT_REJECTED, _like_escape, _marks, _names, _not_rejected, _roots
from orbat.query.rows import EventRow
from orbat.store.base import MAX_ROW_ID
from orbat.store.db import Store


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
        sql += " AND (ev.country = ? COLLATE NOCASE OR ev.iso = ? COLLATE NOCASE OR ev.iso = ? COLLATE NOCASE)"
        params += [country, country, _iso3(country)]
    # partial dates compare by prefix; the plain bounds before each test let the date index narrow the range
    # (a date on or after ``since`` at its own precision is >= since's year; one on or before ``until``
    # at until's precision sorts before until followed by "~", above every digit and "-")
    if since:
        sql += " AND ev.date >= substr(?, 1, 4) AND ev.date >= substr(?, 1, length(ev.date))"
        params += [since, since]
    if until:
        sql += " AND ev.date < ? AND substr(ev.date, 1, length(?)) <= ?"
        params += [until + "~", until, until]
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


def event_by_id(store: Store, event_id: int) -> EventRow | None:
    """One event (actors resolved through merges), or None when it does not exist or is rejected."""
    if not 0 <= event_id <= MAX_ROW_ID:
        return None
    row = store.conn.execute(f"SELECT ev.* FROM events ev WHERE ev.id = ? AND {_not_rejected(store, 'ev')}",
                             (event_id,)).fetchone()
    return None if row is None else _event_row(row, _roots(store), _names(store))


def event_sources(store: Store, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every article reporting each event: its figures, certainty, claim and evidence span."""
    fields = ("event_id", "article_id", "start", "end", "text", "fatalities", "count", "certainty", "claimed_by",
              "rule", "title", "published", "outlet")  # column names
    out: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        for r in store.conn.execute(  # the rule from the payload in Python: json_extract is SQLite's only
                "SELECT es.event_id, es.article_id, es.start, es.end, es.text, es.fatalities, es.count, "
                "es.certainty, es.claimed_by, es.payload_json, a.title, "
                "a.published, a.outlet FROM event_sources es JOIN articles a ON a.id = es.article_id "
                f"WHERE es.event_id IN ({','.join('?' for _ in chunk)}) ORDER BY a.published, es.article_id",
                chunk):
            *head, payload, title, published, outlet = tuple(r)
            row = dict(zip(fields, (*head, json.loads(payload or "{}").get("rule"), title, published, outlet),
                           strict=True))
            out.setdefault(int(r["event_id"]), []).append(row)
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


def place_events(store: Store, place: str, limit: int) -> tuple[list[EventRow], int]:
    """Events located at a place (its name as the event's location or admin1), newest first, and their total."""
    where = (f"(ev.location = ? COLLATE NOCASE OR ev.admin1 = ? COLLATE NOCASE) AND {NOT_REJECTED.format(t='ev')}")
    total = store.conn.execute(f"SELECT count(*) FROM events ev WHERE {where}", (place, place)).fetchone()[0]
    ids = [int(r[0]) for r in store.conn.execute(
        f"SELECT ev.id FROM events ev WHERE {where} ORDER BY ev.date DESC, ev.id DESC LIMIT ?", (place, place, limit))]
    rows = [e for e in (event_by_id(store, i) for i in ids) if e is not None]
    return rows, int(total)

