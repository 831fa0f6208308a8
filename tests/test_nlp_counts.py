"""Counts of people: value, approximation and kind (fatalities, injured, arrested) kept apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbat.nlp.counts import counts_by_kind, find_counts, number_value

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    import spacy

    from orbat.settings import Settings
    return spacy.load(Settings().spacy_model)


@pytest.mark.parametrize(("text", "expected"), [
    ("Police arrested more than 100 fighters on Monday.", [(100, True, False, "count")]),
    ("At least 15 people were killed in the raid.", [(15, True, False, "fatalities")]),
    ("Up to 25 people were killed in the clashes.", [(25, False, True, "fatalities")]),
    ("Dozens of soldiers died in the ambush.", [(24, True, False, "fatalities")]),
    ("Several hundred residents were detained.", [(200, True, False, "count")]),
    ("Gunmen killed twenty-five villagers and wounded 30 others.",
     [(25, False, False, "fatalities"), (30, False, False, "injured")]),
    ("The blast left 12 dead and 40 injured.", [(12, False, False, "fatalities"), (40, False, False, "injured")]),
    ("Militants abducted nine students.", [(9, False, False, "count")]),
])
def test_counts_and_their_kind(nlp, lexicon, text: str, expected: list[tuple[int, bool, bool, str]]) -> None:  # type: ignore[no-untyped-def]
    found = [(c.value, c.approx, c.upper, c.kind) for c in find_counts(nlp(text)[:], lexicon)]
    assert found == expected


def test_years_are_not_counts(nlp, lexicon) -> None:  # type: ignore[no-untyped-def]
    assert find_counts(nlp("The group was founded in 2013.")[:], lexicon) == []


def test_first_count_of_each_kind(nlp, lexicon) -> None:  # type: ignore[no-untyped-def]
    kinds = counts_by_kind(nlp("Three soldiers were killed, five were wounded and two more died later.")[:], lexicon)
    assert (kinds["fatalities"].value, kinds["injured"].value) == (3, 5)


@given(st.integers(min_value=0, max_value=10**6))
def test_digits_read_back(n: int) -> None:
    assert number_value(f"{n:,}") == n
