"""Copy the curated knowledge base into the store (entities, aliases, lineage; origin kb).

Curated rows are replaced wholesale on every sync; text facts and analyst judgements
(merges, analyst aliases, splits re-applied by the caller) are left alone.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from orbat.keys import alias_key
from orbat.store.base import relation_fact_key

if TYPE_CHECKING:
    from orbat.kb.loader import KBEntity, KBRelation, KnowledgeBase


def kb_id(slug: str) -> str:
    return slug if slug.startswith("kb:") else f"kb:{slug}"


def _attrs(e: KBEntity) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "kind": getattr(e, "kind", None),
        "countries": list(getattr(e, "countries", []) or []),
        "founded": getattr(e, "founded", None),
        "dissolved": getattr(e, "dissolved", None),
        "source": f"{getattr(e, 'file', '')}:{getattr(e, 'line', '')}",
    }
    attrs.update(dict(getattr(e, "attrs", {}) or {}))
    return {k: str(v) if k in ("founded", "dissolved") and v is not None else v
            for k, v in attrs.items() if v not in (None, [], "")}


def _upsert_entity(conn: sqlite3.Connection, e: KBEntity) -> None:
    countries = list(getattr(e, "countries", []) or [])
    conn.execute(
        "INSERT INTO entities (id, canonical, type, origin, inter_code, wikidata, country, attrs_json) "
        "VALUES (?, ?, ?, 'kb', ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET canonical = excluded.canonical, "
        "type = excluded.type, origin = 'kb', inter_code = excluded.inter_code, wikidata = excluded.wikidata, "
        "country = excluded.country, attrs_json = excluded.attrs_json",
        (kb_id(e.id), e.name, e.type, getattr(e, "inter", None), getattr(e, "wikidata", None),
         countries[0] if countries else None, json.dumps(_attrs(e), ensure_ascii=False, default=str)),
    )
    exact = set(getattr(e, "case_sensitive_aliases", []) or [])
    shared = set(getattr(e, "ambiguous_aliases", []) or [])
    for surface in _surfaces(e):
        rule = "kb case-sensitive" if surface in exact else "kb ambiguous" if surface in shared else "kb"
        conn.execute(
            "INSERT INTO aliases (entity_id, alias, norm, origin, rule) VALUES (?, ?, ?, 'kb', ?) ON CONFLICT DO NOTHING",
            (kb_id(e.id), surface, alias_key(surface), rule),
        )


def _surfaces(e: KBEntity) -> list[str]:
    """Canonical name, aliases, ambiguous and case-sensitive aliases, without duplicates."""
    names = [e.name]
    for attr in ("aliases", "ambiguous_aliases", "case_sensitive_aliases"):
        names += list(getattr(e, attr, []) or [])
    return list(dict.fromkeys(names))


def _insert_relation(conn: sqlite3.Connection, r: KBRelation) -> None:
    from orbat.ontology.predicates import load_predicates  # pydantic, imported only when syncing

    sid, oid = kb_id(r.subject), kb_id(r.object)
    pred = load_predicates().get(r.predicate)
    predicate = pred.label if pred is not None else r.predicate
    start = str(r.start) if getattr(r, "start", None) else None
    end = str(r.end) if getattr(r, "end", None) else None
    conn.execute(
        "INSERT INTO relations (subject_id, predicate, object_id, date_start, date_end, status, certainty, "
        "origin, evidence, rule, fact_key) VALUES (?, ?, ?, ?, ?, ?, 'asserted', 'kb', ?, ?, ?)",
        (sid, predicate, oid, start, end, "former" if end else "current", getattr(r, "note", None),
         f"kb {_relative(getattr(r, 'file', ''))}:{getattr(r, 'line', '')}",
         relation_fact_key(sid, predicate, oid, start)),
    )


def _relative(path: str) -> str:
    """KB file paths as package-relative ("kb/data/groups/syria.yaml"), the same on every machine."""
    marker = "/orbat/"
    return path.split(marker, 1)[1] if marker in path else path


def sync_kb(conn: sqlite3.Connection, kb: KnowledgeBase) -> None:
    """Upsert every KB entity with its aliases; replace the curated relations."""
    conn.execute("DELETE FROM aliases WHERE origin = 'kb'")
    for entity in kb.entities.values():
        _upsert_entity(conn, entity)
    conn.execute("DELETE FROM relations WHERE origin = 'kb'")
    for relation in kb.relations:
        _insert_relation(conn, relation)
