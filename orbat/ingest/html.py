"""HTML pages: trafilatura extracts body text, title, author, date and site name."""

from __future__ import annotations

import re

import trafilatura

from orbat.errors import InputError
from orbat.ingest.meta import Dated, article_id, date_from_url, normalize_date, outlet_from_url
from orbat.model import Article

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def read_html(item: str, html: str, url: str | None = None) -> Article:
    """The extracted article of an HTML page; an error when nothing is extractable."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(item, "malformed or empty HTML (no extractable article text)")
    title = getattr(doc, "title", None) or None
    url = url or getattr(doc, "url", None) or None  # the page's canonical link when read from a file
    body_start = len(title) + 1 if title and text.startswith(title + "\n") else 0
    published = _published(html, url, getattr(doc, "date", None))
    return Article(
        id=article_id(None, url, text),
        text=text,
        title=title,
        url=url,
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
        outlet=getattr(doc, "sitename", None) or outlet_from_url(url),
        author=getattr(doc, "author", None) or None,
        source=item,
        body_start=body_start,
    )


def _published(html: str, url: str | None, meta_date: str | None) -> Dated | None:
    """The page's own date, else the URL's, else htmldate's extensive search."""
    found = normalize_date(meta_date) or date_from_url(url)
    if found:
        return found
    from htmldate import find_date

    return normalize_date(find_date(html, extensive_search=True, url=url))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries): block elements become paragraphs."""
    import lxml.html

    if "<" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return _tidy(re.sub(r"<[^>]+>", " ", fragment))
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
