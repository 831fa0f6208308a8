"""Entity units of a sentence: the things relations link.

A unit is an entity span with its canonical and id (from ``Doc._.mentions`` when the resolver
made one), widened over a parenthesised alias ("Hayat Tahrir al-Sham (HTS)"), plus anaphoric
noun phrases ("the group", "the jihadist organisation") resolved to an earlier group, the pronouns
"its"/"their", and descriptors ("the al-Qaeda group" said of an earlier group). ``Candidate`` is a
rule's proposal over two units.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from orbat.lexicon import Lexicon
from orbat.model import Mention
from orbat.resolve.coref import CorefLink, link_at, resolve

ANAPHOR = re.compile(
    r"\b(?:the|this|that) (?:[a-z-]+ ){0,2}?(?:group|organi[sz]ation|movement|militants|militia|outfit|"
    r"faction|jihadists|insurgents|network)\b|\b(?:its|their)\b(?= [a-z])",
    re.I,
)
_PRONOUNS = frozenset({"its", "their"})
_POSSESSIVE = re.compile(r"'s?$")
_LIST_SEP = re.compile(r"^(?:,|and|or|, and|, or|as well as|, as well as|on (?:the )?one hand and|&)$")


@dataclass(frozen=True)
class Unit:
    start: int  # character offsets of the whole unit (alias in brackets included)
    end: int
    tok_start: int
    tok_end: int
    type: str
    canonical: str
    entity_id: str | None
    root: int  # token index of the head of the named span
    anaphor: bool = False
    described_by: Unit | None = None  # "the al-Qaeda group": the group named as modifier
    coref: str | None = None  # the coreference rule that resolved an anaphor ("coref:nearest-in-paragraph")

    def key(self) -> str:
        return self.entity_id or self.canonical


@dataclass(frozen=True)
class Candidate:
    """A rule's reading of a sentence, before dates, status and certainty are added."""

    subject: Unit
    predicate: str
    object: Unit
    rule: str
    status: str | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("orbat_relations_text")
    if text is None:
        text = doc.text
        doc.user_data["orbat_relations_text"] = text
    return str(text)


def _mention_index(doc: Doc) -> dict[tuple[int, int], Mention]:
    return {(m.start, m.end): m for m in doc._.mentions}


def _canonical(span: Span, mentions: dict[tuple[int, int], Mention]) -> tuple[str, str | None]:
    m = mentions.get((span.start_char, span.end_char))
    if m is not None:
        return _POSSESSIVE.sub("", m.canonical), m.entity_id
    if span._.canonical:
        return str(span._.canonical), span._.entity_id
    text = re.sub(r"^the\s+", "", " ".join(span.text.split()), flags=re.I)
    return _POSSESSIVE.sub("", text), span._.entity_id


def _coref(doc: Doc, span: Span, lex: Lexicon, exclude: str | None = None) -> Mention | CorefLink | None:
    """The resolver's link for this description (``Doc._.coref``), else the coreference rules on
    the span, else the last armed group before."""
    recorded = link_at(doc, span)
    if recorded is not None and recorded.canonical != exclude:
        return recorded
    found = resolve(doc, span, lex)
    if found is not None and found.mention.canonical != exclude:
        return CorefLink(span.start_char, span.end_char, span.text, found.mention.canonical,
                         found.mention.entity_id, found.mention.type, found.rule)
    earlier = [m for m in doc._.mentions if m.end <= span.start_char and m.type == "ORG_ARMED"
               and m.canonical != exclude]
    return earlier[-1] if earlier else None


def coref_rule(ante: Mention | CorefLink) -> str | None:
    return ante.rule if isinstance(ante, CorefLink) else None


def _anaphors(doc: Doc, sent: Span, taken: set[int], named: list[Unit], lex: Lexicon) -> list[Unit]:
    """"the group", "the jihadist organisation", "its": resolved to an earlier group."""
    units = []
    for m in ANAPHOR.finditer(sent.text):
        span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        if span.text.lower() in _PRONOUNS:
            unit = _pronoun(doc, sent, span, named)
        else:
            ante = _coref(doc, span, lex)
            unit = None if ante is None else Unit(span.start_char, span.end_char, span.start, span.end, ante.type,
                                                  ante.canonical, ante.entity_id, span.root.i, anaphor=True,
                                                  coref=coref_rule(ante))
        if unit is not None:
            units.append(unit)
    return units


_QUANTIFIER_OF = re.compile(r"^(?:(?:some|one|many|most|several|all|each|two|three|few|none) of )?$", re.I)


def _opens(doc: Doc, sent: Span, span: Span) -> bool:
    """"Its ..." or "Some of its ..." opens the sentence."""
    return _QUANTIFIER_OF.match(doc_text(doc)[sent.start_char:span.start_char].strip() + " "
                                if span.start > sent.start else "") is not None


def _pronoun(doc: Doc, sent: Span, span: Span, named: list[Unit]) -> Unit | None:
    """"its"/"their": the nearest group before it in the sentence; at the start of a sentence ("Its",
    "Some of its"), the first armed group of the sentence before. Otherwise unresolved (no unit)."""
    before = [u for u in named if u.end <= span.start_char and u.type.startswith("ORG")]
    if before:
        ante = before[-1]
        return replace(ante, start=span.start_char, end=span.end_char, tok_start=span.start, tok_end=span.end,
                       root=span.root.i, anaphor=True, described_by=None)
    if sent.start == 0 or not _opens(doc, sent, span):
        return None
    previous = doc[sent.start - 1].sent
    first = next((m for m in doc._.mentions if previous.start_char <= m.start < previous.end_char
                  and m.type == "ORG_ARMED"), None)
    if first is None:
        return None
    return Unit(span.start_char, span.end_char, span.start, span.end, first.type, first.canonical,
                first.entity_id, span.root.i, anaphor=True)


def sentence_units(doc: Doc, sent: Span, lex: Lexicon) -> list[Unit]:
    """Units of one sentence in text order; a bracketed alias right after a name joins it."""
    mentions = _mention_index(doc)
    units: list[Unit] = []
    for ent in doc.ents:
        if ent.start < sent.start or ent.end > sent.end:
            continue
        canonical, ent_id = _canonical(ent, mentions)
        span = _trim(ent)
        prev = units[-1] if units else None
        if prev is not None and _is_bracketed_alias(doc, prev, span):
            close = span.end + 1 if span.end < len(doc) and doc[span.end].text == ")" else span.end
            units[-1] = Unit(prev.start, doc[close - 1].idx + len(doc[close - 1].text), prev.tok_start,
                             close, prev.type, prev.canonical, prev.entity_id, prev.root)
            continue
        unit = Unit(span.start_char, span.end_char, span.start, span.end, ent.label_, canonical, ent_id,
                    span.root.i)
        units.append(_described(doc, unit, lex) or unit)
    taken = {i for u in units for i in range(u.tok_start, u.tok_end)}
    units.extend(_anaphors(doc, sent, taken, units, lex))
    return sorted(units, key=lambda u: u.start)


def _described(doc: Doc, unit: Unit, lex: Lexicon) -> Unit | None:
    """"the al-Qaeda group" names another group by its parent: an anaphor described by ``unit``."""
    if not unit.type.startswith("ORG") or unit.tok_start == 0 or unit.tok_end >= len(doc):
        return None
    if doc[unit.tok_start - 1].lower_ != "the" or doc[unit.tok_end].lower_ not in lex.group_descriptor_heads:
        return None
    span = doc[unit.tok_start - 1:unit.tok_end + 1]
    ante = _coref(doc, span, lex, exclude=unit.canonical)
    if ante is None:
        return None
    return Unit(span.start_char, span.end_char, span.start, span.end, ante.type, ante.canonical,
                ante.entity_id, span.root.i, anaphor=True, described_by=unit, coref=coref_rule(ante))


def _trim(ent: Span) -> Span:
    """Drop a possessive "'s" and a leading "the" the entity span may have taken in."""
    start, end = ent.start, ent.end
    while end - start > 1 and ent.doc[end - 1].text in ("'s", "'", "s"):
        end -= 1
    if end - start > 1 and ent.doc[start].lower_ == "the":
        start += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    span = Span(ent.doc, start, end, label=ent.label_)
    span._.canonical, span._.entity_id = ent._.canonical, ent._.entity_id
    return span


def _is_bracketed_alias(doc: Doc, prev: Unit, ent: Span) -> bool:
    between = doc_text(doc)[prev.end:ent.start_char].strip()
    after = doc_text(doc)[ent.end_char:ent.end_char + 1]
    if between != "(" or after != ")" or _broad(prev.type) != _broad(ent.label_):
        return False
    # "Mbengwi (Momo division)", "Kaloum (Conakry)": a bracketed place is where the first one lies,
    # an alias only when the resolver made the two one entity
    return prev.type != "LOCATION" or prev.key() == (ent._.entity_id or ent._.canonical)


def _broad(type_: str) -> str:
    return "ORG" if type_.startswith("ORG") else type_


def same_kind(a: Unit, b: Unit) -> bool:
    return _broad(a.type) == _broad(b.type)


def listed_with(doc: Doc, units: list[Unit], index: int, step: int) -> list[Unit]:
    """Units listed with ``units[index]`` on one side ("X, Y and Z"): step +1 right, -1 left."""
    out: list[Unit] = []
    i = index
    while 0 <= i + step < len(units):
        a, b = (units[i], units[i + step]) if step > 0 else (units[i + step], units[i])
        sep = " ".join(doc_text(doc)[a.end:b.start].lower().split())
        sep = re.sub(r"\s*\bthe$", "", sep).strip()
        if not _LIST_SEP.match(sep) or not same_kind(a, b) or _possessed(doc, units[i + step]):
            break
        out.append(units[i + step])
        i += step
    return out


def _possessed(doc: Doc, unit: Unit) -> bool:
    """"ISSP, the Islamic State's Sahel branch": a possessor describes the unit before it, not a list item."""
    return re.match(r"\s?['\u2019]s?\b", doc_text(doc)[unit.end:unit.end + 3]) is not None


def unit_of_token(units: list[Unit], token: Token) -> Unit | None:
    for u in units:
        if u.tok_start <= token.i < u.tok_end:
            return u
    return None


def segments(doc: Doc) -> Iterator[Span]:
    """Sentences, also cut at line breaks (titles, datelines and paragraphs are not one sentence)."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text:
                if token.i > start:
                    yield doc[start:token.i]
                start = token.i + 1
        if sent.end > start:
            yield doc[start:sent.end]
