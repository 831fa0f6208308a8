"""Paragraph breaks are sentence boundaries: a title or a dateline never runs into the next
sentence. Runs before the parser, which keeps boundaries that are already set.

A blank line always starts a sentence; a single line break does only after sentence-final
punctuation, so hard-wrapped text is not cut mid-sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

_FINAL = {".", "!", "?", ":", '"', "'", ")"}


def _newlines(token: Token) -> int:
    return token.whitespace_.count("\n") + (token.text.count("\n") if token.is_space else 0)


@Language.component("orbat_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    breaks = 0
    last: Token | None = None
    for token in doc:
        if token.is_space:
            breaks += _newlines(token)
            continue
        if last is not None and (breaks >= 2 or (breaks == 1 and last.text[-1:] in _FINAL)):
            token.is_sent_start = True
        breaks = _newlines(token)
        last = token
    return doc
