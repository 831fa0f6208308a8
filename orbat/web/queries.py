"""Read queries the web layer needs that orbat.store.queries does not offer (yet): the article list,
one article with its facts and offsets, and the relation network around an entity."""

from __future__ import annotations

from collections import deque
from typing import Any

from orbat.errors import NotFoundError
from orbat.store import Store
from orbat.store.base import like_pattern
from orbat.store.queries import NOT_REJECTED, holds_at, relations
from orbat.store.rows import RelationRow

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
    """Nodes and edges within ``depth`` hops of ``entity`` (relations holding at ``at`` when given)."""
    start = store.resolve_name(entity)
    rows: list[RelationRow] = [r for r in relations(store) if r.predicate not in skip
                               and (at is None or holds_at(r.date_start, r.date_end, at))]
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
                       "certainty": r.certainty, "origin": r.origin, "source_count": r.source_count}
                      for r in sorted(edges.values(), key=lambda r: r.id)]}
