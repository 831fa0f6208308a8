"""Articles: the list, and one article with its mentions, events and relations at their offsets."""

from __future__ import annotations

from typing import Any

from orbat.errors import NotFoundError
from orbat.query.base import NOT_REJECTED
from orbat.store.base import like_pattern
from orbat.store.db import Store

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

