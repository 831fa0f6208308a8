"""Events into the store, with cross-article merge.

An event from a new article joins an existing event when the type is the same, the
actors are compatible (same actor1 id, or one of them unknown), the place is the same
(location, or admin1 when either lacks a location) and the dates lie within
``settings.event_merge_days`` (partial dates: one is a prefix of the other). The merged
event gets an ``event_sources`` row per article with that article's own figures; the event
row keeps the lowest reported figure (ACLED's conservative practice) and the source count.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date as Date

from orbat.model import Event

_EVENT_COLUMNS = (
    "type", "actor1", "actor1_id", "actor2", "actor2_id", "assoc_actor1", "assoc_actor2", "inter1",
    "inter2", "location", "country", "iso", "admin1", "admin2", "latitude", "longitude", "geo_precision",
    "date", "time_precision", "fatalities", "injured", "count", "approx", "certainty", "claimed_by",
    "modality", "fact_key",
)


def event_fact_key(ev: Event, actor1_id: str | None) -> str:
    place = ev.location or ev.admin1 or ""
    return f"event|{ev.type}|{actor1_id or ev.actor1 or ''}|{place.casefold()}|{ev.date or ''}"


def dates_close(a: str | None, b: str | None, days: int) -> bool:
    """Two ISO (partial) dates within ``days`` of each other; a partial date matches any day inside it."""
    if not a or not b:
        return False
    if len(a) == 10 and len(b) == 10:
        try:
            return abs((Date.fromisoformat(a) - Date.fromisoformat(b)).days) <= days
        except ValueError:
            return a == b
    short, long = sorted((a, b), key=len)
    return long.startswith(short)


def _same_place(row: sqlite3.Row, ev: Event) -> bool:
    if row["location"] and ev.location:
        return str(row["location"]).casefold() == ev.location.casefold()
    return bool(row["admin1"] and ev.admin1 and str(row["admin1"]).casefold() == ev.admin1.casefold())


def find_merge_target(
    conn: sqlite3.Connection, ev: Event, actor1_id: str | None, article_id: str, days: int
) -> int | None:
    """Id of an event from another article that reports the same occurrence, else None."""
    if not ev.date or not (ev.location or ev.admin1):
        return None
    rows = conn.execute(
        "SELECT id, actor1_id, location, admin1, date FROM events WHERE type = ? "
        "AND (location = ? COLLATE NOCASE OR admin1 = ? COLLATE NOCASE) AND id NOT IN "
        "(SELECT event_id FROM event_sources WHERE article_id = ?) ORDER BY id",
        (ev.type, ev.location, ev.admin1, article_id),
    ).fetchall()
    for row in rows:
        actors_ok = row["actor1_id"] is None or actor1_id is None or row["actor1_id"] == actor1_id
        if actors_ok and _same_place(row, ev) and dates_close(row["date"], ev.date, days):
            return int(row["id"])
    return None


def insert_event(conn: sqlite3.Connection, ev: Event, actor1_id: str | None, actor2_id: str | None) -> int:
    values = {
        **{c: getattr(ev, c, None) for c in _EVENT_COLUMNS},
        "actor1_id": actor1_id,
        "actor2_id": actor2_id,
        "approx": int(ev.approx),
        "fact_key": event_fact_key(ev, actor1_id),
    }
    cols = ", ".join(_EVENT_COLUMNS)
    marks = ", ".join("?" for _ in _EVENT_COLUMNS)
    row = conn.execute(f"INSERT INTO events ({cols}) VALUES ({marks}) RETURNING id",
                       [values[c] for c in _EVENT_COLUMNS]).fetchone()
    return int(row[0])


def add_source(conn: sqlite3.Connection, event_id: int, ev: Event, article_id: str) -> None:
    conn.execute(
        "INSERT INTO event_sources (event_id, article_id, start, end, text, fatalities, count, "
        "certainty, claimed_by, payload_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (event_id, article_id, start) DO UPDATE SET end = excluded.end, text = excluded.text, "
        "fatalities = excluded.fatalities, count = excluded.count, certainty = excluded.certainty, "
        "claimed_by = excluded.claimed_by, payload_json = excluded.payload_json",
        (
            event_id, article_id, ev.evidence.start, ev.evidence.end, ev.evidence.text, ev.fatalities,
            ev.count, ev.certainty, ev.claimed_by, json.dumps(ev.to_dict(), ensure_ascii=False),
        ),
    )


def fill_gaps(conn: sqlite3.Connection, event_id: int, ev: Event, actor1_id: str | None,
              actor2_id: str | None) -> None:
    """A later source may know what the first did not (actor ids, coordinates, admin1)."""
    for column, value in (
        ("actor1_id", actor1_id), ("actor2_id", actor2_id), ("actor2", ev.actor2), ("admin1", ev.admin1),
        ("admin2", ev.admin2), ("latitude", ev.latitude), ("longitude", ev.longitude),
        ("geo_precision", ev.geo_precision), ("iso", ev.iso), ("country", ev.country),
    ):
        if value is not None:
            conn.execute(f"UPDATE events SET {column} = ? WHERE id = ? AND {column} IS NULL", (value, event_id))


def refresh(conn: sqlite3.Connection, event_id: int) -> None:
    """Recount sources and figures; an event left without sources is deleted."""
    row = conn.execute(
        "SELECT count(*), min(fatalities), min(count) FROM event_sources WHERE event_id = ?", (event_id,)
    ).fetchone()
    if row[0] == 0:
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return
    conn.execute(
        "UPDATE events SET source_count = ?, fatalities = ?, count = ? WHERE id = ?",
        (row[0], row[1], row[2], event_id),
    )
