"""Event types are (event type, sub-event type) pairs: sub-types may contain a "/" themselves."""

from __future__ import annotations

import pytest

from orbat.ontology.events import load_event_types
from orbat.query.events import _type_matches

AIR = "Explosions/Remote violence/Air/drone strike"


@pytest.mark.parametrize(("name", "pair"), [
    (AIR, ("Explosions/Remote violence", "Air/drone strike")),
    ("Explosions/Remote violence/Shelling/artillery/missile attack",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Violence against civilians/Abduction/forced disappearance",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Strategic developments/Change to group/activity", ("Strategic developments", "Change to group/activity")),
    ("Battles/Armed clash", ("Battles", "Armed clash")),
])
def test_ontology_event_pairs_split_at_the_acled_event_type(name: str, pair: tuple[str, str]) -> None:
    ontology = load_event_types()
    assert ontology.split(name) == pair
    assert (ontology[name].event_type, ontology[name].sub_event_type) == pair


def test_ontology_event_pairs_every_type_starts_with_an_acled_event_type() -> None:
    tops = {et.event_type for et in load_event_types().types.values()}
    assert tops == {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                    "Strategic developments"}


@pytest.mark.parametrize(("wanted", "hit"), [
    ("Air/drone strike", True), ("air/drone strike", True), ("Explosions/Remote violence", True), (AIR, True),
    ("Explosions", True), ("Armed clash", False), ("strike", False),
])
def test_ontology_event_pairs_type_filter_takes_a_sub_type_with_a_slash(wanted: str, hit: bool) -> None:
    assert _type_matches(AIR, wanted) is hit
    assert (AIR in load_event_types().matching(wanted)) is hit
