"""Unfamiliar text: multi-word places, datelines, possessives, place tails, article country context."""

from __future__ import annotations

import pytest
from _helpers_entities import build_nlp, mentions, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return build_nlp()


def test_longest_known_place_beats_the_models_split(nlp) -> None:
    doc = run(nlp, "Gunmen attacked a police post in Dera Ismail Khan on Sunday, officials in Pakistan said.")
    found = mentions(doc)
    assert found["Dera Ismail Khan"][0] == "LOCATION"
    assert "Ismail Khan" not in found and "Dera" not in found


def test_place_with_a_lower_case_connector_is_one_mention(nlp) -> None:
    doc = run(nlp, "Insurgents attacked the port of Mocimboa da Praia at dawn.")
    assert mentions(doc)["Mocimboa da Praia"][0] == "LOCATION"


def test_dateline_dash_does_not_glue_a_country_to_the_sentence(nlp) -> None:
    doc = run(nlp, "ABUJA, NIGERIA \u2014 Fighters loyal to the Islamic State attacked a convoy on Friday.")
    texts = [m.text for m in doc._.mentions]
    assert not any("Fighters" in t for t in texts)
    assert mentions(doc)["Islamic State"][0] == "ORG_ARMED"


def test_possessive_before_a_place_word_names_the_parent_group(nlp) -> None:
    doc = run(nlp, "The Islamic State's Sahel branch claimed the ambush on the convoy.")
    found = mentions(doc)
    assert found["Islamic State"] == ("ORG_ARMED", "Islamic State")
    assert not any(t.startswith("Islamic State's") or "States" in t for t in found)


def test_territory_and_commune_tails_stay_in_the_surface(nlp) -> None:
    doc = run(nlp, "Militia fighters raided villages in Idlib district and Kenya territory last week.")
    found = mentions(doc)
    assert "Idlib district" in found
    assert "Kenya territory" in found


def test_article_countries_are_set_most_frequent_first(nlp) -> None:
    doc = run(nlp, "Insurgents raided Macomia, Mozambique. Troops from Kenya were not involved. "
                   "Residents of Macomia fled.")
    assert list(doc._.countries)[:2] == ["MZ", "KE"]


def test_local_namesake_is_not_the_foreign_kb_group(nlp) -> None:
    doc = run(nlp, "Fighters known locally as al-Shabaab raided Macomia in Mozambique; residents of Macomia "
                   "say the group has no link to the Somali movement. ASWJ denied it.")
    found = {m.text: m for m in doc._.mentions}
    assert found["al-Shabaab"].entity_id != "kb:shabaab"
    assert found["al-Shabaab"].rule == "minted:namesake-abroad"
    assert found["ASWJ"].entity_id == "kb:aswj-mz"


def test_namesake_keeps_the_kb_group_in_its_home_country(nlp) -> None:
    doc = run(nlp, "Al-Shabaab fighters attacked a base near Mogadishu, Somalia, on Monday.")
    assert mentions(doc)["Al-Shabaab"][1] == "al-Shabaab"


@pytest.mark.parametrize(("text", "surface"), [
    ("Gunmen killed nine farmers in Komanda on Tuesday night.", "Komanda"),
    ("Soldiers searched houses in the village of Gatiko after the raid.", "Gatiko"),
])
def test_unknown_name_after_a_place_cue_is_a_place(nlp, text: str, surface: str) -> None:
    found = mentions(run(nlp, text))
    assert found[surface][0] == "LOCATION"


def test_possessive_keeps_a_person_after_in(nlp) -> None:
    found = mentions(run(nlp, "Weapons were found in Hassan's house, police said."))
    assert found["Hassan"][0] == "PERSON"


def test_name_in_a_place_list_after_a_preposition_is_a_place(nlp) -> None:
    doc = run(nlp, "Jets struck warehouses in Mosul, Ras Isa and Sarmada overnight.")
    found = mentions(doc)
    assert found["Ras Isa"][0] == "LOCATION"


def test_people_listed_after_a_place_without_a_preposition_stay_people(nlp) -> None:
    doc = run(nlp, "Delegates from Mosul, Ali Hassan and Omar Khalid met the governor.")
    assert mentions(doc)["Omar Khalid"][0] == "PERSON"


def test_person_cue_beats_a_place_reading(nlp) -> None:
    doc = run(nlp, "The faction is now led by Jafar Dicko, a former preacher.")
    assert mentions(doc)["Jafar Dicko"][0] == "PERSON"


def test_named_halls_and_hotels_are_places(nlp) -> None:
    doc = run(nlp, "Attackers opened fire inside Crocus City Hall and later at the Sahafi Hotel.")
    found = mentions(doc)
    assert found["Crocus City Hall"][0] == "LOCATION"
    assert found["Sahafi Hotel"][0] == "LOCATION"


@pytest.mark.slow
@pytest.mark.parametrize(("surface", "expected"), [("Abdul Rehman al-Logari", "PERSON"), ("Dawn.com", "ORG_OTHER")])
def test_learned_place_no_gazetteer_knows_is_retyped_by_its_shape(surface: str, expected: str) -> None:
    from types import SimpleNamespace

    from orbat.nlp.entities import EntityRecognizer
    from orbat.nlp.names import load_rules

    rules = load_rules()
    recognizer = SimpleNamespace(rules=rules)
    words = [w.lower() for w in surface.replace("-", " - ").split()]
    span = SimpleNamespace(text=surface)
    assert EntityRecognizer._unknown_place(recognizer, span, words) == expected  # type: ignore[arg-type]
