"""Typed gold and system records for scoring, loaded from JSONL with fail-fast errors.

Gold follows the schema of the dev set (``gold.jsonl``); system records follow the
``orbat extract`` contract. Only the fields the scorer reads are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orbat.errors import DataError


@dataclass(frozen=True)
class GoldEntity:
    text: str
    type: str
    canonical: str
    also_accept: tuple[str, ...] = ()
    boilerplate: bool = False


@dataclass(frozen=True)
class EventItem:
    """An event as the scorer sees it (gold or system); ``*_also`` are gold-only widenings."""

    type: str
    actor1: str | None
    location: str | None
    date: str | None
    fatalities: int | None = None
    claimed_by: str | None = None
    certainty: str | None = None
    type_also: tuple[str, ...] = ()
    actor1_also: tuple[str | None, ...] = ()
    location_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationItem:
    subject: str
    predicate: str
    object: str
    subject_also: tuple[str, ...] = ()
    object_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    id: str
    entities: tuple[GoldEntity, ...]
    aliases: tuple[tuple[str, ...], ...]
    events: tuple[EventItem, ...]
    relations: tuple[RelationItem, ...]
    unscored: tuple[str, ...] = ()


@dataclass(frozen=True)
class SystemEntity:
    text: str
    type: str
    canonical: str


@dataclass(frozen=True)
class SystemArticle:
    id: str
    entities: tuple[SystemEntity, ...]
    aliases: tuple[tuple[str, ...], ...] | None  # None: the record has no aliases field
    events: tuple[EventItem, ...]
    relations: tuple[RelationItem, ...]
    status: str = "ok"  # "failed" when extraction failed (scored as an empty output)


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


def _event(d: dict[str, Any]) -> EventItem:
    fat = d.get("fatalities")
    return EventItem(
        type=str(d["type"]),
        actor1=d.get("actor1"),
        location=d.get("location"),
        date=None if d.get("date") is None else str(d["date"]),
        fatalities=int(fat) if isinstance(fat, int | float) else None,
        claimed_by=d.get("claimed_by"),
        certainty=d.get("certainty"),
        type_also=_tuple(d.get("type_also_accept")),
        actor1_also=_tuple(d.get("actor1_also_accept")),
        location_also=_tuple(d.get("location_also_accept")),
    )


def _relation(d: dict[str, Any]) -> RelationItem:
    return RelationItem(
        subject=str(d["subject"]),
        predicate=str(d["predicate"]),
        object=str(d["object"]),
        subject_also=_tuple(d.get("subject_also_accept")),
        object_also=_tuple(d.get("object_also_accept")),
    )


def gold_from_dict(d: dict[str, Any]) -> GoldArticle:
    return GoldArticle(
        id=str(d["id"]),
        entities=tuple(
            GoldEntity(
                text=e["text"],
                type=e["type"],
                canonical=e["canonical"],
                also_accept=_tuple(e.get("also_accept")),
                boilerplate=bool(e.get("boilerplate", False)),
            )
            for e in d.get("entities", [])
        ),
        aliases=tuple(tuple(g) for g in d.get("aliases", [])),
        events=tuple(_event(e) for e in d.get("events", [])),
        relations=tuple(_relation(r) for r in d.get("relations", [])),
        unscored=tuple(u["text"] if isinstance(u, dict) else str(u) for u in d.get("unscored_mentions", [])),
    )


def system_from_dict(d: dict[str, Any]) -> SystemArticle:
    aliases = d.get("aliases")
    return SystemArticle(
        id=str(d["id"]),
        entities=tuple(
            SystemEntity(text=e["text"], type=e["type"], canonical=e.get("canonical") or e["text"])
            for e in d.get("entities", [])
        ),
        aliases=None if aliases is None else tuple(tuple(g) for g in aliases),
        events=tuple(_event(e) for e in d.get("events", [])),
        relations=tuple(_relation(r) for r in d.get("relations", [])),
        status=str(d.get("status") or "ok"),
    )


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; DataError names file and line."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise DataError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(str(path), f"invalid JSON: {exc.msg}", n) from exc
        if not isinstance(obj, dict):
            raise DataError(str(path), "expected a JSON object", n)
        yield n, obj


def _load(path: Path, parse: Any) -> list[Any]:
    out = []
    for n, obj in iter_jsonl(path):
        try:
            out.append(parse(obj))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(str(path), f"bad record ({type(exc).__name__}: {exc})", n) from exc
    return out


def load_gold(path: Path) -> list[GoldArticle]:
    return _load(path, gold_from_dict)


def load_system(path: Path) -> list[SystemArticle]:
    return _load(path, system_from_dict)
