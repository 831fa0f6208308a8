"""Web API latency: entity page and event queries on a large knowledge base (p50/p95 per request).

Build the database once (synthetic corpus from bench/make_corpus.py, ingested with orbat), then time
requests in-process through the ASGI app (routing, query, serialisation; no network):

    .venv/bin/python bench/make_corpus.py 10000 -o /tmp/c10k.jsonl
    .venv/bin/orbat --db /tmp/c10k.db ingest /tmp/c10k.jsonl -q
    .venv/bin/python bench/web_bench.py /tmp/c10k.db --runs 30 --markdown

Prints one line per request kind; ``--markdown`` prints the table for docs/benchmarks.md.
Ingesting 10k articles takes a while on a small machine; ``--replicate N`` instead copies every
ingested article (with its mentions, events, sources and text relations) N-1 times under new ids
into a new database, which gives the same row counts a larger corpus would (more events, in fact,
since copies are not merged):

    .venv/bin/python bench/web_bench.py /tmp/c300.db --replicate 34 --out /tmp/c10k.db
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from orbat.web.app import create_app


@dataclass
class Timing:
    name: str
    url: str
    ms: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# How each copied column changes in copy k: ids get a suffix or an offset, keys stay unique.
_COPY = {
    "articles": {"id": "id || '-r{k}'", "content_hash": "content_hash || '-r{k}'", "duplicate_of": "NULL"},
    "mentions": {"id": "NULL", "article_id": "article_id || '-r{k}'"},
    "events": {"id": "id + {off}", "fact_key": "fact_key || '-r{k}'"},
    "event_sources": {"event_id": "event_id + {off}", "article_id": "article_id || '-r{k}'"},
    "relations": {"id": "id + {off}", "article_id": "article_id || '-r{k}'", "fact_key": "fact_key || '-r{k}'"},
}
_ORIGINALS = {"articles": "id NOT LIKE '%-r%'", "mentions": "article_id NOT LIKE '%-r%'",
              "events": "id <= {top}", "event_sources": "event_id <= {top}",
              "relations": "article_id IS NOT NULL AND id <= {top}"}


def replicate(src: Path, out: Path, factor: int) -> None:
    """Copy ``src`` to ``out`` with every article (and its facts) present ``factor`` times."""
    if out.exists():
        raise SystemExit(f"web_bench: {out} exists; remove it first")
    with sqlite3.connect(src) as conn:
        conn.execute("VACUUM INTO ?", (str(out),))
    conn = sqlite3.connect(out)
    top = max(conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0],
              conn.execute("SELECT coalesce(max(id), 0) FROM relations").fetchone()[0])
    for k in range(1, factor):
        for table, changes in _COPY.items():
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            exprs = ", ".join(changes.get(c, c).format(k=k, off=k * (top + 1)) for c in cols)
            where = _ORIGINALS[table].format(top=top)
            conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {exprs} FROM {table} WHERE {where}")
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def sizes(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                for t in ("articles", "entities", "mentions", "events", "relations")}


def entities(client: TestClient) -> tuple[str, str]:
    """The most mentioned armed group (the worst case) and the 10th (a typical one)."""
    items = client.get("/api/entities?type=ORG_ARMED&limit=10").json()["items"]
    if not items:
        raise SystemExit("no armed group in this database: ingest a corpus first")
    return str(items[0]["id"]), str(items[-1]["id"])


def requests(entity: str, typical: str) -> list[tuple[str, str]]:
    return [
        ("entity API, busiest group", f"/api/entities/{entity}"),
        ("entity page (HTML), busiest group", f"/entities/{entity}"),
        ("entity API, 10th group", f"/api/entities/{typical}"),
        ("entity page (HTML), 10th group", f"/entities/{typical}"),
        ("events, all (JSON, limit 1000)", "/api/events"),
        ("events by actor", f"/api/events?actor={entity}"),
        ("events by country + since", "/api/events?country=Syria&since=2024-01"),
        ("events in bbox (GeoJSON)", "/api/events?bbox=35,32,43,38&format=geojson"),
        ("entity search", "/api/entities?search=state"),
        ("fuzzy entity search", "/api/search/entities?q=Shebaab"),
        ("article full-text search", "/api/search/articles?q=drone%20strike"),
        ("search page (HTML)", "/?q=Islamic%20State"),
        ("timeline counts, all events", "/api/timeline"),
        ("timeline counts by actor", f"/api/timeline?actor={entity}"),
        ("map GeoJSON, all events", "/api/events?format=geojson&limit=10000"),
        ("graph, busiest group, depth 2", f"/api/graph?entity={entity}&depth=2"),
        ("review queue (first 50)", "/api/review/queue"),
    ]


def measure(client: TestClient, name: str, url: str, runs: int) -> Timing:
    client.get(url)  # warm caches
    ms = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        ms.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code} {response.text[:200]}")
    return Timing(name, url, ms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="knowledge base built with orbat ingest")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per kind")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("--replicate", type=int, metavar="N", help="write a database with every article N times")
    parser.add_argument("--out", type=Path, help="where --replicate writes")
    parser.add_argument("--gc-freeze", action="store_true",
                        help="gc.freeze() once the app is built, as a server would at startup: full collections "
                             "then skip the startup objects (otherwise one request in ~20 pays ~20 ms for one)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"web_bench: {args.db}: no such database", file=sys.stderr)
        return 2
    if args.replicate:
        if not args.out:
            parser.error("--replicate needs --out")
        replicate(args.db, args.out, args.replicate)
        print(sizes(args.out), file=sys.stderr)
        return 0
    client = TestClient(create_app(args.db), base_url="http://127.0.0.1")
    if args.gc_freeze:
        gc.collect()
        gc.freeze()
    entity, typical = entities(client)
    timings = [measure(client, name, url, args.runs) for name, url in requests(entity, typical)]
    counts = sizes(args.db)
    if args.markdown:
        frozen = "; gc.freeze() after startup" if args.gc_freeze else ""
        print(", ".join(f"{v} {k}" for k, v in counts.items()) + f"; {args.runs} runs each{frozen}\n")
        print("| request | p50 ms | p95 ms |\n| --- | ---: | ---: |")
        for t in timings:
            print(f"| {t.name} `{t.url}` | {t.p50:.1f} | {t.p95:.1f} |")
    else:
        print(counts, file=sys.stderr)
        for t in timings:
            print(f"{t.name:34} p50 {t.p50:8.1f} ms  p95 {t.p95:8.1f} ms  {t.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
