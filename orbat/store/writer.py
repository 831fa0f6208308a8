"""Writing extractions: one transaction per article, replacing an earlier version of it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING

from orbat.errors import StoreError
from orbat.keys import alias_key, minted_id
from orbat.model import ENTITY_TYPES, Extraction, Mention, Relation
from orbat.store import event_writer
from orbat.store.base import StoreBase, relation_fact_key, split_date
from orbat.store.kbsync import sync_kb

if TYPE_CHECKING:
    from orbat.kb.loader import KnowledgeBase

_LOCATION_OBJECTS = {"operates_in", "located_in"}


def _type_from_id(entity_id: str) -> str:
    """"new:person:x" -> PERSON; anything else -> ORG_OTHER (only used when the id is not stored yet)."""
    parts = entity_id.split(":")
    if len(parts) == 3 and parts[1].upper() in ENTITY_TYPES:
        return parts[1].upper()
    return "ORG_OTHER"


class WriterMixin(StoreBase):
    merge_days: int = 3

    # -- incremental ingest -----------------------------------------------------------
    def has_article(self, content_hash: str, pipeline_version: str) -> str | None:
        """Id of a stored article with this content hash extracted by this pipeline version."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND pipeline_version = ? ORDER BY id LIMIT 1",
            (content_hash, pipeline_version),
        ).fetchone()
        return str(row[0]) if row else None

    def article_exists(self, article_id: str) -> tuple[str, str] | None:
        row = self.conn.execute(
            "SELECT content_hash, pipeline_version FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def minhashes(self) -> Iterator[tuple[str, bytes, int]]:
        for row in self.conn.execute("SELECT article_id, hashvalues, num_perm FROM article_minhash ORDER BY rowid"):
            yield str(row[0]), bytes(row[1]), int(row[2])

    def log(self, item: str, status: str, reason: str | None = None, article_id: str | None = None,
            pipeline_version: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO ingest_log (item, article_id, status, reason, pipeline_version) VALUES (?, ?, ?, ?, ?)",
            (item, article_id, status, reason, pipeline_version),
        )

    def sync_kb(self, kb: KnowledgeBase) -> None:
        """Upsert the curated entities, aliases and lineage (origin kb); analyst judgements stay applied."""
        try:
            with self.transaction() as conn:
                sync_kb(conn, kb)
                self._apply_splits(None)
        except Exception as exc:
            raise StoreError(f"{self.path}: cannot sync the knowledge base ({exc})") from exc

    # -- save ----------------------------------------------------------------------------
    def save_extraction(self, ex: Extraction, content_hash: str, *, minhash: bytes | None = None,
                        num_perm: int = 128, duplicate_of: str | None = None) -> None:
        """Store one article and its facts in one transaction; on any error nothing is written."""
        aid = ex.article.id
        try:
            with self.transaction():
                self._remove_article_facts(aid)
                self._upsert_article(ex, content_hash, duplicate_of)
                if minhash is not None:
                    self.conn.execute(
                        "INSERT INTO article_minhash (article_id, num_perm, hashvalues) VALUES (?, ?, ?) ON CONFLICT "
                        "(article_id) DO UPDATE SET num_perm = excluded.num_perm, hashvalues = excluded.hashvalues",
                        (aid, num_perm, minhash),
                    )
                names = self._save_mentions(ex)
                self._save_aliases(ex, names)
                self._save_events(ex, names)
                self._save_relations(ex, names)
                self._apply_splits(aid)
                self.log(ex.article.source or aid, ex.status, "; ".join(ex.errors) or None, aid,
                         ex.pipeline_version)
        except Exception as exc:
            raise StoreError(f"article {aid}: not saved, nothing written ({exc})") from exc

    def _remove_article_facts(self, aid: str) -> None:
        c = self.conn
        touched = [r[0] for r in c.execute("SELECT DISTINCT event_id FROM event_sources WHERE article_id = ?", (aid,))]
        c.execute("DELETE FROM event_sources WHERE article_id = ?", (aid,))
        for event_id in touched:
            event_writer.refresh(c, event_id)
        c.execute("DELETE FROM relations WHERE article_id = ? AND origin = 'text'", (aid,))
        c.execute("DELETE FROM mentions WHERE article_id = ?", (aid,))
        gone = c.execute("SELECT entity_id, alias, norm, rule FROM aliases WHERE article_id = ? AND origin = 'text'",
                         (aid,)).fetchall()
        c.execute("DELETE FROM aliases WHERE article_id = ? AND origin = 'text'", (aid,))
        for row in gone:
            self._reattribute_alias(row)

    def _reattribute_alias(self, row: sqlite3.Row) -> None:
        """A text alias seen in another article too stays, credited to that article."""
        for other_aid, text in self.conn.execute(
            "SELECT article_id, text FROM mentions WHERE entity_id = ? ORDER BY id", (row["entity_id"],)
        ):
            if alias_key(text) == row["norm"]:
                self.conn.execute(
                    "INSERT INTO aliases (entity_id, alias, norm, origin, article_id, rule) "
                    "VALUES (?, ?, ?, 'text', ?, ?) ON CONFLICT DO NOTHING",
                    (row["entity_id"], row["alias"], row["norm"], other_aid, row["rule"]),
                )
                return

    def _upsert_article(self, ex: Extraction, content_hash: str, duplicate_of: str | None) -> None:
        a = ex.article
        cols = ("id", "title", "url", "published", "published_precision", "outlet", "author", "language",
                "source", "text", "regions_json", "content_hash", "pipeline_version", "status", "duplicate_of")
        values = (a.id, a.title, a.url, a.published, a.published_precision, a.outlet, a.author, a.language,
                  a.source, a.text, json.dumps([asdict(r) for r in a.regions]), content_hash,
                  ex.pipeline_version, ex.status, duplicate_of)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
        self.conn.execute(
            f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}, "
            "ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            values,
        )

    def _ensure_entity(self, entity_id: str, canonical: str, etype: str, attrs: dict[str, object] | None = None,
                       rule: str | None = None) -> None:
        origin = "kb" if entity_id.startswith("kb:") else "text"
        cur = self.conn.execute(
            "INSERT INTO entities (id, canonical, type, origin, attrs_json) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (entity_id, canonical, etype, origin, json.dumps(attrs or {}, ensure_ascii=False)),
        )
        if cur.rowcount and origin == "text":
            self.conn.execute(
                "INSERT INTO aliases (entity_id, alias, norm, origin, rule) VALUES (?, ?, ?, 'text', ?) ON CONFLICT DO NOTHING",
                (entity_id, canonical, alias_key(canonical), rule),
            )

    def _save_mentions(self, ex: Extraction) -> dict[str, str]:
        """Insert mentions (and entities minted from text); returns alias key -> entity id for this article."""
        names: dict[str, str] = {}
        for m in ex.entities:
            self._check_span(ex, m)
            self._ensure_entity(m.entity_id, m.canonical, m.type, m.attrs, m.rule)
            self.conn.execute(
                "INSERT INTO mentions (article_id, entity_id, text, start, end, type, rule, attrs_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (ex.article.id, m.entity_id, m.text, m.start, m.end, m.type, m.rule,
                 json.dumps(m.attrs, ensure_ascii=False)),
            )
            names.setdefault(alias_key(m.canonical), m.entity_id)
            names.setdefault(alias_key(m.text), m.entity_id)
        return names

    @staticmethod
    def _check_span(ex: Extraction, m: Mention) -> None:
        if ex.article.text[m.start : m.end] != m.text:
            raise ValueError(f"mention {m.text!r} does not match text[{m.start}:{m.end}]")

    def _save_aliases(self, ex: Extraction, names: dict[str, str]) -> None:
        pairs: list[tuple[str, str, str]] = []
        for m in ex.entities:
            if alias_key(m.text) != alias_key(m.canonical):
                pairs.append((m.entity_id, m.text, m.rule or "mention"))
        for group in ex.aliases:
            target = names.get(alias_key(group[0])) if group else None
            if target:
                pairs.extend((target, surface, "alias list") for surface in group[1:])
        for entity_id, surface, rule in pairs:
            self.conn.execute(
                "INSERT INTO aliases (entity_id, alias, norm, origin, article_id, rule) "
                "VALUES (?, ?, ?, 'text', ?, ?) ON CONFLICT DO NOTHING",
                (entity_id, surface, alias_key(surface), ex.article.id, rule),
            )

    def _entity_for(self, name: str | None, names: dict[str, str]) -> str | None:
        if not name:
            return None
        local = names.get(alias_key(name))
        if local:
            return local
        ids = self.lookup_ids(name)
        return ids[0] if len(ids) == 1 else None

    def _actor_id(self, given: str | None, name: str | None, names: dict[str, str]) -> str | None:
        """The id the extraction carries (an entity of this article's mentions, or one the store
        knows), else the actor's name looked up (records written before events carried ids)."""
        if given and (given in names.values() or self.conn.execute(
                "SELECT 1 FROM entities WHERE id = ?", (given,)).fetchone()):
            return given
        return self._entity_for(name, names)

    def _save_events(self, ex: Extraction, names: dict[str, str]) -> None:
        aid = ex.article.id
        for ev in ex.events:
            a1 = self._actor_id(ev.actor1_id, ev.actor1, names)
            a2 = self._actor_id(ev.actor2_id, ev.actor2, names)
            target = event_writer.find_merge_target(self.conn, ev, a1, aid, self.merge_days)
            if target is None:
                target = event_writer.insert_event(self.conn, ev, a1, a2)
            else:
                event_writer.fill_gaps(self.conn, target, ev, a1, a2)
            event_writer.add_source(self.conn, target, ev, aid)
            event_writer.refresh(self.conn, target)

    def _relation_end(self, r: Relation, names: dict[str, str], role: str) -> str:
        given = r.subject_id if role == "subject" else r.object_id
        name = r.subject if role == "subject" else r.object
        found = given or self._entity_for(name, names)
        if found:
            self._ensure_entity(found, name, _type_from_id(found), rule="relation argument")
            return found
        etype = "LOCATION" if role == "object" and r.predicate in _LOCATION_OBJECTS else "ORG_OTHER"
        minted = minted_id(etype, name)
        self._ensure_entity(minted, name, etype, rule="minted for a relation argument")
        return minted

    def _save_relations(self, ex: Extraction, names: dict[str, str]) -> None:
        for r in ex.relations:
            sid, oid = self._relation_end(r, names, "subject"), self._relation_end(r, names, "object")
            start, end = split_date(r.date)
            self.conn.execute(
                "INSERT INTO relations (subject_id, predicate, object_id, date_start, date_end, status, certainty, "
                "origin, article_id, start, end, evidence, rule, fact_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?, ?)",
                (sid, r.predicate, oid, start, end, r.status, r.certainty, ex.article.id, r.evidence.start,
                 r.evidence.end, r.evidence.text, r.rule, relation_fact_key(sid, r.predicate, oid, start)),
            )
