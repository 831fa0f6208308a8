"""http(s) inputs: fetch with httpx, then read the page as HTML (or plain text)."""

from __future__ import annotations

import httpx

from orbat import __version__
from orbat.errors import InputError
from orbat.ingest.html import read_html
from orbat.ingest.meta import article_id, outlet_from_url, resolve_published
from orbat.ingest.source import check_size, decode_bytes
from orbat.ingest.text import read_text
from orbat.model import Article
from orbat.settings import Settings

USER_AGENT = f"orbat/{__version__} (open-source conflict research; +https://github.com/orbat)"
_HTML_FACTOR = 4  # raw HTML may be this many times larger than the text limit


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def read_url(url: str, settings: Settings) -> Article:
    """GET ``url`` (redirects followed) and read it; every failure names the URL."""
    try:
        with httpx.Client(
            timeout=settings.http_timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        ) as client:
            response = client.get(url)
    except httpx.HTTPError as exc:
        raise InputError(url, f"fetch failed ({type(exc).__name__}: {exc})") from None
    if response.status_code >= 400:
        raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
    final = str(response.url)
    content_type = response.headers.get("content-type", "").lower()
    data = response.content
    check_size(url, len(data), settings.max_text_bytes * _HTML_FACTOR)
    text = decode_bytes(url, data, settings.max_text_bytes * _HTML_FACTOR)
    if "text/plain" in content_type:
        return _plain(url, final, text, settings)
    article = read_html(url, text, url=final)
    check_size(url, len(article.text.encode("utf-8")), settings.max_text_bytes)
    article.source = url
    return article


def _plain(url: str, final: str, text: str, settings: Settings) -> Article:
    check_size(url, len(text.encode("utf-8")), settings.max_text_bytes)
    article = read_text(url, text)
    published = resolve_published(None, final)
    article.url = final
    article.id = article_id(None, final, text)
    article.outlet = outlet_from_url(final)
    if published:
        article.published, article.published_precision = published
    return article
