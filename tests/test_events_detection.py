"""Event detection and arguments on hand-written sentences (entities given, stand-in gazetteer)."""

from __future__ import annotations

import pytest
from _helpers_events import Setup, StubGazetteer, events_of

pytestmark = pytest.mark.slow

SHABAAB = [("Al-Shabaab", "ORG_ARMED"), ("Leego", "LOCATION"), ("Somalia", "LOCATION")]


@pytest.fixture(autouse=True)
def stub_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Setup, "gazetteer", StubGazetteer())


def test_attack_on_a_base_is_an_armed_clash_with_actor_place_day_and_figures() -> None:
    text = "Al-Shabaab fighters stormed a military base in Leego on Tuesday, killing at least 20 soldiers."
    [ev] = events_of(text, SHABAAB)
    assert ev.type == "Battles/Armed clash"
    assert (ev.actor1, ev.location, ev.country, ev.geo_precision) == ("Al-Shabaab", "Leego", "Somalia", 1)
    assert (ev.date, ev.time_precision) == ("2023-06-13", 1)  # the Tuesday before Thursday 15 June
    assert (ev.fatalities, ev.fatalities_approx) == (20, True)
    assert ev.certainty == "asserted"


def test_evidence_is_the_sentence_of_the_stored_text() -> None:
    text = "Residents fled. Al-Shabaab fighters stormed a military base in Leego on Tuesday."
    [ev] = events_of(text, SHABAAB)
    assert ev.evidence.text == text[ev.evidence.start:ev.evidence.end]
    assert ev.evidence.text.startswith("Al-Shabaab fighters stormed")


def test_seizing_a_list_of_villages_gives_one_event_per_village() -> None:
    text = "HTS fighters seized the villages of Kafr Lusin, Qah and Deir Hassan on Sunday."
    ents = [("HTS", "ORG_ARMED"), ("Kafr Lusin", "LOCATION"), ("Qah", "LOCATION"), ("Deir Hassan", "LOCATION")]
    found = events_of(text, ents)
    assert [e.location for e in found] == ["Kafr Lusin", "Qah", "Deir Hassan"]
    assert {e.type for e in found} == {"Battles/Non-state actor overtakes territory"}
    assert {e.actor1 for e in found} == {"HTS"}


@pytest.mark.parametrize("text", [
    "The group has repeatedly attacked army convoys.",
    "Al-Shabaab could attack the base in Leego.",
    "Officials stressed the importance of reaching an agreement.",
])
def test_generic_hypothetical_or_wished_for_statements_are_not_events(text: str) -> None:
    assert events_of(text, SHABAAB) == []


def test_claimed_responsibility_makes_the_event_claimed_by_the_group() -> None:
    text = "The Islamic State claimed responsibility for a suicide bombing at a checkpoint in Sarmada on Friday."
    [ev] = events_of(text, [("Islamic State", "ORG_ARMED"), ("Sarmada", "LOCATION")])
    assert ev.type == "Explosions/Remote violence/Suicide bomb"
    assert (ev.certainty, ev.claimed_by, ev.actor1) == ("claimed", "Islamic State", "Islamic State")


def test_officials_said_makes_the_event_reported() -> None:
    text = "Al-Shabaab fighters attacked a police post in Leego on Monday, local officials said."
    [ev] = events_of(text, SHABAAB)
    assert ev.certainty == "reported"


def test_third_party_blame_is_alleged_and_attempts_are_recorded() -> None:
    text = "Residents accused Al-Shabaab of trying to kill a judge in Leego last week."
    [ev] = events_of(text, SHABAAB)
    assert ev.type == "Violence against civilians/Attack"
    assert (ev.certainty, ev.modality) == ("alleged", "attempted")


def test_a_denial_is_alleged_with_modality_denied() -> None:
    text = "Al-Shabaab denied that its fighters had attacked the market in Leego on Monday."
    [ev] = events_of(text, SHABAAB)
    assert (ev.certainty, ev.modality) == ("alleged", "denied")


def test_a_second_mention_of_the_attack_fills_the_first_event() -> None:
    text = ("Al-Shabaab fighters stormed a military base in Leego on Tuesday. "
            "At least 12 soldiers were killed in the attack.")
    [ev] = events_of(text, SHABAAB)
    assert ev.fatalities == 12


def test_forming_a_coalition_names_the_new_group_as_actor1() -> None:
    text = "Three factions joined forces to form the Northern Front in March 2017."
    [ev] = events_of(text, [("Northern Front", "ORG_ARMED")])
    assert ev.type == "Strategic developments/Change to group/activity"
    assert (ev.actor1, ev.date, ev.time_precision, ev.modality) == ("Northern Front", "2017-03", 3, "historical")


def test_without_a_date_in_the_sentence_the_publication_month_is_used() -> None:
    text = "Al-Shabaab fighters attacked an army checkpoint in Leego."
    [ev] = events_of(text, SHABAAB, published="2023-06-15")
    assert (ev.date, ev.time_precision) == ("2023-06", 3)
    assert events_of(text, SHABAAB, published=None)[0].date is None


def test_unnamed_armed_group_gets_the_acled_name_for_the_country() -> None:
    text = "Gunmen abducted ten farmers near Leego in Somalia on Monday."
    [ev] = events_of(text, SHABAAB)
    assert ev.type == "Violence against civilians/Abduction/forced disappearance"
    assert (ev.actor1, ev.inter1) == ("Unidentified Armed Group (Somalia)", 3)
    assert (ev.actor2, ev.inter2) == ("Civilians (Somalia)", 7)


@pytest.fixture
def demonyms(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"nigerian": "Nigeria", "malian": "Mali"}
    monkeypatch.setattr(Setup, "gazetteer", StubGazetteer(table))


@pytest.mark.usefixtures("demonyms")
def test_national_troops_regaining_a_town_are_the_military_forces_of_the_country() -> None:
    text = "Nigerian reinforcements were sent to Leego, which regained control later in the day."
    [ev] = events_of(text, SHABAAB)
    assert ev.type == "Battles/Government regains territory"
    assert (ev.actor1, ev.inter1) == ("Military Forces of Nigeria", 1)


@pytest.mark.usefixtures("demonyms")
def test_killing_soldiers_is_a_clash_with_the_state_forces() -> None:
    [ev] = events_of("Al-Shabaab killed over 50 Malian soldiers in Leego on Monday.", SHABAAB)
    assert ev.type == "Battles/Armed clash"
    assert (ev.actor2, ev.fatalities, ev.fatalities_approx) == ("Military Forces of Mali", 50, True)


def test_overrunning_a_base_is_a_clash_and_taking_a_town_is_territory() -> None:
    base = events_of("Al-Shabaab fighters overran an army base near Leego on Monday.", SHABAAB)
    town = events_of("Al-Shabaab fighters overran Leego on Monday.", SHABAAB)
    assert [e.type for e in base] == ["Battles/Armed clash"]
    assert [e.type for e in town] == ["Battles/Non-state actor overtakes territory"]


def test_a_campaign_since_a_date_is_not_one_event() -> None:
    text = "Al-Shabaab has fired mortars at the base in Leego since mid-November."
    assert events_of(text, SHABAAB) == []


def test_two_events_of_different_types_in_one_sentence() -> None:
    text = ("The riot at the embassy in Sarmada came after the Islamic State carried out an airstrike "
            "near Barisha on Monday.")
    found = events_of(text, [("Islamic State", "ORG_ARMED"), ("Sarmada", "LOCATION"), ("Barisha", "LOCATION")])
    assert {e.type for e in found} == {"Riots/Violent demonstration", "Explosions/Remote violence/Air/drone strike"}


@pytest.mark.parametrize(("tail", "fatalities"), [
    ("which led to the death of a soldier", 1),
    ("but there were no casualties", 0),
    ("killing three soldiers", 3),
])
def test_fatalities_from_phrases(tail: str, fatalities: int) -> None:
    [ev] = events_of(f"Al-Shabaab attacked an army checkpoint in Leego on Monday, {tail}.", SHABAAB)
    assert ev.fatalities == fatalities


def test_a_passive_without_agent_takes_the_agent_from_the_story_not_the_victim() -> None:
    text = ("Al-Shabaab fighters attacked a convoy near Leego on Monday. "
            "Police commander Ali Nur said that they were attacked again near Leego, with one AMISOM soldier killed.")
    found = events_of(text, [*SHABAAB, ("AMISOM", "ORG_ARMED")])
    assert {e.actor1 for e in found} == {"Al-Shabaab"}


def test_a_later_claim_for_the_attack_makes_the_event_claimed() -> None:
    text = ("Gunmen attacked an army checkpoint in Leego on Monday, police said. "
            "Al-Shabaab later claimed responsibility for the attack.")
    [ev] = events_of(text, SHABAAB)
    assert (ev.certainty, ev.claimed_by, ev.actor1) == ("claimed", "Al-Shabaab", "Al-Shabaab")


def test_a_round_up_gives_way_to_the_detailed_report() -> None:
    text = ("Al-Shabaab attacks in Somalia killed 12 soldiers on Monday. "
            "Al-Shabaab fighters stormed a base in Leego on Monday.")
    assert [e.location for e in events_of(text, SHABAAB)] == ["Leego"]


def test_the_date_of_the_event_clause_wins_over_a_date_modifying_a_noun() -> None:
    text = "In January 2018, three factions joined forces to form the Northern Front ahead of the May 2018 elections."
    [ev] = events_of(text, [("Northern Front", "ORG_ARMED")])
    assert ev.date == "2018-01"


@pytest.mark.usefixtures("demonyms")
def test_it_in_reported_speech_is_the_speaker() -> None:
    text = "Last month, the Nigerian army said it had killed more than 40 militants in air strikes near Leego."
    [ev] = events_of(text, SHABAAB)
    assert ev.type == "Explosions/Remote violence/Air/drone strike"
    assert (ev.actor1, ev.certainty, ev.claimed_by) == ("Military Forces of Nigeria", "claimed",
                                                        "Military Forces of Nigeria")
    assert (ev.date, ev.fatalities, ev.fatalities_approx) == ("2023-05", 40, True)


def test_no_one_claiming_the_attack_is_no_claim_and_residents_are_no_claimant() -> None:
    text = ("Gunmen killed 12 farmers near Leego on Tuesday, residents said. "
            "No group has claimed responsibility for the attack.")
    [ev] = events_of(text, SHABAAB)
    assert (ev.certainty, ev.claimed_by) == ("reported", None)


def test_a_date_in_a_side_clause_does_not_pin_a_habitual_statement() -> None:
    text = "During the war that began in 2003, Al-Shabaab earned a reputation for mortar attacks on bases."
    assert events_of(text, SHABAAB) == []


def test_clashes_spreading_to_listed_villages_give_one_event_each() -> None:
    text = "Meanwhile, clashes spread from Sarmada to Atmeh and Barisha in the Idlib countryside on Monday."
    ents = [("Sarmada", "LOCATION"), ("Atmeh", "LOCATION"), ("Barisha", "LOCATION"), ("Idlib", "LOCATION")]
    found = events_of(text, ents)
    assert {e.location for e in found} >= {"Atmeh", "Barisha"}
    assert "Idlib" not in {e.location for e in found}


def test_an_attack_off_a_coast_is_placed_in_the_waters_the_article_names() -> None:
    text = ("The crew abandoned a cargo ship off Yemen on Monday after it was hit by missiles fired by the Houthis. "
            "Shipping in the Gulf of Aden has slowed.")
    ents = [("Yemen", "LOCATION"), ("Houthis", "ORG_ARMED"), ("Gulf of Aden", "LOCATION")]
    [ev] = events_of(text, ents)
    assert ev.type == "Explosions/Remote violence/Shelling/artillery/missile attack"
    assert (ev.actor1, ev.location) == ("Houthis", "Gulf of Aden")


def test_a_district_then_a_village_in_it_is_one_event_placed_at_the_village() -> None:
    from _helpers_events import PLACES, StubPlace
    PLACES.setdefault("bay region", StubPlace("Bay Region", "admin1", "Somalia", "SO", "SOM", "Bay", None,
                                              2.8, 43.8, 3))
    text = ("Al-Shabaab fighters attacked an army post in Bay Region on Monday. "
            "The fighters stormed the post at Leego before dawn, officials said.")
    found = events_of(text, [*SHABAAB, ("Bay Region", "LOCATION")])
    assert [(e.location, e.geo_precision) for e in found] == [("Leego", 1)]


def test_condemning_the_attack_is_not_a_new_event() -> None:
    text = ("Al-Shabaab fighters attacked an army post in Leego on Monday. "
            "The president condemned the attack on soldiers in Leego.")
    assert len(events_of(text, SHABAAB)) == 1


@pytest.mark.parametrize(("when", "expected"), [("in March 2016", 1), ("in 2016", 0), ("", 0)])
def test_a_change_to_a_group_needs_a_month(when: str, expected: int) -> None:
    text = f"The Northern Front pledged allegiance to Al-Shabaab {when}.".replace(" .", ".")
    assert len(events_of(text, [*SHABAAB, ("Northern Front", "ORG_ARMED")])) == expected


def test_a_named_fighter_acts_for_the_group_he_led_at_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    person = SimpleNamespace(id="p", type="PERSON", name="Omar Hassan")
    ties = [SimpleNamespace(subject="p", predicate="leader_of", object="g1", start="2010-01", end="2019-12"),
            SimpleNamespace(subject="p", predicate="leader_of", object="g2", start="2020-01", end=None)]
    groups = {"g1": SimpleNamespace(name="Old Front"), "g2": SimpleNamespace(name="New Front")}
    kb = SimpleNamespace(lookup=lambda name: [person] if "Hassan" in name else [],
                         lineage=lambda id: ties, get=lambda id: groups[id])
    monkeypatch.setattr(Setup, "kb", kb)
    text = "Omar Hassan blew himself up at a checkpoint in Leego on Monday."
    [ev] = events_of(text, [*SHABAAB, ("Omar Hassan", "PERSON")])
    assert (ev.type, ev.actor1) == ("Explosions/Remote violence/Suicide bomb", "New Front")


def test_a_passive_claim_names_the_claimant_who_replaces_a_guessed_actor() -> None:
    text = ("The Islamic State has long operated in the region. "
            "The suicide bombing at the checkpoint in Leego on Monday killed 12 people. "
            "The attack was claimed by Al-Shabaab, which released a picture of the bomber.")
    [ev] = events_of(text, [*SHABAAB, ("Islamic State", "ORG_ARMED")])
    assert (ev.type, ev.actor1) == ("Explosions/Remote violence/Suicide bomb", "Al-Shabaab")
    assert (ev.certainty, ev.claimed_by, ev.fatalities) == ("claimed", "Al-Shabaab", 12)
