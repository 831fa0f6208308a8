"""http(s) inputs: fetch with httpx, then read the page as HTML (or plain text).

``settings.http_timeout`` bounds the whole fetch (connect, headers, body, redirects), not each
read: a server that drips one byte at a time is cut off at the deadline.
"""

from __future__ import annotations

import asyncio

import httpx

from orbat import __version__
from orbat.errors import InputError
from orbat.ingest.html import read_html
from orbat.ingest.meta import article_id, outlet_from_url, resolve_published
from orbat.ingest.source import check_size, declared_charset, decode_bytes
from orbat.ingest.text import read_text
from orbat.model import Article
from orbat.settings import Settings

USER_AGENT = f"orbat/{__version__} (open-source conflict research; +https://github.com/orbat)"
_HTML_FACTOR = 4  # raw HTML may be this many times larger than the text limit


def read_url(url: str, settings: Settings) -> Article:
    """GET ``url`` (redirects followed) and read it; every failure names the URL."""
    limit = settings.max_text_bytes * _HTML_FACTOR
    final, content_type, data = fetch(url, settings.http_timeout, limit)
    text = decode_bytes(url, data, limit, declared_charset(content_type, data))
    if "text/plain" in content_type:
        return _plain(url, final, text, settings)
    article = read_html(url, text, url=final)
    check_size(url, len(article.text.encode("utf-8")), settings.max_text_bytes)
    article.source = url
    return article


def fetch(url: str, timeout: float, limit: int) -> tuple[str, str, bytes]:
    """(final URL, content type, body) within ``timeout`` seconds in all; the body is streamed
    and refused past ``limit`` bytes."""
    try:
        return asyncio.run(asyncio.wait_for(_fetch(url, timeout, limit), timeout))
    except TimeoutError:
        raise InputError(url, f"fetch failed (took longer than {timeout:g} s in all; ORBAT_HTTP_TIMEOUT)") from None


async def _fetch(url: str, timeout: float, limit: int) -> tuple[str, str, bytes]:
    headers = {"User-Agent": USER_AGENT}
    try:
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=True, headers=headers) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                check_size(url, size, limit)
                chunks.append(chunk)
            return str(response.url), response.headers.get("content-type", "").lower(), b"".join(chunks)
    except httpx.HTTPError as exc:
        raise InputError(url, f"fetch failed ({type(exc).__name__}: {exc})") from None


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
