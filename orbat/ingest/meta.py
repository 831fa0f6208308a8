"""Article identity and metadata: ids, content hashes, ISO dates with precision (from fields
and URL paths), outlet from the URL host."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from orbat.model import DatePrecision

_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$|[-_])")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/|$)")
_ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:[T ].*)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_ISO_YEAR = re.compile(r"^(\d{4})$")

Dated = tuple[str, DatePrecision]
_ID_LEN = 16


def date_from_url(url: str | None) -> Dated | None:
    """``/2017/07/25/`` -> ("2017-07-25", "day"); ``/2017/07/`` -> ("2017-07", "month")."""
    if not url:
        return None
    path = urlsplit(url).path
    m = _URL_DAY.search(path)
    if m and _valid(int(m[1]), int(m[2]), int(m[3])):
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    m = _URL_MONTH.search(path)
    if m:
        return f"{m[1]}-{m[2]}", "month"
    return None


def normalize_date(value: str | None) -> Dated | None:
    """Any date string -> ISO (partial for month/year) and its precision, or None."""
    if value is None or not str(value).strip():
        return None
    raw = str(value).strip()
    m = _ISO_DAY.match(raw)
    if m and _valid(int(m[1]), int(m[2]), int(m[3])):
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    m = _ISO_MONTH.match(raw)
    if m and 1 <= int(m[2]) <= 12:
        return raw, "month"
    if _ISO_YEAR.match(raw):
        return raw, "year"
    return _parse_free(raw)


def _parse_free(raw: str) -> Dated | None:
    try:
        return datetime.strptime(raw[:31], "%a, %d %b %Y %H:%M:%S %z").date().isoformat(), "day"
    except ValueError:
        pass
    from dateparser.date import DateDataParser  # slow to import: only for non-ISO strings

    parser = DateDataParser(settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    data = parser.get_date_data(raw[:200])
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "year":
        return f"{d.year:04d}", "year"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    return d.isoformat(), "day"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def outlet_from_url(url: str | None) -> str | None:
    """The URL host without ``www.``, e.g. ``https://www.example.org/a`` -> ``example.org``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def resolve_published(given: str | None, url: str | None) -> Dated | None:
    """Published date from the input field, else from the URL path."""
    return normalize_date(given) or date_from_url(url)


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text (hex); equal texts give equal hashes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(given: str | None, url: str | None, text: str) -> str:
    """The given id, else a short SHA-1 of the URL, else of the text."""
    if given is not None and str(given).strip():
        return str(given).strip()
    basis = f"url:{url.strip()}" if url and url.strip() else f"text:{text}"
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:_ID_LEN]  # bad text is refused later
