"""The ACLED event ontology as data: complete, cross-walked, validated at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.ontology.events import CROSSWALK_DIR, load_event_types, parse_event_types

ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"],
}

GOOD = """\
Battles/Armed clash:
  disorder_type: Political violence
  gtd: Armed Assault
  plover: {event: ASSAULT, mode: firearms}
  muc: ATTACK
  triggers:
    - {lemma: clash}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "event_types.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_acled_sub_event_type_is_defined() -> None:
    names = set(load_event_types().names())
    expected = {f"{t}/{s}" for t, subs in ACLED.items() for s in subs}
    assert expected == names


def test_types_split_into_acled_event_and_sub_event_type() -> None:
    et = load_event_types()["Explosions/Remote violence/Air/drone strike"]
    assert (et.event_type, et.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert et.gtd == "Bombing/Explosion"
    assert et.muc == "BOMBING"


def test_violence_against_civilians_defaults_actor2_to_civilians() -> None:
    assert load_event_types()["Violence against civilians/Attack"].default_actor2 == "Civilians"


def test_a_minimal_file_parses(tmp_path: Path) -> None:
    onto = parse_event_types(write(tmp_path, GOOD), CROSSWALK_DIR)
    assert onto["Battles/Armed clash"].triggers[0].words == ("clash",)


@pytest.mark.parametrize(("bad", "reason", "line"), [
    (GOOD.replace("muc: ATTACK", "muc: SHOOTING"), "muc 'SHOOTING' is not in the closed list", 2),
    (GOOD.replace("gtd: Armed Assault", "gtd: Drive-by"), "gtd 'Drive-by' is not in the closed list", 2),
    (GOOD.replace("muc: ATTACK", "muc: ATTACK\n  colour: red"), "colour", 2),
    (GOOD.replace("{lemma: clash}", "{lemma: clash, phrase: gun battle}"), "exactly one", 7),
    (GOOD + "\nBattles/Government regains territory:\n" + GOOD.split("\n", 1)[1], "used by", 15),
])
def test_invalid_files_fail_naming_file_reason_and_line(tmp_path: Path, bad: str, reason: str, line: int) -> None:
    path = write(tmp_path, bad)
    with pytest.raises(DataError) as err:
        parse_event_types(path, CROSSWALK_DIR)
    assert reason in str(err.value)
    assert err.value.path == str(path)
    assert err.value.line == line


def test_a_shared_trigger_is_fine_when_disambiguated(tmp_path: Path) -> None:
    other = GOOD.split("\n", 1)[1].replace("{lemma: clash}", "{lemma: clash, context: [protester]}")
    onto = parse_event_types(write(tmp_path, GOOD + "\nRiots/Violent demonstration:\n" + other), CROSSWALK_DIR)
    assert len(onto.by_words[("clash",)]) == 2
