"""Server-rendered pages (Jinja2, autoescaped). Data-heavy parts (highlights, map, graph) are drawn
by small scripts in static/js that read the JSON API; no inline scripts or handlers anywhere."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from orbat import query
from orbat.errors import NotFoundError
from orbat.query import search
from orbat.query.lineage import lineage
from orbat.store import Store, review, watch
from orbat.store.base import MAX_SEARCH
from orbat.web.deps import WebConfig, config, get_store

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
ConfigDep = Annotated[WebConfig, Depends(config)]
VENDOR_FILES = ("leaflet.js", "leaflet.css", "cytoscape.min.js", "topojson-client.min.js", "countries-110m.json",
                "echarts.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js", "cytoscape-dagre.min.js",
                "leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css", "admin1.json")
DATE = r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"  # empty, or a real partial ISO date
READ_ONLY = "writes are disabled: the server was started without ORBAT_API_TOKEN"
SEARCH_PAGE = 20
ENTITY_TYPES = ("ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION")
PAGE_ROWS = 200  # newest events, sources and relation claims shown on an entity page

_env = Environment(
    loader=FileSystemLoader(str(resources.files("orbat.web").joinpath("templates"))),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True, lstrip_blocks=True,
    auto_reload=False,  # templates ship with the package: no stat() of every included file per render
)


def http_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL, else None: ``javascript:`` or ``data:`` never become links."""
    if not url or urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return None
    return url.strip()


_env.filters["http_url"] = http_url


def vendor_missing() -> list[str]:
    """Front-end files not yet copied by `make web-assets`."""
    vendor = resources.files("orbat.web").joinpath("static", "vendor")
    return [f for f in VENDOR_FILES if not vendor.joinpath(f).is_file()]


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _env.get_template(name).render(vendor_missing=vendor_missing(), **context)
    return HTMLResponse(html, status_code=status_code)


def review_context(cfg: WebConfig) -> dict[str, Any]:
    """What the review controls need: whether writes are possible, and why not."""
    return {"writable": cfg.token is not None, "readonly_reason": None if cfg.token else READ_ONLY}


def render_error(request: Request, status: int, message: str) -> Response:
    return render("error.html", status, title=f"Error {status}", status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def search_page(store: StoreDep, q: Annotated[str, Query(max_length=MAX_SEARCH)] = "",
                type: Annotated[str, Query(max_length=20)] = "", country: Annotated[str, Query(max_length=60)] = "",
                page: Annotated[int, Query(ge=1, le=1000)] = 1,
                apage: Annotated[int, Query(ge=1, le=1000)] = 1) -> HTMLResponse:
    kind = type if type in ENTITY_TYPES else None
    found = search.entities(store, q, type=kind, country=country or None, limit=SEARCH_PAGE,
                            offset=(page - 1) * SEARCH_PAGE) if q.strip() else None
    listed = query.entities(store, type=kind, limit=50) if kind and not q.strip() else []
    if q.strip():
        arts, n_arts = search.articles(store, q, SEARCH_PAGE, (apage - 1) * SEARCH_PAGE)
    else:
        arts, n_arts = query.articles(store, None, limit=20), 0
    top = [] if (q or kind) else query.entities(store, type="ORG_ARMED", limit=15)
    return render("search.html", title="Search", q=q, type=type, country=country, types=ENTITY_TYPES, found=found,
                  listed=listed, articles=arts, n_articles=n_arts, top=top, page=page, apage=apage,
                  per_page=SEARCH_PAGE, watched=watch.news(store))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(entity_id: str, store: StoreDep, cfg: ConfigDep,
                at: Annotated[str, Query(pattern=DATE)] = "") -> HTMLResponse:
    # the newest PAGE_ROWS relation claims ("holding at a date" needs a date: undated ones are not shown then)
    prof, totals = query.profile_page(store, entity_id, PAGE_ROWS, claims=PAGE_ROWS, at=at or None)
    if prof.entity.type == "LOCATION":  # a place page lists the events that happened there
        here, totals["events"] = query.place_events(store, prof.entity.canonical, PAGE_ROWS)
        prof = replace(prof, events=here)
    steps = lineage(store, prof.entity.id) if prof.entity.type.startswith("ORG") else []
    rels = prof.relations
    sources = query.event_sources(store, [e.id for e in prof.events])
    marks = review.verdicts(store, [f"event:{e.id}" for e in prof.events] + [f"relation:{r.id}" for r in rels])
    return render("entity.html", title=prof.entity.canonical, p=prof, lineage=steps, relations=rels, at=at,
                  totals=totals, ev_sources=sources, verdicts=marks, summary=query.entity_summary(store, prof),
                  watching=watch.is_watched(store, prof.entity.id), **review_context(cfg))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, store: StoreDep, cfg: ConfigDep) -> HTMLResponse:
    art = query.article(store, article_id)
    marks = review.verdicts(store, [f"event:{e['id']}" for e in art["events"]]
                            + [f"relation:{r['id']}" for r in art["relations"]])
    return render("article.html", title=art["title"] or art["id"], a=art, verdicts=marks, **review_context(cfg))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: int, store: StoreDep, cfg: ConfigDep) -> HTMLResponse:
    ev = query.event(store, event_id)
    marks = review.verdicts(store, [f"event:{event_id}"])
    return render("event.html", title=f"{ev['type']} {ev['date'] or ''}", e=ev, verdicts=marks,
                  **review_context(cfg))


@router.get("/review", response_class=HTMLResponse)
def review_page(store: StoreDep, cfg: ConfigDep, page: Annotated[int, Query(ge=1, le=10_000)] = 1,
                kind: Annotated[str, Query(pattern="^(event|relation)?$")] = "") -> HTMLResponse:
    items, total = review.queue(store, 50, (page - 1) * 50, kind or None)
    log, n_log = review.audit_log(store, 30)
    return render("review.html", title="Review queue", items=items, total=total, page=page, kind=kind, log=log,
                  n_log=n_log, **review_context(cfg))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(actor: str = "", type: str = "", country: str = "",
                  since: Annotated[str, Query(pattern=DATE)] = "",
                  until: Annotated[str, Query(pattern=DATE)] = "") -> HTMLResponse:
    return render("timeline.html", title="Timeline",
                  f={"actor": actor, "type": type, "country": country, "since": since, "until": until})


@router.get("/map", response_class=HTMLResponse)
def map_page(actor: str = "", type: str = "", country: str = "", since: Annotated[str, Query(pattern=DATE)] = "",
             until: Annotated[str, Query(pattern=DATE)] = "") -> HTMLResponse:
    return render("map.html", title="Events map",
                  f={"actor": actor, "type": type, "country": country, "since": since, "until": until})


@router.get("/graph", response_class=HTMLResponse)
def graph_page(store: StoreDep, entity: str = "kb:hts", depth: Annotated[int, Query(ge=1, le=2)] = 1) -> HTMLResponse:
    try:
        center = store.resolve_name(entity)
    except NotFoundError:
        center = None
    return render("graph.html", title="Group network", entity=entity, center=center, depth=depth)
