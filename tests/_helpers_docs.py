"""Hand-made Docs for stage tests: mark given surfaces as entities on a parsed text."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def mark_entities(doc: Doc, ents: list[tuple[str, str]]) -> Doc:
    """Mark each (surface, label) at every whole-token, non-overlapping occurrence as an entity."""
    spans: list[Span] = []
    for surface, label in ents:
        start = 0
        while (pos := doc.text.find(surface, start)) >= 0:
            span = doc.char_span(pos, pos + len(surface), label=label)
            if span is not None and not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
            start = pos + 1
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc
