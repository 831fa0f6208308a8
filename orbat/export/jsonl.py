"""JSONL: one object per article in the extract contract (``Extraction.to_dict``), rebuilt from the store.

Judgements apply: mentions carry the entity they resolve to after merges and splits, and
rejected events and relations are left out.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import TextIO

from orbat.model import Article, Event, Evidence, Extraction, Mention, Region, Relation
from orbat.query import NOT_REJECTED
from orbat.store import Store
from orbat.store.base import StoreBase


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


def extractions(store: StoreBase) -> Iterator[Extraction]:
    """Every stored article as an Extraction, in id order."""
    conn = store.conn
    for row in conn.execute("SELECT * FROM articles ORDER BY id").fetchall():
        aid = row["id"]
        yield Extraction(article=_article(row), entities=_mentions(conn, aid), events=_events(conn, aid),
                         relations=_relations(conn, aid), aliases=_aliases(conn, aid), status=row["status"],
                         pipeline_version=row["pipeline_version"])


def write(store: Store, out: TextIO) -> int:
    n = 0
    for ex in extractions(store):
        out.write(json.dumps(ex.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
