"""One incident, one event at its own place: follow-up sentences about the toll or the looting
enrich the attack; a dateline place gives way to the place the event's clause names."""

from __future__ import annotations

import pytest
from _helpers_events import Setup, StubGazetteer, events_of

pytestmark = pytest.mark.slow

ENTS = [("Al-Shabaab", "ORG_ARMED"), ("HTS", "ORG_ARMED"), ("SDF", "ORG_ARMED"), ("Leego", "LOCATION"),
        ("Somalia", "LOCATION"), ("Sarmada", "LOCATION"), ("SARMADA", "LOCATION"), ("Qah", "LOCATION"),
        ("Syria", "LOCATION")]
RAID = "Al-Shabaab fighters stormed Leego on Tuesday, burning the market."


@pytest.fixture(autouse=True)
def stub_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Setup, "gazetteer", StubGazetteer())


def test_a_toll_sentence_after_an_attack_fills_it_instead_of_a_new_event_where_people_fled() -> None:
    [ev] = events_of(RAID + " At least seven civilians were killed, and residents fled to Sarmada.", ENTS)
    assert (ev.actor1, ev.location, ev.fatalities) == ("Al-Shabaab", "Leego", 7)


def test_looting_by_the_attackers_is_part_of_the_attack() -> None:
    [ev] = events_of("Al-Shabaab fighters stormed Leego on Tuesday. The attackers looted shops and burned homes.", ENTS)
    assert ev.location == "Leego"


def test_a_killing_at_another_place_is_its_own_event() -> None:
    found = events_of("Al-Shabaab fighters stormed Leego on Tuesday. Two soldiers were killed in Sarmada.", ENTS)
    assert len(found) == 2


def test_the_clause_place_beats_the_dateline_place() -> None:
    [ev] = events_of("SARMADA, Syria — SDF fighters clashed with HTS near Qah on Monday.", ENTS)
    assert ev.location == "Qah"


def test_the_dateline_place_is_used_when_the_sentence_names_no_other() -> None:
    [ev] = events_of("SARMADA, Syria — SDF fighters clashed with HTS on Monday.", ENTS)
    assert ev.location == "Sarmada"
