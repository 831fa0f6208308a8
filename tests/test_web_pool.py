"""The web app's store pool: a store serves one request at a time and is kept for the next."""

from __future__ import annotations

from pathlib import Path

from orbat.settings import Settings
from orbat.web.deps import StorePool


def test_web_pool_reuses_a_released_store_and_never_shares_a_busy_one(tmp_path: Path) -> None:
    pool = StorePool(str(tmp_path / "kb.db"), Settings())
    first = pool.acquire()
    second = pool.acquire()  # the first is busy: another connection
    assert first is not second
    pool.release(first)
    assert pool.acquire() is first  # kept, with its read caches
    pool.close()


def test_web_pool_release_rolls_back_an_open_transaction(tmp_path: Path) -> None:
    pool = StorePool(str(tmp_path / "kb.db"), Settings())
    store = pool.acquire()
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute("INSERT INTO judgements (kind, target) VALUES ('reject', 'event:1')")
    pool.release(store)
    again = pool.acquire()
    assert not again.conn.in_transaction
    assert again.conn.execute("SELECT count(*) FROM judgements").fetchone()[0] == 0
    pool.close()
