"""Date expressions resolved against the publication date: the ``orbat_dates`` stage.

Explicit dates are dated as written ("July 25, 2016", "Apr. 2013", "in 2015", "since 2013");
relative ones against ``article.published`` (which may be partial):
- "today", "earlier today", "this morning" -> the publication day;
- "yesterday", "last night" -> the day before;
- "on Tuesday" -> the most recent Tuesday on or before publication (day precision when the
  publication day is known, else the publication month);
- "In June", "March 24" -> that month/day of the publication year, or of the year before
  when it lies after publication;
- "last week/month/year", "this month/year", "earlier this year".
"since X" gives kind "since"; "between X and Y" / "from X to Y" give kind "range".
Plain regular expressions over the (length-preserving) Doc text: fast, no dateparser call.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from orbat.nlp.types import DateMention

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<mon>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
          r"aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PRE = (r"(?P<pre>\b(?:(?:since|from|between|until|till|by|in|on|during|of|last|this|beginning)\s+)?"
        r"(?:(?:early|late|mid)(?:-|\s+))?)?")

# Every match starts at the start of a word (the prefix's word or the date's own), so each pattern
# opens with that test: ``finditer`` then rejects the other positions in one step instead of
# trying every prefix word there (the same matches, in about half the time).
_WORD_START = r"(?<!\w)(?=\w)"

# (name, pattern): tried in this order; a later match may not overlap an earlier one.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((n, re.compile(_WORD_START + p, re.I)) for n, p in (
    ("range_years", _PRE + r"\b(?P<y1>(?:19|20)\d\d)\s*(?:-|–|to|and|until)\s*(?P<y2>(?:19|20)\d\d)\b"),
    ("mdy", _PRE + r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b"),
    ("dmy", _PRE + r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"),
    ("my", _PRE + r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b"),
    ("md", _PRE + r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?!\s*(?:%|per|million|people|km))"),
    ("dm", _PRE + r"\b" + _DAY + r"\s+" + _MONTH + r"\b"),
    ("today", r"\b(?P<pre>earlier\s+|later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
    ("yesterday", r"\b(?:yesterday|last\s+night)\b"),
    ("weekday", _PRE + r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"),
    ("rel", r"\b(?P<pre>since\s+|beginning\s+|earlier\s+|late\s+|early\s+)?(?P<which>last|this|past)\s+"
            r"(?P<unit>week|month|year)\b"),
    ("m", _PRE + r"\b" + _MONTH + r"\b"),
    ("y", _PRE + r"(?<![\d,.])\b" + _YEAR + r"\b(?!,\d|\.\d)"),
))
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_published(published: str | None) -> tuple[date | None, str | None]:
    """(date, precision) of an ISO partial publication date; missing parts default to 1."""
    m = _PARTIAL.match(published or "")
    if not m:
        return None, None
    y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    precision = "day" if m[3] else "month" if m[2] else "year"
    try:
        return date(y, mo, d), precision
    except ValueError:
        return None, None


def month_number(token: str) -> int:
    """1-12 for a month name or abbreviation ("Sept", "march")."""
    return _MONTHS[token.lower()[:3]]


def _iso(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "week": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


class _Resolver:
    """Turns one regex match into (value, precision, relative, kind, end_value)."""

    def __init__(self, published: str | None) -> None:
        self.pub, self.pub_precision = parse_published(published)

    def year_for(self, month: int, day: int = 1) -> int | None:
        """The publication year, or the one before when month/day lies after publication."""
        if self.pub is None:
            return None
        if self.pub_precision == "year":
            return self.pub.year
        after = (month, day) > (self.pub.month, self.pub.day if self.pub_precision == "day" else 31)
        return self.pub.year - 1 if after else self.pub.year

    def resolve(self, name: str, m: re.Match[str]) -> tuple[str | None, str, bool, str, str | None] | None:
        pre = (m.groupdict().get("pre") or "").strip().lower()
        kind = "since" if pre.startswith(("since", "beginning")) else "point"
        if name == "range_years":
            return m["y1"], "year", False, "range", m["y2"]
        if name in {"mdy", "dmy"}:
            return _safe_day(int(m["year"]), month_number(m["mon"]), int(m["day"]), False, kind)
        if name == "my":
            return f"{int(m['year']):04d}-{month_number(m['mon']):02d}", "month", False, kind, None
        if name in {"md", "dm"}:
            mon, day = month_number(m["mon"]), int(m["day"])
            if not 1 <= day <= 31 or (m["mon"].lower() == "may" and not pre):
                return None
            year = self.year_for(mon, day)
            return _safe_day(year, mon, day, True, kind) if year else (None, "day", True, kind, None)
        if name == "m":
            if m["mon"].lower() == "may" and not pre or m["mon"].lower().rstrip(".") in {"mar", "jan", "dec"} \
                    and not pre:
                return None
            year = self.year_for(month_number(m["mon"]))
            return (f"{year:04d}-{month_number(m['mon']):02d}" if year else None), "month", True, kind, None
        if name == "y":
            return m["year"], "year", False, kind, None
        return self._relative(name, m, kind)

    def _relative(self, name: str, m: re.Match[str], kind: str) -> tuple[str | None, str, bool, str, None] | None:
        pub, prec = self.pub, self.pub_precision
        if name == "today" or name == "yesterday":
            if pub is None or prec != "day":
                return (_iso(pub, "month") if pub and prec == "month" else None), "day", True, kind, None
            d = pub - timedelta(days=1) if name == "yesterday" else pub
            return d.isoformat(), "day", True, kind, None
        if name == "weekday":
            if pub is None or prec == "year":
                return None, "day", True, kind, None
            if prec != "day":
                return _iso(pub, "month"), "day", True, kind, None  # a day, known only to the month
            back = (pub.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
            return (pub - timedelta(days=back)).isoformat(), "day", True, kind, None
        unit, which = m["unit"].lower(), m["which"].lower()
        if pub is None:
            return None, unit if unit != "year" else "year", True, kind, None
        if unit == "year":
            year = pub.year - (1 if which in {"last", "past"} else 0)
            return str(year), "year", True, kind, None
        if unit == "month":
            d = (pub.replace(day=1) - timedelta(days=1)) if which == "last" else pub
            return _iso(d, "month"), "month", True, kind, None
        d = pub - timedelta(days=7) if which == "last" else pub
        return (_iso(d, "week") if prec == "day" else _iso(d, "month")), "week", True, kind, None


def _safe_day(year: int, month: int, day: int, relative: bool, kind: str) -> tuple[str | None, str, bool, str, None]:
    try:
        return date(year, month, day).isoformat(), "day", relative, kind, None
    except ValueError:
        return f"{year:04d}-{month:02d}", "month", relative, kind, None


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date expression in ``text``, left to right, resolved against ``published``."""
    resolver = _Resolver(published)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            resolved = resolver.resolve(name, m)
            if resolved is None:
                continue
            value, precision, relative, kind, end_value = resolved
            taken.append((start, end))
            found.append(DateMention(start, end, text[start:end], value, precision, relative, kind, end_value))
    return sorted(found, key=lambda d: d.start)


@Language.factory("orbat_dates", assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str) -> DateTagger:
    return DateTagger()


class DateTagger:
    """Fills ``Doc._.dates`` from the Doc text and the article's publication date."""

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, resources: Any = None) -> None:
        """Nothing to load: date expressions are read with dateparser and the patterns here."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates.clear()
        article = doc._.article
        published = article.published if article is not None else None
        doc._.dates.extend(find_dates(doc.text, published))
        return doc
