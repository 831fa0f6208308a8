"""Typed loaders for the ACLED export metadata (orbat/export/data/acled_*.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
from pydantic import BaseModel, ConfigDict, ValidationError

from orbat.datafile import read_data
from orbat.errors import DataError


class AcledSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: list[str]
    disorder_types: dict[str, str]
    actor_inter: dict[str, int]

    def split_type(self, event_type: str) -> tuple[str, str]:
        """"Explosions/Remote violence/Air/drone strike" -> ("Explosions/Remote violence", "Air/drone strike")."""
        for top in sorted(self.disorder_types, key=len, reverse=True):
            if event_type == top or event_type.startswith(top + "/"):
                return top, event_type[len(top) + 1 :]
        head, _, tail = event_type.partition("/")
        return head, tail

    def inter_for_name(self, actor: str | None) -> int | None:
        if not actor:
            return None
        for prefix, code in self.actor_inter.items():
            if actor == prefix or actor.startswith(prefix + " ("):
                return code
        return None


def _read(name: str) -> Any:
    return read_data(Path(str(resources.files("orbat.export").joinpath("data", name))))


@cache
def acled_spec() -> AcledSpec:
    try:
        return AcledSpec.model_validate(_read("acled_columns.yaml"))
    except ValidationError as exc:
        raise DataError("orbat/export/data/acled_columns.yaml", str(exc).splitlines()[0]) from exc


@cache
def acled_regions() -> dict[str, str]:
    """ISO alpha-3 -> ACLED region."""
    raw = _read("acled_regions.yaml")
    out: dict[str, str] = {}
    for region, codes in raw.items():
        for code in codes:
            if code != "XKX" and pycountry.countries.get(alpha_3=code) is None:
                raise DataError("orbat/export/data/acled_regions.yaml", f"{region}: unknown ISO alpha-3 {code!r}")
            out[code] = region
    return out


def country(iso: str | None, name: str | None) -> Any | None:
    """pycountry record from an ISO code (alpha-2, alpha-3 or numeric) or a country name."""
    if iso:
        code = iso.strip().upper()
        hit = (pycountry.countries.get(numeric=code.zfill(3)) if code.isdigit()
               else pycountry.countries.get(alpha_2=code) if len(code) == 2
               else pycountry.countries.get(alpha_3=code))
        if hit is not None:
            return hit
    if name:
        try:
            return pycountry.countries.lookup(name)
        except LookupError:
            return None
    return None
