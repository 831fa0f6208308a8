"""Who claims an event: a reporting source is not a claimant; a perpetrator's statement in a
following sentence is a claim on the event it refers to; a later blame makes it alleged."""

from __future__ import annotations

import pytest
from _helpers_events import Setup, StubGazetteer, events_of

pytestmark = pytest.mark.slow

ENTS = [("Al-Shabaab", "ORG_ARMED"), ("Islamic State", "ORG_ARMED"), ("Leego", "LOCATION"),
        ("Somalia", "LOCATION"), ("Somali Rights Watch", "ORG_OTHER"), ("Radio Andalus", "ORG_OTHER")]
RAID = "Gunmen attacked a police post in Leego on Monday, killing four officers."


@pytest.fixture(autouse=True)
def stub_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Setup, "gazetteer", StubGazetteer())


def test_a_rights_group_reporting_an_attack_is_not_its_claimant() -> None:
    text = "Al-Shabaab fighters stormed a military base in Leego on Tuesday, Somali Rights Watch said."
    [ev] = events_of(text, ENTS)
    assert (ev.actor1, ev.certainty, ev.claimed_by) == ("Al-Shabaab", "reported", None)


def test_a_group_reporting_its_own_attack_stays_the_claimant() -> None:
    text = "Al-Shabaab said its fighters stormed a military base in Leego on Tuesday."
    [ev] = events_of(text, ENTS)
    assert ev.claimed_by == "Al-Shabaab"


def test_a_perpetrator_statement_in_the_next_sentence_claims_the_attack() -> None:
    text = RAID + (" Al-Shabaab said through its Radio Andalus station that its fighters had killed the"
                   " officers and seized weapons and vehicles.")
    [ev] = events_of(text, ENTS)
    assert ev.type == "Battles/Armed clash"
    assert (ev.actor1, ev.certainty, ev.claimed_by) == ("Al-Shabaab", "claimed", "Al-Shabaab")
    assert ev.location == "Leego"


def test_a_statement_of_a_group_about_another_partys_act_is_not_a_claim_on_it() -> None:
    text = ("Islamic State fighters attacked a police post in Leego on Monday. Al-Shabaab said its"
            " fighters had seized weapons.")
    found = events_of(text, ENTS)
    assert found[0].actor1 == "Islamic State"
    assert found[0].claimed_by is None


@pytest.mark.parametrize("blame", ["Police blamed Al-Shabaab for the attack.",
                                   "Police blamed the attack on Al-Shabaab."])
def test_a_later_blame_makes_the_attack_alleged_by_the_accuser(blame: str) -> None:
    [ev] = events_of(RAID + " " + blame, ENTS)
    assert (ev.certainty, ev.claimed_by) == ("alleged", "Police Forces of Somalia")
    assert ev.actor1 == "Al-Shabaab"
