"""``read_inputs``: files, directories, ``-`` (JSONL on stdin) and URLs -> a stream of results.

A bad item becomes a ``ReadResult`` with an ``InputError`` naming it; the stream goes on.
Every article that is read is cleaned (boilerplate marked) and its language detected.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import IO

from orbat.errors import InputError
from orbat.ingest.clean import clean
from orbat.ingest.jsonl import json_kind, loads, read_jsonl, record_to_article
from orbat.ingest.language import detect_language
from orbat.ingest.meta import content_hash
from orbat.ingest.source import (
    ReadResult,
    check_size,
    check_unicode,
    declared_charset,
    decode_bytes,
    failed,
    is_url,
    item_name,
)
from orbat.ingest.text import read_text
from orbat.model import Article
from orbat.settings import Settings

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
JSON_EXTENSIONS = (".jsonl", ".json")
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSON_EXTENSIONS + FEED_EXTENSIONS
_HTML_FACTOR = 4
_NOT_ARTICLES = frozenset({"readme", "license", "changelog"})


def read_inputs(
    inputs: Sequence[str], settings: Settings, stdin: IO[bytes] | None = None
) -> Iterator[ReadResult]:
    """Read every input item in order; one ReadResult per article or failed item.

    Articles come cleaned, with their language and the hash of the cleaned text (``content_hash``),
    each computed once here. A second article with an id already seen in this batch but a different
    (cleaned) text is an error.
    """
    seen: dict[str, tuple[str, str]] = {}  # id -> (content hash, first item)
    for result in _raw_results(inputs, settings, stdin):
        if result.article is None:
            yield result
            continue
        article = result.article
        try:
            check_unicode(result.item, article)
        except InputError as exc:
            yield failed(exc)
            continue
        cleaned = clean(article)
        digest = content_hash(cleaned.text)
        first = seen.setdefault(article.id, (digest, result.item))
        if first[0] != digest:
            yield failed(InputError(result.item, f"duplicate id {article.id!r} with different text "
                                                 f"(first read from {first[1]})"))
            continue
        language = detect_language(article.text, settings.min_language_confidence)
        yield ReadResult(result.item, article=replace(cleaned, language=language), content_hash=digest)


def _raw_results(inputs: Sequence[str], settings: Settings, stdin: IO[bytes] | None) -> Iterator[ReadResult]:
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl("-", stream, settings.max_text_bytes)
        elif is_url(item):
            from orbat.ingest.urls import read_url  # httpx: imported when needed

            yield from _guard(item, partial(read_url, item, settings))
        else:
            yield from _read_path(Path(item), settings)


def _read_path(path: Path, settings: Settings) -> Iterator[ReadResult]:
    if path.is_dir():
        for child, skipped in walk_directory(path, settings.follow_links):
            if skipped is not None:
                yield ReadResult(item_name(child), skipped=skipped)
            else:
                yield from read_file(child, settings)
    elif path.exists():
        yield from read_file(path, settings)
    else:
        yield failed(InputError(item_name(path), "no such file or directory"))


def iter_directory(root: Path, follow_links: bool = False) -> list[Path]:
    """Readable files under ``root`` (see ``walk_directory``), without the skipped ones."""
    return [p for p, skipped in walk_directory(root, follow_links) if skipped is None]


def walk_directory(root: Path, follow_links: bool = False) -> list[tuple[Path, str | None]]:
    """Files under ``root`` (recursive, sorted, by extension), each with why it is skipped or None.

    Hidden files and folders are passed over, and so are README files, which document a corpus
    folder rather than belong to it (name a README explicitly to read it). Symbolic links that
    lead out of ``root`` are skipped unless ``follow_links``; broken links and link loops are
    always skipped. Skipped links are listed, so the caller can say what it did not read.
    """
    top = root.resolve()
    found: list[tuple[Path, str | None]] = []
    visited = {top}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_links):
        here = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith("."):
                continue
            reason = _link_problem(sub, top, follow_links) if sub.is_symlink() else None
            real = sub.resolve() if reason is None else None
            if reason is None and real in visited:
                reason = "directory link loop (already read)"
            if reason is not None:
                found.append((sub, reason))
                continue
            visited.add(real or sub)
            keep.append(name)
        dirnames[:] = keep
        for name in filenames:
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in EXTENSIONS or path.stem.lower() in _NOT_ARTICLES:
                continue
            reason = _link_problem(path, top, follow_links) if path.is_symlink() else None
            found.append((path, reason))
    return sorted(found)


def _link_problem(link: Path, top: Path, follow_links: bool) -> str | None:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, on Python < 3.13
        return "broken symlink or symlink loop (skipped)"
    if not follow_links and not target.is_relative_to(top):
        return f"symlink to {item_name(target)}, outside the input directory (skipped; --follow-links reads it)"
    if not follow_links and target.is_dir():
        return "symlinked directory inside the input directory (skipped; --follow-links reads it)"
    return None


def read_file(path: Path, settings: Settings) -> Iterator[ReadResult]:
    """Read one file by its extension (unknown extensions are read as plain text)."""
    item = item_name(path)
    suffix = path.suffix.lower()
    limit = settings.max_text_bytes
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl(item, fh, limit)
            return
        size = path.stat().st_size
        if suffix == ".json":  # read whole: bounded like HTML (use JSONL for larger batches)
            check_size(item, size, limit * _HTML_FACTOR)
            yield from _read_json(item, path.read_bytes(), limit)
            return
        if suffix in FEED_EXTENSIONS:
            from orbat.ingest.feeds import read_feed  # feedparser and trafilatura: imported when needed

            check_size(item, size, limit * _HTML_FACTOR)
            yield from read_feed(item, path.read_bytes(), limit)
        elif suffix in HTML_EXTENSIONS:
            from orbat.ingest.html import read_html

            check_size(item, size, limit * _HTML_FACTOR)
            data = path.read_bytes()
            html = decode_bytes(item, data, limit * _HTML_FACTOR, declared_charset(html=data))
            article = read_html(item, html)
            check_size(item, len(article.text.encode("utf-8")), limit)
            yield ReadResult(item, article=article)
        else:
            check_size(item, size, limit)
            yield ReadResult(item, article=read_text(item, decode_bytes(item, path.read_bytes(), limit)))
    except InputError as exc:
        yield failed(exc)
    except OSError as exc:
        yield failed(InputError(item, f"cannot read ({exc.strerror or exc})"))


def _read_json(item: str, data: bytes, limit: int) -> Iterator[ReadResult]:
    """A .json file: an array of article objects, one object, or JSONL."""
    try:
        value = loads(item, data.decode("utf-8-sig"))
    except (UnicodeDecodeError, InputError):
        yield from read_jsonl(item, data.splitlines(), limit)
        return
    records = value if isinstance(value, list) else [value]
    for n, record in enumerate(records):
        sub = f"{item}:[{n}]"
        if not isinstance(record, dict):
            yield failed(InputError(sub, f"expected a JSON object, got {json_kind(record)}"))
            continue
        yield from _guard(sub, partial(record_to_article, sub, record, limit))


def _guard(item: str, produce: Callable[[], Article]) -> Iterator[ReadResult]:
    try:
        article = produce()
    except InputError as exc:
        yield failed(exc)
        return
    yield ReadResult(item, article=article)
