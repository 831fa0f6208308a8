"""RSS and Atom feed files (feedparser): each entry becomes an article."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from orbat.errors import InputError
from orbat.ingest.html import html_to_text
from orbat.ingest.meta import Dated, article_id, date_from_url, normalize_date, outlet_from_url
from orbat.ingest.source import ReadResult, failed
from orbat.model import Article


def read_feed(name: str, data: bytes, limit: int) -> Iterator[ReadResult]:
    """One ReadResult per entry; a feed that is not well-formed is one error naming ``name``."""
    try:
        parsed = feedparser.parse(data)
    except Exception as err:  # its loose parser raises on hostile input (&#xD800;): this feed's failure
        yield failed(InputError(name, f"malformed feed ({type(err).__name__}: {err})"))
        return
    exc = parsed.get("bozo_exception")
    if exc is not None and (type(exc).__name__ == "SAXParseException" or not parsed.entries):
        yield failed(InputError(name, f"malformed feed ({exc})"))
        return
    if not parsed.entries:
        yield failed(InputError(name, "feed has no entries"))
        return
    site = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        item = entry.get("link") or f"{name}#entry{n}"
        try:
            yield ReadResult(item, article=_entry_article(item, entry, site, limit))
        except InputError as err:
            yield failed(err)


def _entry_article(item: str, entry: Any, site: str | None, limit: int) -> Article:
    text = html_to_text(_entry_html(entry))
    if not text:
        raise InputError(item, "feed entry has no content or summary")
    size = len(text.encode("utf-8"))
    if size > limit:
        raise InputError(item, f"too large ({size} bytes > limit {limit})")
    url = entry.get("link") or None
    published = _entry_date(entry) or date_from_url(url)
    return Article(
        id=article_id(None, url or entry.get("id") or None, text),
        text=text,
        title=html_to_text(entry.get("title") or "") or None,
        url=url,
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
        outlet=outlet_from_url(url) or site,
        author=entry.get("author") or None,
        source=item,
    )


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    return best or entry.get("summary") or ""


def _entry_date(entry: Any) -> Dated | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value), "day"
    return normalize_date(entry.get("published") or entry.get("updated"))
