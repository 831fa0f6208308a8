"""Demonyms and country abbreviations to canonical country names (state-force naming)."""

from __future__ import annotations

import pytest

from orbat.geo import demonym_country


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Syrian", "Syria"), ("Syrians", "Syria"), ("Nigerian", "Nigeria"), ("Nigerien", "Niger"),
        ("Kenyan", "Kenya"), ("US", "United States"), ("U.S.", "United States"), ("American", "United States"),
        ("Turkish", "Turkey"), ("Iranian", "Iran"), ("Russian", "Russia"), ("Congolese", "Democratic Republic of the Congo"),
        ("Burkinabè", "Burkina Faso"), ("Afghan", "Afghanistan"), ("Mozambican", "Mozambique"),
        ("U.K.", "United Kingdom"), ("Syria", "Syria"), ("iraqi", "Iraq"),
    ],
)
def test_demonym_country(word: str, country: str) -> None:
    assert demonym_country(word) == country


@pytest.mark.parametrize("word", ["Islamic", "Jihadist", "Kurdish", "", "Shabaab"])
def test_non_demonyms_are_none(word: str) -> None:
    assert demonym_country(word) is None
