"""Broken KB files fail fast with the file and line that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.kb.loader import load_kb

_GOOD = """\
- id: alpha-front
  name: Alpha Front
  type: ORG_ARMED
  kind: rebel_group
  aliases: [AF Group, Jabhat Alfa]
  countries: [SY]
  inter: 2
  founded: 2012-01

- id: beta-brigade
  name: Beta Brigade
  type: ORG_ARMED
  kind: militia
  countries: [IQ]
  lineage:
    - {predicate: merged_into, object: alpha-front, date: 2014-03}
"""


def write_kb(tmp_path: Path, groups: str, people: str | None = None) -> Path:
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups" / "test.yaml").write_text(groups, encoding="utf-8")
    if people is not None:
        (tmp_path / "people.yaml").write_text(people, encoding="utf-8")
    return tmp_path


def expect_error(tmp_path: Path, groups: str, match: str, line: int | None, people: str | None = None) -> None:
    with pytest.raises(DataError, match=match) as info:
        load_kb(write_kb(tmp_path, groups, people))
    assert info.value.line == line
    assert info.value.path.endswith(".yaml")


def test_valid_tiny_kb_loads(tmp_path: Path) -> None:
    kb = load_kb(write_kb(tmp_path, _GOOD))
    assert kb.successors("beta-brigade") == ["alpha-front"]
    assert kb.lookup("Jabhat Alfa")[0].id == "alpha-front"


def test_bad_lineage_target_names_file_and_line(tmp_path: Path) -> None:
    broken = _GOOD.replace("object: alpha-front", "object: gamma-army")
    with pytest.raises(DataError) as info:
        load_kb(write_kb(tmp_path, broken))
    message = str(info.value)
    assert "groups/test.yaml:16" in message
    assert "gamma-army" in message


def test_unknown_key_is_rejected_at_its_entry(tmp_path: Path) -> None:
    expect_error(tmp_path, _GOOD.replace("  inter: 2\n", "  inter: 2\n  colour: red\n"), "colour", 1)


def test_unknown_predicate_is_rejected(tmp_path: Path) -> None:
    expect_error(tmp_path, _GOOD.replace("merged_into", "swallowed_by"), "unknown predicate", 16)


def test_predicate_between_wrong_types_is_rejected(tmp_path: Path) -> None:
    people = "- id: some-person\n  name: Some Person\n  roles:\n    - {predicate: leader_of, object: alpha-front}\n"
    groups = _GOOD.replace("object: alpha-front, date", "object: some-person, date")
    expect_error(tmp_path, groups, "does not link ORG_ARMED to PERSON", 16, people)


def test_duplicate_id_is_rejected(tmp_path: Path) -> None:
    expect_error(tmp_path, _GOOD.replace("id: beta-brigade", "id: alpha-front"), "duplicate id", 10)


def test_bad_country_code_is_rejected(tmp_path: Path) -> None:
    expect_error(tmp_path, _GOOD.replace("countries: [SY]", "countries: [XX]"), "ISO 3166", 1)


@pytest.mark.parametrize("bad", ["2012-13", "2012-02-30", "March 2012", "12-2012"])
def test_bad_date_is_rejected(tmp_path: Path, bad: str) -> None:
    expect_error(tmp_path, _GOOD.replace("founded: 2012-01", f"founded: {bad}"), "date", 1)


def test_bad_date_inside_lineage_points_at_the_edge(tmp_path: Path) -> None:
    expect_error(tmp_path, _GOOD.replace("date: 2014-03", "date: 2014-00"), "date", 16)


def test_shared_alias_must_be_declared_ambiguous_on_both(tmp_path: Path) -> None:
    shared = _GOOD.replace("  countries: [IQ]\n", "  aliases: [Jabhat-Alfa]\n  countries: [IQ]\n")
    expect_error(tmp_path, shared, "ambiguous_aliases", 10)


def test_declared_ambiguous_alias_loads_and_returns_both(tmp_path: Path) -> None:
    groups = _GOOD.replace("  countries: [SY]\n", "  ambiguous_aliases: [The Front]\n  countries: [SY]\n", 1)
    groups = groups.replace("  countries: [IQ]\n", "  ambiguous_aliases: [Front]\n  countries: [IQ]\n")
    kb = load_kb(write_kb(tmp_path, groups))
    assert {e.id for e in kb.lookup("Front")} == {"alpha-front", "beta-brigade"}


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    expect_error(tmp_path, _GOOD.replace("aliases: [AF Group, Jabhat Alfa]", "aliases: [AF Group, Jabhat Alfa"),
                 "invalid YAML", 6)


def test_yes_no_are_not_booleans(tmp_path: Path) -> None:
    kb = load_kb(write_kb(tmp_path, _GOOD.replace("countries: [SY]", "countries: [NO]")))
    assert kb.get("alpha-front").countries == ["NO"]


def test_missing_groups_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="groups"):
        load_kb(tmp_path)
