"""Plain text and Markdown: the first line is the title when a blank line follows it."""

from __future__ import annotations

import re

from orbat.ingest.ids import article_id
from orbat.model import Article

_LINE = re.compile(r"[^\n]*\n?")


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


def read_text(item: str, text: str) -> Article:
    """An Article over the whole text (title line included, so offsets index the file)."""
    title, body_start = split_title(text)
    return Article(
        id=article_id(None, None, text),
        text=text,
        title=title,
        body_start=body_start,
        source=item,
    )
