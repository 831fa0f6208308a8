"""The lexicon is data: word lists and templates load by name and fail with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.lexicon import load_lexicon, parse_lexicon


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_lexicon_lists_and_templates_load_by_name(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "force_nouns: [army, troops]\ntemplates:\n  military: 'Military Forces of {country}'\n")
    b = _write(tmp_path / "b.yaml", "civilian_words: [villagers]\n")
    lex = parse_lexicon([a, b])
    assert lex.force_nouns == frozenset({"army", "troops"}) and "villagers" in lex.civilian_words
    assert lex.template("military", country="Mali") == "Military Forces of Mali"
    assert lex.origin["civilian_words"] == "b.yaml:1"


def test_lexicon_a_list_defined_twice_names_both_places(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "x: [one]\nforce_nouns: [army]\n")
    b = _write(tmp_path / "b.yaml", "# comment\nforce_nouns: [troops]\n")
    with pytest.raises(DataError) as info:
        parse_lexicon([a, b])
    assert info.value.line == 2 and "a.yaml:2" in str(info.value)


@pytest.mark.parametrize(("text", "reason"), [
    ("words: [1, 2]\n", "list of strings"),
    ("words: army\n", "list of strings"),
    ("templates:\n  bad: 'Forces of {nation}'\n", "unknown field"),
    ("- a\n- b\n", "mapping"),
])
def test_lexicon_bad_entries_fail_with_the_file(tmp_path: Path, text: str, reason: str) -> None:
    path = _write(tmp_path / "bad.yaml", text)
    with pytest.raises(DataError, match=reason) as info:
        parse_lexicon([path])
    assert info.value.path == str(path)


def test_lexicon_unknown_list_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no word list"):
        _ = load_lexicon().no_such_list


def test_lexicon_word_maps_load_by_name_and_check_their_values(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.yaml", "short_names:\n  usa: United States\n  uk: United Kingdom\n")
    assert parse_lexicon([good]).mapping("short_names")["usa"] == "United States"
    bad = _write(tmp_path / "bad.yaml", "# maps\nshort_names:\n  usa: [United States]\n")
    with pytest.raises(DataError, match="word -> word") as info:
        parse_lexicon([bad])
    assert info.value.path == str(bad) and info.value.line == 2
