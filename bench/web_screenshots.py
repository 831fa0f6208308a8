"""Screenshots of every web page on the bundled samples, for docs/web.md.

    .venv/bin/python bench/web_screenshots.py [--out docs/img/web]

Builds a knowledge base from samples/ in a temporary directory, serves it with uvicorn on a free
port and drives Debian's Chromium (/usr/bin/chromium) through Playwright; writes one JPEG a page.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [  # (file name, path, viewport width, wait for this selector)
    ("search", "/?q=Shebaab", 1200, "#entity-results"),
    ("entity", "/entities/kb:hts", 1200, "#lineage-tree canvas"),
    ("article", "/articles/sample-iraq-kh-baghdad-strike#span=0-80", 1200, "#evidence-mark"),
    ("event", "/events/1", 1200, "#event-sources"),
    ("review", "/review", 1200, "#queue"),
    ("timeline", "/timeline", 1200, "#timeline-chart svg"),
    ("map", "/map", 1200, "#map-legend li"),
    ("graph", "/graph?entity=kb:hts&depth=2", 1200, "#graph-table tbody tr"),
    ("entity-mobile", "/entities/kb:al-shabaab", 390, "#events"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img" / "web")
    args = parser.parse_args(argv)

    import uvicorn
    from playwright.sync_api import sync_playwright

    from orbat.service import ingest
    from orbat.settings import Settings
    from orbat.store import Store
    from orbat.web.app import create_app

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="orbat-shots-") as tmp:
        db = Path(tmp) / "samples.db"
        settings = Settings(db=str(db))
        with Store(db, settings) as store:
            ingest([str(REPO / "samples")], settings, store)
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(db, "token", settings), host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                            args=["--no-sandbox", "--disable-gpu"])
                for name, path, width, selector in PAGES:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(f"http://127.0.0.1:{port}{path}")
                    page.wait_for_selector(selector, state="attached")
                    page.wait_for_timeout(500)
                    page.screenshot(path=str(args.out / f"{name}.jpg"), type="jpeg", quality=70)
                    page.close()
                    print(f"{name}: {path}")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
