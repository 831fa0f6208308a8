"""What every read shares: judgements applied (ids through analyst merges, rejected facts left out),
cached id maps, SQL helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from orbat.store.db import Store

NOT_REJECTED = "coalesce({t}.fact_key, '') NOT IN (SELECT fact_key FROM rejected_facts WHERE fact_key IS NOT NULL)"


T = TypeVar("T")


def _cached(store: Store, key: str, build: Callable[[], T]) -> T:
    """``build()`` memoised on the store until the database changes (a commit by any connection
    bumps ``data_version``; a write on this one bumps ``total_changes``). Callers must not mutate it."""
    stamp = store.change_stamp()
    cache: dict[str, tuple[tuple[int, int], Any]] = store.__dict__.setdefault("_read_cache", {})
    hit = cache.get(key)
    if hit is not None and hit[0] == stamp:
        found: T = hit[1]
        return found
    value = build()
    cache[key] = (stamp, value)
    return value


def _not_rejected(store: Store, table: str) -> str:
    """``NOT_REJECTED`` for ``table``, or "TRUE" while no fact is rejected (most databases; saves a probe a row)."""
    rejected = _cached(store, "rejected", lambda: {str(k): "" for (k,) in store.conn.execute(
        "SELECT fact_key FROM rejected_facts WHERE fact_key IS NOT NULL")})
    return NOT_REJECTED.format(t=table) if rejected else "TRUE"


def _roots(store: Store) -> dict[str, str]:
    """Every entity id -> the id it resolves to after merges (the recursive view, evaluated once)."""
    return _cached(store, "roots", lambda: {str(i): str(r) for i, r in
                                            store.conn.execute("SELECT id, root FROM entity_roots")})


def _names(store: Store) -> dict[str, str]:
    return _cached(store, "names", lambda: {str(i): str(n) for i, n in
                                            store.conn.execute("SELECT id, canonical FROM entities")})


def _limit(limit: int | None) -> str:
    return "" if limit is None else f" LIMIT {int(limit)}"


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" for _ in values) or "NULL"


def _like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ESCAPE '!'."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def not_rejected_sql(store: Store, table: str) -> str:
    """SQL that keeps the rows of ``table`` (alias) not rejected by an analyst ("1" while none is)."""
    return _not_rejected(store, table)


def root_ids(store: Store) -> dict[str, str]:
    """Every entity id -> the id it resolves to after merges (cached until the database changes)."""
    return _roots(store)


def entity_names(store: Store) -> dict[str, str]:
    """Every entity id -> its canonical name (cached until the database changes)."""
    return _names(store)


def holds_at(start: str | None, end: str | None, at: str) -> bool:
    """[start, end] holds at ``at``; partial dates cover their whole month/year."""
    if start and start[: len(at)] > at[: len(start)]:
        return False
    return not (end and at[: len(end)] > end)


def dates_disagree(dates: Iterable[str | None]) -> bool:
    """Whether two known dates differ at their common precision (2016-07 agrees with 2016-07-28)."""
    known = sorted({d for d in dates if d})
    return any(a[:n] != b[:n] for i, a in enumerate(known) for b in known[i + 1:] for n in [min(len(a), len(b))])


def mention_counts(store: Store) -> dict[str, int]:
    """Entity id after merges -> its number of mentions (one pass over the mentions index, cached
    until the database changes)."""
    def build() -> dict[str, int]:
        roots = _roots(store)
        counts: dict[str, int] = {}
        for eid, n in store.conn.execute("SELECT entity_id, count(*) FROM mentions GROUP BY entity_id"):
            root = roots.get(eid, eid)
            counts[root] = counts.get(root, 0) + int(n)
        return counts

    return _cached(store, "mention_counts", build)


def nocase(text: str) -> str:
    """Sort key of SQLite's NOCASE collation: ASCII letters folded, anything else as it is."""
    return "".join(c.lower() if c.isascii() else c for c in text)
