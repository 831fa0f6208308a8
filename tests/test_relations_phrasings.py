"""Phrasings of relations beyond the dev set (hand-written sentences, entities given by hand):
places in admin areas whose generic word is outside the name, leaders "under the command of",
factions, "a commander known as", renamings, pledges, and what must NOT become a relation."""

from __future__ import annotations

import pytest
from _helpers_relations import doc_with, extract, triples
from _helpers_resources import resources_with

from orbat.model import Mention
from orbat.relations.component import RelationExtractor

ARMED, OTHER, PERSON, PLACE = "ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION"

FOUND = [
    pytest.param(
        "Gunmen attacked a convoy near Tangara, in Wala province, on Monday.",
        [("Tangara", PLACE), ("Wala", PLACE)],
        {("Tangara", "located_in", "Wala")},
        id="comma_in_admin_word_outside_name",
    ),
    pytest.param(
        "Fighters raided Komanda, in Ituri province, and Beni.",
        [("Komanda", PLACE), ("Ituri", PLACE), ("Beni", PLACE)],
        {("Komanda", "located_in", "Ituri")},
        id="comma_in_admin_then_list",
    ),
    pytest.param(
        "A helicopter fired on positions near Mbengwi (Momo division) and Largu (Djugu).",
        [("Mbengwi", PLACE), ("Momo division", PLACE), ("Largu", PLACE), ("Djugu", PLACE)],
        {("Mbengwi", "located_in", "Momo division"), ("Largu", "located_in", "Djugu")},
        id="place_in_brackets_is_where_it_lies",
    ),
    pytest.param(
        "Kolofata, in Cameroon's Far North region, was attacked.",
        [("Kolofata", PLACE), ("Cameroon", PLACE), ("Far North", PLACE)],
        {("Kolofata", "located_in", "Far North")},
        id="in_country_possessive_region",
    ),
    pytest.param(
        "The Sahel Lions has much in common with the Kanem Front, but the two sides have battled one another.",
        [("Sahel Lions", ARMED), ("Kanem Front", ARMED)],
        {("Sahel Lions", "rival_of/fights", "Kanem Front")},
        id="the_two_sides_battled",
    ),
    pytest.param(
        "The Sahel Lions, under the command of Musa Kone, attacked.",
        [("Sahel Lions", ARMED), ("Musa Kone", PERSON)],
        {("Musa Kone", "leader_of", "Sahel Lions")},
        id="under_the_command_of",
    ),
    pytest.param(
        "The Sahel Lions is now headed by Musa Kone.",
        [("Sahel Lions", ARMED), ("Musa Kone", PERSON)],
        {("Musa Kone", "leader_of", "Sahel Lions")},
        id="now_headed_by",
    ),
    pytest.param(
        "JAS, the Boko Haram faction now led by Bakura Doro, attacked ISWAP positions.",
        [("JAS", ARMED), ("Boko Haram", ARMED), ("Bakura Doro", PERSON), ("ISWAP", ARMED)],
        {("JAS", "member_of", "Boko Haram"), ("Bakura Doro", "leader_of", "JAS"),
         ("JAS", "rival_of/fights", "ISWAP")},
        id="faction_leader_leads_the_faction",
    ),
    pytest.param(
        "The Hamza Brigade, an FSA faction, seized the village.",
        [("Hamza Brigade", ARMED), ("FSA", ARMED)],
        {("Hamza Brigade", "member_of", "FSA")},
        id="an_x_faction",
    ),
    pytest.param(
        "The Eastern Alliance is strong, and some of its best factions, including the Hamza Brigade, "
        "came from Aleppo.",
        [("Eastern Alliance", ARMED), ("Hamza Brigade", ARMED), ("Aleppo", PLACE)],
        {("Hamza Brigade", "member_of", "Eastern Alliance")},
        id="its_factions_including",
    ),
    pytest.param(
        "The Sahel Lions sent a commander known as Abu Yasir to the area.",
        [("Sahel Lions", ARMED), ("Abu Yasir", PERSON)],
        {("Abu Yasir", "member_of", "Sahel Lions")},
        id="a_commander_known_as",
    ),
    pytest.param(
        "A Sahel Lions commander known as Abu Yasir was killed.",
        [("Sahel Lions", ARMED), ("Abu Yasir", PERSON)],
        {("Abu Yasir", "member_of", "Sahel Lions")},
        id="x_commander_known_as",
    ),
    pytest.param(
        "Abu Yasir, a senior Sahel Lions commander, was killed.",
        [("Abu Yasir", PERSON), ("Sahel Lions", ARMED)],
        {("Abu Yasir", "member_of", "Sahel Lions")},
        id="apposition_x_commander",
    ),
    pytest.param(
        "The Greater Sahara Front (formerly the Sahel Lions) attacked.",
        [("Greater Sahara Front", ARMED), ("Sahel Lions", ARMED)],
        {("Sahel Lions", "renamed_to", "Greater Sahara Front")},
        id="formerly_without_known_as",
    ),
    pytest.param(
        "The Greater Sahara Front, previously called the Sahel Lions, attacked.",
        [("Greater Sahara Front", ARMED), ("Sahel Lions", ARMED)],
        {("Sahel Lions", "renamed_to", "Greater Sahara Front")},
        id="previously_called",
    ),
    pytest.param(
        "The Sahel Lions published the video through its media outlet, the Nur Foundation.",
        [("Sahel Lions", ARMED), ("Nur Foundation", OTHER)],
        {("Nur Foundation", "affiliate_of", "Sahel Lions")},
        id="its_media_outlet",
    ),
    pytest.param(
        "In 2019 the Caliphate Army received a pledge of allegiance from the Sahel Lions.",
        [("Caliphate Army", ARMED), ("Sahel Lions", ARMED)],
        {("Sahel Lions", "pledged_allegiance_to", "Caliphate Army")},
        id="received_a_pledge_from",
    ),
    pytest.param(
        "The Sahel Lions' pledge of allegiance to the Caliphate Army was accepted.",
        [("Sahel Lions", ARMED), ("Caliphate Army", ARMED)],
        {("Sahel Lions", "pledged_allegiance_to", "Caliphate Army")},
        id="pledge_noun",
    ),
    pytest.param(
        "The Sahel Lions pledged allegiance in a video to the Caliphate Army.",
        [("Sahel Lions", ARMED), ("Caliphate Army", ARMED)],
        {("Sahel Lions", "pledged_allegiance_to", "Caliphate Army")},
        id="pledged_allegiance_in_a_video_to",
    ),
    pytest.param(
        "The Caliphate Army, to which the Sahel Lions pledged allegiance in 2019, expanded.",
        [("Caliphate Army", ARMED), ("Sahel Lions", ARMED)],
        {("Sahel Lions", "pledged_allegiance_to", "Caliphate Army")},
        id="to_which_pledged",
    ),
    pytest.param(
        "JNIM fighters attacked an army base in Mali.",
        [("JNIM", ARMED), ("Mali", PLACE)],
        {("JNIM", "rival_of/fights", "Military Forces of Mali")},
        id="country_after_military_noun_is_its_forces",
    ),
    pytest.param(
        "The Sahel Lions, a 2016 splinter of the Caliphate Army, attacked.",
        [("Sahel Lions", ARMED), ("Caliphate Army", ARMED)],
        {("Sahel Lions", "splinter_of", "Caliphate Army")},
        id="dated_splinter_of",
    ),
    pytest.param(
        "In 2016 the Sahel Lions broke with the Caliphate Army.",
        [("Sahel Lions", ARMED), ("Caliphate Army", ARMED)],
        {("Sahel Lions", "splinter_of", "Caliphate Army")},
        id="broke_with",
    ),
    pytest.param(
        "The Sahel Lions, formed by defectors from the Caliphate Army, attacked.",
        [("Sahel Lions", ARMED), ("Caliphate Army", ARMED)],
        {("Sahel Lions", "splinter_of", "Caliphate Army")},
        id="formed_by_defectors",
    ),
    pytest.param(
        "The Nur Foundation, the Sahel Lions' media outlet, published the video.",
        [("Nur Foundation", OTHER), ("Sahel Lions", ARMED)],
        {("Nur Foundation", "affiliate_of", "Sahel Lions")},
        id="apposition_media_outlet",
    ),
    pytest.param(
        "The Greater Sahara Front, known until 2019 as the Sahel Lions, attacked.",
        [("Greater Sahara Front", ARMED), ("Sahel Lions", ARMED)],
        {("Sahel Lions", "renamed_to", "Greater Sahara Front")},
        id="known_until_as",
    ),
    pytest.param(
        "The Sahel Lions, whose leader pledged allegiance to the Caliphate Army in 2019, attacked.",
        [("Sahel Lions", ARMED), ("Caliphate Army", ARMED)],
        {("Sahel Lions", "pledged_allegiance_to", "Caliphate Army")},
        id="whose_leader_pledged",
    ),
    pytest.param(
        "The Caliphate Army accepted the Sahel Lions' pledge of allegiance in 2019.",
        [("Caliphate Army", ARMED), ("Sahel Lions", ARMED)],
        {("Sahel Lions", "pledged_allegiance_to", "Caliphate Army")},
        id="accepted_pledge",
    ),
    pytest.param(
        "The Sahel Lions, the main rival of the Caliphate Army, attacked Tangara, the capital of Wala.",
        [("Sahel Lions", ARMED), ("Caliphate Army", ARMED), ("Tangara", PLACE), ("Wala", PLACE)],
        {("Sahel Lions", "rival_of/fights", "Caliphate Army"), ("Tangara", "located_in", "Wala")},
        id="rival_of_and_capital_of",
    ),
    pytest.param(
        "Fighters moved from Tangara, a town in Wala, to Bama.",
        [("Tangara", PLACE), ("Wala", PLACE), ("Bama", PLACE)],
        {("Tangara", "located_in", "Wala")},
        id="a_town_in",
    ),
    pytest.param(
        "Gunmen attacked Tangara, in northern Mali, on Friday.",
        [("Tangara", PLACE), ("Mali", PLACE)],
        {("Tangara", "located_in", "Mali")},
        id="comma_in_country",
    ),
    pytest.param(
        "Clashes between JNIM and the Islamic State-affiliated ISSP killed dozens.",
        [("JNIM", ARMED), ("Islamic State", ARMED), ("ISSP", ARMED)],
        {("JNIM", "rival_of/fights", "ISSP"), ("ISSP", "affiliate_of", "Islamic State")},
        id="sponsor_modifier_is_neither_party_nor_listed",
    ),
    pytest.param(
        "The Hamza Brigade, part of the Eastern Alliance, seized the village.",
        [("Hamza Brigade", ARMED), ("Eastern Alliance", ARMED)],
        {("Hamza Brigade", "member_of", "Eastern Alliance")},
        id="apposition_part_of",
    ),
    pytest.param(
        "The Hamza Brigade, which fights under the Eastern Alliance banner, seized the village.",
        [("Hamza Brigade", ARMED), ("Eastern Alliance", ARMED)],
        {("Hamza Brigade", "member_of", "Eastern Alliance")},
        id="under_the_x_banner",
    ),
    pytest.param(
        "The Hamza Brigade, which belongs to the Eastern Alliance, seized the village.",
        [("Hamza Brigade", ARMED), ("Eastern Alliance", ARMED)],
        {("Hamza Brigade", "member_of", "Eastern Alliance")},
        id="belongs_to",
    ),
]

NOT_FOUND = [
    pytest.param(
        "Israel struck ports in Hodra, Ras Kamal and Salif.",
        [("Israel", PLACE), ("Hodra", PLACE), ("Ras Kamal", PERSON), ("Salif", PLACE)],
        ("Military Forces of Israel", "rival_of/fights", "Ras Kamal"),
        id="places_after_in_are_not_targets",
    ),
    pytest.param(
        "The Boko Haram faction now led by Bakura Doro raided the town.",
        [("Boko Haram", ARMED), ("Bakura Doro", PERSON)],
        ("Bakura Doro", "leader_of", "Boko Haram"),
        id="faction_leader_does_not_lead_the_parent",
    ),
    pytest.param(
        "Both JNIM and ISSP, an Islamic State affiliate, are active in the area.",
        [("JNIM", ARMED), ("ISSP", ARMED), ("Islamic State", ARMED)],
        ("JNIM", "affiliate_of", "Islamic State"),
        id="apposition_describes_only_the_last",
    ),
    pytest.param(
        "The Hamza Brigade, a rival faction of the Eastern Alliance, seized the village.",
        [("Hamza Brigade", ARMED), ("Eastern Alliance", ARMED)],
        ("Hamza Brigade", "member_of", "Eastern Alliance"),
        id="rival_faction_is_not_a_member",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "ents", "expected"), FOUND)
def test_relations_phrasings_found(text: str, ents: list[tuple[str, str]],
                                   expected: set[tuple[str, str, str]]) -> None:
    assert triples(extract(text, ents)) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "ents", "wrong"), NOT_FOUND)
def test_relations_phrasings_not_found(text: str, ents: list[tuple[str, str]],
                                       wrong: tuple[str, str, str]) -> None:
    assert wrong not in triples(extract(text, ents))


@pytest.mark.slow
def test_relations_phrasings_appositive_possessor_is_not_listed() -> None:
    found = triples(extract("JNIM, al-Qaeda's Sahel affiliate, is fighting ISSP.",
                            [("JNIM", ARMED), ("al-Qaeda", ARMED), ("ISSP", ARMED)]))
    assert found == {("JNIM", "affiliate_of", "al-Qaeda"), ("JNIM", "rival_of/fights", "ISSP")}


@pytest.mark.slow
def test_relations_phrasings_some_of_its_reaches_the_previous_sentence() -> None:
    text = "The Eastern Alliance grew stronger. Some of its best factions, including the Hamza Brigade, came back."
    ents = [("Eastern Alliance", ARMED), ("Hamza Brigade", ARMED)]
    doc = doc_with(text, ents)
    doc._.mentions.extend(Mention(e.text, e.start_char, e.end_char, e.label_, e.text, f"new:{e.text}")
                          for e in doc.ents)
    RelationExtractor(resources_with(models=None))(doc)  # the rules alone, without the pair model
    assert triples(list(doc._.relations)) == {("Hamza Brigade", "member_of", "Eastern Alliance")}
