"""What the exporters write, read in bulk: every article as an Extraction (the extract contract,
rebuilt from the store), entity records, the sources behind each event, what each article reports.

Judgements apply as everywhere in orbat.query: mentions and relations carry the entity they resolve
to after merges and splits, and rejected events and relations are left out.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from orbat.model import Article, Event, Evidence, Extraction, Mention, Region, Relation
from orbat.query.base import NOT_REJECTED, root_ids
from orbat.store.db import Store


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], title=row["title"], url=row["url"], published=row["published"],
        published_precision=row["published_precision"], outlet=row["outlet"], author=row["author"],
        language=row["language"], source=row["source"],
        regions=[Region(**r) for r in json.loads(row["regions_json"])],
    )


def _mentions(conn: sqlite3.Connection, aid: str) -> list[Mention]:
    rows = conn.execute(
        "SELECT m.*, r.root, e.canonical FROM mentions m JOIN entity_roots r ON r.id = m.entity_id "
        "JOIN entities e ON e.id = r.root WHERE m.article_id = ? ORDER BY m.start, m.id", (aid,))
    return [Mention(r["text"], r["start"], r["end"], r["type"], r["canonical"], r["root"], r["rule"] or "",
                    json.loads(r["attrs_json"])) for r in rows]


def _events(conn: sqlite3.Connection, aid: str) -> list[Event]:
    rows = conn.execute(
        f"SELECT s.payload_json FROM event_sources s JOIN events ev ON ev.id = s.event_id "
        f"WHERE s.article_id = ? AND {NOT_REJECTED.format(t='ev')} ORDER BY s.start", (aid,))
    events = []
    for (payload,) in rows:
        data = json.loads(payload)
        data["evidence"] = Evidence(**data["evidence"])
        events.append(Event(**data))
    return events


def _relations(conn: sqlite3.Connection, aid: str) -> list[Relation]:
    rows = conn.execute(
        "SELECT rel.*, s.canonical AS sname, o.canonical AS oname, rs.root AS sroot, ro.root AS oroot "
        "FROM relations rel JOIN entity_roots rs ON rs.id = rel.subject_id JOIN entities s ON s.id = rs.root "
        "JOIN entity_roots ro ON ro.id = rel.object_id JOIN entities o ON o.id = ro.root "
        f"WHERE rel.article_id = ? AND {NOT_REJECTED.format(t='rel')} ORDER BY rel.start, rel.id", (aid,))
    out = []
    for r in rows:
        date = r["date_start"] if not r["date_end"] else f"{r['date_start'] or ''}/{r['date_end']}"
        out.append(Relation(r["sname"], r["predicate"], r["oname"], Evidence(r["start"], r["end"], r["evidence"]),
                            date=date, status=r["status"], certainty=r["certainty"], subject_id=r["sroot"],
                            object_id=r["oroot"], rule=r["rule"] or ""))
    return out


def _aliases(conn: sqlite3.Connection, aid: str) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    rows = conn.execute(
        "SELECT e.canonical, a.alias FROM aliases a JOIN entity_roots r ON r.id = a.entity_id "
        "JOIN entities e ON e.id = r.root WHERE a.article_id = ? ORDER BY a.rowid", (aid,))
    for canonical, alias in rows:
        group = groups.setdefault(canonical, [canonical])
        if alias not in group:
            group.append(alias)
    return list(groups.values())


def extractions(store: Store) -> Iterator[Extraction]:
    """Every stored article as an Extraction, in id order."""
    conn = store.conn
    for row in conn.execute("SELECT * FROM articles ORDER BY id").fetchall():
        aid = row["id"]
        yield Extraction(article=_article(row), entities=_mentions(conn, aid), events=_events(conn, aid),
                         relations=_relations(conn, aid), aliases=_aliases(conn, aid), status=row["status"],
                         pipeline_version=row["pipeline_version"])


def entity_records(store: Store) -> dict[str, Any]:
    """Every entity id -> its row (id, canonical, type, inter_code, country, latitude, longitude, attrs_json)."""
    return {str(r["id"]): r for r in store.conn.execute(
        "SELECT id, canonical, type, inter_code, country, latitude, longitude, attrs_json FROM entities")}


@dataclass(frozen=True)
class EventReport:
    """One article's report of an event: outlet (or URL, or article id), evidence text, ingest time."""

    outlet: str
    text: str
    ingested_at: str


def event_reports(store: Store, event_ids: list[int] | None = None) -> dict[int, list[EventReport]]:
    """Event id -> the articles reporting it, oldest published first (undated first); every event, or
    those of ``event_ids``."""
    sql = ("SELECT s.event_id, coalesce(a.outlet, a.url, a.id), s.text, a.ingested_at FROM event_sources s "
           "JOIN articles a ON a.id = s.article_id {where} "
           "ORDER BY s.event_id, a.published IS NOT NULL, a.published, a.id")
    if event_ids is None:
        chunks: list[tuple[str, list[int]]] = [("", [])]
    else:
        chunks = [(f"WHERE s.event_id IN ({','.join('?' for _ in chunk)})", chunk)
                  for chunk in (event_ids[i:i + 500] for i in range(0, len(event_ids), 500))]
    out: dict[int, list[EventReport]] = {}
    for where, params in chunks:
        for event_id, outlet, text, stamp in store.conn.execute(sql.format(where=where), params):
            out.setdefault(int(event_id), []).append(EventReport(str(outlet), str(text), str(stamp)))
    return out


def last_ingested(store: Store) -> str | None:
    """When the newest article was stored (a bundle's timestamp)."""
    row = store.conn.execute("SELECT max(ingested_at) FROM articles").fetchone()
    return str(row[0]) if row and row[0] else None


def aliases_by_root(store: Store) -> dict[str, list[str]]:
    """Entity id after merges -> its aliases, alphabetically (duplicates kept)."""
    roots = root_ids(store)
    out: dict[str, list[str]] = {}
    for eid, alias in store.conn.execute("SELECT entity_id, alias FROM aliases ORDER BY alias"):
        out.setdefault(roots.get(eid, eid), []).append(alias)
    return out


def seen_by_root(store: Store) -> dict[str, tuple[str, str]]:
    """Entity id after merges -> (first, last) publication date of the articles mentioning it."""
    roots = root_ids(store)
    out: dict[str, tuple[str, str]] = {}
    for eid, first, last in store.conn.execute(
            "SELECT m.entity_id, min(a.published), max(a.published) FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE a.published IS NOT NULL GROUP BY m.entity_id"):
        root = roots.get(eid, eid)
        old = out.get(root, (first, last))
        out[root] = (min(old[0], first), max(old[1], last))
    return out


@dataclass(frozen=True)
class ArticleRefs:
    """An article kept (status ok) and what it reports: entities (after merges), relation and event ids."""

    article: Any  # the articles row
    entities: list[str]
    relations: list[int]
    events: list[int]


def article_refs(store: Store) -> Iterator[ArticleRefs]:
    """Every kept article in id order with the entities it mentions and the relations and events it reports."""
    conn = store.conn
    for art in conn.execute("SELECT * FROM articles WHERE status = 'ok' ORDER BY id").fetchall():
        aid = art["id"]
        ents = [str(r[0]) for r in conn.execute(
            "SELECT DISTINCT r.root FROM mentions m JOIN entity_roots r ON r.id = m.entity_id "
            "WHERE m.article_id = ? ORDER BY r.root", (aid,))]
        rels = [int(r[0]) for r in conn.execute("SELECT id FROM relations WHERE article_id = ? ORDER BY id", (aid,))]
        evs = [int(r[0]) for r in conn.execute(
            "SELECT event_id FROM event_sources WHERE article_id = ? ORDER BY event_id", (aid,))]
        yield ArticleRefs(art, ents, rels, evs)
