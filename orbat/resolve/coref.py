"""Lightweight coreference for event and relation arguments.

``antecedent(doc, span, lexicon)`` ties a group description ("the group", "the militants", "the jihadist
joint venture", "the organization") to the most recent named ORG_ARMED mention before it in the
same paragraph; with none there, to the article's main group (its most mentioned ORG_ARMED).
It needs ``Doc._.mentions`` (set by orbat_resolver).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from spacy.tokens import Doc, Span

from orbat.lexicon import Lexicon
from orbat.model import Mention


def is_description(span: Span, lex: Lexicon) -> bool:
    """"the group", "the jihadist joint venture": a definite noun phrase headed by a group noun."""
    words = [t.lower_ for t in span if not t.is_punct]
    return len(words) >= 2 and words[0] in lex.definite_determiners and words[-1] in lex.group_description_heads


_BREAKS_KEY = "orbat_coref_paragraph_breaks"


def _paragraph_start(doc: Doc, offset: int) -> int:
    """Where the last blank line ("\n\n") ending at or before ``offset`` starts (0 if none): the
    text's ``rfind``, over break offsets listed once per Doc (``doc.text`` joins every token)."""
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:  # every (overlapping) occurrence, ascending; the text never changes
        text, breaks, at = doc.text, [], -1
        while (at := text.find("\n\n", at + 1)) >= 0:
            breaks.append(at)
        doc.user_data[_BREAKS_KEY] = breaks
    i = bisect_right(breaks, offset - 2)
    return breaks[i - 1] if i else 0


def main_group(doc: Doc) -> Mention | None:
    """The article's most mentioned armed group (first mention of it)."""
    armed = [m for m in doc._.mentions if m.type == "ORG_ARMED"]
    if not armed:
        return None
    top, _ = Counter(m.entity_id for m in armed).most_common(1)[0]
    return next(m for m in armed if m.entity_id == top)


def antecedent(doc: Doc, span: Span, lex: Lexicon) -> Mention | None:
    """The named ORG_ARMED a group description refers to, or None if ``span`` is not one."""
    if not is_description(span, lex):
        return None
    floor = _paragraph_start(doc, span.start_char)
    before = [m for m in doc._.mentions
              if m.type == "ORG_ARMED" and floor <= m.start and m.end <= span.start_char]
    if before:
        return before[-1]
    return main_group(doc)
