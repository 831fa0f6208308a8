"""Input items: the ReadResult each item yields, and bytes -> text (size limit, byte-order marks,
declared charsets, binary detection, charset detection with charset-normalizer)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from orbat.errors import InputError
from orbat.model import Article

# Control characters other than tab, LF, FF and CR: rare in text, common in binary files.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_MAX_CONTROL_RATIO = 0.05
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Western European legacy text is the common non-UTF-8 case: among guesses that fit equally well,
# charset-normalizer's first pick is arbitrary (cp1257 read "Naïve" as "Naļve"), so cp1252 wins ties.
_PREFERRED_GUESS = "cp1252"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Like browsers (WHATWG Encoding), a declared Latin-1 or ASCII page is read as windows-1252.
_AS_BROWSERS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}
ARTICLE_TEXT_FIELDS = ("id", "text", "title", "url", "published", "outlet", "author")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class ReadResult:
    """The outcome of one input item: an article, or the error that names the item."""

    item: str  # path, "path:LINE", feed entry link, URL or "-:LINE"
    article: Article | None = None
    error: InputError | None = None
    skipped: str | None = None  # why an item was passed over on purpose (a symlink out of the tree)
    content_hash: str | None = None  # of the cleaned text (read_inputs), what incremental ingest compares

    @property
    def ok(self) -> bool:
        return self.article is not None


def is_url(item: str) -> bool:
    """An http(s) input (read by ``orbat.ingest.urls``)."""
    return item.startswith(("http://", "https://"))


def failed(error: InputError) -> ReadResult:
    return ReadResult(item=error.item, error=error)


def check_size(item: str, size: int, limit: int) -> None:
    """Raise when ``size`` (bytes) is over ``limit``."""
    if size > limit:
        raise InputError(item, f"too large ({size} bytes > limit {limit})")


def item_name(path: object) -> str:
    """A path as an item name that is valid Unicode: undecodable bytes become ``\\xNN``."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def refuse_surrogates(item: str, name: str, value: object) -> None:
    """Refuse lone surrogates (JSON ``"\\ud800"``): they cannot be stored or printed as UTF-8."""
    m = _SURROGATE.search(value) if isinstance(value, str) else None
    if m:
        raise InputError(item, f"invalid text: lone surrogate U+{ord(m.group()):04X} in {name!r} "
                               f"at character {m.start()}")


def check_unicode(item: str, article: Article) -> None:
    """Every text field of ``article`` is valid Unicode (see ``refuse_surrogates``)."""
    for name in ARTICLE_TEXT_FIELDS:
        refuse_surrogates(item, name, getattr(article, name))


def declared_charset(content_type: str | None = None, html: bytes | None = None) -> str | None:
    """The charset named by an HTTP Content-Type, else by an HTML ``<meta>`` in the first 4 KB."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    m = _META_CHARSET.search(html[:4096]) if html else None
    return m.group(1).decode("ascii") if m else None


def decode_bytes(item: str, data: bytes, limit: int, declared: str | None = None) -> str:
    """Decode a document's bytes to text, naming ``item`` in every error.

    In order: a byte-order mark (UTF-8/16/32), UTF-8, the ``declared`` charset (HTTP header or
    HTML meta) when it decodes the bytes, then charset-normalizer's guess (cp1252 on ties).
    NUL bytes (without a UTF-16/32 mark) or many control characters mean a binary file.
    """
    if not data.strip():
        raise InputError(item, "empty")
    check_size(item, len(data), limit)
    text = _by_bom(item, data)
    if text is None and b"\x00" in data:
        text = _by_declared(data, declared, wide_only=True)
        if text is None:
            raise InputError(item, "binary file (NUL bytes)")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _by_declared(data, declared) or _guess(item, data)
    if not text.strip():
        raise InputError(item, "empty")
    _check_control(item, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_size(item, len(text.encode("utf-8")), limit)
    return text


def _by_bom(item: str, data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(item, f"undecodable bytes (invalid {codec.upper()} after its byte-order mark)") \
                    from None
    return None


def _by_declared(data: bytes, declared: str | None, wide_only: bool = False) -> str | None:
    """Decode with the declared charset; None when there is none, it is unknown or it does not fit."""
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None  # an unknown charset name: detect instead
    if wide_only and not codec.startswith(("utf-16", "utf-32")):
        return None
    codec = _AS_BROWSERS.get(codec, codec)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None  # the declaration is wrong: detect instead


def _guess(item: str, data: bytes) -> str:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(item, "undecodable bytes (no text encoding fits)")
    preferred = next((m for m in matches if m.encoding == _PREFERRED_GUESS), None)
    if preferred is not None and preferred.chaos <= best.chaos + 0.01 and preferred.coherence >= best.coherence - 0.05:
        return data.decode(_PREFERRED_GUESS)
    return str(best)


def _check_control(item: str, text: str) -> None:
    sample = text[:20_000]
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if sample and bad / len(sample) > _MAX_CONTROL_RATIO:
        raise InputError(item, "binary file (control characters)")
