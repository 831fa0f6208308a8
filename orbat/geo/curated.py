"""Typed loaders for the curated geo data files (places, countries, demonyms).

Every file is a YAML list of mappings. Each item is validated on its own and a bad item
raises ``DataError(file, reason, line)`` with the line the item starts on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pycountry
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from orbat.datafile import read_items
from orbat.errors import DataError
from orbat.geo.place import KINDS

DATA_DIR = Path(__file__).parent / "data"
PLACES_FILE = DATA_DIR / "places.yaml"
COUNTRIES_FILE = DATA_DIR / "countries.yaml"
DEMONYMS_FILE = DATA_DIR / "demonyms.yaml"

_NO_COUNTRY_KINDS = frozenset({"water", "region"})


def _check_iso2(value: str | None) -> str | None:
    if value is not None and pycountry.countries.get(alpha_2=value) is None:
        raise ValueError(f"unknown ISO 3166-1 alpha-2 country code {value!r}")
    return value


class CuratedPlace(BaseModel):
    """One entry of places.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    kind: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    aliases: tuple[str, ...] = ()
    code: str | None = None
    primary: bool = False

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"unknown kind {value!r} (expected one of {', '.join(sorted(KINDS))})")
        return value

    @field_validator("country")
    @classmethod
    def _iso2(cls, value: str | None) -> str | None:
        return _check_iso2(value)

    @model_validator(mode="after")
    def _consistent(self) -> CuratedPlace:
        if self.country is None and self.kind not in _NO_COUNTRY_KINDS:
            raise ValueError(f"a {self.kind} needs a country")
        if self.code is not None:
            sub = pycountry.subdivisions.get(code=self.code)
            if sub is None or sub.country_code != self.country:
                raise ValueError(f"code {self.code!r} is not a subdivision of {self.country}")
        return self


class CountryInfo(BaseModel):
    """One entry of countries.yaml: naming overrides for a pycountry country."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    iso2: str
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    admin1_suffix: str | None = None

    @field_validator("iso2")
    @classmethod
    def _iso2(cls, value: str | None) -> str | None:
        return _check_iso2(value)


class Demonym(BaseModel):
    """One entry of demonyms.yaml: adjectives and nouns naming a country's people."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str
    words: tuple[str, ...] = Field(min_length=1)

    @field_validator("country")
    @classmethod
    def _iso2(cls, value: str | None) -> str | None:
        return _check_iso2(value)


M = TypeVar("M", bound=BaseModel)


def _items_with_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield (line, python value) for each item of a YAML list file."""
    yield from read_items(path)


def load_items(path: Path, model: type[M]) -> list[tuple[int, M]]:
    """Validate each item of a YAML list file as ``model``; fail on the first bad one."""
    out: list[tuple[int, M]] = []
    for line, raw in _items_with_lines(path):
        if not isinstance(raw, dict):
            raise DataError(str(path), "entry is not a mapping", line)
        try:
            out.append((line, model.model_validate(raw)))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            label = raw.get("name") or raw.get("iso2") or raw.get("country") or "entry"
            reason = f"{label}: {where + ': ' if where else ''}{err['msg']}"
            raise DataError(str(path), reason, line) from exc
    return out


def load_places(path: Path = PLACES_FILE) -> list[CuratedPlace]:
    return [item for _, item in load_items(path, CuratedPlace)]


def load_countries(path: Path = COUNTRIES_FILE) -> dict[str, CountryInfo]:
    return {item.iso2: item for _, item in load_items(path, CountryInfo)}


def load_demonyms(path: Path = DEMONYMS_FILE) -> list[Demonym]:
    return [item for _, item in load_items(path, Demonym)]
