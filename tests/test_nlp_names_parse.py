"""Arabic personal names: kunya, nasab, nisba with origin, laqab, titles; the rule files fail fast."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.nlp.names import DATA_DIR, arabic_canonical, parse_arabic_name, parse_rules


@pytest.mark.parametrize(("surface", "expected"), [
    ("Abu Sulayman al-Rusi", {"kunya": "Abu Sulayman", "nisba": "al-Rusi", "origin": "Russia"}),
    ("Umm Hassan al Tunisi", {"kunya": "Umm Hassan", "nisba": "al-Tunisi", "origin": "Tunisia"}),
    ("Sheikh Hamad bin Khalid al-Zahrani", {"titles": ["Sheikh"], "ism": "Hamad", "nasab": "bin Khalid",
                                           "laqab": "al-Zahrani"}),
    ("Dr. Ayman al-Masri", {"titles": ["Dr."], "ism": "Ayman", "nisba": "al-Masri", "origin": "Egypt"}),
])
def test_name_parts(rules, surface: str, expected: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    assert parse_arabic_name(surface, rules).attrs() == expected


@pytest.mark.parametrize(("surface", "canonical"), [
    ("Abu Sulayman al Rusi", "Abu Sulayman al-Rusi"),
    ("Sheikh Abdallah Yusuf al Qahtani", "Abdallah Yusuf al-Qahtani"),
    ("Mullah Akhtar Mansour", "Akhtar Mansour"),
    ("Abu Ubaydah", "Abu Ubaydah"),
])
def test_canonical_writes_al_hyphen_and_drops_titles(rules, surface: str, canonical: str) -> None:  # type: ignore[no-untyped-def]
    assert arabic_canonical(surface, rules) == canonical


def test_entity_rules_name_a_missing_word_list(lexicon) -> None:  # type: ignore[no-untyped-def]
    words = {k: v for k, v in lexicon.words.items() if k != "honorifics"}
    with pytest.raises(DataError, match="'honorifics'"):
        parse_rules(dataclasses.replace(lexicon, words=words), DATA_DIR / "nisbas.yaml")


def test_nisba_of_wrong_type_fails_with_file_and_line(lexicon, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "nisbas.yaml"
    bad.write_text("rusi: Russia\nmasri: [Egypt]\n")
    with pytest.raises(DataError) as err:
        parse_rules(lexicon, bad)
    assert "masri" in str(err.value) and str(bad) in str(err.value)
    assert err.value.line == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("Fighters of Liwa al-Quds and Jaysh al Izza advanced.", ["Liwa al-Quds", "Jaysh al Izza"]),
    ("Harakat Nour al-Din al-Zenki withdrew.", ["Harakat Nour al-Din al-Zenki"]),
    ("The liwa commander said Ansar rose.", []),
])
def test_group_name_pattern(text: str, expected: list[str]) -> None:
    import spacy

    from orbat.nlp.extensions import register_extensions
    from orbat.nlp.names import group_name_spans, load_rules

    register_extensions()
    doc = spacy.blank("en")(text)
    assert [s.text for s in group_name_spans(doc, load_rules())] == expected
