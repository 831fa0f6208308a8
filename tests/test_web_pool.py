"""The web app's store pool: a store serves one request at a time and is kept for the next."""

from __future__ import annotations

from pathlib import Path

from orbat.store import Store
from orbat.web.deps import WebConfig


def _db(path: Path) -> str:
    Store(path).close()  # the server never creates a database
    return str(path)


def test_web_pool_reuses_a_released_store_and_never_shares_a_busy_one(tmp_path: Path) -> None:
    pool = WebConfig(_db(tmp_path / "kb.db")).stores
    first = pool.acquire()
    second = pool.acquire()  # the first is busy: another connection
    assert first is not second
    pool.release(first)
    assert pool.acquire() is first  # kept, with its read caches
    pool.close()


def test_web_pool_release_rolls_back_an_open_transaction(tmp_path: Path) -> None:
    pool = WebConfig(_db(tmp_path / "kb.db")).stores
    store = pool.acquire()
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute("INSERT INTO judgements (kind, target) VALUES ('reject', 'event:1')")
    pool.release(store)
    again = pool.acquire()
    assert not again.conn.in_transaction
    assert again.conn.execute("SELECT count(*) FROM judgements").fetchone()[0] == 0
    pool.close()


def test_web_pool_closed_or_repointed_hands_out_fresh_stores(tmp_path: Path) -> None:
    cfg = WebConfig(_db(tmp_path / "a.db"))
    busy, idle = cfg.stores.acquire(), cfg.stores.acquire()
    cfg.stores.release(idle)
    cfg.stores.close()  # the app shut down (lifespan) while a request was still running
    cfg.stores.release(busy)
    fresh = cfg.stores.acquire()
    assert fresh is not busy and fresh is not idle
    assert fresh.conn.execute("SELECT 1").fetchone()[0] == 1
    cfg.stores.release(fresh)
    cfg.db = _db(tmp_path / "b.db")  # pointed at another knowledge base
    other = cfg.stores.acquire()
    assert other is not fresh and other.path.endswith("b.db")
