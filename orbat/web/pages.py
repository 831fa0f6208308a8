"""Server-rendered pages (Jinja2, autoescaped). Data-heavy parts (highlights, map, graph) are drawn
by small scripts in static/js that read the JSON API; no inline scripts or handlers anywhere."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from orbat.errors import NotFoundError
from orbat.relations.lineage import lineage
from orbat.store import Store, queries
from orbat.store.base import MAX_SEARCH
from orbat.web import queries as web_queries
from orbat.web.deps import get_store

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
VENDOR_FILES = ("leaflet.js", "leaflet.css", "cytoscape.min.js", "topojson-client.min.js", "countries-110m.json")
ENTITY_TYPES = ("ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION")
PAGE_ROWS = 200  # newest events and sources shown on an entity page

_env = Environment(
    loader=FileSystemLoader(str(resources.files("orbat.web").joinpath("templates"))),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True, lstrip_blocks=True,
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


def render_error(request: Request, status: int, message: str) -> Response:
    return render("error.html", status, title=f"Error {status}", status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def search_page(store: StoreDep, q: Annotated[str, Query(max_length=MAX_SEARCH)] = "",
                type: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    kind = type if type in ENTITY_TYPES else None
    found = queries.entities(store, type=kind, search=q or None, limit=50) if (q or kind) else []
    arts = web_queries.articles(store, q or None, limit=20)
    top = [] if (q or kind) else queries.entities(store, type="ORG_ARMED", limit=15)
    return render("search.html", title="Search", q=q, type=type, types=ENTITY_TYPES, entities=found,
                  articles=arts, top=top)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(entity_id: str, store: StoreDep,
                at: Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")] = "") -> HTMLResponse:
    prof, totals = queries.profile_page(store, entity_id, PAGE_ROWS)
    steps = lineage(store, prof.entity.id) if prof.entity.type.startswith("ORG") else []
    rels = [r for r in prof.relations if not at or queries.holds_at(r.date_start, r.date_end, at)]
    return render("entity.html", title=prof.entity.canonical, p=prof, lineage=steps, relations=rels, at=at,
                  totals=totals)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, store: StoreDep) -> HTMLResponse:
    art = web_queries.article(store, article_id)
    return render("article.html", title=art["title"] or art["id"], a=art)


@router.get("/map", response_class=HTMLResponse)
def map_page(actor: str = "", type: str = "", country: str = "", since: str = "", until: str = "") -> HTMLResponse:
    return render("map.html", title="Events map",
                  f={"actor": actor, "type": type, "country": country, "since": since, "until": until})


@router.get("/graph", response_class=HTMLResponse)
def graph_page(store: StoreDep, entity: str = "kb:hts", depth: Annotated[int, Query(ge=1, le=2)] = 1) -> HTMLResponse:
    try:
        center = store.resolve_name(entity)
    except NotFoundError:
        center = None
    return render("graph.html", title="Group network", entity=entity, center=center, depth=depth)
