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
    expected = ("(Forbidden)", "(Unauthorized)", "(Conflict)")  # review tests try a wrong token, a refused merge
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


def test_map_shows_event_markers_clustered(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/map")
    p.wait_for_selector("#map-status:has-text('events on the map')")
    clustered = sum(int(t) for t in p.locator(".marker-cluster span").all_inner_texts())
    assert clustered + p.locator("path.event-marker").count() >= 5
    assert p.locator(".leaflet-overlay-pane path").count() > 100  # countries


def test_graph_draws_the_network(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/graph?entity=kb:hts")
    p.wait_for_selector("#graph-status:has-text('relations')")
    assert p.locator("#graph canvas").count() >= 1
    assert p.locator("#graph-legend li").count() >= 1


def test_review_rejects_a_fact_with_the_typed_token(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/entities/kb:jnim")  # not HTS: its one event in the samples is the evidence test's
    button = p.locator("#events button.judge[data-kind=reject]").first
    target = button.get_attribute("data-target")
    button.click()
    p.wait_for_selector("#review-status:has-text('Type the API token')")
    p.fill("#review-name", "Analyst One")
    p.fill("#review-token", "wrong")
    button.click()
    p.wait_for_selector("#review-status:has-text('wrong token')")
    p.fill("#review-token", "token")
    button.click()
    p.wait_for_selector(f"#review-status:has-text('rejected {target}')")
    p.reload()
    assert p.locator(f"#events button.judge[data-target='{target}']").count() == 0


def test_evidence_click_opens_the_article_scrolled_to_the_highlighted_span(page: Any, base_url: str) -> None:
    p: Any = page
    p.set_viewport_size({"width": 1000, "height": 500})
    p.goto(base_url + "/entities/kb:hts")
    link = p.locator("#events a.evidence-link").first
    quote = link.inner_text()
    link.click()
    p.wait_for_selector("#evidence-mark")
    mark = p.locator("#evidence-mark")
    assert mark.inner_text().startswith(quote.rstrip(".…").split("...")[0][:40])
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < 500  # scrolled into view
    # the quotes under the text move the highlight without a reload
    p.locator("#article-events a.evidence-link").first.click()
    p.wait_for_selector("#evidence-mark")
    assert p.locator("mark.evidence-mark#evidence-mark").count() == 1


def test_fuzzy_search_shows_the_matched_alias_type_and_country(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/?q=Shebaab")
    first = p.locator("#entity-results tbody tr").first
    assert "al-Shabaab" in first.inner_text() and "alias" in first.locator("td.matched").inner_text()
    assert "ORG_ARMED" in first.inner_text() and "SO" in first.inner_text()
    assert "match" in p.inner_text("#entity-total")
    p.goto(base_url + "/?q=drone strike")
    assert p.locator("#article-results .snippet mark").count() >= 2


def test_review_queue_accept_then_undo_with_reviewer_in_the_audit_log(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/review")
    before = p.inner_text("#queue-total")
    first = p.locator("#queue tbody tr").first
    target = first.get_attribute("data-target")
    p.fill("#review-token", "token")
    p.fill("#review-name", "Analyst One")
    p.fill("#review-reason", "checked against the source")
    first.locator("button.judge[data-kind=accept]").click()
    p.wait_for_selector(f"#review-status:has-text('accepted {target}')")
    p.reload()
    assert p.inner_text("#queue-total") != before
    row = p.locator("#audit-log tbody tr").first
    assert "Analyst One" in row.inner_text() and "checked against the source" in row.inner_text()
    p.fill("#review-token", "token")
    p.fill("#review-name", "Analyst One")
    row.locator("button.undo").click()
    p.wait_for_selector("#review-status:has-text('undid audit')")


def test_merge_across_types_is_refused_in_the_page(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/entities/kb:al-shabaab")
    p.fill("#review-token", "token")
    p.fill("#review-name", "Analyst One")
    p.fill("#merge-other", "Abu Mohammad al-Julani")
    p.on("dialog", lambda d: d.accept())
    p.click("#merge-form button")
    p.wait_for_selector("#review-status:has-text('types differ')")


def test_timeline_draws_stacked_months_and_the_brush_filters(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/timeline")
    p.wait_for_selector("#timeline-status:has-text('months on the chart')")
    assert p.locator("#timeline-chart svg path").count() > 10
    total = p.locator("#timeline-events tbody tr").count()
    assert total >= 10
    # a brush over the chart sets since/until in the form and the URL, and filters the list
    p.evaluate("""() => {
        const chart = echarts.getInstanceByDom(document.getElementById('timeline-chart'));
        chart.dispatchAction({type: 'brushEnd', areas: [{coordRange: [Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 28)]}]});
    }""")
    p.wait_for_url("**/timeline?since=2024-01&until=2024-03")
    p.wait_for_selector("#timeline-events tbody tr >> nth=0")
    for _ in range(50):  # the list reloads after the brush (no wait_for_function: the CSP forbids eval)
        if p.locator("#timeline-events tbody tr").count() < total:
            break
        p.wait_for_timeout(100)
    dates = p.locator("#timeline-events tbody tr td:first-child").all_inner_texts()
    assert dates and all(d.startswith("2024") and d[:7] <= "2024-03" for d in dates)  # "2024" overlaps the range
    assert "since=2024-01" in (p.get_attribute("#timeline-map", "href") or "")
    assert "since=2024-01" in (p.get_attribute("#exports a[data-format=acled_csv]", "href") or "")


def test_map_colours_legend_clusters_and_unlocated_count(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/map?country=Syria")
    p.wait_for_selector("#map-status:has-text('not on it')")
    assert p.locator("#map-legend li").count() >= 2
    assert p.locator(".marker-cluster, path.event-marker").count() >= 1
    assert p.locator("#map-list li").count() >= 1
    assert p.locator("#map-list a[href^='/events/']").count() >= 1


def test_graph_legend_table_filters_and_date_in_the_url(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/graph?entity=kb:hts&depth=2")
    p.wait_for_selector("#graph-status:has-text('relations')")
    assert p.locator("#graph-shapes li").count() == 4
    rows = p.locator("#graph-table tbody tr").count()
    assert rows >= 5
    predicate = p.locator("#graph-predicate option").nth(1).get_attribute("value")
    p.select_option("#graph-predicate", predicate)
    kept = p.locator("#graph-table tbody tr td:nth-child(2)").all_inner_texts()
    assert kept and set(kept) == {predicate}
    p.select_option("#graph-predicate", "")
    p.evaluate("() => { const s = document.getElementById('graph-date'); s.value = '0'; s.dispatchEvent(new Event('input')); }")
    assert "at=" in p.url


@pytest.mark.parametrize("path", ["/", "/?q=HTS", "/entities/kb:hts", "/map", "/timeline", "/graph?entity=kb:hts",
                                  "/review", "/events/1", "/articles/sample-iraq-kh-baghdad-strike"])
def test_no_page_scrolls_sideways_at_390px(page: Any, base_url: str, path: str) -> None:
    p: Any = page
    p.set_viewport_size({"width": 390, "height": 800})
    p.goto(base_url + path)
    p.wait_for_load_state("networkidle")
    assert p.evaluate("document.documentElement.scrollWidth") <= 390
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.className") == "skip"


def test_map_markers_reached_by_tab_and_arrows_and_opened_with_enter(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/map?country=Syria")
    p.wait_for_selector("#map-status:has-text('not on it')")
    p.wait_for_selector("path.event-marker[tabindex='0'] >> nth=1")
    p.focus("#map")
    for _ in range(40):  # Tab from the map container reaches the first marker (or cluster)
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.matches('.event-marker, .marker-cluster')"):
            break
    assert p.evaluate("document.activeElement.getAttribute('role')") == "button"
    first = p.evaluate("document.activeElement.getAttribute('aria-label')")
    p.keyboard.press("ArrowRight")
    second = p.evaluate("document.activeElement.getAttribute('aria-label')")
    assert second and second != first
    p.keyboard.press("ArrowLeft")
    assert p.evaluate("document.activeElement.getAttribute('aria-label')") == first
    p.keyboard.press("Enter")
    p.wait_for_selector(".leaflet-popup .popup a[href^='/events/']")
    assert p.evaluate("document.activeElement.closest('.leaflet-popup') !== null")  # focus moved into the popup
    p.keyboard.press("Escape")
    p.wait_for_selector(".leaflet-popup", state="detached")  # faded out
    assert p.evaluate("document.activeElement.getAttribute('aria-label')") == first


def test_map_draws_admin1_boundaries_and_region_names_past_zoom_5(page: Any, base_url: str) -> None:
    p: Any = page
    requested: list[str] = []
    p.on("request", lambda r: requested.append(r.url))
    p.goto(base_url + "/map")
    p.wait_for_selector("#map-status:has-text('events on the map')")
    p.evaluate("() => { window.orbat.map.setView([36.2, 37.15], 3); }")
    p.wait_for_timeout(300)
    assert not any(u.endswith("/admin1.json") for u in requested)  # lazy: not loaded at zoom 3
    p.evaluate("() => { window.orbat.map.setView([36.2, 37.15], 7); }")
    p.wait_for_selector("#map[data-admin1]")
    assert int(p.get_attribute("#map", "data-admin1")) > 4000
    p.wait_for_selector(".place-label-text")
    names = p.locator(".place-label-text").all_inner_texts()
    assert "Aleppo" in names and "Idlib" in names
    assert p.locator(".leaflet-place-labels-pane canvas, .leaflet-overlay-pane canvas").count() >= 1


def test_graph_nodes_reached_with_the_keyboard(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/graph?entity=kb:hts&depth=2")
    p.wait_for_selector("#graph-status:has-text('relations')")
    p.focus("#graph-filters select >> nth=-1")
    for _ in range(10):  # Tab order: the filters, the download links, then the network
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.id") == "graph":
            break
    assert p.evaluate("document.activeElement.id") == "graph"
    assert p.get_attribute("#graph", "data-focused") == "kb:hts"  # the centre first
    assert "Hay'at Tahrir al-Sham" in p.inner_text("#graph-focus")
    visited = {"kb:hts"}
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "ArrowRight", "ArrowDown"):
        p.keyboard.press(key)
        visited.add(p.get_attribute("#graph", "data-focused"))
    assert len(visited) >= 3
    p.keyboard.press("Home")
    assert p.get_attribute("#graph", "data-focused") == "kb:hts"
    p.keyboard.press("ArrowRight")
    target = p.get_attribute("#graph", "data-focused")
    with p.expect_navigation():
        p.keyboard.press("Enter")
    assert p.url.endswith("/entities/" + target.replace(":", "%3A")) or p.url.endswith("/entities/" + target)


def test_downloads_carry_the_filters_and_the_view_of_the_page(page: Any, base_url: str) -> None:
    p: Any = page
    p.goto(base_url + "/map?country=Syria")
    p.wait_for_selector("#map-status:has-text('not on it')")
    href = p.get_attribute("#exports a[data-format=stix]", "href")
    assert "country=Syria" in href and "bbox=" in href
    bundle = p.evaluate("(url) => fetch(url).then(r => r.json())", href)
    assert bundle["type"] == "bundle" and any(o["type"] == "location" for o in bundle["objects"])
    shown = p.locator("#map-list li").count()
    geo = p.evaluate("(url) => fetch(url).then(r => r.json())", p.get_attribute("#exports a[data-format=geojson]", "href"))
    assert len(geo["features"]) == shown  # the download is the list beside the map
    p.goto(base_url + "/graph?entity=kb:hts&depth=2")
    p.wait_for_selector("#graph-status:has-text('relations')")
    predicate = p.locator("#graph-predicate option").nth(1).get_attribute("value")
    p.select_option("#graph-predicate", predicate)
    href = p.get_attribute("#graph-jsonl", "href")
    assert f"predicate={predicate}" in href
    lines = p.evaluate("(url) => fetch(url).then(r => r.text())", href).splitlines()
    assert len(lines) == p.locator("#graph-table tbody tr").count() >= 1
