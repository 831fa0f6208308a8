"""Server-rendered pages: content, escaping of untrusted text, no inline scripts, missing assets."""

from __future__ import annotations

import re

import pytest
from _helpers_web import STARLETTE_WARNING, TestClient, build_db, client

from orbat.web import pages

pytestmark = pytest.mark.filterwarnings(STARLETTE_WARNING)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client(build_db(tmp_path_factory.mktemp("web") / "kb.db"))


def html(web: TestClient, url: str, status: int = 200) -> str:
    response = web.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_search_finds_group_by_alias(web: TestClient) -> None:
    page = html(web, "/?q=HTS")
    assert 'href="/entities/kb%3Ahts"' in page
    assert "Hay&#39;at Tahrir al-Sham" in page


def test_entity_page_shows_lineage_aliases_relations_events_sources(web: TestClient) -> None:
    page = html(web, "/entities/kb:hts")
    lineage = page.split('id="lineage"')[1].split("</ol>")[0]
    assert "Jabhat al-Nusra" in lineage and "2016-07" in lineage and "2017-01" in lineage
    assert "Tahrir al-Sham" in page.split('id="aliases"')[1].split("</ul>")[0]
    assert "Sarmada" in page.split('id="events"')[1]
    assert "Checkpoint attack in Idlib" in page.split('id="sources"')[1]


def test_entity_relations_at_a_date(web: TestClient) -> None:
    def relations(url: str) -> str:
        return html(web, url).split('id="relations"')[1].split("</table>")[0]
    assert "pledged_allegiance_to" in relations("/entities/kb:nusra?at=2014-05-01")
    assert "pledged_allegiance_to" not in relations("/entities/kb:nusra?at=2019-05-01")


def test_untrusted_text_is_escaped(web: TestClient) -> None:
    page = html(web, "/articles/evil")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("url", ["/", "/?q=HTS", "/entities/kb:hts", "/articles/a1", "/articles/evil", "/map", "/graph"])
def test_no_inline_scripts_styles_or_handlers(web: TestClient, url: str) -> None:
    page = html(web, url)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)  # real tags only: escaped text has no "<"
    assert not [t for t in tags if re.search(r"\s(on[a-z]+|style)\s*=", t, flags=re.I)]
    assert not [t for t in tags if t.lower().startswith("<style")]


def test_article_page_has_text_and_facts(web: TestClient) -> None:
    page = html(web, "/articles/a1")
    assert 'id="article-text" data-article-id="a1"' in page
    assert 'data-target="event:1"' in page
    assert "formerly known as" in page  # the relation's rule


def test_html_errors_are_pages_with_the_status(web: TestClient) -> None:
    assert "&#39;no-such-group&#39;: no entity" in html(web, "/entities/no-such-group", 404)
    assert "Error 404" in html(web, "/no/such/page", 404)


def test_pages_say_when_assets_are_not_built(web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "vendor_missing", lambda: ["leaflet.js"])
    page = html(web, "/map")
    assert 'id="assets-missing"' in page and "make web-assets" in page
    assert "/static/vendor/leaflet.js" not in page
    assert web.get("/api/events").status_code == 200
