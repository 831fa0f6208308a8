"""JSONL: one article per line (id, text, optional title, url, published, outlet, author)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from orbat.errors import InputError
from orbat.ingest.meta import article_id, outlet_from_url, resolve_published
from orbat.ingest.source import ReadResult, failed
from orbat.model import Article

_OPTIONAL = ("title", "url", "published", "outlet", "author")


def read_jsonl(name: str, lines: Iterable[bytes | str], limit: int) -> Iterator[ReadResult]:
    """One ReadResult per non-blank line; items are named ``name:LINE``."""
    for number, raw in enumerate(lines, start=1):
        item = f"{name}:{number}"
        try:
            line = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield failed(InputError(item, "undecodable bytes (JSONL must be UTF-8)"))
            continue
        if not line.strip():
            continue
        try:
            yield ReadResult(item, article=record_to_article(item, _parse(item, line), limit))
        except InputError as exc:
            yield failed(exc)


def _parse(item: str, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(item, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(item, f"expected a JSON object, got {type(record).__name__}")
    return record


def record_to_article(item: str, record: dict[str, Any], limit: int) -> Article:
    """A JSON object -> Article; ``text`` is required and non-empty."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(item, "missing or empty 'text'")
    size = len(text.encode("utf-8"))
    if size > limit:
        raise InputError(item, f"too large ({size} bytes > limit {limit})")
    values = {k: _str_or_none(item, k, record.get(k)) for k in _OPTIONAL}
    url = values["url"]
    published = resolve_published(values["published"], url)
    given = record.get("id")
    return Article(
        id=article_id(None if given is None else str(given), url, text),
        text=text,
        title=values["title"],
        url=url,
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
        outlet=values["outlet"] or outlet_from_url(url),
        author=values["author"],
        source=item,
    )


def _str_or_none(item: str, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    raise InputError(item, f"field {key!r} must be a string, got {type(value).__name__}")
