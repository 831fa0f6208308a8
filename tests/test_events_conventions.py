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
