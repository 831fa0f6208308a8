"""Reliability under load, measured (not a test; the tests assert the behaviour, this reports numbers).

    .venv/bin/python bench/reliability_bench.py [--db orbat.db] [--code DIR]

1. ``orbat serve``'s RSS before and after four unauthenticated 100 MB ``POST /api/ingest`` bodies
   (streamed, no Content-Length, and with a Content-Length), and the statuses it answered;
2. wall time of a fetch from a server dripping one byte every 0.5 s, with ``ORBAT_HTTP_TIMEOUT=5``;
3. CPU time of extracting one 1,000,001-character text (in chunks) vs the same text cut to 100,000.

``--code DIR`` runs the server from another checkout (``git archive main | tar -x -C DIR``) to
compare. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
MB = 1_000_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _body(total: int = 100 * MB) -> Iterator[bytes]:
    chunk = b"[" + b" " * (MB - 1)
    for _ in range(total // MB):
        yield chunk


def server_rss(db: str, code: Path) -> list[tuple[str, str]]:
    port = _free_port()
    env = {**os.environ, "ORBAT_API_TOKEN": "bench-token"}
    # the editable install's import hook would win over sys.path: drop it to serve ``code``
    run = (f"import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
           f"sys.path.insert(0, {str(code)!r}); from orbat.cli import main; main()")
    proc = subprocess.Popen([sys.executable, "-c", run, "--db", db, "serve", "--port", str(port)], env=env,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{url}/api/entities?limit=1", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        rss = psutil.Process(proc.pid)
        before = rss.memory_info().rss / MB
        statuses = []
        for n in range(4):
            headers = {"Content-Type": "application/json"}
            if n % 2:
                headers["Content-Length"] = str(100 * MB)
            try:
                r = httpx.post(f"{url}/api/ingest", content=_body(), headers=headers, timeout=60)
                statuses.append(str(r.status_code))
            except httpx.HTTPError as exc:  # the server closed the connection after answering
                statuses.append(type(exc).__name__)
        after = rss.memory_info().rss / MB
    finally:
        proc.terminate()
        proc.wait(10)
    return [("serve RSS before / after 4 unauthenticated 100 MB POSTs", f"{before:.0f} / {after:.0f} MB"),
            ("statuses answered", ", ".join(statuses))]


class _Drip(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:
            return

    def log_message(self, *args: object) -> None:
        pass


def drip() -> list[tuple[str, str]]:
    from orbat.ingest import read_inputs
    from orbat.settings import Settings

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    start = time.monotonic()
    (result,) = read_inputs([f"http://127.0.0.1:{httpd.server_address[1]}/"], Settings(http_timeout=5.0))
    took = time.monotonic() - start
    httpd.shutdown()
    return [("drip fetch, ORBAT_HTTP_TIMEOUT=5: wall time", f"{took:.1f} s ({result.error})")]


def long_text() -> list[tuple[str, str]]:
    from orbat.model import Article
    from orbat.pipeline import Pipeline
    from orbat.settings import Settings

    sample = (REPO / "samples" / "syria_hts_idlib_arrests.txt").read_text(encoding="utf-8")
    text = (sample + "\n\n") * (1_000_001 // len(sample) + 1)
    text = text[:1_000_001]
    pipeline = Pipeline(Settings())
    pipeline.extract_one(Article(id="warm", text=sample))
    rows = []
    for size in (100_000, 1_000_001):
        start = time.process_time()
        ex = pipeline.extract_one(Article(id=f"t{size}", text=text[:size], published="2024-03-14"))
        rows.append((f"extract {size:,} characters: CPU s, status, mentions",
                     f"{time.process_time() - start:.1f} s, {ex.status}, {len(ex.entities)}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(REPO / "orbat.db"))
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose orbat serves (default: this one)")
    parser.add_argument("--only", choices=("serve", "drip", "long"), default=None)
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    if args.only in (None, "serve"):
        rows += server_rss(args.db, args.code)
    if args.only in (None, "drip"):
        rows += drip()
    if args.only in (None, "long"):
        rows += long_text()
    print("| measure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
