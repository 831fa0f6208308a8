"""``import_geonames``: a GeoNames country dump (SY.txt, allCountries.txt) to a user gazetteer file.

GeoNames dumps are tab-separated with 19 columns (geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
admin3 code, admin4 code, population, elevation, dem, timezone, modification date). We keep
populated places, administrative units, and the facilities, water bodies and areas conflict
reporting names; admin1 codes become our admin1 names (from ADM1 rows in the dump, else by
matching the dump's towns to the bundled cities file).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from orbat.errors import DataError, InputError
from orbat.geo import gazetteer as gz
from orbat.geo.place import ARABIC_COUNTRIES, arabic_article
from orbat.geo.sources import USER_COLUMNS, clean_admin_name
from orbat.keys import alias_key

_FACILITY_CODES = frozenset(
    {"AIRB", "AIRF", "AIRP", "AIRH", "PRN", "CMPRF", "CMP", "MILB", "INSM", "FT", "DAM", "PRT", "PSTB",
     "BDG", "CSTM", "HSP", "MSQE", "CH", "UNIV", "STDM", "OILR", "OILT", "PS", "RSTN"}
)
_WATER_CODES = frozenset({"SEA", "GULF", "STRT", "LK", "BAY", "STM", "RSV", "CHN"})
_REGION_CODES = frozenset({"RGN", "AREA", "FRST", "DSRT", "VAL", "MTS", "PLN", "OAS"})
_MAX_ALIASES = 12


@dataclass(frozen=True)
class _Row:
    name: str
    aliases: tuple[str, ...]
    kind: str
    cc: str
    admin1_code: str
    admin2_code: str
    lat: float
    lon: float
    population: int


def _kind(fclass: str, fcode: str, population: int) -> str | None:
    if fclass == "P":
        if fcode in ("PPLC", "PPLA") or population >= 100_000:
            return "city"
        return "town" if population >= 1000 else "village"
    if fclass == "A":
        return {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin2"}.get(fcode)
    if fclass == "S":
        return "camp" if fcode in ("CMPRF", "CMP") else "facility" if fcode in _FACILITY_CODES else None
    if fclass == "H":
        return "water" if fcode in _WATER_CODES else None
    if fclass in ("L", "T"):
        return "region" if fcode in _REGION_CODES else None
    return None


def _latin(name: str) -> bool:
    return bool(name) and len(name) <= 60 and all(ord(ch) < 0x250 for ch in name)


def _read(path: Path) -> Iterator[_Row]:
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    with fh:
        for lineno, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 19:
                raise DataError(str(path), f"expected 19 tab-separated GeoNames columns, got {len(cols)}", lineno)
            try:
                lat, lon, pop = float(cols[4]), float(cols[5]), int(cols[14] or 0)
            except ValueError as exc:
                raise DataError(str(path), f"bad number: {exc}", lineno) from exc
            kind = _kind(cols[6], cols[7], pop)
            if kind is None:
                continue
            alts = tuple(dict.fromkeys(a for a in cols[3].split(",") if _latin(a) and a != cols[1]))
            yield _Row(cols[1], (cols[2], *alts[:_MAX_ALIASES]), kind, cols[8], cols[10], cols[11], lat, lon, pop)


def _admin1_names(rows: list[_Row]) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) -> our admin1 name, from ADM1 rows, else by matching towns to GeoNames cities."""
    gaz = gz.base_gazetteer()
    names: dict[tuple[str, str], str] = {}
    for r in rows:
        if r.kind == "admin1":
            found = (
                p for n in (r.name, *r.aliases) for p in gaz.lookup(clean_admin_name(n), (r.cc,))
                if p.kind == "admin1" and p.iso2 == r.cc and p.admin1
            )
            hit = next(found, None)
            names[(r.cc, r.admin1_code)] = hit.admin1 if hit and hit.admin1 else clean_admin_name(r.name)
    votes: dict[tuple[str, str], Counter[str]] = {}
    for r in rows:
        if r.kind in ("city", "town", "village") and (r.cc, r.admin1_code) not in names:
            for p in gaz.lookup(r.name, (r.cc,))[:3]:
                if p.iso2 == r.cc and p.admin1 and p.latitude is not None and abs(p.latitude - r.lat) < 0.1:
                    votes.setdefault((r.cc, r.admin1_code), Counter())[p.admin1] += 1
                    break
    for code, counter in votes.items():
        names[code] = counter.most_common(1)[0][0]
    return names


def import_geonames(path: Path, dest: Path | None = None) -> int:
    """Load a GeoNames dump into a user gazetteer file that ``load_gazetteer`` picks up.

    ``dest`` is a directory (default: the user gazetteer dir) or a ``.tsv`` file path.
    Returns the number of places written (ADM1 rows only name the admin1 codes).
    """
    rows = list(_read(path))
    admin1 = _admin1_names(rows)
    if dest is None:
        dest = gz.default_user_dir()
    out = dest if dest.suffix == ".tsv" else dest / f"{path.stem}.tsv"
    lines = ["\t".join(USER_COLUMNS)]
    written = 0
    for r in rows:
        if r.kind == "admin1":  # every ISO admin1 unit is already known; these only named the codes
            continue
        a1 = admin1.get((r.cc, r.admin1_code), "")
        name = arabic_article(r.name) if r.cc in ARABIC_COUNTRIES else r.name
        aliases = [a for a in dict.fromkeys((r.name, *r.aliases)) if a != name and alias_key(a)]
        clean = [x.replace("\t", " ").replace("|", " ") for x in aliases]
        lines.append("\t".join([name, "|".join(clean), r.kind, r.cc, a1, "", f"{r.lat}", f"{r.lon}", str(r.population)]))
        written += 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(str(out), f"cannot write: {exc.strerror or exc}") from exc
    gz.clear_cache()
    return written
