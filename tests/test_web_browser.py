"""End to end in a real browser (Playwright + Debian's Chromium) over a knowledge base built from
samples/: search "HTS", open the entity page and its lineage, the events map, an article's mentions."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from orbat.settings import Settings
from orbat.web import pages

CHROMIUM = Path("/usr/bin/chromium")
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium", allow_module_level=True)
if pages.vendor_missing():
    pytest.skip(f"front-end assets not built ({', '.join(pages.vendor_missing())}): run `make web-assets`",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in .venv")

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from orbat.service import ingest
    from orbat.store import Store
    from orbat.web.app import create_app

    db = tmp_path_factory.mktemp("browser") / "samples.db"
    settings = Settings(db=str(db))
    with Store(db, settings) as store:
        ingest([str(SAMPLES)], settings, store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, "token", settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    tab = browser.new_page()
    errors: list[str] = []
    expected = ("(Forbidden)", "(Unauthorized)")  # the review test tries a wrong token on purpose
    tab.on("console", lambda m: errors.append(m.text)
           if m.type == "error" and not m.text.endswith(expected) else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    tab.close()
    assert not errors, f"browser errors (CSP violations, script errors): {errors}"


def test_search_entity_lineage_and_article_mentions(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/")
    p.fill("form.search input[name=q]", "HTS")
    p.click("form.search button")
    p.click("#entity-results a.entity-link >> text=Hay'at Tahrir al-Sham")
    assert p.inner_text("#entity-name") == "Hay'at Tahrir al-Sham"
    lineage = p.inner_text("#lineage")
    assert "Jabhat al-Nusra" in lineage and "Jabhat Fath al-Sham" in lineage

    p.click("#sources a >> nth=0")
    p.wait_for_selector("#article-text a.mention")
    mentions = p.locator("#article-text a.mention")
    assert mentions.count() >= 3
    texts = mentions.all_inner_texts()
    assert any(t in ("HTS", "Hay'at Tahrir al-Sham") for t in texts)
    # the highlighted text is the article text, unchanged
    api_text = p.evaluate("fetch('/api/articles/' + document.getElementById('article-text').dataset.articleId)"
                          ".then(r => r.json()).then(a => a.text)")
    assert p.inner_text("#article-text").strip() == api_text.strip()


def test_map_shows_event_markers_and_timeline(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/map")
    p.wait_for_selector("path.event-marker")
    assert p.locator("path.event-marker").count() >= 5
    assert p.locator(".leaflet-overlay-pane path").count() > 100  # countries
    assert p.locator("#histogram .bar").count() >= 1


def test_graph_draws_the_network(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/graph?entity=kb:hts")
    p.wait_for_selector("#graph-status:has-text('relations')")
    assert p.locator("#graph canvas").count() >= 1
    assert p.locator("#graph-legend li").count() >= 1


def test_review_rejects_a_fact_with_the_typed_token(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/entities/kb:hts")
    button = p.locator("#events button.judge[data-kind=reject]").first
    target = button.get_attribute("data-target")
    button.click()
    p.wait_for_selector("#review-status:has-text('Type the API token')")
    p.fill("#review-token", "wrong")
    button.click()
    p.wait_for_selector("#review-status:has-text('wrong token')")
    p.fill("#review-token", "token")
    button.click()
    p.wait_for_selector(f"#review-status:has-text('rejected {target}')")
    p.reload()
    assert p.locator(f"#events button.judge[data-target='{target}']").count() == 0
