"""ACLED conventions by event type (event_types.yaml actor1_as / actor2_as / defaults)."""

from __future__ import annotations

import pytest
from _helpers_events import events_of

pytestmark = pytest.mark.slow

KENYA = [("Nairobi", "LOCATION"), ("Kenya", "LOCATION")]


def test_events_conventions_protesters_are_actor1_of_a_peaceful_protest() -> None:
    [ev] = events_of("Thousands of teachers held a protest in Nairobi, Kenya, on Monday over unpaid wages.", KENYA)
    assert (ev.type, ev.actor1, ev.actor2) == ("Protests/Peaceful protest", "Protesters (Kenya)", None)


def test_events_conventions_an_intervention_is_the_polices_against_the_protesters() -> None:
    [ev] = events_of("Police fired tear gas to disperse protesters in Nairobi, Kenya, on Monday.", KENYA)
    assert ev.type == "Protests/Protest with intervention"
    assert (ev.actor1, ev.actor2) == ("Protesters (Kenya)", "Police Forces of Kenya")


def test_events_conventions_excessive_force_is_used_against_the_protesters() -> None:
    [ev] = events_of("In Nairobi, Kenya, police opened fire on protesters on Monday, killing two.", KENYA)
    assert ev.type == "Protests/Excessive force against protesters"
    assert (ev.actor1, ev.actor2) == ("Police Forces of Kenya", "Protesters (Kenya)")


def test_events_conventions_rioters_are_actor1_of_a_riot() -> None:
    [ev] = events_of("Youths rioted in Nairobi, Kenya, on Monday, torching a police station.", KENYA)
    assert ev.type == "Riots/Violent demonstration" and ev.actor1 == "Rioters (Kenya)"


def test_events_conventions_a_described_armed_subject_of_the_sentence_is_the_agent_of_a_passive_killing() -> None:
    [ev] = events_of("On 4 March, one civilian was killed when gunmen attacked Gwoza in Borno State, Nigeria.",
                     [("Gwoza", "LOCATION"), ("Borno State", "LOCATION"), ("Nigeria", "LOCATION")],
                     published="2024-01-05")
    assert (ev.actor1, ev.actor2) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")
    assert ev.fatalities == 1 and ev.date == "2023-03-04"  # the day of the date is no death toll


def test_events_conventions_deaths_stated_per_side_are_summed() -> None:
    [ev] = events_of("Three militants and two policemen were killed in a clash in Jamrud, Pakistan, on 12 May.",
                     [("Jamrud", "LOCATION"), ("Pakistan", "LOCATION")], published="2024-06-01")
    assert ev.fatalities == 5
