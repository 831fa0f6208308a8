"""Entity spans and line breaks of a Doc, built once for the event stage (each ``doc.ents``
access rebuilds the spans; walking tokens to the next line break creates a Token per step)."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

_ENTS_KEY = "orbat_events_ents"
_BREAKS_KEY = "orbat_events_line_breaks"


def doc_ents(doc: Doc) -> list[Span]:
    """``doc.ents`` as of the last ``fresh_ents`` call (or the first use)."""
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        cached = list(doc.ents)
        doc.user_data[_ENTS_KEY] = cached
    return cached  # type: ignore[no-any-return]


def fresh_ents(doc: Doc) -> list[Span]:
    """Rebuild the cache: called when the event stage starts on a Doc."""
    doc.user_data.pop(_ENTS_KEY, None)
    return doc_ents(doc)


def sent_ents(span: Span) -> list[Span]:
    return [e for e in doc_ents(span.doc) if span.start <= e.start and e.end <= span.end]


def line_of(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds of the line (between line breaks) holding tokens start..end: from the token
    after the last line-break token before ``start`` to the first one at or after ``end``."""
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:  # the tokens never change, so the list never goes stale
        breaks = doc.user_data[_BREAKS_KEY] = [t.i for t in doc if t.is_space and "\n" in t.text]
    before, after = bisect_left(breaks, start), bisect_left(breaks, end)
    return (breaks[before - 1] + 1 if before else 0), (breaks[after] if after < len(breaks) else len(doc))
