"""Typed rows returned by the read side (orbat.query; never printed by the library)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


def _flat(row: Any) -> dict[str, Any]:
    """``asdict`` of a row of scalars, in field order, without its deep copies."""
    return {name: getattr(row, name) for name in row.__slots__}


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    canonical: str
    type: str
    origin: str
    inter: int | None
    country: str | None
    mentions: int


@dataclass(frozen=True, slots=True)  # slots: one object a row, fewer for the garbage collector to scan
class EventRow:
    id: int
    type: str
    actor1: str | None
    actor1_id: str | None
    actor2: str | None
    actor2_id: str | None
    assoc_actor1: str | None
    assoc_actor2: str | None
    inter1: int | None
    inter2: int | None
    location: str | None
    country: str | None
    iso: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    date: str | None
    time_precision: int | None
    fatalities: int | None
    injured: int | None
    count: int | None
    approx: bool
    certainty: str
    claimed_by: str | None
    modality: str | None
    source_count: int

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass(frozen=True, slots=True)
class RelationRow:
    id: int
    subject_id: str
    subject: str
    predicate: str
    object_id: str
    object: str
    date_start: str | None
    date_end: str | None
    status: str
    certainty: str
    origin: str
    source_count: int  # distinct articles reporting this subject-predicate-object
    article_id: str | None
    evidence: str | None
    start: int | None = None
    end: int | None = None
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: str
    title: str | None
    url: str | None
    published: str | None
    outlet: str | None


@dataclass(frozen=True)
class Profile:
    entity: EntityRow
    aliases: list[str]
    mention_count: int
    events: list[EventRow]
    relations: list[RelationRow]
    sources: list[SourceRow]
    merged: list[str] = field(default_factory=list)  # ids merged into this entity

    def to_dict(self) -> dict[str, Any]:
        """Same as ``asdict`` (field order kept), built shallowly: rows hold only scalars."""
        return {"entity": _flat(self.entity), "aliases": list(self.aliases),
                "mention_count": self.mention_count, "events": [e.to_dict() for e in self.events],
                "relations": [r.to_dict() for r in self.relations],
                "sources": [_flat(s) for s in self.sources], "merged": list(self.merged)}


@dataclass(frozen=True)
class Summary:
    articles: dict[str, int]
    entities_by_type: dict[str, int]
    events_by_type: dict[str, int]
    relations_by_predicate: dict[str, int]
    kb_relations: int
    top_groups: list[tuple[str, str, int]]  # (id, canonical, mentions)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
