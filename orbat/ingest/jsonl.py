"""JSONL: one article per line (id, text, optional title, url, published, outlet, author)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from orbat.errors import InputError
from orbat.ingest.meta import article_id, outlet_from_url, resolve_published
from orbat.ingest.source import ARTICLE_TEXT_FIELDS, ReadResult, failed, refuse_surrogates
from orbat.model import Article

_STRINGS = ("title", "url", "outlet", "author")
_MAX_DIGITS = 100  # longer integers are kept as LongNumber (Python refuses to parse > 4,300 digits)
_MAX_ID = 200
_JSON_KINDS: dict[type, str] = {dict: "object", list: "array", str: "string"}


class LongNumber:
    """An integer literal too long to be a useful value; kept as digits, never a valid field."""

    def __init__(self, digits: str) -> None:
        self.digits = digits


def _parse_int(digits: str) -> int | LongNumber:
    return int(digits) if len(digits.lstrip("-")) <= _MAX_DIGITS else LongNumber(digits)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads(item: str, text: str) -> Any:
    """Parse JSON, naming ``item`` in every error: bad syntax, NaN/Infinity, nesting too deep."""
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(item, f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise InputError(item, "malformed JSON (nested too deep)") from None
    except ValueError as exc:
        raise InputError(item, f"malformed JSON ({exc})") from None


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
            yield ReadResult(item, article=record_to_article(item, _parse(item, line, limit), limit))
        except InputError as exc:
            yield failed(exc)


def _parse(item: str, line: str, limit: int) -> dict[str, Any]:
    if len(line) > limit * 6:  # an escape (\u0001) is 6 characters a byte; longer cannot fit
        raise InputError(item, f"too large ({len(line)} characters on one line > limit {limit} bytes)")
    record = loads(item, line)
    if not isinstance(record, dict):
        raise InputError(item, f"expected a JSON object, got {json_kind(record)}")
    return record


def record_to_article(item: str, record: dict[str, Any], limit: int) -> Article:
    """A JSON object -> Article; ``text`` is required and non-empty, fields are strings (an id may
    also be a JSON integer, read as its digits); anything else is refused, never coerced."""
    for name in ARTICLE_TEXT_FIELDS:
        refuse_surrogates(item, name, record.get(name))
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(item, f"field 'text' must be a string, got {json_kind(text)}")
    if not text or not text.strip():
        raise InputError(item, "missing or empty 'text'")
    size = len(text.encode("utf-8"))
    if size > limit:
        raise InputError(item, f"too large ({size} bytes > limit {limit})")
    values = {k: _str_or_none(item, k, record.get(k)) for k in _STRINGS}
    url = values["url"]
    published = resolve_published(_published(item, record.get("published")), url)
    return Article(
        id=article_id(_given_id(item, record.get("id")), url, text),
        text=text,
        title=values["title"],
        url=url,
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
        outlet=values["outlet"] or outlet_from_url(url),
        author=values["author"],
        source=item,
    )


def json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, LongNumber):
        return f"a {len(value.digits)}-digit number"
    if isinstance(value, int | float):
        return f"number {value!r}"
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _given_id(item: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(item, f"field 'id' must be a string, got {json_kind(value)}")
    value = value.strip()
    if not value or len(value) > _MAX_ID:
        raise InputError(item, f"field 'id' must be 1-{_MAX_ID} characters, got {len(value)}")
    return value


def _published(item: str, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)  # a bare year
    return _str_or_none(item, "published", value)


def _str_or_none(item: str, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise InputError(item, f"field {key!r} must be a string, got {json_kind(value)}")
