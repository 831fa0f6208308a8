"""Read-only JSON API: articles, entities, events (JSON or GeoJSON), relations and the graph."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from orbat import query
from orbat.query.lineage import lineage
from orbat.query.rows import EventRow
from orbat.store import Store
from orbat.store.base import MAX_SEARCH
from orbat.web.deps import get_store
from orbat.web.errors import ERROR_RESPONSES, ApiError

router = APIRouter(prefix="/api", tags=["read"], responses=ERROR_RESPONSES)

ISO_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"  # month 13 is refused
_NUM = r"-?\d{1,3}(\.\d+)?"
BBOX = rf"^({_NUM},{_NUM},{_NUM},{_NUM})?$"
StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip")]
Search = Annotated[str | None, Query(max_length=MAX_SEARCH, description="part of a name, title or id")]
DateParam = Annotated[str | None, Query(pattern=ISO_DATE, description="ISO date, partial allowed: 2017 or 2017-01")]


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "limit": limit, "offset": offset, "count": len(items)}


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    """"minlon,minlat,maxlon,maxlat" -> floats; 422 when malformed or out of range."""
    if not bbox:
        return None
    parts = bbox.split(",")
    try:
        x0, y0, x1, y1 = (float(p) for p in parts)
    except ValueError:
        raise ApiError(422, f"bbox {bbox!r}: expected minlon,minlat,maxlon,maxlat (4 numbers)") from None
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise ApiError(422, f"bbox {bbox!r}: need -180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90")
    return x0, y0, x1, y1


def feature(e: EventRow) -> dict[str, Any]:
    props = {k: v for k, v in e.to_dict().items() if v is not None and k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": e.id, "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
            "properties": props}


@router.get("/articles", summary="Stored articles, newest first")
def list_articles(store: StoreDep, search: Search = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return page(query.articles(store, search, limit, offset), limit, offset)


@router.get("/articles/{article_id}", summary="One article: text and extracted facts with offsets")
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    return query.article(store, article_id)


@router.get("/entities", summary="Entities after merges, most mentioned first")
def list_entities(store: StoreDep, search: Search = None,
                  type: Annotated[str | None, Query(description="ORG_ARMED, ORG_OTHER, PERSON, LOCATION")] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = query.entities(store, type=type, search=search, limit=limit, offset=offset)
    return page([asdict(r) for r in rows], limit, offset)


@router.get("/entities/{entity_id}", summary="One entity: aliases, lineage, dated relations, events, sources",
            response_model=dict[str, Any])
def get_entity(entity_id: str, store: StoreDep,
               limit: Annotated[int, Query(ge=1, le=10_000, description="newest events and sources")] = 200,
               ) -> JSONResponse:
    """Newest ``limit`` events and sources, each relation claim once; ``totals`` counts the full lists."""
    prof, totals = query.profile_page(store, entity_id, limit)
    steps = lineage(store, prof.entity.id) if prof.entity.type.startswith("ORG") else []
    return JSONResponse({**prof.to_dict(), "lineage": [s.to_dict() for s in steps], "totals": totals})


@router.get("/events", summary="Events with filters; format=geojson gives a FeatureCollection",
            response_model=dict[str, Any])
def list_events(
    store: StoreDep,
    actor: str | None = None,
    type: Annotated[str | None, Query(description="event type or sub-event type (prefix)")] = None,
    country: Annotated[str | None, Query(description="country name or ISO code")] = None,
    since: DateParam = None,
    until: DateParam = None,
    bbox: Annotated[str | None, Query(pattern=BBOX, description="minlon,minlat,maxlon,maxlat (WGS84 degrees)")] = None,
    format: Literal["json", "geojson"] = "json",
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    offset: Offset = 0,
) -> JSONResponse:
    rows = query.events(store, actor=actor, type=type, country=country, since=since, until=until,
                          bbox=parse_bbox(bbox), limit=offset + limit)[offset:]
    if format == "geojson":
        located = [e for e in rows if e.latitude is not None and e.longitude is not None]
        return JSONResponse({"type": "FeatureCollection", "features": [feature(e) for e in located]})
    return JSONResponse(page([e.to_dict() for e in rows], limit, offset))


@router.get("/relations", summary="Relations (after merges and rejections), optionally held at a date")
def list_relations(store: StoreDep, entity: str | None = None, predicate: str | None = None,
                   at: DateParam = None, limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
                   offset: Offset = 0) -> dict[str, Any]:
    rows = query.relations(store, entity=entity, predicate=predicate, at=at)
    if at:  # "held at a date" needs a date: undated relations are not shown as holding
        rows = [r for r in rows if r.date_start or r.date_end]
    rows = rows[offset: offset + limit]
    return page([r.to_dict() for r in rows], limit, offset)


@router.get("/graph", summary="Nodes and edges around an entity (depth 1-2)")
def get_graph(store: StoreDep, entity: str, depth: Annotated[int, Query(ge=1, le=2)] = 1,
              at: DateParam = None) -> dict[str, Any]:
    return query.graph(store, entity, depth, at)
