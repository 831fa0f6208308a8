"""The rule files load, and invalid rules fail naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.ontology.predicates import load_predicates
from orbat.relations.rules import load_patterns, load_triggers


def test_relations_rules_packaged_files_load() -> None:
    patterns, triggers = load_patterns(), load_triggers()
    assert len(patterns) > 30 and len(triggers) >= 5
    used = {r.predicate for r in [*patterns, *triggers]}
    assert used <= set(load_predicates())


@pytest.mark.parametrize(("body", "message"), [
    ("- name: x\n  predicate: befriends\n  between: 'and'\n", "unknown predicate"),
    ("- name: x\n  predicate: member_of\n  between: '(unclosed'\n", "invalid regular expression"),
    ("- name: x\n  predicate: member_of\n  between: 'a'\n  colour: red\n", "colour"),
    ("- name: x\n  predicate: member_of\n  between: 'a'\n- name: x\n  predicate: member_of\n  between: 'b'\n",
     "duplicate rule names"),
])
def test_relations_rules_invalid_rule_names_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text("# rules\n" + body, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_patterns(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_relations_rules_error_has_line(tmp_path: Path) -> None:
    path = tmp_path / "triggers.yaml"
    path.write_text("- name: ok\n  predicate: fights\n  pos: VERB\n  lemmas: [fight]\n"
                    "- name: bad\n  predicate: fights\n  pos: ADJ\n  lemmas: [x]\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_triggers(path)
    assert err.value.line == 5
