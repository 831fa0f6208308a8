"""Stable identities: content hashes and article ids."""

from __future__ import annotations

import hashlib

_ID_LEN = 16


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text (hex); equal texts give equal hashes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(given: str | None, url: str | None, text: str) -> str:
    """The given id, else a short SHA-1 of the URL, else of the text."""
    if given is not None and str(given).strip():
        return str(given).strip()
    basis = f"url:{url.strip()}" if url and url.strip() else f"text:{text}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:_ID_LEN]
