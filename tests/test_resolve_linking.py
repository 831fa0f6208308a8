"""Linker: analyst override, KB alias exact/loose, fuzzy with its score, minted ids; rules explain."""

from __future__ import annotations

import pytest
from _helpers_entities import tiny_kb

from orbat.resolve.linking import Linker, clean_surface


@pytest.fixture(scope="module")
def linker(rules) -> Linker:  # type: ignore[no-untyped-def]
    return Linker(tiny_kb(), rules)


@pytest.mark.parametrize(("surface", "type_", "entity_id", "rule"), [
    ("HTS", "ORG_ARMED", "kb:hts", "kb-alias:exact"),
    ("Hayat Tahrir al Sham", "ORG_ARMED", "kb:hts", "kb-alias:exact"),
    ("Nusrah Front", "ORG_ARMED", "kb:nusra", "kb-alias:loose"),
    ("Amaq", "ORG_OTHER", "kb:amaq", "kb-alias:exact"),
])
def test_kb_alias_links(linker: Linker, surface: str, type_: str, entity_id: str, rule: str) -> None:
    link = linker.link(surface, type_)
    assert (link.entity_id, link.rule) == (entity_id, rule)


def test_fuzzy_link_records_its_score(linker: Linker) -> None:
    link = linker.link("Al Qaeda in the Arabian Peninsular", "ORG_ARMED")
    assert link.entity_id == "kb:aqap"
    assert link.rule.startswith("fuzzy:") and link.score is not None and link.score >= 0.92


def test_fuzzy_is_restricted_to_the_same_type(linker: Linker) -> None:
    assert linker.link("Abu Bakr al-Baghdadis", "ORG_ARMED").rule == "minted"


def test_unknown_names_are_minted_with_clean_canonicals(linker: Linker) -> None:
    link = linker.link("Abu Sulayman al Rusi", "PERSON")
    assert link.entity_id == "new:person:abu-sulayman-al-rusi"
    assert (link.canonical, link.rule) == ("Abu Sulayman al-Rusi", "minted")


def test_overrides_win_over_the_kb(rules) -> None:  # type: ignore[no-untyped-def]
    linker = Linker(tiny_kb(), rules)
    linker.set_overrides({"HTS": ("new:org_armed:hurras", "Hurras al-Din", "ORG_ARMED")})
    link = linker.link("HTS", "ORG_ARMED")
    assert (link.entity_id, link.canonical, link.rule) == ("new:org_armed:hurras", "Hurras al-Din", "override")


def test_clean_surface_drops_the_article_and_normalises_al(rules) -> None:  # type: ignore[no-untyped-def]
    assert clean_surface("the  Liwa al Quds", "ORG_ARMED", rules) == "Liwa al-Quds"
