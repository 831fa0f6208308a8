"""Where an event happened: the most specific place of its sentence, geocoded offline.

The gazetteer comes with the pipeline's resources; without one (bare tests) only country names
are recognised (pycountry) and other places keep their surface name.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import pycountry
from spacy.tokens import Doc, Span, Token

from orbat.events.spans import doc_ents, line_of, sent_ents
from orbat.keys import alias_key
from orbat.lexicon import Lexicon

log = logging.getLogger(__name__)
_CONTAINER_PREPS = {"in", "of"}


class Geocoder(Protocol):
    """What the event stage needs of the gazetteer (orbat.geo.gazetteer.Gazetteer)."""

    def geocode(self, name: str, context: Sequence[str] = ()) -> Any: ...


@dataclass(frozen=True)
class Located:
    """A place chosen for an event: the mention and what the gazetteer made of it."""

    name: str
    span: Span | None
    place: Any | None  # orbat.geo.place.Place when geocoded
    precision: int

    @property
    def country(self) -> str | None:
        return getattr(self.place, "country", None)


@dataclass(frozen=True)
class _Country:
    name: str
    kind: str
    country: str
    iso2: str
    iso3: str
    admin1: None = None
    admin2: None = None
    latitude: None = None
    longitude: None = None
    geo_precision: int = 3


_COUNTRY_NAMES = {"us": "United States", "u.s.": "United States", "usa": "United States", "uk": "United Kingdom",
                  "turkey": "türkiye"}
_DISPLAY = {"TUR": "Turkey"}  # the name news text and ACLED actor names use


@cache
def country_place(name: str) -> _Country | None:
    key = name.strip().lower().removeprefix("the ")
    key = _COUNTRY_NAMES.get(key, key)
    try:
        c = pycountry.countries.lookup(key)
    except LookupError:
        return None
    common = _DISPLAY.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
    return _Country(common, "country", common, c.alpha_2, c.alpha_3)


def _geocode(geo: Geocoder | None, name: str, context: Sequence[str]) -> Any:
    if geo is None:
        return country_place(name)
    try:
        return geo.geocode(name, context)
    except Exception:  # noqa: BLE001 - a gazetteer hiccup must not lose the event
        log.warning("geocoding %r failed", name, exc_info=True)
        return country_place(name)


def _is_modifier(span: Span, lex: Lexicon) -> bool:
    """A place that names no event place: inside a hyphenated modifier ("Iran-backed"), or
    qualifying a party ("Somalia's army", "Iraqi government forces")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in {"-", "–"} or span.text.endswith("-"):
        return True
    root = span.root
    for anc in root.ancestors:  # "JNIM, its wing in the Sahel, ...": describes a party
        if anc.pos_ in {"VERB", "AUX"}:
            break
        if anc.dep_ == "appos" and anc.lemma_.lower() in lex.group_part_nouns:
            return True
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    if "with" in before and any(w.startswith(("border", "frontier")) for w in before):
        return True  # "near the borders with Mali": a neighbour, not the place
    if root.dep_ in {"poss", "compound", "amod", "nmod"} and root.head.i >= span.end:
        head = root.head
        in_org = any(e.label_.startswith("ORG") and e.start <= head.i < e.end for e in doc_ents(doc))
        return in_org or head.lemma_.lower() in lex.party_heads
    return False


def article_countries(doc: Doc, geo: Geocoder | None) -> list[str]:
    """ISO2 country context of the article, most frequent first (Doc._.countries when set)."""
    if doc._.countries:
        return list(doc._.countries)
    counts: Counter[str] = Counter()
    for ent in doc_ents(doc):
        if ent.label_ == "LOCATION":
            place = _geocode(geo, ent._.canonical or ent.text, ())
            iso = getattr(place, "iso2", None)
            if iso:
                counts[iso] += 1
    return [iso for iso, _ in counts.most_common()]


def _container_of(span: Span, others: list[Span]) -> bool:
    """True when the span is the 'in Y' container of another place ("X in Y province")."""
    head = span.root.head
    return head.dep_ == "prep" and head.lower_ in _CONTAINER_PREPS and any(
        o.start < span.start and (o.start, o.end) != (span.start, span.end) for o in others)


def locate(geo: Geocoder | None, lex: Lexicon, sentence: Span, anchor: int, context: Sequence[str], exclude: set[str],
           clause: Token | None = None) -> list[Located]:
    """Places of the sentence: those of the trigger's ``clause`` first, then the most specific,
    then the nearest to the trigger token ``anchor``."""
    spans = [e for e in sent_ents(sentence) if e.label_ == "LOCATION" and not _is_modifier(e, lex)
             and alias_key(e.text) not in exclude]
    out: list[Located] = []
    for span in spans:
        name = span._.canonical or span.text
        place = _geocode(geo, name, context)
        precision = getattr(place, "geo_precision", None) or 2  # unknown: after known towns, before regions
        if span.root.head.lemma_.lower() in lex.area_nouns and span.root.head.i >= span.end:
            precision = max(precision, 2)  # "the Aleppo countryside": around the town, ACLED precision 2
        out.append(Located(getattr(place, "name", None) or name, span, place, precision))
    lo, hi = (clause.left_edge.i, clause.right_edge.i) if clause is not None else (0, len(sentence.doc))
    out.sort(key=lambda p: (not (p.span is not None and lo <= p.span.root.i <= hi), p.precision,
                            _container_of(p.span, spans) if p.span is not None else False,
                            abs((p.span.start if p.span is not None else 0) - anchor)))
    dateline = [p for p in out if p.span is not None and in_dateline(p.span)]
    if any(p.precision < 3 for p in out if p not in dateline):  # the place the clause names wins
        out = [p for p in out if p not in dateline] + dateline
    return out


_DASHES = {"—", "–", "-", "--"}


def in_dateline(span: Span) -> bool:
    """The place is in a dateline ("QAMISHLI, Syria — ..."): the line opens with capitalised
    words and commas up to a dash within its first ten tokens, and the place comes before it."""
    doc = span.doc
    start = line_of(doc, span.start, span.start)[0]
    for tok in doc[start:min(len(doc), start + 10)]:
        if tok.text in _DASHES:
            return span.end <= tok.i
        if not (tok.is_punct or tok.is_space or tok.text[:1].isupper() or tok.text[:1] == "("):
            return False
    return False
