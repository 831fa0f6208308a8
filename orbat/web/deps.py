"""Request dependencies: a fresh Store (SQLite connection) per request, and the write token check."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from orbat.settings import Settings
from orbat.store import Store
from orbat.web.errors import ApiError


@dataclass
class WebConfig:
    """What the app needs: the database path, the write token (None: writes disabled), settings."""

    db: str  # SQLite path or postgresql:// URL
    token: str | None = None
    settings: Settings = field(default_factory=Settings)
    cache: dict[str, Any] = field(default_factory=dict)  # lazily built heavy objects (the NLP pipeline)


def config(request: Request) -> WebConfig:
    cfg = request.app.state.orbat
    assert isinstance(cfg, WebConfig)
    return cfg


def get_store(request: Request) -> Iterator[Store]:
    """One connection per request: sqlite3 objects must not be shared between worker threads.
    The server never creates a database: a deleted file is a 503, not an empty knowledge base."""
    store = Store(config(request).db, config(request).settings, create=False)
    try:
        yield store
    finally:
        store.close()


def check_token(expected: str | None, header: str) -> None:
    """Write endpoints: ``Authorization: Bearer <ORBAT_API_TOKEN>`` exactly (no trimming), compared in
    constant time; 401 without it, 403 when wrong or when the server has no token (writes disabled)."""
    if not expected:
        raise ApiError(403, "writes are disabled: start the server with ORBAT_API_TOKEN set")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "this endpoint needs a token: send 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8")):
        raise ApiError(403, "wrong token")


def require_token(request: Request) -> None:
    """The token check as a route dependency (the Guard middleware has already run it before the body)."""
    check_token(config(request).token, request.headers.get("authorization", ""))
