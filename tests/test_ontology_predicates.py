"""The predicates ontology loads, is typed, and maps to SMM, STIX and re3d."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.ontology.predicates import load_predicates, re3d_map

REQUIRED = ("member_of", "leader_of", "allied_with", "rival_of", "fights", "splinter_of", "merged_into",
            "renamed_to", "affiliate_of", "pledged_allegiance_to", "operates_in", "located_in")


def test_all_required_predicates_are_defined() -> None:
    preds = load_predicates()
    assert set(REQUIRED) <= set(preds)


@pytest.mark.parametrize(("name", "symmetric"), [("allied_with", True), ("rival_of", True), ("fights", True),
                                                 ("merged_into", False), ("leader_of", False)])
def test_symmetry(name: str, symmetric: bool) -> None:
    assert load_predicates()[name].symmetric is symmetric


def test_type_constraints() -> None:
    preds = load_predicates()
    assert preds["leader_of"].allows("PERSON", "ORG_ARMED")
    assert not preds["leader_of"].allows("ORG_ARMED", "PERSON")
    assert preds["operates_in"].allows("ORG_ARMED", "LOCATION")
    assert not preds["merged_into"].allows("ORG_ARMED", "LOCATION")


def test_export_and_evaluation_correspondences() -> None:
    preds = load_predicates()
    assert preds["located_in"].stix == "located-at"
    assert preds["affiliate_of"].smm == "affiliates"
    mapping = re3d_map()
    assert mapping["FightingAgainst"] == ["rival_of", "fights"]
    assert mapping["AlliesOf"] == ["allied_with"]
    assert mapping["BelongsTo"] == ["member_of"]
    assert mapping["InChargeOf"] == ["leader_of"]


def test_bad_predicate_file_names_line(tmp_path: Path) -> None:
    path = tmp_path / "predicates.yaml"
    path.write_text(
        "member_of:\n  description: x\n  symmetric: false\n  temporal: true\n  subject_types: [PERSON]\n"
        "  object_types: [ORG_ARMED]\n  stix: related-to\n  inverse_label: has member\n"
        "leads:\n  description: y\n  symmetric: false\n  temporal: true\n  subject_types: [GROUP]\n"
        "  object_types: [ORG_ARMED]\n  stix: related-to\n  inverse_label: led by\n", encoding="utf-8")
    with pytest.raises(DataError, match="subject_types") as info:
        load_predicates(path)
    assert info.value.line == 10


def test_rivalry_predicates_share_one_reporting_label() -> None:
    preds = load_predicates()
    assert preds["rival_of"].label == preds["fights"].label == "rival_of/fights"
    assert preds["member_of"].label == "member_of"
