"""Read routes of the analyst workbench: search (fuzzy entities, full-text articles), one event with
its sources, the timeline, the review queue, the audit log and downloads of what a page shows."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from orbat import query
from orbat.query import search
from orbat.query.rows import EventRow
from orbat.store import Store, review
from orbat.web.deps import get_store
from orbat.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["workbench"], responses=ERROR_RESPONSES)

# A real calendar shape: month 01-12, day 01-31 ("2024-13" is refused with 422).
BBOX = r"^(-?\d{1,3}(\.\d+)?,){3}-?\d{1,3}(\.\d+)?$"
ISO_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=200, description="page size")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="rows to skip")]
DateParam = Annotated[str | None, Query(pattern=ISO_DATE, description="ISO date, partial allowed: 2017 or 2017-01")]
Text = Annotated[str, Query(min_length=1, max_length=200, description="search text")]


def paged(items: list[Any], total: int, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset, "count": len(items), **extra}


@router.get("/search/entities", summary="Entities by fuzzy name or alias, best first, with facets")
def search_entities(store: StoreDep, q: Text, type: str | None = None, country: str | None = None,
                    limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    found = search.entities(store, q, type=type, country=country, limit=limit, offset=offset)
    return paged([h.to_dict() for h in found.items], found.total, limit, offset, facets=found.facets)


@router.get("/search/articles", summary="Articles by full-text search (every word), with snippets")
def search_articles(store: StoreDep, q: Text, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    items, total = search.articles(store, q, limit, offset)
    return paged(items, total, limit, offset)


@router.get("/events/{event_id}", summary="One (merged) event with every source's figures and evidence")
def get_event(event_id: int, store: StoreDep) -> dict[str, Any]:
    return query.event(store, event_id)


@router.get("/timeline", summary="Events per month by event type (empty months included), same filters as /api/events")
def get_timeline(store: StoreDep, actor: str | None = None, type: str | None = None, country: str | None = None,
                 since: DateParam = None, until: DateParam = None) -> dict[str, Any]:
    return query.timeline(store, actor=actor, type=type, country=country, since=since, until=until)


@router.get("/review/queue", summary="Unreviewed facts, most in need of review first")
def review_queue(store: StoreDep, kind: Literal["event", "relation"] | None = None, limit: Limit = 50,
                 offset: Offset = 0) -> dict[str, Any]:
    items, total = review.queue(store, limit, offset, kind)
    return paged([i.to_dict() for i in items], total, limit, offset)


@router.get("/audit", summary="Review actions, newest first: who, when, what, why")
def audit(store: StoreDep, target: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows, total = review.audit_log(store, limit, offset, target)
    return paged([asdict(r) for r in rows], total, limit, offset)


def _acled_csv(store: Store, rows: list[EventRow]) -> str:
    from orbat.export.acled import write_rows

    out = io.StringIO()
    write_rows(store, rows, out)
    return out.getvalue()


EXPORT_TYPES = {"acled_csv": ("text/csv", "csv"), "geojson": ("application/geo+json", "geojson"),
                "jsonl": ("application/x-ndjson", "jsonl"), "stix": ("application/stix+json;version=2.1", "stix.json"),
                "graphml": ("application/xml", "graphml"), "gexf": ("application/xml", "gexf")}


def _download(body: str | bytes, format: str, name: str) -> Response:
    media, ext = EXPORT_TYPES[format]
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'})


@router.get("/export/events", summary="Download the events a page shows (same filters as /api/events)",
            response_class=Response,
            responses={200: {"content": {media: {} for media, _ in EXPORT_TYPES.values()}, "description": "a file"}})
def export_events(store: StoreDep, format: Literal["acled_csv", "geojson", "jsonl", "stix"] = "acled_csv",
                  actor: str | None = None, type: str | None = None, country: str | None = None,
                  since: DateParam = None, until: DateParam = None,
                  bbox: Annotated[str | None, Query(pattern=BBOX, description="minlon,minlat,maxlon,maxlat: the map view")]
                  = None) -> Response:
    from orbat.web.api import feature, parse_bbox

    rows = query.events(store, actor=actor, type=type, country=country, since=since, until=until,
                        bbox=parse_bbox(bbox))
    if format == "acled_csv":
        body = _acled_csv(store, rows)
    elif format == "geojson":
        body = json.dumps({"type": "FeatureCollection", "features": [
            feature(e) for e in rows if e.latitude is not None and e.longitude is not None]})
    elif format == "stix":
        from orbat.export.stix import build_selection, dumps

        body = dumps(build_selection(store, event_rows=rows))
    else:
        body = "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in rows)
    return _download(body, format, "orbat-events")


@router.get("/export/graph", summary="Download the graph a page shows as GraphML, GEXF, STIX 2.1 or JSONL",
            response_class=Response,
            responses={200: {"content": {"application/xml": {}, "application/stix+json;version=2.1": {},
                                         "application/x-ndjson": {}}, "description": "a file"}})
def export_graph(store: StoreDep, entity: str, depth: Annotated[int, Query(ge=1, le=2)] = 1,
                 at: DateParam = None, format: Literal["graphml", "gexf", "stix", "jsonl"] = "graphml",
                 predicate: Annotated[str | None, Query(max_length=60, description="only this predicate")] = None,
                 type: Annotated[str | None, Query(max_length=20, description="only nodes of this type (and the centre)")]
                 = None,
                 certainty: Annotated[str | None, Query(max_length=20, description="only edges of this certainty")]
                 = None) -> Response:
    data = shown(query.graph(store, entity, depth, at), predicate, type, certainty)
    if format == "jsonl":  # one edge a line, as the page's table shows it
        return _download("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in data["edges"]), format,
                         "orbat-graph")
    if format == "stix":
        from orbat.export.stix import build_selection, dumps

        ids = {int(e["id"]) for e in data["edges"]}
        rows = [r for r in query.relations(store, entity=data["center"]) if r.id in ids] if depth == 1 else \
            [r for r in query.relations(store) if r.id in ids]
        return _download(dumps(build_selection(store, relation_rows=rows)), format, "orbat-graph")
    return _download(_graph_xml(data, format), format, "orbat-graph")


def shown(data: dict[str, Any], predicate: str | None, type: str | None, certainty: str | None) -> dict[str, Any]:
    """The graph as the page's filters show it: nodes of ``type`` (the centre always), the edges between
    them with ``predicate`` and ``certainty``."""
    nodes = [n for n in data["nodes"] if not type or n["type"] == type or n["id"] == data["center"]]
    kept = {n["id"] for n in nodes}
    edges = [e for e in data["edges"] if e["source"] in kept and e["target"] in kept
             and (not predicate or e["predicate"] == predicate) and (not certainty or e["certainty"] == certainty)]
    return {**data, "nodes": nodes, "edges": edges}


def _graph_xml(data: dict[str, Any], format: str) -> bytes:
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], label=n["name"], type=n["type"] or "")
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], key=str(e["id"]), predicate=e["predicate"],
                   **{k: str(e[k]) for k in ("date_start", "date_end", "certainty", "origin") if e[k] is not None})
    out = io.BytesIO()
    (nx.write_graphml if format == "graphml" else nx.write_gexf)(g, out)
    return out.getvalue()


@router.get("/legend", summary="Stable colours per event type and predicate, node shapes per entity type")
def get_legend() -> dict[str, Any]:
    from orbat.web.legend import legend

    return legend()
