"""Who acted, beyond the dev phrasings: a foreign force named only by a country modifier of the
event noun ("killed in a U.S. raid"), the planner of a plot reported by its enemy, and a group
named one sentence before ("an Islamic State cell ... the cell")."""

from __future__ import annotations

import pytest
from _helpers_events import Setup, StubGazetteer, events_of

pytestmark = pytest.mark.slow

ENTS = [("Islamic State", "ORG_ARMED"), ("HTS", "ORG_ARMED"), ("Abu Khalid", "PERSON"), ("U.S.", "LOCATION"),
        ("Atmeh", "LOCATION"), ("Sarmada", "LOCATION"), ("Barisha", "LOCATION"), ("Syria", "LOCATION")]
AIR = "Explosions/Remote violence/Air/drone strike"
IED = "Explosions/Remote violence/Remote explosive/landmine/IED"


@pytest.fixture(autouse=True)
def stub_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Setup, "gazetteer", StubGazetteer())


def test_a_country_modifying_a_raid_is_that_countrys_forces_and_the_victims_group_is_the_target() -> None:
    [ev] = events_of("Abu Khalid, the Islamic State's leader, was killed in a U.S. special forces raid "
                     "in Atmeh in March 2023.", ENTS)
    assert (ev.actor1, ev.actor2, ev.location) == ("Military Forces of the United States", "Islamic State", "Atmeh")


def test_killed_in_a_demonym_drone_strike_is_that_states_air_strike() -> None:
    [ev] = events_of("A senior HTS commander was killed in a Turkish drone strike in Sarmada on Monday.", ENTS)
    assert (ev.type, ev.actor1, ev.actor2) == (AIR, "Military Forces of Turkey", "HTS")


def test_a_named_group_still_wins_over_the_country_modifier() -> None:
    [ev] = events_of("Seven HTS fighters were killed in an Islamic State raid in Sarmada on Monday.", ENTS)
    assert (ev.actor1, ev.actor2) == ("Islamic State", "HTS")


@pytest.mark.parametrize("cell", ["an Islamic State cell", "an Islamic State-linked cell", "a cell of the Islamic State"])
def test_the_planner_acts_and_the_accuser_alleges(cell: str) -> None:
    found = events_of(f"HTS said it had arrested {cell} in Sarmada in May 2023. "
                      "HTS said the cell had planned bombings against checkpoints in Barisha.", ENTS)
    plot = next(e for e in found if e.type == IED)
    assert (plot.actor1, plot.modality, plot.certainty, plot.claimed_by) == ("Islamic State", "planned", "alleged", "HTS")


def test_an_event_not_planned_keeps_its_speaker_as_claimant() -> None:
    [ev] = events_of("HTS said its fighters had attacked an Islamic State position in Barisha on Monday.", ENTS)
    assert ev.modality != "planned"
    assert (ev.actor1, ev.certainty) == ("HTS", "claimed")


def test_the_militants_are_the_group_named_in_the_sentence_before() -> None:
    found = events_of("HTS said Islamic State militants were seen near Barisha on Sunday. "
                      "On Monday the militants ambushed a patrol in Sarmada.", ENTS)
    [ev] = [e for e in found if e.location == "Sarmada"]
    assert ev.actor1 == "Islamic State"


def test_the_target_of_the_main_verb_is_the_target_of_its_killing_clause() -> None:
    [ev] = events_of("Islamic State fighters entered Barisha on Sunday, residents said. On Monday the militants "
                     "attacked an HTS checkpoint in the town, killing four guards.", ENTS)
    assert (ev.actor1, ev.actor2, ev.location) == ("Islamic State", "HTS", "Barisha")
