"""Filling an event's figures, date and ACLED inter codes from its sentence and the KB."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from orbat.errors import OrbatError
from orbat.lexicon import Lexicon
from orbat.nlp.counts import counts_by_kind
from orbat.nlp.dates import parse_published
from orbat.nlp.types import DateMention

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED inter codes of the unnamed parties, by lexicon template (actors.yaml).
_GENERIC_INTER = (("military", 1), ("police", 1), ("rioters", 5), ("protesters", 6), ("civilians", 7),
                  ("unidentified", 3))
_HISTORICAL_DAYS = 62
_NO_DEATHS = re.compile(r"\b(?:no|without) (?:casualties|deaths|fatalities|injuries or deaths)\b|"
                        r"\bno (?:one|body) was (?:killed|hurt|injured)\b", re.I)
_ONE_DEATH = re.compile(r"\b(?:death|killing|murder) of (?:a|an|one) (?!\w+s\b)\w+", re.I)
_LATER = re.compile(r"\b(?:(?:a|one|two|three|several|a few) (?:days?|weeks?) (?:later|earlier|before)|"
                    r"the (?:next|following|previous) (?:day|week)|the day (?:after|before))\b", re.I)


def _clause(token: Token) -> Token:
    return token if token.pos_ in {"VERB", "AUX"} else next(
        (a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), token)


def _belongs(count_token: Token, mine: Token, others: Sequence[Token]) -> bool:
    """With two events in a sentence, a figure belongs to the one whose clause is nearer above it."""
    chain = [count_token, *count_token.ancestors]
    clauses = {_clause(t).i: t for t in others}
    own = _clause(mine).i
    for t in chain:
        if t.i == own:
            return True
        if t.i in clauses:
            return False
    return True


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.root if span is not None else doc[0]


def figures(sent: Span, lex: Lexicon, token: Token | None = None, others: Sequence[Token] = ()) -> dict[str, Any]:
    """fatalities / injured / count of the sentence as Event keyword arguments (with another
    event in the sentence, only the figures of this event's clause)."""
    found = counts_by_kind(sent, lex)
    if token is not None and others:
        doc = sent.doc
        found = {k: c for k, c in found.items() if _belongs(_token_at(doc, c.start), token, others)}
    out: dict[str, Any] = {}
    if "fatalities" not in found:
        if _NO_DEATHS.search(sent.text):
            out["fatalities"] = 0
        elif _ONE_DEATH.search(sent.text):
            out["fatalities"] = 1
    else:
        out["fatalities"] = found["fatalities"].value
        out["fatalities_approx"] = found["fatalities"].approx
    if "injured" in found:
        out["injured"] = found["injured"].value
    if "count" in found:
        out["count"] = found["count"].value
        out["approx"] = found["count"].approx
    return out


def _date_for(dates: list[DateMention], token: Token) -> DateMention | None:
    usable = [d for d in dates if d.value is not None]
    points = [d for d in usable if d.kind == "point"] or usable
    if not points:
        return None
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    own = _clause(token).i
    doc = token.doc

    def key(d: DateMention) -> tuple[bool, bool, bool, int, int]:
        root = _token_at(doc, d.start)
        modifier = root.dep_ in {"compound", "nmod", "amod", "nummod"} and root.head.pos_ in {"NOUN", "PROPN"}
        return (_vague(d), modifier, _clause(root).i != own, rank.get(d.precision, 3), abs(d.start - token.idx))

    return min(points, key=key)


def _vague(d: DateMention) -> bool:
    """A relative day ("on Friday") only resolved to the publication month: any other date wins."""
    return d.relative and d.precision == "day" and len(d.value or "") < 10


def sentence_date(doc: Doc, sent: Span, token: Token) -> tuple[str | None, int | None, bool, str | None, str]:
    """(date, ACLED time_precision, pinned by the text, modality, kind) for an event in ``sent``.

    The date expression of the trigger's clause, else the nearest in the sentence (which dates
    the event without "pinning" it against the generic filters); else the publication month
    (precision 3); None when the article is undated. An explicit date more than two months
    before publication marks the event "historical".
    """
    in_sent = [d for d in doc._.dates if sent.start_char <= d.start < sent.end_char]
    chosen = _date_for(in_sent, token)
    article = doc._.article
    published = article.published if article is not None else None
    if chosen is None and _LATER.search(sent.text) and doc._.events and doc._.events[-1].date:
        previous = doc._.events[-1].date or ""
        return previous[:7], 3, True, _historical(previous[:7], published), "point"  # "a week later"
    if chosen is None:
        pub, _ = parse_published(published)
        if pub is None:
            return None, None, False, None, "point"
        value = published[:7] if published and len(published) >= 7 else published
        return value, 3, False, None, "point"
    value = chosen.value or ""
    precision = _TIME_PRECISION.get(chosen.precision, 3) if len(value) >= 10 else 3
    where, own = _clause(_token_at(doc, chosen.start)), _clause(token)
    pinned = where.i == own.i or where in own.ancestors  # a date of a side clause dates
    return value, precision, pinned, _historical(value, published), chosen.kind  # but does not pin it


def _historical(value: str, published: str | None) -> str | None:
    pub, _ = parse_published(published)
    when, _ = parse_published(value)
    if pub is None or when is None:
        return None
    return "historical" if (pub - when).days > _HISTORICAL_DAYS else None


def group_of_person(kb: Any, name: str, when: str | None) -> str | None:
    """The group a KB person led or belonged to at ``when`` (ISO partial), else most recently:
    ACLED codes a named fighter's act to his group."""
    if kb is None:
        return None
    try:
        people = [e for e in kb.lookup(name) if e.type == "PERSON"]
        if len(people) != 1:
            return None
        ties = [r for r in kb.lineage(people[0].id)
                if r.subject == people[0].id and r.predicate in ("leader_of", "member_of")]
    except OrbatError:
        return None
    if not ties:
        return None
    at = (when or "9999")[:7]
    current = [r for r in ties if (r.start or "") <= at and (r.end is None or at <= r.end)]
    chosen = (current or ties)[-1]
    try:
        return str(kb.get(chosen.object).name)
    except OrbatError:
        return None


def inter_code(kb: Any, name: str | None, span: Span | None, lex: Lexicon) -> int | None:
    """ACLED inter code of an actor: from its KB entity, else from its ACLED-style generic name."""
    if name is None:
        return None
    for template, code in _GENERIC_INTER:
        if name.startswith(lex.prefix(template)):
            return code
    if kb is None:
        return None
    entity_id = span._.entity_id if span is not None else None
    try:
        if entity_id and str(entity_id).startswith("kb:"):
            return kb.get(entity_id).inter  # type: ignore[no-any-return]
        found = kb.lookup(name)
    except OrbatError:
        return None
    return found[0].inter if len(found) == 1 else None
