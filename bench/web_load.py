"""Web server under load: `orbat serve` on loopback, a fixed request rate from concurrent clients,
latency percentiles and errors. Bounded: it sends ``rate * seconds`` requests to 127.0.0.1 only, then
stops the server it started.

    # a 10k-article SQLite KB built from rows (see bench/web_bench.py --replicate)
    .venv/bin/python bench/web_load.py /tmp/c10k.db --rate 50 --clients 16 --seconds 30
    # the same KB copied into PostgreSQL, served from there
    .venv/bin/python bench/web_load.py /tmp/c10k.db --to-pg postgresql://postgres@127.0.0.1:5432/kb
    # another source tree (e.g. the commit before) served with this venv, for before/after numbers
    .venv/bin/python bench/web_load.py /tmp/c10k.db --src /tmp/orbat-before

Latency is measured from each request's scheduled send time (open loop: a slow answer delays no
later request's clock, so queueing in the server counts). Results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def copy_to_postgres(src: Path, url: str) -> None:
    """Every row of the SQLite KB ``src`` into a fresh orbat schema at ``url`` (COPY, FKs off while copying)."""
    import psycopg

    from orbat.store import Store

    Store(url).close()  # migrated, empty
    tables = ("articles", "article_minhash", "entities", "aliases", "mentions", "events", "event_sources",
              "relations", "judgements", "ingest_log")
    with sqlite3.connect(src) as lite, psycopg.connect(url, autocommit=False) as pg:
        pg.execute("SET session_replication_role = replica")
        for table in tables:
            if pg.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:  # type: ignore[index]
                raise SystemExit(f"web_load: {table} at {url} is not empty; use a fresh database")
            cols = [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
            quoted = ", ".join(f'"{c}"' for c in cols)
            with pg.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid"):
                    copy.write_row(row)
        for table in ("mentions", "events", "relations", "judgements", "ingest_log"):
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) "
                       f"FROM {table}")
        pg.commit()
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("ANALYZE")


def start_server(db: str, port: int, workers: int, src: Path | None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src)} if src else dict(os.environ)
    env.pop("ORBAT_API_TOKEN", None)
    args = [sys.executable, "-c", "from orbat.cli import main; main()", "--db", db, "serve", "--port", str(port)]
    if workers > 1:
        args += ["--workers", str(workers)]
    # `python -c` puts the working directory before PYTHONPATH on sys.path: run in ``src`` so it is its code
    proc = subprocess.Popen(args, env=env, cwd=src, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/entities?limit=1")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("web_load: the server did not answer within 60 s")


def urls(port: int, n_groups: int = 10, n_articles: int = 5) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", f"/api/entities?type=ORG_ARMED&limit={n_groups}")
    groups = [e["id"] for e in json.loads(conn.getresponse().read())["items"]]
    if len(groups) < n_groups:  # fewer armed groups than asked: the most mentioned entities of any type
        conn.request("GET", f"/api/entities?limit={n_groups}")
        more = [e["id"] for e in json.loads(conn.getresponse().read())["items"]]
        groups += [g for g in more if g not in groups][: n_groups - len(groups)]
    conn.request("GET", f"/api/articles?limit={n_articles}")
    arts = [a["id"] for a in json.loads(conn.getresponse().read())["items"]]
    mix = []
    for g in groups:
        mix += [f"/api/entities/{quote(g)}", f"/entities/{quote(g)}", f"/api/events?actor={quote(g)}&limit=50"]
    mix += ["/api/events?country=Syria&since=2024-01&limit=50", "/api/events?bbox=35,32,43,38&format=geojson&limit=200",
            "/api/events?type=Battles&limit=50", "/api/entities?search=state"]
    mix += [f"/api/articles/{quote(a)}" for a in arts]
    return mix


def load(port: int, mix: list[str], rate: float, clients: int, seconds: float) -> dict[str, float]:
    total = int(rate * seconds)
    start = time.perf_counter() + 0.5
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for k in range(i, total, clients):
            due = start + k / rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            try:
                conn.request("GET", mix[k % len(mix)])
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok, response = False, None
                with lock:
                    errors.append(str(exc))
            done = time.perf_counter()
            with lock:
                latencies.append((done - due) * 1000)
                if not ok and response is not None:
                    errors.append(f"HTTP {response.status} {mix[k % len(mix)]}")
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    return {"requests": total, "achieved_rps": total / elapsed, "p50": statistics.median(ordered),
            "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], "p99": ordered[-max(1, total // 100)],
            "errors": len(errors)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="SQLite KB path (or a postgresql:// URL already loaded)")
    parser.add_argument("--to-pg", metavar="URL", help="copy the SQLite KB into this (empty) PostgreSQL and serve that")
    parser.add_argument("--rate", type=float, default=50, help="requests per second, all clients together")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1, help="orbat serve --workers")
    parser.add_argument("--src", type=Path, help="serve this source tree instead (PYTHONPATH), for before/after")
    parser.add_argument("--label", default="", help="name of the run in the output")
    parser.add_argument("--groups", type=int, default=10, help="entities in the mix (3 URLs each)")
    parser.add_argument("--articles", type=int, default=5, help="article URLs in the mix")
    parser.add_argument("--no-warm", action="store_true",
                        help="skip the warm-up pass (with the response cache: measure first answers too)")
    args = parser.parse_args(argv)
    db = args.db
    if args.to_pg:
        copy_to_postgres(Path(db), args.to_pg)
        db = args.to_pg
    port = free_port()
    server = start_server(db, port, args.workers, args.src)
    try:
        mix = urls(port, args.groups, args.articles)
        for url in [] if args.no_warm else mix:  # warm: first answers build per-connection caches
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", url)
            conn.getresponse().read()
        result = load(port, mix, args.rate, args.clients, args.seconds)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:  # open keep-alive connections hold uvicorn's shutdown
            server.kill()
            server.wait(20)
    backend = "PostgreSQL" if db.startswith("postgresql") else "SQLite"
    print(f"| {args.label or backend} | {backend} | {args.workers} | {args.rate:.0f} | {args.clients} | "
          f"{result['achieved_rps']:.1f} | {result['p50']:.0f} | {result['p95']:.0f} | {result['p99']:.0f} | "
          f"{result['errors']} / {result['requests']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
