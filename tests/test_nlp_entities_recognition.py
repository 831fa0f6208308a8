"""orbat_entities: KB gazetteer with spelling variants, label repair, state forces, kunya names."""

from __future__ import annotations

import pytest
from _helpers_entities import build_nlp, mentions, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return build_nlp()


@pytest.mark.parametrize("surface", [
    "Hay'at Tahrir al-Sham", "Hay\u2019at Tahrir al Sham", "Hayat Tahrir el-Sham", "Hay`at Tahrir Al-Sham",
])
def test_kb_names_match_across_spellings(nlp, surface: str) -> None:
    doc = run(nlp, f"Fighters of {surface} stormed a checkpoint near Sarmada on Monday.")
    assert mentions(doc)[surface] == ("ORG_ARMED", "Hay'at Tahrir al-Sham")


def test_loose_variants_and_article_prefix(nlp) -> None:
    doc = run(nlp, "The al Nusra Front was once the branch of al-Qa'ida in Syria.")
    found = mentions(doc)
    assert found["al Nusra Front"][1] == "Jabhat al-Nusra"
    assert found["al-Qa'ida"][1] == "al-Qaeda"


def test_case_sensitive_alias_needs_exact_case(nlp) -> None:
    doc = run(nlp, "IS fighters attacked the village. It is unclear who is in charge.")
    texts = [m.text for m in doc._.mentions]
    assert texts.count("IS") == 1
    assert "is" not in texts


def test_possessive_and_leading_the_are_trimmed(nlp) -> None:
    doc = run(nlp, "The HTS's security office said the Islamic State's cell was dismantled.")
    found = mentions(doc)
    assert "HTS" in found and "Islamic State" in found
    assert not any(t.endswith("'s") or t.lower().startswith("the ") for t in found)


def test_group_tagged_person_becomes_armed_group(nlp) -> None:
    doc = run(nlp, "Commanders of Liwa Suqur al-Ghab met Jaysh al-Izza leaders in Hama.")
    found = mentions(doc)
    assert found.get("Jaysh al-Izza", ("",))[0] == "ORG_ARMED"


@pytest.mark.parametrize(("phrase", "canonical"), [
    ("Kenya's army", "Military Forces of Kenya"),
    ("Syrian army", "Military Forces of Syria"),
    ("US military", "Military Forces of the United States"),
    ("Nigerian Air Force", "Military Forces of Nigeria"),
])
def test_state_forces_get_acled_names(nlp, phrase: str, canonical: str) -> None:
    doc = run(nlp, f"The {phrase} said it had repelled the attack on Tuesday.")
    assert mentions(doc)[phrase] == ("ORG_ARMED", canonical)


def test_soldiers_and_nationality_adjectives_are_not_entities(nlp) -> None:
    doc = run(nlp, "Three Kenyan soldiers and a Syrian jihadist were seen on Telegram and Twitter.")
    texts = {m.text for m in doc._.mentions}
    assert texts.isdisjoint({"Kenyan soldiers", "Kenyan", "Syrian", "Telegram", "Twitter"})


def test_kunya_names_and_titles(nlp) -> None:
    doc = run(nlp, "The emir, Sheikh Abu Hamza al-Masri, was replaced by Abu Ibrahim al-Iraqi last year.")
    by_text = {m.text: m for m in doc._.mentions}
    assert "Abu Ibrahim al-Iraqi" in by_text and by_text["Abu Ibrahim al-Iraqi"].type == "PERSON"
    assert by_text["Abu Ibrahim al-Iraqi"].attrs.get("origin") == "Iraq"
    hamza = by_text["Abu Hamza al-Masri"]
    assert hamza.attrs.get("titles") == ["Sheikh"] and hamza.attrs.get("origin") == "Egypt"


def test_place_qualifier_joins_the_location(nlp) -> None:
    doc = run(nlp, "Clashes spread from Idlib city to the rest of Idlib province.")
    found = mentions(doc)
    assert found["Idlib city"] == ("LOCATION", "Idlib (city)")
    assert found["Idlib province"] == ("LOCATION", "Idlib Governorate")


def test_acronym_defined_in_parentheses_takes_long_form_type(nlp) -> None:
    doc = run(nlp, "The Movement for the Defence of Azawad Herders (MDAH) ambushed a convoy. MDAH later withdrew.")
    types = {m.text: m.type for m in doc._.mentions}
    assert types.get("MDAH") == "ORG_ARMED"


def test_sponsor_descriptors_stay_outside_the_name(nlp) -> None:
    doc = run(nlp, "The Iran-backed Kata'ib Hezbollah denied involvement, while anti-Assad forces regrouped.")
    found = mentions(doc)
    assert found["Kata'ib Hezbollah"] == ("ORG_ARMED", "Kata'ib Hezbollah")
    assert "Assad forces" not in found


def test_kb_name_split_by_a_possessive_is_one_mention(nlp) -> None:
    doc = run(nlp, "The Islamic State's Khorasan Province claimed the bombing in Kabul.")
    found = mentions(doc)
    assert found["Islamic State's Khorasan Province"] == ("ORG_ARMED", "Islamic State Khorasan Province")


def test_curated_places_the_model_missed_are_found_in_lists(nlp) -> None:
    doc = run(nlp, "The group seized the villages of Kafr Batikh, Sarmada and two hamlets.")
    assert mentions(doc).get("Sarmada", ("",))[0] == "LOCATION"


@pytest.mark.parametrize("text", ["", "  \n\n ", "- ' -", "(", "Abu", "al-"])
def test_degenerate_texts_give_no_entities_and_no_error(nlp, text: str) -> None:
    assert run(nlp, text)._.mentions == []


def test_full_name_around_a_kb_short_alias_keeps_the_kb_link(nlp) -> None:
    doc = run(nlp, "Abu Mohammed al-Jolani spoke in Idlib.")
    assert mentions(doc)["Abu Mohammed al-Jolani"] == ("PERSON", "Abu Mohammad al-Julani")


def test_titles_leave_kb_person_names(nlp) -> None:
    doc = run(nlp, "A statement by Sheikh Abu Mohammad al-Julani was read out.")
    person = next(m for m in doc._.mentions if m.type == "PERSON")
    assert person.text == "Abu Mohammad al-Julani" and person.attrs["titles"] == ["Sheikh"]
