"""Watchlists: entities and places an analyst watches, and what is new about them (events, relations,
aliases from articles ingested since the analyst last looked)."""

from __future__ import annotations

from typing import Any

from orbat.store.db import Store


def watch(store: Store, name: str, on: bool = True) -> str:
    """Start (or stop) watching the entity ``name`` (id, name or alias); returns its id."""
    eid = store.resolve_name(name)
    with store.transaction():
        if on:
            store.conn.execute("INSERT OR IGNORE INTO watchlist (entity_id) VALUES (?)", (eid,))
        else:
            store.conn.execute("DELETE FROM watchlist WHERE entity_id = ?", (eid,))
    return eid


def mark_seen(store: Store) -> None:
    """Everything on the watchlist has been looked at now."""
    with store.transaction():
        store.conn.execute("UPDATE watchlist SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")


def is_watched(store: Store, entity_id: str) -> bool:
    return store.conn.execute("SELECT 1 FROM watchlist WHERE entity_id = ?", (entity_id,)).fetchone() is not None


def news(store: Store) -> list[dict[str, Any]]:
    """For each watched entity: events, relations and aliases from articles ingested since it was last seen."""
    out = []
    for eid, name, last_seen in store.conn.execute(
            "SELECT w.entity_id, e.canonical, w.last_seen FROM watchlist w JOIN entities e ON e.id = w.entity_id "
            "ORDER BY e.canonical").fetchall():
        group = [r[0] for r in store.conn.execute("SELECT id FROM entity_roots WHERE root = ?", (eid,))] or [eid]
        marks = ",".join("?" for _ in group)
        fresh = "(SELECT id FROM articles WHERE ingested_at > ?)"
        events_n = store.conn.execute(
            f"SELECT count(DISTINCT ev.id) FROM events ev JOIN event_sources es ON es.event_id = ev.id "
            f"WHERE (ev.actor1_id IN ({marks}) OR ev.actor2_id IN ({marks})) AND es.article_id IN {fresh}",
            [*group, *group, last_seen]).fetchone()[0]
        rels_n = store.conn.execute(
            f"SELECT count(*) FROM relations WHERE (subject_id IN ({marks}) OR object_id IN ({marks})) "
            f"AND article_id IN {fresh}", [*group, *group, last_seen]).fetchone()[0]
        aliases_n = store.conn.execute(
            f"SELECT count(DISTINCT norm) FROM aliases WHERE entity_id IN ({marks}) AND article_id IN {fresh}",
            [*group, last_seen]).fetchone()[0]
        out.append({"entity_id": eid, "name": name, "since": last_seen, "events": int(events_n),
                    "relations": int(rels_n), "aliases": int(aliases_n)})
    return out

