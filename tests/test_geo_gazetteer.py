"""Geocoding behaviour of the default offline gazetteer (curated + pycountry + GeoNames cities)."""

from __future__ import annotations

import pytest

from orbat.geo import Gazetteer, is_place, load_gazetteer, place_canonical
from orbat.keys import alias_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize("name", ["Sarmada", "Atmeh", "Barisha"])
def test_idlib_border_towns_missing_from_geonames_resolve_to_idlib(gaz: Gazetteer, name: str) -> None:
    place = gaz.geocode(name)
    assert place is not None
    assert (place.country, place.iso2, place.iso3, place.admin1) == ("Syria", "SY", "SYR", "Idlib")
    assert place.source == "curated"
    assert place.geo_precision == 1
    assert place.latitude is not None and 35.9 < place.latitude < 36.4
    assert place.longitude is not None and 36.4 < place.longitude < 36.9


@pytest.mark.parametrize(
    ("surface", "canonical", "kind"),
    [
        ("Idlib province", "Idlib Governorate", "admin1"),
        ("Idlib governorate", "Idlib Governorate", "admin1"),
        ("Idlib city", "Idlib (city)", "city"),
        ("the city of Idlib", "Idlib (city)", "city"),
        ("Idlib", "Idlib Governorate", "admin1"),  # bare name shared by a city and its admin1 -> admin1
        ("al-Hasakah province", "al-Hasakah Governorate", "admin1"),
        ("Kifri district", "Kifri District", "admin2"),
        ("Khyber tribal district", "Khyber District", "admin2"),
        ("Logar province", "Logar Province", "admin1"),
        ("Borno State", "Borno State", "admin1"),
        ("Menaka region", "Menaka Region", "admin1"),
        ("Gedo region", "Gedo", "admin1"),
        ("Kabul airport", "Hamid Karzai International Airport", "facility"),
        ("Bab el-Mandeb", "Bab al-Mandab Strait", "water"),
    ],
)
def test_qualified_surfaces_get_the_canonical_of_the_right_kind(
    gaz: Gazetteer, surface: str, canonical: str, kind: str
) -> None:
    place = gaz.geocode(surface)
    assert place is not None
    assert (place.name, place.kind) == (canonical, kind)
    assert place_canonical(surface) == canonical


def test_primary_city_beats_its_governorate_for_a_bare_name(gaz: Gazetteer) -> None:
    baghdad = gaz.geocode("Baghdad")
    assert baghdad is not None and (baghdad.name, baghdad.kind) == ("Baghdad", "city")
    assert gaz.place_canonical("Baghdad governorate") == "Baghdad Governorate"


def test_admin1_spellings_from_pycountry_and_geonames_meet(gaz: Gazetteer) -> None:
    for spelling in ("Salah ad Din", "Salahuddin", "Dayr az Zawr province", "Ninawa"):
        place = gaz.geocode(spelling)
        assert place is not None and place.kind == "admin1", spelling
    manbij = gaz.geocode("Manbij")  # GeoNames says admin1 "Aleppo"; ours must agree
    assert manbij is not None and manbij.admin1 == "Aleppo"
    saraqib = gaz.geocode("Saraqib")
    assert saraqib is not None and saraqib.admin1 == "Idlib"


def test_context_country_disambiguates_tripoli(gaz: Gazetteer) -> None:
    countries = {p.iso2 for p in gaz.lookup("Tripoli")}
    assert {"LY", "LB"} <= countries  # the ambiguity is real in the data
    default = gaz.geocode("Tripoli")
    assert default is not None and default.country == "Libya"
    for context in (["LB"], ["Lebanon"], ["Lebanese Republic", "LY"]):
        place = gaz.geocode("Tripoli", context)
        assert place is not None and place.country == "Lebanon", context
    first_wins = gaz.geocode("Tripoli", ["LY", "LB"])
    assert first_wins is not None and first_wins.country == "Libya"


def test_curated_sinjar_in_iraq_unless_the_article_is_about_syria(gaz: Gazetteer) -> None:
    iraq = gaz.geocode("Sinjar")
    assert iraq is not None and (iraq.country, iraq.admin1) == ("Iraq", "Nineveh")
    syria = gaz.geocode("Sinjar", ["SY"])
    assert syria is not None and (syria.country, syria.admin1) == ("Syria", "Idlib")


def test_a_country_name_is_the_country_whatever_the_context(gaz: Gazetteer) -> None:
    niger = gaz.geocode("Niger", ["NG"])
    assert niger is not None and (niger.kind, niger.name) == ("country", "Niger")
    assert gaz.place_canonical("Niger State", ["NG"]) == "Niger State"


def test_near_and_directional_qualifiers_lower_precision(gaz: Gazetteer) -> None:
    outskirts = gaz.geocode("outskirts of Sirte")
    assert outskirts is not None and (outskirts.name, outskirts.geo_precision) == ("Sirte", 2)
    northern = gaz.geocode("northern Aleppo")
    assert northern is not None and northern.name == "Aleppo Governorate"
    sarmada = gaz.geocode("Sarmada")
    assert sarmada is not None and sarmada.geo_precision == 1


@pytest.mark.parametrize(
    ("name", "country"),
    [("Syria", "Syria"), ("Syrian Arab Republic", "Syria"), ("U.S.", "United States"), ("USA", "United States"),
     ("DRC", "Democratic Republic of the Congo"), ("Türkiye", "Turkey"), ("Sarmada", "Syria"),
     ("Mocímboa da Praia", "Mozambique"), ("Syrian", "Syria"), ("Nowhere-on-Earth", None)],
)
def test_country_of(gaz: Gazetteer, name: str, country: str | None) -> None:
    assert gaz.country_of(name) == country


def test_is_place_is_for_capitalised_spans() -> None:
    assert is_place("Jindires")
    assert is_place("Gulf of Aden")
    assert not is_place("jindires")
    assert not is_place("Hay'at Tahrir al-Sham")
    assert is_place("Hit") and not is_place("Hit", strict=True)  # a town in Anbar, and an English word


def test_unknown_and_empty_names(gaz: Gazetteer) -> None:
    assert gaz.geocode("") is None
    assert gaz.geocode("Qwertyuiop Heights") is None
    assert gaz.lookup("Qwertyuiop") == []
    assert gaz.place_canonical("the Qwertyuiop valley") == "Qwertyuiop valley"


def test_every_curated_place_and_alias_resolves_to_itself_in_its_country(gaz: Gazetteer) -> None:
    """Guards places.yaml edits: a new alias must not steal another entry's name.

    The one deliberate exception is the rule "a bare name shared with an admin1 means the admin1".
    """
    from orbat.geo.curated import load_places

    places = load_places()
    admin1_keys = {(p.country, alias_key(n)) for p in places if p.kind == "admin1" for n in (p.name, *p.aliases)}
    wrong = []
    for p in places:
        if p.kind == "admin1":
            continue
        context = [p.country] if p.country else []
        for surface in (p.name, *p.aliases):
            if surface != p.name and (p.country, alias_key(surface)) in admin1_keys:
                continue
            got = gaz.geocode(surface, context)
            if got is None or got.name != p.name:
                wrong.append(f"{surface!r} -> {got.name if got else None!r}, expected {p.name!r}")
    assert wrong == []
