"""Mark site boilerplate in an article: tag lines, trailing menus, author bios, credits.

Nothing is deleted: each finding is a ``Region`` over the stored text, and later stages
do not extract from marked regions. The rules look at line shape (length, punctuation,
position after the last real paragraph) so they carry over to sites nobody has seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from orbat.model import Article, Region

_TAGS = re.compile(r"^(?:tags?|topics?|keywords|filed under|categories|related topics)\s*:", re.I)
_READ_MORE = re.compile(
    r"(?:click here to (?:read|see|view|continue)\b|continue reading\b|read (?:more|the full (?:story|article|report))\b"
    r"|read the rest\b)",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share(?: this| on| via)?|subscribe|sign up|follow us|like us on|tweet this|email this|print this"
    r"|newsletter|advertisement|sponsored)\b",
    re.I,
)
_PHOTO_LINE = re.compile(
    r"^[(\[]?(?:photo(?:graph)?s?|image|picture|video|caption|file photo)(?: credits?)?\s*(?:[:/|–-]|by\b)", re.I
)
_CREDIT_WORDS = re.compile(
    r"getty images|image credit|photo credit|shutterstock|©|\bvia (?:getty|reuters|afp|ap)\b"
    r"|\w\s*/\s*(?:afp|reuters|ap|epa|anadolu)\b",
    re.I,
)
_PAREN_CREDIT = re.compile(r"\((?:photo|image|picture)s?(?: credit)?\s*(?:by|:)[^()\n]{1,150}\)", re.I)
_TRAIL_CREDIT = re.compile(
    r"(?<=[.!?”\"])\s+(?P<credit>(?i:(?:photo|image|picture)s?(?: credit)?\s*:)[^\n]{1,80}"
    r"|[A-Z][\w .'’-]{1,40}/\s*(?:AFP|Reuters|AP|EPA|Anadolu)(?: via Getty Images)?"
    r"|(?:AFP|Reuters|REUTERS|AP|EPA|Anadolu)\s*/\s*[A-Z][\w .'’-]{1,40})$"
)
_RELATED = re.compile(
    r"^(?:related(?: (?:articles?|stories|posts|coverage|reading|content|news))?|more (?:on|from|about) [\w' -]{1,40}"
    r"|most (?:read|popular|viewed)|recommended(?: for you)?|you may also like|see also|trending(?: now)?"
    r"|latest (?:news|stories|articles))\s*:?$",
    re.I,
)
_HEADLINE_MAX = 120
_SENTENCE = re.compile(r"[.!?](?:\s+[A-Z\"“]|$)")  # a sentence ends here: not a headline
_ROLE = (
    r"(?i:fellow|editor|correspondent|reporter|analyst|journalist|writer|researcher|contributor|director"
    r"|professor|lecturer|scholar|columnist|author|consultant|producer|expert|associate|officer|specialist"
    r"|student|candidate|manager|founder|chair)"
)
_BIO = re.compile(
    r"^(?P<name>(?:Dr\.? )?[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|al-\w+|bin|van|de|del|von)){1,4})"
    r" (?:is|was|has been|serves as) (?:a|an|the)\b[^\n]{0,160}?\b" + _ROLE + r"s?\b",
)
_SENTENCE_END = re.compile(r"[.!?;:…\"”’)]$")
_NAV_MAX_CHARS = 60
_NAV_MAX_WORDS = 6
_SHORT_LINE = 140
_CREDIT_LINE = 80  # a line this short naming a photo agency is a credit line
_BIO_TAIL_LINES = 8


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str, offset: int) -> list[_Line]:
    """Non-blank lines from ``offset`` on, as spans of their stripped content."""
    out: list[_Line] = []
    for m in re.finditer(r"[^\n]+", text[offset:]):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = offset + m.start() + lead
        out.append(_Line(start, start + len(stripped), stripped))
    return out


def _line_kind(line: _Line) -> str | None:
    t = line.text
    if _TAGS.match(t):
        return "tags"
    if _PHOTO_LINE.match(t):
        return "photo_credit"
    if len(t) <= _CREDIT_LINE and _CREDIT_WORDS.search(t) and not _PAREN_CREDIT.search(t):
        return "photo_credit"
    if len(t) <= _SHORT_LINE and _SHARE.match(t):
        return "boilerplate"
    if len(t) <= _SHORT_LINE and _READ_MORE.match(t):
        return "read_more"
    return None


def _inline_regions(line: _Line) -> Iterator[Region]:
    """Credits in parentheses, and a trailing "Click here to read the rest" inside a line."""
    for m in _PAREN_CREDIT.finditer(line.text):
        yield Region(line.start + m.start(), line.start + m.end(), "photo_credit")
    more = _READ_MORE.search(line.text)
    if more and more.start() > 0:
        yield Region(line.start + more.start(), line.end, "read_more")
    credit = _TRAIL_CREDIT.search(line.text)
    if credit:
        yield Region(line.start + credit.start("credit"), line.end, "photo_credit")


def _is_paragraph(t: str) -> bool:
    """A real paragraph: a sentence, or a long line."""
    return bool(_SENTENCE_END.search(t)) or len(t) > _NAV_MAX_CHARS or len(t.split()) > _NAV_MAX_WORDS


def _navigation(lines: list[_Line], marked: set[int]) -> Iterator[int]:
    """Indexes of short unpunctuated lines after the last real (unmarked) paragraph."""
    last = max((i for i, ln in enumerate(lines) if i not in marked and _is_paragraph(ln.text)), default=None)
    if last is None:
        return
    for i in range(last + 1, len(lines)):
        if i not in marked and not _is_paragraph(lines[i].text):
            yield i


def _related(lines: list[_Line], marked: set[int]) -> Iterator[int]:
    """A "Related"/"Most read"/"See also" heading and the headline-like lines under it."""
    for i, ln in enumerate(lines):
        if i in marked or not _RELATED.match(ln.text):
            continue
        yield i
        for j in range(i + 1, len(lines)):
            t = lines[j].text
            if j not in marked and (len(t) > _HEADLINE_MAX or _SENTENCE.search(t)):
                break
            if j not in marked:
                yield j


def _bio(lines: list[_Line], marked: set[int]) -> tuple[int, str] | None:
    """The last author-bio line among the final lines: (index, author name)."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 1 - _BIO_TAIL_LINES), -1):
        if i in marked:
            continue
        m = _BIO.match(lines[i].text)
        if m and len(lines[i].text) < 400:
            return i, m["name"]
    return None


def _dangling_intro(lines: list[_Line], marked: set[int]) -> Iterator[int]:
    """A line ending in ':' followed only by marked lines (an intro to stripped media)."""
    for i, ln in enumerate(lines):
        if i in marked or not ln.text.endswith(":"):
            continue
        rest = range(i + 1, len(lines))
        if len(ln.text) <= 200 and all(j in marked for j in rest):
            yield i


def find_regions(text: str, body_start: int = 0) -> tuple[list[Region], str | None]:
    """Boilerplate regions of ``text`` after ``body_start``, and an author found in a bio line."""
    lines = _lines(text, body_start)
    kinds: dict[int, str] = {}
    regions: list[Region] = []
    for i, ln in enumerate(lines):
        kind = _line_kind(ln)
        if kind:
            kinds[i] = kind
        else:
            regions.extend(_inline_regions(ln))
    for i in list(_related(lines, set(kinds))):
        kinds[i] = "navigation"
    author = None
    bio = _bio(lines, set(kinds))
    if bio:
        kinds[bio[0]] = "byline"
        author = bio[1]
    for i in list(_navigation(lines, set(kinds))):
        kinds[i] = "navigation"
    for i in list(_dangling_intro(lines, set(kinds))):
        kinds[i] = "boilerplate"
    regions.extend(Region(lines[i].start, lines[i].end, k) for i, k in kinds.items())
    return sorted(set(regions), key=lambda r: (r.start, r.end, r.kind)), author


def clean(article: Article) -> Article:
    """A copy of ``article`` with boilerplate regions marked (idempotent; text unchanged).

    Sets ``author`` from an author-bio line when the article has none.
    """
    found, author = find_regions(article.text, article.body_start)
    regions = sorted(set(article.regions) | set(found), key=lambda r: (r.start, r.end, r.kind))
    return replace(article, regions=regions, author=article.author or author)
