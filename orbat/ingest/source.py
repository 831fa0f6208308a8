"""Input items: the ReadResult each item yields, and bytes -> text (size limit, binary and
charset detection with charset-normalizer)."""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

from orbat.errors import InputError
from orbat.model import Article

# Control characters other than tab, LF, FF and CR: rare in text, common in binary files.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_MAX_CONTROL_RATIO = 0.05


@dataclass
class ReadResult:
    """The outcome of one input item: an article, or the error that names the item."""

    item: str  # path, "path:LINE", feed entry link, URL or "-:LINE"
    article: Article | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


def failed(error: InputError) -> ReadResult:
    return ReadResult(item=error.item, error=error)


def check_size(item: str, size: int, limit: int) -> None:
    """Raise when ``size`` (bytes) is over ``limit``."""
    if size > limit:
        raise InputError(item, f"too large ({size} bytes > limit {limit})")


def decode_bytes(item: str, data: bytes, limit: int) -> str:
    """Decode a document's bytes to text, naming ``item`` in every error.

    UTF-8 (with or without BOM) is tried first; otherwise charset-normalizer guesses the
    encoding. NUL bytes or many control characters mean a binary file.
    """
    if not data.strip():
        raise InputError(item, "empty")
    check_size(item, len(data), limit)
    if b"\x00" in data:
        raise InputError(item, "binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _guess(item, data)
    _check_control(item, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_size(item, len(text.encode("utf-8")), limit)
    return text


def _guess(item: str, data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        raise InputError(item, "undecodable bytes (no text encoding fits)")
    return str(best)


def _check_control(item: str, text: str) -> None:
    sample = text[:20_000]
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if sample and bad / len(sample) > _MAX_CONTROL_RATIO:
        raise InputError(item, "binary file (control characters)")
