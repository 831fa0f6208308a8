"""Arabic personal names: kunya, nasab, nisba with origin, laqab, titles; the rule files fail fast."""

from __future__ import annotations

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
def test_name_parts(surface: str, expected: dict[str, object]) -> None:
    assert parse_arabic_name(surface).attrs() == expected


@pytest.mark.parametrize(("surface", "canonical"), [
    ("Abu Sulayman al Rusi", "Abu Sulayman al-Rusi"),
    ("Sheikh Abdallah Yusuf al Qahtani", "Abdallah Yusuf al-Qahtani"),
    ("Mullah Akhtar Mansour", "Akhtar Mansour"),
    ("Abu Ubaydah", "Abu Ubaydah"),
])
def test_canonical_writes_al_hyphen_and_drops_titles(surface: str, canonical: str) -> None:
    assert arabic_canonical(surface) == canonical


def test_rule_file_with_bad_key_fails_with_file_and_line(tmp_path: Path) -> None:
    good = (DATA_DIR / "entity_rules.yaml").read_text()
    bad = tmp_path / "rules.yaml"
    bad.write_text(good + "\nfavourite_words: [x]\n")
    with pytest.raises(DataError) as err:
        parse_rules(bad, DATA_DIR / "nisbas.yaml")
    assert "favourite_words" in str(err.value) and str(bad) in str(err.value)
    assert err.value.line == len(bad.read_text().splitlines())


def test_rule_list_of_wrong_type_fails(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    lines = [line for line in (DATA_DIR / "entity_rules.yaml").read_text().splitlines()
             if not line.startswith("articles:")]
    bad.write_text("\n".join([*lines, "articles: 3"]) + "\n")
    with pytest.raises(DataError) as err:
        parse_rules(bad, DATA_DIR / "nisbas.yaml")
    assert "articles: expected a list of strings" in str(err.value)
    assert err.value.line == len(lines) + 1


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
