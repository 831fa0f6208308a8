"""The orbat web application: JSON API under /api, server-rendered pages, static files.

``create_app(db, token)`` builds a FastAPI app over one knowledge base (SQLite or PostgreSQL).
Handlers are plain functions, run in the threadpool; each request takes a store (connection) of
the app's pool for itself and hands it back (``orbat.web.deps.StorePool``). Writes need ``token``
(from ORBAT_API_TOKEN); without one they are disabled. GET answers are kept until the database
changes (``orbat.web.cache``). ``orbat.web.guard.Guard`` wraps everything: Host check, token
before body, body cap, and a strict Content-Security-Policy (no inline script or style) on every response, errors included.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Hashable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from orbat import __version__
from orbat.settings import Settings
from orbat.web import api, api_workbench, api_write, pages
from orbat.web.cache import ChangeStamp, ResponseCache
from orbat.web.deps import WebConfig, check_token
from orbat.web.errors import install_handlers
from orbat.web.guard import CSP, LOCAL_HOSTS, SECURITY_HEADERS, Guard

__all__ = ["CSP", "SECURITY_HEADERS", "create_app", "static_dir"]


def static_dir() -> Path:
    return Path(str(resources.files("orbat.web").joinpath("static")))


def create_app(db: str | Path, token: str | None = None, settings: Settings | None = None,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over the knowledge base at ``db``; ``token`` enables the write endpoints.

    ``allowed_hosts`` are the Host header names answered (default: ``settings.allowed_hosts``, else
    this machine's loopback names); ``settings.max_request_bytes`` caps request bodies.
    """
    settings = settings or Settings()
    cfg = WebConfig(str(db), token or None, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        cfg.stores.close()
        stamp.close()

    app = FastAPI(title="orbat", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Read the orbat knowledge base; write endpoints need a Bearer token.")
    app.state.orbat = cfg
    hosts = allowed_hosts or [h for h in settings.allowed_hosts.split(",") if h.strip()] or LOCAL_HOSTS
    stamp = ChangeStamp(lambda: str(cfg.db))

    def answers_stamp() -> Hashable | None:
        """What GET answers depend on: the database, and whether the front-end assets are built."""
        db = stamp()
        return None if db is None else (db, tuple(pages.vendor_missing()))

    app.add_middleware(ResponseCache, stamp=answers_stamp, max_bytes=settings.web_cache_mb * 1_000_000)
    writes = {(method, route.path) for route in api_write.router.routes if isinstance(route, APIRoute)
              for method in route.methods or ()}
    app.add_middleware(Guard, allowed_hosts=hosts, write_routes=writes, max_body=settings.max_request_bytes,
                       check_token=lambda header: check_token(cfg.token, header), render_page=pages.render_error)
    install_handlers(app, pages.render_error)
    app.include_router(api_workbench.router)
    app.include_router(api.router)
    app.include_router(api_write.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    return app


def create_app_from_env() -> FastAPI:
    """The app for ``orbat serve --workers N`` (uvicorn imports it in each worker process):
    database and token from ``ORBAT_DB`` and ``ORBAT_API_TOKEN``."""
    import os

    settings = Settings.from_env()
    return create_app(settings.db, os.environ.get("ORBAT_API_TOKEN") or None, settings)
