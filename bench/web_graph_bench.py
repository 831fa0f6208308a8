"""How long the network page takes to draw a large graph in the browser (Debian's Chromium).

Serves a knowledge base on 127.0.0.1, opens ``/graph?entity=...&depth=2`` in headless Chromium a few
times and reads, per load: the /api/graph answer (resource timing), the fCoSE layout until the first
frame is on screen (``data-layout-ms`` set by graph.js), and the whole page from navigation start to
that frame. Bounded: ``--runs`` page loads, then the server it started stops.

    # a synthetic network: one hub, 20 groups around it, the rest linked to those (depth 2), extra cross links
    .venv/bin/python bench/web_graph_bench.py --synthetic 200
    # the largest depth-2 graph of an existing KB (or --entity ID)
    .venv/bin/python bench/web_graph_bench.py --db /tmp/c10k.db

Prints one markdown row per run and the median; results go to docs/benchmarks.md. Not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
TYPES = ("ORG_ARMED", "ORG_ARMED", "PERSON", "ORG_OTHER")


def synthetic(path: Path, nodes: int, seed: int = 13) -> str:
    """A KB of ``nodes`` entities all within two hops of bench:hub, about 1.6 edges per node."""
    from orbat.ontology.predicates import load_predicates
    from orbat.store import Store

    rng = random.Random(seed)
    predicates = [p for p in load_predicates() if p != "located_in"]
    ids = ["bench:hub"] + [f"bench:n{i:03d}" for i in range(1, nodes)]
    ring, outer = ids[1:21], ids[21:]
    edges = [(ids[0], p, n) for n, p in zip(ring, rng.choices(predicates, k=len(ring)), strict=True)]
    edges += [(rng.choice(ring), rng.choice(predicates), n) for n in outer]
    edges += [(rng.choice(ids[1:]), rng.choice(predicates), rng.choice(ids[1:])) for _ in range(nodes * 6 // 10)]
    with Store(path) as store:
        store.conn.execute("BEGIN")
        store.conn.executemany(
            "INSERT INTO entities (id, canonical, type, origin) VALUES (?, ?, ?, 'kb')",
            [(i, f"Group {i.split(':')[1]}" if i != ids[0] else "Hub group", TYPES[k % len(TYPES)])
             for k, i in enumerate(ids)])
        store.conn.executemany(
            "INSERT INTO relations (subject_id, predicate, object_id, date_start, origin, rule) "
            "VALUES (?, ?, ?, ?, 'kb', 'kb bench')",
            [(s, p, o, f"{2010 + k % 14}-{1 + k % 12:02d}") for k, (s, p, o) in enumerate(edges) if s != o])
        store.conn.execute("COMMIT")
    return ids[0]


def largest(db: str) -> str:
    from orbat import query
    from orbat.store import Store

    with Store(db, create=False) as store:
        sizes = {e.id: len(query.graph(store, e.id, 2)["nodes"]) for e in query.entities(store, limit=15)}
    return max(sizes, key=lambda k: sizes[k])


def serve(db: str) -> tuple[Any, str]:
    import socket

    import uvicorn

    from orbat.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("web_graph_bench: the server did not start")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def measure(base: str, entity: str, runs: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(f"{base}/graph?entity={entity}&depth=2")
            page.wait_for_selector("#graph[data-drawn-at]", timeout=60_000)
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            api = page.evaluate("() => performance.getEntriesByType('resource').filter(e => e.name.includes('/api/graph'))"
                                ".map(e => e.responseEnd - e.startTime)[0]")
            out.append({"status": page.inner_text("#graph-status"),
                        "api": float(api or 0), "fcose": float(page.get_attribute("#graph", "data-fcose-ms") or 0),
                        "layout": float(page.get_attribute("#graph", "data-layout-ms") or 0),
                        "total": float(page.get_attribute("#graph", "data-drawn-at") or 0),
                        "cpu": 1000 * float(metrics.get("ThreadTime", 0)),  # the page's main thread, CPU
                        "script": 1000 * float(metrics.get("ScriptDuration", 0))})
            page.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing SQLite KB (or postgresql:// URL)")
    parser.add_argument("--entity", help="centre of the graph (default: the largest depth-2 graph of --db)")
    parser.add_argument("--synthetic", type=int, metavar="N", help="build a KB of N entities instead")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"web_graph_bench: {CHROMIUM} is missing (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            db = str(Path(tmp) / "graph.db")
            entity = synthetic(Path(db), args.synthetic)
        elif args.db:
            db, entity = args.db, args.entity or largest(args.db)
        else:
            raise SystemExit("web_graph_bench: give --db or --synthetic N")
        server, base = serve(db)
        try:
            runs = measure(base, entity, args.runs)
        finally:
            server.should_exit = True
    keys = ("api", "fcose", "layout", "total", "cpu", "script")
    print("| run | graph | /api/graph ms | fCoSE layout ms | layout to first frame ms | page until drawn ms | "
          "main thread CPU ms | of it script ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for i, r in enumerate(runs, 1):
        print(f"| {i} | {r['status']} | " + " | ".join(f"{r[k]:.0f}" for k in keys) + " |")
    med = {k: statistics.median(r[k] for r in runs) for k in keys}
    print("| median | | " + " | ".join(f"{med[k]:.0f}" for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
