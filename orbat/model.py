"""Typed items that flow through orbat: articles in, extractions out.

Every fact carries the character span of the stored article text that supports it,
so ``article.text[start:end] == item.text`` holds for mentions and evidence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EntityType = Literal["ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION"]
ENTITY_TYPES: tuple[str, ...] = ("ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION")

Certainty = Literal["asserted", "claimed", "alleged", "reported"]
CERTAINTIES: tuple[str, ...] = ("asserted", "claimed", "alleged", "reported")

DatePrecision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class Region:
    """A marked region of the stored text (boilerplate, byline, ...)."""

    start: int
    end: int
    kind: str  # "boilerplate", "tags", "navigation", "byline", "photo_credit", "read_more"


@dataclass
class Article:
    """One input document. ``text`` is stored verbatim; offsets index it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, partial allowed: 2017-07 or 2017
    published_precision: DatePrecision | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    source: str | None = None  # file path, URL or "-" the article came from
    regions: list[Region] = field(default_factory=list)  # marked, not extracted from
    body_start: int = 0  # offset where the body starts (after the title line)

    def in_marked_region(self, start: int, end: int) -> bool:
        return any(r.start < end and start < r.end for r in self.regions)


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Mention:
    """One entity mention in the article text."""

    text: str
    start: int
    end: int
    type: str  # one of ENTITY_TYPES
    canonical: str
    entity_id: str  # KB id ("kb:hts") or a minted id ("new:person:abu-sulayman-al-rusi")
    rule: str = ""  # why it was typed/linked this way (readable explanation)
    attrs: dict[str, Any] = field(default_factory=dict)  # kunya, nisba, origin, honorific...

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "canonical": self.canonical,
            "entity_id": self.entity_id,
            "rule": self.rule,
            **({"attrs": self.attrs} if self.attrs else {}),
        }


@dataclass
class Event:
    """An ACLED-typed event with its arguments and evidence sentence."""

    type: str  # "Event type/Sub-event type"
    evidence: Evidence
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor1: str | None = None
    assoc_actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    location: str | None = None
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # 1 town, 2 near town / part of region, 3 region
    date: str | None = None  # ISO, partial allowed
    time_precision: int | None = None  # 1 day, 2 week, 3 month (ACLED); year-only -> 3
    fatalities: int | None = None
    fatalities_approx: bool = False
    injured: int | None = None
    count: int | None = None  # people arrested / abducted
    approx: bool = False
    certainty: str = "asserted"
    claimed_by: str | None = None
    modality: str | None = None  # attempted | failed | planned | historical | denied
    trigger: str | None = None
    rule: str = ""
    actor1_id: str | None = None  # the entity ids of the actors (a mention's entity_id), when known
    actor2_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = self.evidence.to_dict()
        return d


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: Evidence
    date: str | None = None  # ISO, partial, or a range "2013/2016-07"
    status: str = "current"  # current | former
    certainty: str = "asserted"
    subject_id: str | None = None
    object_id: str | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = self.evidence.to_dict()
        return d


@dataclass
class Extraction:
    """What orbat extracted from one article: the `orbat extract` record."""

    article: Article
    entities: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    aliases: list[list[str]] = field(default_factory=list)  # [canonical, surface, ...]
    errors: list[str] = field(default_factory=list)
    status: str = "ok"  # ok | skipped | failed
    pipeline_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "url": a.url,
            "published": a.published,
            "outlet": a.outlet,
            "author": a.author,
            "language": a.language,
            "status": self.status,
            "text": a.text,
            "regions": [asdict(r) for r in a.regions],
            "entities": [m.to_dict() for m in self.entities],
            "aliases": self.aliases,
            "events": [e.to_dict() for e in self.events],
            "relations": [r.to_dict() for r in self.relations],
            "errors": self.errors,
            "pipeline_version": self.pipeline_version,
        }
