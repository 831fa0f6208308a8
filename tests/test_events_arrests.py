"""Arrests: the arresting side is actor1, the people arrested actor2; an arrest announced by
the arresting side or a state body is claimed by it (hand-written sentences, stand-in gazetteer)."""

from __future__ import annotations

import pytest
from _helpers_events import Setup, StubGazetteer, events_of

pytestmark = pytest.mark.slow

ENTS = [("Islamic State", "ORG_ARMED"), ("Al-Shabaab", "ORG_ARMED"), ("Leego", "LOCATION"),
        ("Somalia", "LOCATION"), ("Interior Ministry", "ORG_OTHER"),
        ("Somali Rights Watch", "ORG_OTHER")]
ARRESTS = "Strategic developments/Arrests"


@pytest.fixture(autouse=True)
def stub_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Setup, "gazetteer", StubGazetteer())


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("Police arrested five suspected Islamic State members in Leego on Tuesday.",
     "Police Forces of Somalia", "Islamic State"),
    ("Five suspected Islamic State members were arrested by police in Leego on Tuesday.",
     "Police Forces of Somalia", "Islamic State"),
    ("Authorities in Somalia arrested 27 men suspected of supplying Al-Shabaab in Leego on Sunday.",
     "Police Forces of Somalia", None),
    ("Security forces rounded up 30 Al-Shabaab suspects in Leego on Sunday.",
     "Military Forces of Somalia", "Al-Shabaab"),
    ("Intelligence agents captured two Al-Shabaab commanders near Leego on Friday.",
     "Police Forces of Somalia", "Al-Shabaab"),
])
def test_the_arresting_side_is_actor1_and_the_detainees_actor2(text: str, actor1: str, actor2: str | None) -> None:
    [ev] = events_of(text, ENTS)
    assert ev.type == ARRESTS
    assert ev.actor1 == actor1
    assert ev.actor1 not in {"Islamic State", "Al-Shabaab"}
    if actor2 is not None:
        assert ev.actor2 == actor2


def test_an_arrest_announced_by_the_arresting_side_is_claimed_by_it() -> None:
    [ev] = events_of("The army said it had detained 14 Al-Shabaab members in Leego last week.", ENTS)
    assert (ev.type, ev.actor1, ev.actor2) == (ARRESTS, "Military Forces of Somalia", "Al-Shabaab")
    assert (ev.certainty, ev.claimed_by, ev.count) == ("claimed", "Military Forces of Somalia", 14)


def test_an_arrest_announced_by_a_ministry_is_claimed_by_the_ministry() -> None:
    text = "In Leego, soldiers detained a suspected Islamic State financier on Monday, the Interior Ministry said."
    [ev] = events_of(text, ENTS)
    assert (ev.certainty, ev.claimed_by) == ("claimed", "Interior Ministry")


def test_an_arrest_reported_by_a_rights_group_is_reported_without_claimant() -> None:
    text = "Police arrested three Islamic State suspects in Leego on Monday, Somali Rights Watch said."
    [ev] = events_of(text, ENTS)
    assert (ev.actor1, ev.certainty, ev.claimed_by) == ("Police Forces of Somalia", "reported", None)


def test_capturing_a_town_is_still_territory() -> None:
    [ev] = events_of("Al-Shabaab fighters captured the town of Leego on Friday.", ENTS)
    assert (ev.type, ev.actor1) == ("Battles/Non-state actor overtakes territory", "Al-Shabaab")
