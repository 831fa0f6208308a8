"""Entity spans of a Doc, built once for the event stage (each ``doc.ents`` access rebuilds them)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

_ENTS_KEY = "orbat_events_ents"


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
