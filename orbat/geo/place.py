"""The ``Place`` record every geocoding answer is given as, and the naming rules.

Canonical names follow the evaluation conventions: countries by common English name,
admin1 units as "<Name> <Suffix>" where the country has a customary suffix ("Idlib
Governorate", "Borno State", "Gao Region", "Logar Province"), a city that shares its
admin1's name as "<Name> (city)" unless curated otherwise, Arabic article as "al-".
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = frozenset(
    {"country", "admin1", "admin2", "city", "town", "village", "camp", "facility", "region", "water"}
)
POPULATED = frozenset({"city", "town", "village", "camp"})
SOURCES = ("curated", "user", "pycountry", "geonames")

# ACLED geo_precision: 1 the place itself, 2 near a town / part of a region, 3 a large region.
_PRECISION = {
    "city": 1, "town": 1, "village": 1, "camp": 1, "facility": 1,
    "admin2": 2, "region": 3, "admin1": 3, "country": 3, "water": 3,
}


def precision_of(kind: str) -> int:
    """ACLED geo_precision for a place of this kind."""
    return _PRECISION.get(kind, 2)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer answer: what the place is called, where it is, how precise."""

    name: str
    kind: str
    country: str | None
    iso2: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    source: str

    def to_dict(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in self.__slots__}


def arabic_article(name: str) -> str:
    """GeoNames "Al Bab" / "Ar Raqqah" -> "al-Bab" / "al-Raqqah" (the project's style)."""
    head, sep, rest = name.partition(" ")
    if sep and head.lower() in _ARTICLES and rest[:1].isupper():
        return f"al-{rest}"
    return name


_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "at", "ad", "az", "an", "adh", "ath"})
ARABIC_COUNTRIES = frozenset(
    {"SY", "IQ", "YE", "EG", "LY", "SA", "JO", "LB", "PS", "DZ", "TN", "MA", "SD", "OM", "AE", "KW", "QA", "BH"}
)
