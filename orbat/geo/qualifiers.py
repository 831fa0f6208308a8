"""Reading the qualifiers around a place name in text.

"Idlib province" -> ("Idlib", admin kinds), "the city of Idlib" -> ("Idlib", populated kinds),
"northern Aleppo" -> ("Aleppo", any kind, part-of-region precision), "outskirts of Sirte"
-> ("Sirte", near the town). The full surface is always tried first by the gazetteer, so a
name that contains a qualifier word ("North Sinai", "Kifri District") is not split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orbat.geo.place import POPULATED

ADMIN1_KINDS = frozenset({"admin1", "region"})
ADMIN2_KINDS = frozenset({"admin2"})
TOWN_KINDS = POPULATED

_SUFFIXES: tuple[tuple[str, frozenset[str]], ...] = (
    (r"provinces?|governorates?|states?|regions?|prefectures?|wilayah?|muhafazah?", ADMIN1_KINDS),
    (r"countrysides?|countryside areas?|rural areas?|hinterland", ADMIN1_KINDS),
    (r"districts?|territory|territories|communes?|tehsils?|sub-?districts?|counties|county|qadaa?|nahiyah?|local government area|lga", ADMIN2_KINDS),
    (r"city|town|village|city cent(?:er|re)|town cent(?:er|re)", TOWN_KINDS),
    (r"camps?|refugee camps?|displacement camps?|idp camps?", frozenset({"camp"})),
)
_PREFIXES: tuple[tuple[str, frozenset[str]], ...] = (
    (r"(?:the )?(?:city|town|village|hamlet) of", TOWN_KINDS),
    (r"(?:the )?(?:province|governorate|state|region) of", ADMIN1_KINDS),
    (r"(?:the )?(?:district) of", ADMIN2_KINDS),
    (r"(?:the )?(?:countryside|countrysides) of", ADMIN1_KINDS),
)
_NEAR = re.compile(r"^(?:the )?(?:outskirts of|near|outside|around|nearby|vicinity of|suburbs of)\s+", re.I)
_DIRECTION = re.compile(
    r"^(?:the )?(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central|"
    r"rural|greater|eastern rural|western rural|northern rural|southern rural)\s+",
    re.I,
)
_TRAILING_NEAR = re.compile(r"\s+(?:outskirts|suburbs|area|environs)$", re.I)


@dataclass(frozen=True)
class Qualified:
    """A surface split into the base name, the kinds it must be, and whether it is inexact."""

    base: str
    kinds: frozenset[str] | None = None
    near: bool = False


def parse(surface: str) -> Qualified | None:
    """Split qualifiers off a place surface; None when there is nothing to split."""
    text = re.sub(r"\s+", " ", surface).strip().strip(",.;:")
    kinds: frozenset[str] | None = None
    near = False
    changed = True
    base = text
    while changed:
        changed = False
        m = _NEAR.match(base)
        if m:
            base, near, changed = base[m.end():], True, True
        m = _DIRECTION.match(base)
        if m:  # "northern Aleppo": part of the province when there is one, else near the town
            base, near, changed = base[m.end():], True, True
            kinds = kinds or ADMIN1_KINDS
        m = _TRAILING_NEAR.search(base)
        if m:
            base, near, changed = base[: m.start()], True, True
        for pattern, ks in _PREFIXES:
            m = re.match(rf"^{pattern}\s+", base, re.I)
            if m:
                base, kinds, changed = base[m.end():], ks, True
        for pattern, ks in _SUFFIXES:
            m = re.search(rf"(?:'s)?\s+(?:{pattern})$", base, re.I)
            if m and m.start() > 0:
                base, kinds, changed = base[: m.start()], ks, True
    base = re.sub(r"^the\s+", "", base, flags=re.I).strip()
    if not base or base == text:
        return None
    return Qualified(base, kinds, near)
