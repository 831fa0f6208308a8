"""Plain text and Markdown: the first line is the title when a blank line follows it."""

from __future__ import annotations

import re

from orbat.ingest.meta import Dated, article_id, normalize_date
from orbat.model import Article, Region

_LINE = re.compile(r"[^\n]*\n?")
_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|al-\w+|bin|de|van|von)){0,5}"
_HEADER = re.compile(
    r"^(?:(?i:by)\s+(?P<author>" + _NAME + r"))?\s*(?:[|·•,–—-]\s*)?"
    r"(?:(?i:published|posted|updated|date)\s*:?\s*)?(?P<date>[^|·•\n]*\d{4}[^|·•\n]*)?$"
)
_HEADER_MAX = 100


def split_title(text: str) -> tuple[str | None, int]:
    """(title, body_start). The title is the first non-blank line when a blank line follows.

    ``body_start`` is the offset of the first non-blank character after the title (0 when
    there is no title), so ``text[body_start:]`` is the body as read.
    """
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group()]
    first = next((i for i, (_, ln) in enumerate(lines) if ln.strip()), None)
    if first is None or first + 2 >= len(lines) or lines[first + 1][1].strip():
        return None, 0
    start, line = lines[first]
    title = line.strip().lstrip("#").strip() or None
    if title is None:
        return None, 0
    after = start + len(line)
    rest = text[after:]
    body_start = after + (len(rest) - len(rest.lstrip()))
    return title, body_start


def header_line(text: str, body_start: int) -> tuple[Region, str | None, Dated | None] | None:
    """A byline/dateline opening the body ("By Jane Roe | 14 March 2024", "Published: 2024-03-14").

    Returns its region (kind "byline"), the author and the published date, or None.
    """
    end = text.find("\n", body_start)
    end = len(text) if end < 0 else end
    line = text[body_start:end].strip()
    if not line or len(line) > _HEADER_MAX or end == len(text):
        return None
    m = _HEADER.match(line)
    if m is None or not (m["author"] or m["date"]):
        return None
    published = normalize_date(m["date"].strip()) if m["date"] else None
    if m["date"] and published is None:
        return None
    author = m["author"].strip() if m["author"] else None
    return Region(body_start, body_start + len(line), "byline"), author, published


def read_text(item: str, text: str) -> Article:
    """An Article over the whole text (title line included, so offsets index the file)."""
    title, body_start = split_title(text)
    article = Article(id=article_id(None, None, text), text=text, title=title, body_start=body_start, source=item)
    header = header_line(text, body_start) if title else None
    if header:
        region, article.author, published = header
        article.regions = [region]
        if published:
            article.published, article.published_precision = published
    return article
