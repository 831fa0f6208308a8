"""Relation rules on hand-written sentences (entities given by hand, parser from the model)."""

from __future__ import annotations

import pytest
from _helpers_relations import extract, triples

ARMED, OTHER, PERSON, PLACE = "ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION"

CASES = [
    pytest.param(
        "The Levant Liberation Front, formerly known as the Sham Victory Brigades, shelled the town.",
        [("Levant Liberation Front", ARMED), ("Sham Victory Brigades", ARMED)],
        {("Sham Victory Brigades", "renamed_to", "Levant Liberation Front")},
        id="formerly_known_as",
    ),
    pytest.param(
        "In March 2019 the Desert Hawks rebranded itself as the Sahara Guardians.",
        [("Desert Hawks", ARMED), ("Sahara Guardians", ARMED)],
        {("Desert Hawks", "renamed_to", "Sahara Guardians")},
        id="rebranded_as",
    ),
    pytest.param(
        "The Northern Storm Brigade was folded into the National Front in 2018.",
        [("Northern Storm Brigade", ARMED), ("National Front", ARMED)],
        {("Northern Storm Brigade", "merged_into", "National Front")},
        id="folded_into",
    ),
    pytest.param(
        "Ansar al-Khilafa, which broke away from the Green Banner Movement in 2015, operates in Kunar.",
        [("Ansar al-Khilafa", ARMED), ("Green Banner Movement", ARMED), ("Kunar", PLACE)],
        {("Ansar al-Khilafa", "splinter_of", "Green Banner Movement"), ("Ansar al-Khilafa", "operates_in", "Kunar")},
        id="broke_away_and_operates",
    ),
    pytest.param(
        "The Lake Chad Mujahideen pledged allegiance to the Islamic State in 2016.",
        [("Lake Chad Mujahideen", ARMED), ("Islamic State", ARMED)],
        {("Lake Chad Mujahideen", "pledged_allegiance_to", "Islamic State")},
        id="pledged_allegiance",
    ),
    pytest.param(
        "Zamzam News, the Ansar Front's official propaganda arm, published the video.",
        [("Zamzam News", OTHER), ("Ansar Front", ARMED)],
        set(),
        id="media_arm_needs_possessive_before",
    ),
    pytest.param(
        "The Ansar Front's official propaganda arm, Zamzam News, published the video.",
        [("Ansar Front", ARMED), ("Zamzam News", OTHER)],
        {("Zamzam News", "affiliate_of", "Ansar Front")},
        id="media_arm_possessive",
    ),
    pytest.param(
        "Abu Talha al-Sudani, the leader of the Eastern Brigade, was killed in a raid.",
        [("Abu Talha al-Sudani", PERSON), ("Eastern Brigade", ARMED)],
        {("Abu Talha al-Sudani", "leader_of", "Eastern Brigade")},
        id="apposition_leader",
    ),
    pytest.param(
        "Eastern Brigade spokesman Omar Haddad denied the report.",
        [("Eastern Brigade", ARMED), ("Omar Haddad", PERSON)],
        {("Omar Haddad", "member_of", "Eastern Brigade")},
        id="attributive_spokesman",
    ),
    pytest.param(
        "The Eastern Brigade clashed with the Lions of the Valley near Saraqib.",
        [("Eastern Brigade", ARMED), ("Lions of the Valley", ARMED), ("Saraqib", PLACE)],
        {("Eastern Brigade", "rival_of/fights", "Lions of the Valley")},
        id="clashed_with",
    ),
    pytest.param(
        "Fighting broke out between the Eastern Brigade and the Lions of the Valley and the Free Tribes.",
        [("Eastern Brigade", ARMED), ("Lions of the Valley", ARMED), ("Free Tribes", ARMED)],
        {("Eastern Brigade", "rival_of/fights", "Lions of the Valley"), ("Eastern Brigade", "rival_of/fights", "Free Tribes")},
        id="fighting_between_list",
    ),
    pytest.param(
        "The Southern Shield, a coalition led by the Eastern Brigade and the Free Tribes, took the town.",
        [("Southern Shield", ARMED), ("Eastern Brigade", ARMED), ("Free Tribes", ARMED)],
        {("Eastern Brigade", "member_of", "Southern Shield"), ("Free Tribes", "member_of", "Southern Shield")},
        id="coalition_led_by",
    ),
    pytest.param(
        "The Qaeda-linked Eastern Brigade holds positions in the hills.",
        [("Qaeda", ARMED), ("Eastern Brigade", ARMED)],
        {("Eastern Brigade", "affiliate_of", "Qaeda")},
        id="linked_modifier",
    ),
    pytest.param(
        "The convoy was ambushed near Tal Hamra village, Ras al-Ain district, on Monday.",
        [("Tal Hamra", PLACE), ("Ras al-Ain", PLACE)],
        {("Tal Hamra", "located_in", "Ras al-Ain")},
        id="village_district",
    ),
    pytest.param(
        "The group controls Jisr al-Shughur in Idlib province.",
        [("Jisr al-Shughur", PLACE), ("Idlib", PLACE)],
        {("Jisr al-Shughur", "located_in", "Idlib")},
        id="place_in_province",
    ),
    pytest.param(
        "Turkish-backed factions shelled Syria, Iraq and Lebanon.",
        [("Syria", PLACE), ("Iraq", PLACE), ("Lebanon", PLACE)],
        set(),
        id="country_list_is_not_located_in",
    ),
    pytest.param(
        "The Eastern Brigade, which controls the Zawiya hills, denied the report.",
        [("Eastern Brigade", ARMED), ("Zawiya", PLACE)],
        {("Eastern Brigade", "operates_in", "Zawiya")},
        id="which_controls",
    ),
    pytest.param(
        "Aleppo fell to the Fath Army coalition, which was led by the Eastern Brigade and the Free Tribes.",
        [("Aleppo", PLACE), ("Fath Army", ARMED), ("Eastern Brigade", ARMED), ("Free Tribes", ARMED)],
        {("Eastern Brigade", "member_of", "Fath Army"), ("Free Tribes", "member_of", "Fath Army")},
        id="coalition_which_was_led_by",
    ),
    pytest.param(
        "The Eastern Brigade grew quickly after publicly announcing its allegiance to the Sun Front in 2014.",
        [("Eastern Brigade", ARMED), ("Sun Front", ARMED)],
        {("Eastern Brigade", "pledged_allegiance_to", "Sun Front")},
        id="announcing_allegiance",
    ),
    pytest.param(
        "A cell from the Eastern Brigade, which served as a Sun Front front group, was arrested.",
        [("Eastern Brigade", ARMED), ("Sun Front", ARMED)],
        {("Eastern Brigade", "affiliate_of", "Sun Front")},
        id="served_as_front_group",
    ),
    pytest.param(
        "Omar Haddad, who is openly loyal to Sun Front emir Abu Karim, spoke on Friday.",
        [("Omar Haddad", PERSON), ("Sun Front", ARMED), ("Abu Karim", PERSON)],
        {("Omar Haddad", "pledged_allegiance_to", "Abu Karim"), ("Abu Karim", "leader_of", "Sun Front")},
        id="loyal_to_emir",
    ),
    pytest.param(
        "Israel and the Eastern Brigade have fought a long war.",
        [("Israel", PLACE), ("Eastern Brigade", ARMED)],
        {("Military Forces of Israel", "rival_of/fights", "Eastern Brigade")},
        id="country_fighting_means_its_forces",
    ),
    pytest.param(
        "The Free Tribes and its ally, the Valley Movement, were targeted by the Sun Front in May.",
        [("Free Tribes", ARMED), ("Valley Movement", ARMED), ("Sun Front", ARMED)],
        {("Free Tribes", "allied_with", "Valley Movement"), ("Sun Front", "rival_of/fights", "Free Tribes"),
         ("Sun Front", "rival_of/fights", "Valley Movement")},
        id="its_ally_and_passive_target",
    ),
    pytest.param(
        "The Valley Movement, which broke away from the Sun Front in 2018, is loyal to the Free Tribes.",
        [("Valley Movement", ARMED), ("Sun Front", ARMED), ("Free Tribes", ARMED)],
        {("Valley Movement", "splinter_of", "Sun Front"), ("Valley Movement", "pledged_allegiance_to", "Free Tribes")},
        id="relative_clause_skipped",
    ),
    pytest.param(
        "The Eastern Brigade, the Islamist coalition that controls most of Syria's northwestern Idlib province, "
        "denied it.",
        [("Eastern Brigade", ARMED), ("Syria", PLACE), ("Idlib", PLACE)],
        {("Eastern Brigade", "operates_in", "Idlib"), ("Eastern Brigade", "operates_in", "Syria")},
        id="coalition_that_controls",
    ),
    pytest.param(
        "The Sun Front was formerly known as the Valley Movement, the Free Tribes' branch in Yemen.",
        [("Sun Front", ARMED), ("Valley Movement", ARMED), ("Free Tribes", ARMED), ("Yemen", PLACE)],
        {("Valley Movement", "renamed_to", "Sun Front"), ("Valley Movement", "affiliate_of", "Free Tribes")},
        id="was_formerly_known_as_and_possessive_branch",
    ),
    pytest.param(
        "In a statement on its Telegram channel, the group said nothing.",
        [],
        set(),
        id="unresolved_pronoun_makes_no_relation",
    ),
    pytest.param(
        "Many fighters moved to the Sun Front and its successor organization, the Valley Movement.",
        [("Sun Front", ARMED), ("Valley Movement", ARMED)],
        {("Sun Front", "merged_into", "Valley Movement")},
        id="its_successor_organization",
    ),
    pytest.param(
        "The Eastern Brigade group was admitted to the Sun Front in 2019.",
        [("Eastern Brigade", ARMED), ("Sun Front", ARMED)],
        {("Eastern Brigade", "member_of", "Sun Front")},
        id="head_noun_after_the_name",
    ),
    pytest.param(
        "The Eastern Brigade troops under the Sun Front held the bridge.",
        [("Eastern Brigade", ARMED), ("Sun Front", ARMED)],
        {("Eastern Brigade", "member_of", "Sun Front")},
        id="troops_under",
    ),
    pytest.param(
        "The Free Tribes and its ally, the Valley Defence Movement (VDM), held the pass.",
        [("Free Tribes", ARMED), ("VDM", ARMED)],
        {("Free Tribes", "allied_with", "VDM")},
        id="bracketed_short_name_only",
    ),
    pytest.param(
        "In 2015 the Desert Hawks pledged bay'ah to the Sun Front.",
        [("Desert Hawks", ARMED), ("Sun Front", ARMED)],
        {("Desert Hawks", "pledged_allegiance_to", "Sun Front")},
        id="pledged_bayah",
    ),
    pytest.param(
        "Abu Karim, the emir of the Desert Hawks, and Omar Haddad, a spokesman for the Sun Front, met.",
        [("Abu Karim", PERSON), ("Desert Hawks", ARMED), ("Omar Haddad", PERSON), ("Sun Front", ARMED)],
        {("Abu Karim", "leader_of", "Desert Hawks"), ("Omar Haddad", "member_of", "Sun Front")},
        id="emir_of_and_spokesman_for",
    ),
    pytest.param(
        "The Desert Hawks, which is based in Tabqa, has sleeper cells in Raqqa and a stronghold in Maadan.",
        [("Desert Hawks", ARMED), ("Tabqa", PLACE), ("Raqqa", PLACE), ("Maadan", PLACE)],
        {("Desert Hawks", "operates_in", "Tabqa"), ("Desert Hawks", "operates_in", "Raqqa")},
        id="based_in_and_cells_in",
    ),
    pytest.param(
        "The Desert Hawks joined the Sun Front in 2017, and the Valley Movement merged into the Free Tribes.",
        [("Desert Hawks", ARMED), ("Sun Front", ARMED), ("Valley Movement", ARMED), ("Free Tribes", ARMED)],
        {("Desert Hawks", "member_of", "Sun Front"), ("Valley Movement", "merged_into", "Free Tribes")},
        id="joined_and_merged_into",
    ),
    pytest.param(
        "The Desert Hawks, a splinter group of the Sun Front, battled the Free Tribes.",
        [("Desert Hawks", ARMED), ("Sun Front", ARMED), ("Free Tribes", ARMED)],
        {("Desert Hawks", "splinter_of", "Sun Front"), ("Desert Hawks", "rival_of/fights", "Free Tribes")},
        id="splinter_group_and_battled",
    ),
    pytest.param(
        "Witnesses said the Eastern Brigade captured a number of Sun Front members near the bridge.",
        [("Eastern Brigade", ARMED), ("Sun Front", ARMED)],
        {("Eastern Brigade", "rival_of/fights", "Sun Front")},
        id="captured_members_of",
    ),
    pytest.param(
        "Sun Front spokesman Omar Haddad claimed to have killed 40 Eastern Brigade fighters.",
        [("Sun Front", ARMED), ("Omar Haddad", PERSON), ("Eastern Brigade", ARMED)],
        {("Omar Haddad", "member_of", "Sun Front"), ("Sun Front", "rival_of/fights", "Eastern Brigade")},
        id="spokesman_is_not_the_fighter",
    ),
    pytest.param(
        "The Iran-backed Eastern Brigade attacked a convoy.",
        [("Iran", PLACE), ("Eastern Brigade", ARMED)],
        set(),
        id="sponsorship_is_not_a_relation",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "ents", "expected"), CASES)
def test_relations_patterns_extract(text: str, ents: list[tuple[str, str]],
                                    expected: set[tuple[str, str, str]]) -> None:
    assert triples(extract(text, ents)) == expected


@pytest.mark.slow
def test_relations_patterns_evidence_is_the_sentence() -> None:
    text = "Heavy rain fell. The Eastern Brigade clashed with the Free Tribes on Sunday. Roads closed."
    [rel] = extract(text, [("Eastern Brigade", ARMED), ("Free Tribes", ARMED)])
    assert rel.evidence.text == "The Eastern Brigade clashed with the Free Tribes on Sunday."
    assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.text


@pytest.mark.slow
def test_relations_patterns_dedupe_keeps_first_evidence() -> None:
    text = ("The Eastern Brigade clashed with the Free Tribes in May. "
            "Later the Free Tribes fought the Eastern Brigade again.")
    rels = extract(text, [("Eastern Brigade", ARMED), ("Free Tribes", ARMED)])
    assert len(rels) == 1
    assert rels[0].evidence.text.startswith("The Eastern Brigade clashed")


@pytest.mark.slow
def test_relations_patterns_titles_are_not_joined_to_the_body() -> None:
    text = "Eastern Brigade\n\nThe Free Tribes said on Monday that the talks failed."
    assert extract(text, [("Eastern Brigade", ARMED), ("Free Tribes", ARMED)]) == []
