"""The article's country context: loose matches abroad are refused, one-country names give a hint."""

from __future__ import annotations

import pytest

from orbat.geo import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_loose_spelling_in_an_unmentioned_country_is_not_taken(gaz: Gazetteer) -> None:
    assert gaz.geocode("Dera", ["PK", "AF"]) is None
    assert gaz.place_canonical("Dera", ["PK"]) == "Dera"


def test_loose_spelling_in_a_mentioned_country_still_matches(gaz: Gazetteer) -> None:
    place = gaz.geocode("Dera", ["SY"])
    assert place is not None and place.iso2 == "SY"


def test_exact_names_are_kept_whatever_the_context(gaz: Gazetteer) -> None:
    place = gaz.geocode("Mosul", ["PK"])
    assert place is not None and place.iso2 == "IQ"


def test_country_hint_only_for_names_in_one_country(gaz: Gazetteer) -> None:
    assert gaz.country_hint("Macomia") == "MZ"
    assert gaz.country_hint("Dera") is None  # only a loose spelling of Daraa
    assert gaz.country_hint("macomia") is None


@pytest.mark.parametrize(("surface", "canonical"), [("Beni territory", "Beni"), ("Soum province", "Soum")])
def test_generic_tails_read_as_admin_qualifiers(gaz: Gazetteer, surface: str, canonical: str) -> None:
    assert gaz.place_canonical(surface, ["CD", "BF"]) == canonical


@pytest.mark.parametrize("name", ["Central Asia", "Horn of Africa", "Middle East"])
def test_world_regions_are_not_towns_named_after_their_last_word(gaz: Gazetteer, name: str) -> None:
    place = gaz.geocode(name)
    assert place is not None and (place.name, place.kind) == (name, "region")


def test_a_bare_capital_is_the_city_not_its_province(gaz: Gazetteer) -> None:
    place = gaz.geocode("Maputo", ["MZ"])
    assert place is not None and place.kind == "city"
