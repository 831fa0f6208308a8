"""Typed NLP-internal items shared between stages (not part of the extract contract)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text, resolved against the article's publication date.

    ``value`` is ISO and partial when only part is known ("2017-07-25", "2017-06", "2015"),
    or None when it cannot be resolved (no publication date for a relative expression).
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str  # day | week | month | year
    relative: bool  # resolved against the publication date ("earlier today", "in June")
    kind: str = "point"  # point | since | until | range
    end_value: str | None = None  # for ranges
