"""The orbat web application: JSON API under /api, server-rendered pages, static files.

``create_app(db, token)`` builds a FastAPI app over one SQLite knowledge base. Every request
opens its own connection. Writes need ``token`` (from ORBAT_API_TOKEN); without one they are
disabled. Every response carries a strict Content-Security-Policy (no inline script or style).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from orbat import __version__
from orbat.settings import Settings
from orbat.web import api, api_write, pages
from orbat.web.deps import WebConfig
from orbat.web.errors import install_handlers

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def static_dir() -> Path:
    return Path(str(resources.files("orbat.web").joinpath("static")))


def create_app(db: str | Path, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The app over the knowledge base at ``db``; ``token`` enables the write endpoints."""
    app = FastAPI(title="orbat", version=__version__, docs_url=None, redoc_url=None,
                  description="Read the orbat knowledge base; write endpoints need a Bearer token.")
    app.state.orbat = WebConfig(Path(db), token or None, settings or Settings())

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    install_handlers(app, pages.render_error)
    app.include_router(api.router)
    app.include_router(api_write.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    return app
