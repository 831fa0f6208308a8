"""Event types of phrasings seen beyond the dev set: missile strikes on ships, a state striking
a list of places, retaking towns, a group dissolving or a mission being replaced, accused strikes."""

from __future__ import annotations

import pytest
from _helpers_events import Setup, StubGazetteer, events_of

pytestmark = pytest.mark.slow

ENTS = [("Houthis", "ORG_ARMED"), ("Israel", "LOCATION"), ("Turkey", "LOCATION"), ("Kafr Lusin", "LOCATION"),
        ("Qah", "LOCATION"), ("Deir Hassan", "LOCATION"), ("Sarmada", "LOCATION"), ("Leego", "LOCATION"),
        ("Somalia", "LOCATION"), ("Gulf of Aden", "LOCATION"), ("HTS", "ORG_ARMED"), ("ATMIS", "ORG_ARMED"),
        ("SDF", "ORG_ARMED")]
SHELLING = "Explosions/Remote violence/Shelling/artillery/missile attack"
AIR = "Explosions/Remote violence/Air/drone strike"
CHANGE = "Strategic developments/Change to group/activity"


@pytest.fixture(autouse=True)
def stub_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Setup, "gazetteer", StubGazetteer())


@pytest.mark.parametrize("text", [
    "The Houthis claimed a missile strike on a tanker in the Gulf of Aden on Monday.",
    "The Houthis attacked a cargo vessel in the Gulf of Aden on Monday.",
])
def test_a_strike_on_a_ship_is_remote_violence_not_a_clash(text: str) -> None:
    [ev] = events_of(text, ENTS)
    assert (ev.type, ev.actor1, ev.location) == (SHELLING, "Houthis", "Gulf of Aden")


def test_a_state_striking_a_list_of_places_gives_one_air_strike_per_place() -> None:
    found = events_of("Israel struck ports in Kafr Lusin, Qah and Deir Hassan on Sunday.", ENTS)
    assert [(e.type, e.location) for e in found] == [(AIR, "Kafr Lusin"), (AIR, "Qah"), (AIR, "Deir Hassan")]
    assert {e.actor1 for e in found} == {"Military Forces of Israel"}


@pytest.mark.parametrize("text", ["Somali troops retook Leego on Tuesday.",
                                  "Somali soldiers regained control of Leego on Tuesday."])
def test_retaking_a_town_is_government_regains_territory(text: str) -> None:
    [ev] = events_of(text, ENTS)
    assert (ev.type, ev.actor1, ev.location) == ("Battles/Government regains territory",
                                                 "Military Forces of Somalia", "Leego")


@pytest.mark.parametrize(("text", "party"), [
    ("HTS announced its dissolution in January 2025.", "HTS"),
    ("In January 2025, ATMIS was replaced by a new mission.", "ATMIS"),
])
def test_a_dissolution_or_replacement_dated_to_the_month_is_a_change_to_a_group(text: str, party: str) -> None:
    [ev] = events_of(text, ENTS)
    assert (ev.type, ev.date) == (CHANGE, "2025-01")
    assert party in {ev.actor1, ev.actor2}


def test_an_undated_dissolution_is_background() -> None:
    assert events_of("HTS announced its dissolution years ago.", ENTS) == []


def test_drone_strikes_someone_is_accused_of_are_alleged_and_theirs() -> None:
    [ev] = events_of("The SDF accused Turkey of carrying out drone strikes on Sarmada on Friday.", ENTS)
    assert (ev.type, ev.actor1, ev.location) == (AIR, "Military Forces of Turkey", "Sarmada")
    assert (ev.certainty, ev.claimed_by) == ("alleged", "SDF")
