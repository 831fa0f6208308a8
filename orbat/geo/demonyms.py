"""Demonyms ("Syrian", "U.S.") to canonical country names, for state-force naming.

Data: orbat/geo/data/demonyms.yaml. Country names and aliases from countries.yaml and
pycountry resolve too, so ``demonym_country("Syria") == "Syria"``.
"""

from __future__ import annotations

import functools
import re

from orbat.geo.curated import load_countries, load_demonyms
from orbat.geo.sources import country_table
from orbat.keys import alias_key


def _key(word: str) -> str:
    """alias_key, with dotted initials joined: "U.S." and "US" -> "us"."""
    key = alias_key(word)
    if re.fullmatch(r"(?:\w )+\w", key) and all(len(t) == 1 for t in key.split()):
        key = key.replace(" ", "")
    return key


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    countries = country_table(load_countries())
    table: dict[str, str] = {}
    for c in countries.values():
        for name in (c.name, *c.aliases):
            table.setdefault(_key(name), c.name)
    for d in load_demonyms():
        for word in d.words:
            table[_key(word)] = countries[d.country].name
    return table


def demonym_country(word: str) -> str | None:
    """"Syrian" -> "Syria", "Nigerian" -> "Nigeria", "U.S." -> "United States"; None if unknown."""
    key = _key(word.strip())
    if key.endswith("s") and key not in _table():
        key = key[:-1]
    return _table().get(key)
