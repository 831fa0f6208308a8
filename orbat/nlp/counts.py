"""Counts of people in a sentence: fatalities, injured, and arrested/abducted, kept apart.

Conventions (documented in docs/events.md):
- "more than / over / at least 100" -> 100, approx (a lower bound);
- "up to / as many as 25" -> 25, upper bound (``upper=True``), not approx;
- "about / nearly / some 40" -> 40, approx;
- "dozens" -> 24, "scores" -> 40, "several hundred" -> 200, "hundreds" -> 200,
  "several dozen" -> 24, "a dozen" -> 12, "thousands" -> 2000: all approx;
- number words through text2num ("twenty-five" -> 25).
The kind comes from the words after the number (up to a clause boundary) or the governing verb:
killed/dead/died/bodies/deaths -> fatalities; wounded/injured -> injured;
arrested/detained/abducted/kidnapped/captured -> count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token
from text_to_num import text2num

from orbat.lexicon import Lexicon

KINDS = ("fatalities", "injured", "count")
# Each kind's words in the lexicon (counts.yaml).
_KIND_LISTS = (("fatalities", "fatality_words"), ("injured", "injury_words"), ("count", "detention_words"))
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "dozen": 12}
_SEVERAL = {"dozen": 24, "hundred": 200, "thousand": 2000}
_ONE_WORDS = {"a", "an", "one"}


@dataclass(frozen=True)
class CountMention:
    """A number of people in the text and what happened to them."""

    start: int  # char offsets of the number expression
    end: int
    value: int
    approx: bool  # a lower bound or a rounded figure
    upper: bool  # an upper bound ("up to 25")
    kind: str | None  # fatalities | injured | count | None


def number_value(words: str) -> int | None:
    """The integer a numeral or number words denote ("1,200", "twenty-five", "one"), or None."""
    w = words.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+", w):
        return int(w)
    if w in _ONE_WORDS:
        return 1
    try:
        return int(text2num(w, "en"))
    except ValueError:
        return None


def _qualifier(tokens: list[Token], i: int, lex: Lexicon) -> str:
    """The (lower-case) one- or two-word qualifier before token i."""
    two = " ".join(t.lower_ for t in tokens[max(0, i - 2):i])
    one = tokens[i - 1].lower_ if i > 0 else ""
    qualifiers = lex.lower_bound_words | lex.approximate_words | lex.upper_bound_words
    for cand in (two, one, " ".join(t.lower_ for t in tokens[max(0, i - 3):i])):
        if cand in qualifiers:
            return cand
    return ""


def _kind_of(t: Token, lex: Lexicon) -> str | None:
    for kind, name in _KIND_LISTS:
        words = lex.words[name]
        if t.lower_ in words or t.lemma_.lower() in words:
            return kind
    return None


def _kind(tokens: list[Token], j: int, head: Token, lex: Lexicon) -> str | None:
    """The kind from the governing verb, else from the next few words (to a clause boundary)."""
    anc = head
    for _ in range(3):
        kind = _kind_of(anc, lex)
        if kind is not None:
            return kind
        if anc.pos_ in {"VERB", "AUX"} or anc.head.i == anc.i:
            break
        anc = anc.head
    for t in tokens[j:j + 6]:
        if t.is_punct and t.text in ";.:":
            break
        kind = _kind_of(t, lex)
        if kind is not None:
            return kind
    return None


def _read_number(tokens: list[Token], i: int) -> tuple[int, int, bool] | None:
    """(value, index after the number, vague) for a number starting at token i."""
    t = tokens[i]
    low = t.lower_
    if low == "several" and i + 1 < len(tokens) and tokens[i + 1].lower_.rstrip("s") in _SEVERAL:
        return _SEVERAL[tokens[i + 1].lower_.rstrip("s")], i + 2, True
    if low in _VAGUE and not (low == "dozen" and i > 0 and tokens[i - 1].lower_ in {"a", "one"}):
        return _VAGUE[low], i + 1, True
    if low == "dozen":
        return 12, i + 1, True
    if not t.like_num:
        return None
    j = i
    while j < len(tokens) and (tokens[j].like_num or (tokens[j].text == "-" and j + 1 < len(tokens))):
        j += 1
    value = number_value(" ".join(x.text for x in tokens[i:j]).replace(" - ", "-"))
    if value is None or (1900 <= value <= 2100 and not tokens[i].text.isalpha()):
        return None  # a year, not a count
    return value, j, False


def _in_dates(span: Span) -> list[tuple[int, int]]:
    """Character ranges of the date expressions orbat_dates found (a day number is no count)."""
    doc = span.doc
    dates = doc._.dates if doc.has_extension("dates") else []
    return [(d.start, d.end) for d in dates or []]


def find_counts(span: Span, lex: Lexicon) -> list[CountMention]:
    """Every count of people in a sentence (or any span), left to right; numbers inside a date
    expression ("On 4 March") or tagged DATE/TIME/MONEY/PERCENT/ORDINAL are not counts."""
    tokens = list(span)
    dates = _in_dates(span)
    out: list[CountMention] = []
    i = 0
    while i < len(tokens):
        read = _read_number(tokens, i)
        in_date = any(s <= tokens[i].idx < e for s, e in dates)
        if read is None or in_date or tokens[i].ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"}:
            i += 1
            continue
        value, j, vague = read
        qual = _qualifier(tokens, i, lex)
        upper = qual in lex.upper_bound_words
        approx = vague or qual in lex.lower_bound_words or qual in lex.approximate_words
        kind = _kind(tokens, j, tokens[i].head, lex)
        out.append(CountMention(tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1]), value,
                                approx, upper, kind))
        i = j
    return out


def counts_by_kind(span: Span, lex: Lexicon) -> dict[str, CountMention]:
    """The first count of each kind in the span (fatalities, injured, count); parts stated per
    side for one verb ("three militants and two policemen were killed") are summed."""
    out: dict[str, CountMention] = {}
    heads: dict[str, int] = {}
    for c in find_counts(span, lex):
        if c.kind is None:
            continue
        head = _governing_verb(span, c)
        if c.kind not in out:
            out[c.kind], heads[c.kind] = c, head
        elif head == heads[c.kind] and head >= 0:
            first = out[c.kind]
            out[c.kind] = CountMention(first.start, c.end, first.value + c.value, first.approx or c.approx,
                                       first.upper or c.upper, c.kind)
    return out


def _governing_verb(span: Span, c: CountMention) -> int:
    """Index of the verb a count's noun phrase hangs on (-1 when there is none)."""
    tok = span.doc.char_span(c.start, c.end, alignment_mode="expand")
    if tok is None:
        return -1
    t = tok.root
    for _ in range(5):
        if t.pos_ in {"VERB", "AUX"} or t.head.i == t.i:
            return t.i if t.pos_ in {"VERB", "AUX"} else -1
        t = t.head
    return -1
