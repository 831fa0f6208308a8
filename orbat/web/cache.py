"""Whole GET responses kept until the knowledge base changes (an ASGI layer inside the Guard).

The busiest entity page reads thousands of events and renders ~350 KB of HTML (~100-200 ms of one
core); the same page is asked again and again while the KB does not change between ingests and
reviews. ``ResponseCache`` keys each GET by path and query string and stores its status, headers
and body with the database's *change stamp* read before the route ran:

- SQLite: ``PRAGMA data_version`` of a connection kept for this (it changes when any other
  connection, in any process, commits), with the file's inode, size and mtime;
- PostgreSQL: ``pg_current_snapshot()`` (it changes when any write transaction starts or ends).

A response is served from the cache only while the stamp is unchanged, so a commit made before a
request began is always seen by it. Only 200 answers are kept, each up to ``max_entry`` bytes,
least recently used dropped beyond ``max_bytes``. Static files and write routes pass through.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from anyio import to_thread

from orbat.errors import OrbatError
from orbat.query.stamp import change_stamp
from orbat.store import Store
from orbat.store.pg import error_types, is_postgres
from orbat.web.guard import ASGIApp, Message, Receive, Scope, Send

Stamp = Callable[[], Hashable | None]  # None: do not cache this request (database missing)


@dataclass
class Entry:
    stamp: Hashable
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ChangeStamp:
    """A value that changes whenever the database at ``target()`` has changed (see the module doc);
    one connection of its own, used under a lock."""

    def __init__(self, target: Callable[[], str]) -> None:
        self.target = target
        self._store: Store | None = None
        self._opened_for: str | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Hashable | None:
        """The stamp, or None when the database cannot be read (the route then answers the error)."""
        errors: tuple[type[BaseException], ...] = (OrbatError, sqlite3.Error, *error_types())
        try:
            return self._read(self.target())
        except errors:
            self.close()
            return None

    def _read(self, target: str) -> Hashable | None:
        with self._lock:
            if is_postgres(target):
                return target, change_stamp(self._connection(target))
            try:
                st = os.stat(target)
            except OSError:
                self.close_unlocked()
                return None
            version = change_stamp(self._connection(target))
            return target, st.st_ino, st.st_size, st.st_mtime_ns, version

    def _connection(self, target: str) -> Store:
        if self._store is None or self._opened_for != target:
            self.close_unlocked()
            self._store = Store(target, create=False)
            self._opened_for = target
        return self._store

    def close_unlocked(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store, self._opened_for = None, None

    def close(self) -> None:
        with self._lock:
            self.close_unlocked()


class ResponseCache:
    """The ASGI layer: GET answers from the cache while the stamp holds, else from the app (kept)."""

    def __init__(self, app: ASGIApp, *, stamp: Stamp, max_bytes: int, max_entry: int = 4_000_000,
                 skip_prefixes: tuple[str, ...] = ("/static/",)) -> None:
        self.app = app
        self.stamp = stamp
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self.skip_prefixes = skip_prefixes
        self._entries: OrderedDict[tuple[str, bytes], Entry] = OrderedDict()
        self._size = 0
        self._stamp: Hashable | None = None  # the stamp of the entries kept: a new one drops them all
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") != "GET" or self.max_bytes <= 0
                or path.startswith(self.skip_prefixes)):
            await self.app(scope, receive, send)
            return
        key = (path, bytes(scope.get("query_string", b"")))
        stamp = await to_thread.run_sync(self.stamp)
        entry = self._get(key, stamp) if stamp is not None else None
        if entry is not None:
            await send({"type": "http.response.start", "status": entry.status, "headers": list(entry.headers)})
            await send({"type": "http.response.body", "body": entry.body})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0
        keep = stamp is not None

        async def capture(message: Message) -> None:
            nonlocal size, keep
            if message["type"] == "http.response.start":
                start.update(message)
                keep = keep and message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > self.max_entry:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(body)
                if keep and not message.get("more_body", False):
                    self._put(key, Entry(stamp, start["status"], list(start.get("headers", [])), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)

    def _get(self, key: tuple[str, bytes], stamp: Hashable) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.stamp != stamp:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def _put(self, key: tuple[str, bytes], entry: Entry) -> None:
        with self._lock:
            if entry.stamp != self._stamp:
                self._entries.clear()
                self._size = 0
                self._stamp = entry.stamp
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._entries[key] = entry
            self._size += len(entry.body)
            while self._size > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped.body)
