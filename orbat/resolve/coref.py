"""Lightweight coreference for event and relation arguments.

``resolve(doc, span, lexicon)`` ties a group description ("the group", "the militants", "the jihadist
joint venture", "the organization") to the most recent named ORG_ARMED mention before it in the
same paragraph (rule ``coref:nearest-in-paragraph``); with none there, to the article's main group,
its most mentioned ORG_ARMED (``coref:main-group``). ``antecedent`` is the mention alone.

``link_descriptions`` (run by orbat_resolver, after the mentions) resolves every group description
of the article once and records each on ``Doc._.coref`` as a ``CorefLink`` with its rule, so the
relation and event stages read the same answer. It needs ``Doc._.mentions``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from orbat.lexicon import Lexicon
from orbat.model import Mention


@dataclass(frozen=True)
class Antecedent:
    mention: Mention
    rule: str


@dataclass(frozen=True)
class CorefLink:
    """A group description at [start, end) of the text and the named entity it refers to."""

    start: int
    end: int
    text: str
    canonical: str
    entity_id: str
    type: str
    rule: str


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


def resolve(doc: Doc, span: Span, lex: Lexicon) -> Antecedent | None:
    """The named ORG_ARMED a group description refers to and the rule that chose it; None if
    ``span`` is not a group description or the article names no armed group."""
    if not is_description(span, lex):
        return None
    floor = _paragraph_start(doc, span.start_char)
    before = [m for m in doc._.mentions
              if m.type == "ORG_ARMED" and floor <= m.start and m.end <= span.start_char]
    if before:
        return Antecedent(before[-1], "coref:nearest-in-paragraph")
    found = main_group(doc)
    return Antecedent(found, "coref:main-group") if found is not None else None


def antecedent(doc: Doc, span: Span, lex: Lexicon) -> Mention | None:
    """The named ORG_ARMED a group description refers to, or None if ``span`` is not one."""
    found = resolve(doc, span, lex)
    return found.mention if found is not None else None


@cache
def _description_pattern(determiners: frozenset[str], heads: frozenset[str]) -> re.Pattern[str]:
    alternation = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    dets = "|".join(sorted(d for d in determiners if d not in ("its", "their")))
    return re.compile(rf"\b(?:{dets}) (?:[a-z-]+ ){{0,2}}?(?:{alternation})\b", re.I)


def link_descriptions(doc: Doc, lex: Lexicon) -> list[CorefLink]:
    """Every group description of the Doc outside a named entity, resolved, in text order."""
    pattern = _description_pattern(lex.definite_determiners, lex.group_description_heads)
    named = {t.i for ent in doc.ents for t in ent}
    links = []
    for m in pattern.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(t.i in named for t in span):
            continue
        found = resolve(doc, span, lex)
        if found is not None:
            ante = found.mention
            links.append(CorefLink(span.start_char, span.end_char, span.text, ante.canonical, ante.entity_id,
                                   ante.type, found.rule))
    return links


def link_at(doc: Doc, span: Span) -> CorefLink | None:
    """The recorded link of exactly this span (``Doc._.coref``), if the resolver made one."""
    return next((c for c in doc._.coref if (c.start, c.end) == (span.start_char, span.end_char)), None)
