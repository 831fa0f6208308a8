"""Text normalisation that never moves offsets.

``normalize_for_nlp`` returns a copy of the text for spaCy in which curly quotes, Arabic
ayn/hamza marks, odd spaces and dashes are replaced one character for one character, so
a span in the copy is the same span in the stored text. ``OffsetMap`` covers the general
case of length-changing rewrites.
(The matching keys for names, ``alias_key`` and ``loose_key``, are in ``orbat.keys``.)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# One character for one character: offsets stay valid.
_NLP_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u02bf": "'", "\u02be": "'",
    "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200a": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u200b": " ", "\ufeff": " ",
}
_NLP_TABLE = str.maketrans(_NLP_CHAR_MAP)


def normalize_for_nlp(text: str) -> str:
    """Length-preserving normalisation for the NLP copy of an article."""
    out = text.translate(_NLP_TABLE)
    assert len(out) == len(text)
    return out


def blank_regions(text: str, regions: list[tuple[int, int]]) -> str:
    """Replace marked regions with spaces (newlines kept) so no extractor sees them."""
    if not regions:
        return text
    chars = list(text)
    for start, end in regions:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] not in "\n":
                chars[i] = " "
    return "".join(chars)


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a rewritten copy back to the original text.

    Built from a list of (copy_offset, original_offset) anchors at each rewrite point.
    """

    copy_points: tuple[int, ...]
    orig_points: tuple[int, ...]

    @classmethod
    def identity(cls) -> OffsetMap:
        return cls((0,), (0,))

    def to_original(self, offset: int) -> int:
        i = bisect_right(self.copy_points, offset) - 1
        return self.orig_points[i] + (offset - self.copy_points[i])


def rewrite(text: str, pattern: re.Pattern[str], repl: str) -> tuple[str, OffsetMap]:
    """Apply a length-changing regex rewrite and return the copy with its offset map."""
    parts: list[str] = []
    copy_pts, orig_pts = [0], [0]
    pos = 0
    copy_len = 0
    for m in pattern.finditer(text):
        parts.append(text[pos : m.start()])
        copy_len += m.start() - pos
        parts.append(repl)
        copy_len += len(repl)
        pos = m.end()
        copy_pts.append(copy_len)
        orig_pts.append(pos)
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(tuple(copy_pts), tuple(orig_pts))
