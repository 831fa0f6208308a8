"""Search: ranked fuzzy matching of entity names and aliases (rapidfuzz), and full-text search of
article titles and text (SQLite FTS5, ``articles_fts``) with highlighted snippets."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process, utils

from orbat.store.db import Store

MIN_SCORE = 80  # rapidfuzz similarity (0-100): "Shebaab" ~ "al-Shabaab", "Boko Harem" ~ "Boko Haram"
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"  # snippet markers (private-use code points, never in text)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class EntityHit:
    id: str
    canonical: str
    type: str
    country: str | None
    mentions: int
    matched: str  # the name or alias that matched best
    via_alias: bool
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EntitySearch:
    items: list[EntityHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # type / country -> counts


def _candidates(store: Store) -> list[tuple[str, str, bool]]:
    """(root id, name or alias, is an alias) for every entity after merges."""
    rows = store.conn.execute(
        "SELECT e.id, e.canonical, 0 FROM entities e WHERE e.merged_into IS NULL "
        "UNION SELECT r.root, a.alias, 1 FROM aliases a JOIN entity_roots r ON r.id = a.entity_id").fetchall()
    return [(str(i), str(n), bool(a)) for i, n, a in rows]


def _scorer(query: str, choice: str, **kwargs: Any) -> float:
    """The best of whole-string and word-set similarity; an exact (normalised) match ranks first.
    No partial (substring) ratio: it lets "HTS" match inside "Human Rights Watch"."""
    if query == choice:
        return 101.0
    return max(fuzz.ratio(query, choice), fuzz.token_set_ratio(query, choice), fuzz.token_sort_ratio(query, choice))


def entities(store: Store, query: str, type: str | None = None, country: str | None = None,
             limit: int = 20, offset: int = 0) -> EntitySearch:
    """Entities whose name or an alias matches ``query`` fuzzily, best first (ties: most mentioned);
    ``total`` and the type/country ``facets`` count every match, not just the page."""
    cands = _candidates(store)
    best: dict[str, tuple[float, str, bool]] = {}
    for choice, score, idx in process.extract(query, [c[1] for c in cands], scorer=_scorer,
                                              processor=utils.default_process, score_cutoff=MIN_SCORE, limit=None):
        eid, _, alias = cands[idx]
        if eid not in best or score > best[eid][0]:
            best[eid] = (score, choice, alias)
    if not best:
        return EntitySearch([], 0, {"type": {}, "country": {}})
    ids = sorted(best)
    info: dict[str, Any] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in store.conn.execute(
                "SELECT e.id, e.canonical, e.type, e.country, (SELECT count(*) FROM mentions m JOIN entity_roots x "
                "ON x.id = m.entity_id WHERE x.root = e.id) AS n FROM entities e "
                f"WHERE e.id IN ({','.join('?' for _ in chunk)})", chunk):
            info[r["id"]] = r
    hits = [EntityHit(eid, info[eid]["canonical"], info[eid]["type"], info[eid]["country"], int(info[eid]["n"]),
                      m, alias and m != info[eid]["canonical"], round(min(s, 100.0), 1))
            for eid, (s, m, alias) in best.items() if eid in info]
    facets = {"type": dict(Counter(h.type for h in hits).most_common()),
              "country": dict(Counter(h.country for h in hits if h.country).most_common())}
    hits = [h for h in hits if (not type or h.type == type.upper())
            and (not country or (h.country or "").casefold() == country.casefold())]
    hits.sort(key=lambda h: (-best[h.id][0], -h.mentions, h.canonical.casefold()))
    return EntitySearch(hits[offset: offset + limit], len(hits), facets)


def fts_query(text: str) -> str:
    """User words -> an FTS5 query: every word must occur (each quoted, so no operator is read)."""
    return " ".join(f'"{w}"' for w in _WORD.findall(text))


def articles(store: Store, query: str, limit: int = 20, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Articles whose title or text hold every word of ``query``, best (bm25) first, each with a
    snippet as [{"text", "hit"}] parts; and the total."""
    match = fts_query(query)
    if not match:
        return [], 0
    if getattr(store, "dialect", "sqlite") == "postgresql":
        return _pg_articles(store, " ".join(_WORD.findall(query)), limit, offset)
    total = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[0]
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.published, a.outlet, "
        f"snippet(articles_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', ' … ', 16) AS snippet "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
        "ORDER BY rank LIMIT ? OFFSET ?", (match, limit, offset)).fetchall()
    return [{**{k: r[k] for k in ("id", "title", "published", "outlet")}, "snippet": snippet_parts(r["snippet"])}
            for r in rows], int(total)


_PG_DOC = "to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text)"


def _pg_articles(store: Store, words: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """PostgreSQL's full-text search (migrations/pg/004's index) with ts_headline snippets."""
    where = f"{_PG_DOC} @@ plainto_tsquery('simple', ?)"
    total = store.conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", (words,)).fetchone()[0]
    options = f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords=16, MinWords=6"
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.published, a.outlet, "
        f"ts_headline('simple', a.text, plainto_tsquery('simple', ?), '{options}') AS snippet "
        f"FROM articles a WHERE {where} "
        f"ORDER BY ts_rank({_PG_DOC}, plainto_tsquery('simple', ?)) DESC, a.id LIMIT ? OFFSET ?",
        (words, words, words, limit, offset)).fetchall()
    return [{**{k: r[k] for k in ("id", "title", "published", "outlet")}, "snippet": snippet_parts(r["snippet"])}
            for r in rows], int(total)


def snippet_parts(snippet: str | None) -> list[dict[str, Any]]:
    """Split a marked snippet into text parts, ``hit`` true for the matched words."""
    parts: list[dict[str, Any]] = []
    for i, chunk in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", snippet or "")):
        if chunk:
            parts.append({"text": chunk, "hit": i % 2 == 1})
    return parts
