"""Place-in-country relations: "Jamrud, Pakistan" or "KABUL, Afghanistan" (LOCATION, country).

A bare comma between two places is only read as ``located_in`` when the second one is a country
and the first is not, and the pair is not part of a list ("Syria, Iraq and Yemen").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pycountry
from spacy.tokens import Doc

from orbat.nlp.normalize import alias_key
from orbat.relations.linear import Candidate
from orbat.relations.units import Unit

_LIST_AFTER = re.compile(r"^\s*(?:,|and\b|or\b)", re.I)
_EXTRA_COUNTRIES = ("syria", "iran", "russia", "the democratic republic of the congo", "drc", "tanzania",
                    "bolivia", "venezuela", "vietnam", "laos", "moldova", "turkey", "palestine", "kosovo")


@cache
def _country_keys() -> frozenset[str]:
    keys = set(_EXTRA_COUNTRIES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                keys.add(alias_key(value))
    return frozenset(keys)


def is_country(unit: Unit, doc: Doc) -> bool:
    keys = _country_keys()
    return alias_key(unit.canonical) in keys or alias_key(doc.text[unit.start:unit.end]) in keys


def country_candidates(doc: Doc, units: list[Unit]) -> Iterator[Candidate]:
    for left, right in zip(units, units[1:], strict=False):
        if left.type != "LOCATION" or right.type != "LOCATION":
            continue
        if doc.text[left.end:right.start].strip() != ",":
            continue
        if not is_country(right, doc) or is_country(left, doc):
            continue
        if _LIST_AFTER.match(doc.text[right.end:right.end + 6]):
            continue
        yield Candidate(left, "located_in", right, "pattern:place_comma_country")
