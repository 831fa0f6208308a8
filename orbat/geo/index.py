"""The prebuilt gazetteer index: the built gazetteer written once into an SQLite file.

Building the gazetteer parses ~150k GeoNames rows (seconds); a process that only needs a
few dozen lookups should not pay that. ``open_index`` returns an ``IndexedGazetteer`` that
answers from the file, building it first when the file is missing or its sources changed
(the file name carries a digest of every source: curated data files, the GeoNames cities
file, pycountry's version, user gazetteer files). Lookups are indexed SQL reads, memoised.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from orbat.errors import DataError
from orbat.geo.curated import DATA_DIR
from orbat.geo.gazetteer import Gazetteer, build_gazetteer, country_keys, geonames_cities_path
from orbat.geo.place import Place
from orbat.geo.sources import Country, Entry

FORMAT = 2
_SCHEMA = """
CREATE TABLE entry (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, iso2 TEXT, iso3 TEXT,
                    admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, precision INTEGER, source TEXT,
                    names TEXT, rank INTEGER, population INTEGER);
CREATE TABLE exact_key (key TEXT, id INTEGER, pos INTEGER);
CREATE TABLE loose_key (key TEXT, id INTEGER, pos INTEGER);
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
"""
_INDEXES = """
CREATE INDEX exact_by_key ON exact_key (key);
CREATE INDEX loose_by_key ON loose_key (key);
"""


def sources(user_files: Iterable[Path]) -> list[Path]:
    """Every file the gazetteer is built from."""
    return [*sorted(DATA_DIR.glob("*.yaml")), geonames_cities_path(), *user_files]


def sources_digest(user_files: Iterable[Path]) -> str:
    """A digest of the sources (content for data files, size and mtime for large ones)."""
    digest = hashlib.sha1(f"format {FORMAT}; pycountry {metadata.version('pycountry')}".encode())
    packaged = set(sources([]))
    for path in sources(user_files):
        stat = path.stat()
        digest.update((path.name if path in packaged else str(path)).encode())  # a checkout's path is no source
        if stat.st_size < 1_000_000:
            digest.update(path.read_bytes())
        else:
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def write_index(gaz: Gazetteer, path: Path) -> None:
    """Write ``gaz`` to ``path`` atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        with con:
            con.executescript(_SCHEMA)
            con.executemany(
                "INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                ((i, *_place_row(e.place), json.dumps(e.names), e.rank, e.population)
                 for i, e in enumerate(gaz.entries())),
            )
            for table, index in (("exact_key", gaz.exact_index()), ("loose_key", gaz.loose_index())):
                con.executemany(
                    f"INSERT INTO {table} VALUES (?,?,?)",  # noqa: S608 (fixed table names)
                    ((key, i, pos) for key, ids in index.items() for pos, i in enumerate(ids)),
                )
            countries = {iso: [c.iso2, c.iso3, c.name, list(c.aliases), c.admin1_suffix]
                         for iso, c in gaz.countries().items()}
            con.execute("INSERT INTO meta VALUES ('countries', ?)", (json.dumps(countries),))
            con.executescript(_INDEXES)
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _place_row(p: Place) -> tuple[object, ...]:
    return (p.name, p.kind, p.country, p.iso2, p.iso3, p.admin1, p.admin2, p.latitude, p.longitude,
            p.geo_precision, p.source)


class IndexedGazetteer(Gazetteer):
    """A ``Gazetteer`` answering from a prebuilt index file (read-only)."""

    def __init__(self, path: Path) -> None:  # noqa: D107 (no base __init__: nothing is built)
        self.path = path
        self._pid = -1
        self._con: sqlite3.Connection | None = None
        self._memo: dict[tuple[str, str], list[Entry] | None] = {}
        rows = self._db().execute("SELECT value FROM meta WHERE name = 'countries'").fetchone()
        if rows is None:
            raise DataError(str(path), "gazetteer index has no country table; delete it to rebuild")
        self._countries = {iso: Country(a, b, c, tuple(d), e) for iso, (a, b, c, d, e) in json.loads(rows[0]).items()}
        self._country_keys = country_keys(self._countries)

    def _db(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():  # a forked worker opens its own connection
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    def __len__(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM entry").fetchone()[0])

    def add(self, entry: Entry) -> None:
        raise DataError(str(self.path), "the prebuilt gazetteer index is read-only")

    def _read(self, table: str, key: str) -> list[Entry] | None:
        memo = self._memo.get((table, key), False)
        if memo is not False:
            return memo  # type: ignore[return-value]
        rows = self._db().execute(
            f"SELECT e.* FROM {table} k JOIN entry e ON e.id = k.id WHERE k.key = ? ORDER BY k.pos",  # noqa: S608
            (key,),
        ).fetchall()
        seen: dict[int, Entry] = {}
        for row in rows:
            if row[0] not in seen:
                place = Place(*row[1:12])
                seen[row[0]] = Entry(place, tuple(json.loads(row[12])), row[13], row[14])
        found = list(seen.values()) if rows else None
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[(table, key)] = found
        return found

    def _exact(self, key: str) -> list[Entry] | None:
        return self._read("exact_key", key)

    def _loose_hits(self, key: str) -> list[Entry]:
        return self._read("loose_key", key) or []


def open_index(cache_dir: Path, user_files: list[Path], extra: Path | None = None) -> IndexedGazetteer:
    """The index for these sources in ``cache_dir``, built there first when missing."""
    curated_extra = [extra] if extra is not None and extra.suffix in (".yaml", ".yml") else []
    digest = sources_digest([*user_files, *curated_extra])
    path = cache_dir / f"gazetteer-{digest}.sqlite"
    if not path.exists():
        write_index(build_gazetteer(extra, None, user_files), path)
        prune(cache_dir, keep=path)
    return IndexedGazetteer(path)


def prune(cache_dir: Path, keep: Path, most: int = 4) -> None:
    """Remove all but the ``most`` newest indexes (sources change; old indexes are never read again)
    and temporary files a killed build left behind more than an hour ago."""
    import time

    indexes = sorted(cache_dir.glob("gazetteer-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    stale = [p for p in indexes[most:] if p != keep]
    stale += [p for p in cache_dir.glob("gazetteer-*.tmp*") if p.stat().st_mtime < time.time() - 3600]
    for old in stale:
        old.unlink(missing_ok=True)
