"""Context cues for names the gazetteer does not know (orbat.nlp.names)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from orbat.nlp.names import load_rules, person_context, place_context, spaced_dash


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return spacy.blank("en")


def _span(nlp, text: str, name: str) -> Span:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    return span


@pytest.mark.parametrize(("text", "expected"), [
    ("The group is led by Jafar Dicko now.", True),
    ("Jafar Dicko said the talks failed.", True),
    ("Jafar Dicko, who fled, was seen.", True),
    ("Fighting spread to Jafar Dicko last week.", False),
])
def test_person_context(nlp, text: str, expected: bool) -> None:
    assert person_context(_span(nlp, text, "Jafar Dicko"), load_rules()) is expected


@pytest.mark.parametrize(("text", "name", "strict", "expected"), [
    ("Gunmen attacked farmers in Komanda on Monday.", "Komanda", False, True),
    ("Troops entered the town of Daynile at dawn.", "Daynile", True, True),
    ("A rift in Hamas grew.", "Hamas", True, False),
    ("Arms were found in Hassan's house.", "Hassan", False, False),
    ("The attack in Dera Ismail Khan killed four.", "Dera", False, False),
    ("They met Komanda in person.", "Komanda", False, False),
])
def test_place_context(nlp, rules, text: str, name: str, strict: bool, expected: bool) -> None:  # type: ignore[no-untyped-def]
    assert place_context(_span(nlp, text, name), rules, strict=strict) is expected


def test_spaced_dash_is_a_dateline_not_a_hyphen(nlp) -> None:
    doc = nlp("KABUL - Fighters of Jaish-e-Mohammed attacked.")
    assert spaced_dash(doc[1])
    assert not any(spaced_dash(t) for t in doc[2:])


@pytest.mark.parametrize(("surface", "canonical"), [
    ("Qari Zubair", "Qari Zubair"), ("Mullah Dadullah", "Mullah Dadullah"),
    ("Sheikh Ali Dhere", "Ali Dhere"), ("Qari Abdul Rahman", "Abdul Rahman"),
])
def test_religious_title_stays_with_a_one_word_name(rules, surface: str, canonical: str) -> None:  # type: ignore[no-untyped-def]
    from orbat.nlp.names import arabic_canonical

    assert arabic_canonical(surface, rules) == canonical


def test_provincial_government_is_not_the_national_one(nlp) -> None:
    from orbat.geo import load_gazetteer
    from orbat.nlp.extensions import register_extensions
    from orbat.nlp.gazetteer import PlaceOracle, StateForceFinder

    register_extensions()
    finder = StateForceFinder(load_rules(), PlaceOracle.of(load_gazetteer()))
    doc = nlp("Later the Balochistan government and the Bamako government issued statements.")
    found = {s.text: s._.canonical for s in finder.find(doc)}
    assert found == {"Balochistan government": None, "Bamako government": "Government of Mali"}
