"""Request dependencies: a Store from the app's pool for each request, and the write token check."""

from __future__ import annotations

import hmac
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request

from orbat.settings import Settings
from orbat.store import Store
from orbat.store.pg import is_postgres
from orbat.web.errors import ApiError


class StorePool:
    """Open stores, each used by one request at a time and kept for the next one: a request does not
    pay for connecting, and a store's read caches (merge roots, names) outlive the request. Grows to
    the number of requests served at once (the threadpool's size) and no further. Reads the target
    from ``cfg`` on every acquire: pointing the app at another database drops the old stores."""

    def __init__(self, cfg: WebConfig) -> None:
        self.cfg = cfg
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        self._open: set[int] = set()  # ids of the stores this pool hands out and will take back
        self._lock = threading.Lock()
        self._db: str | None = None

    def acquire(self) -> Store:
        target = str(self.cfg.db)
        if target != self._db or not (is_postgres(target) or Path(target).exists()):
            self.close()  # re-pointed, or the file was deleted: never serve it from an old connection
            self._db = target
        try:
            return self._free.get_nowait()
        except queue.Empty:
            store = Store(target, self.cfg.settings, create=False)
            with self._lock:
                self._open.add(id(store))
            return store

    def release(self, store: Store) -> None:
        with self._lock:
            kept = id(store) in self._open
        if not kept:  # the pool was closed or re-pointed meanwhile
            store.close()
            return
        if store.conn.in_transaction:  # never hand on a connection in the middle of a transaction
            store.conn.execute("ROLLBACK")
        self._free.put(store)

    def close(self) -> None:
        """Close the idle stores; busy ones are closed when they come back."""
        with self._lock:
            self._open.clear()
        while True:
            try:
                self._free.get_nowait().close()
            except queue.Empty:
                return


@dataclass
class WebConfig:
    """What the app needs: the database path, the write token (None: writes disabled), settings."""

    db: str | Path  # SQLite path or postgresql:// URL
    token: str | None = None
    settings: Settings = field(default_factory=Settings)
    cache: dict[str, Any] = field(default_factory=dict)  # lazily built heavy objects (the NLP pipeline)
    stores: StorePool = field(init=False)

    def __post_init__(self) -> None:
        self.stores = StorePool(self)


def config(request: Request) -> WebConfig:
    cfg = request.app.state.orbat
    assert isinstance(cfg, WebConfig)
    return cfg


def get_store(request: Request) -> Iterator[Store]:
    """A store of the pool (never creating a database: a deleted file is a 503), this request's alone until it ends (connections are never shared by two
    requests at once; the request's threads may differ, its use is sequential)."""
    pool = config(request).stores
    store = pool.acquire()
    try:
        yield store
    finally:
        pool.release(store)


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
