"""The packaged knowledge base loads, resolves its aliases and carries dated lineage."""

from __future__ import annotations

import pytest

from orbat.errors import NotFoundError
from orbat.kb.loader import KnowledgeBase, load_kb
from orbat.keys import alias_key


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_kb_loads_with_enough_groups_people_and_media(kb: KnowledgeBase) -> None:
    groups = [e for e in kb.entities.values() if "/groups/" in e.file]
    assert len(groups) >= 250
    assert len([e for e in kb.entities.values() if e.type == "PERSON"]) >= 60
    assert len([e for e in kb.entities.values() if e.kind == "media"]) >= 20


def test_default_kb_is_cached(kb: KnowledgeBase) -> None:
    assert load_kb() is kb


@pytest.mark.parametrize(("surface", "expected"), [
    ("Al Nusrah Front", "Jabhat al-Nusra"),
    ("Hay\u2019at Tahrir al Sham", "Hay'at Tahrir al-Sham"),
    ("Assembly for the Liberation of the Levant", "Hay'at Tahrir al-Sham"),
    ("ISIS", "Islamic State"),
    ("Daesh", "Islamic State"),
    ("al Qa\u2019ida", "al-Qaeda"),
    ("Jabhat Fateh al-Sham", "Jabhat Fath al-Sham"),
    ("Hashd al-Shaabi", "Popular Mobilization Forces"),
    ("Ansar Allah", "Houthis"),
    ("Syrian Arab Army", "Military Forces of Syria"),
    ("FAMa", "Military Forces of Mali"),
    ("KDF", "Military Forces of Kenya"),
    ("Nigerian Army", "Military Forces of Nigeria"),
    ("ANDSF", "Military Forces of Afghanistan"),
    ("Amaq", "Amaq News Agency"),
    ("SOHR", "Syrian Observatory for Human Rights"),
    ("Abu Muhammad al-Jawlani", "Abu Mohammad al-Julani"),
    ("Abdullah al-Muhaysini", "Abdallah al-Muhaysini"),
    ("هيئة تحرير الشام", "Hay'at Tahrir al-Sham"),
])
def test_lookup_resolves_known_surfaces(kb: KnowledgeBase, surface: str, expected: str) -> None:
    assert [e.name for e in kb.lookup(surface)] == [expected]


def test_lookup_unknown_surface_is_empty(kb: KnowledgeBase) -> None:
    assert kb.lookup("Army of Imaginary Liberation") == []


def test_is_matches_only_in_exact_case(kb: KnowledgeBase) -> None:
    assert [e.id for e in kb.lookup("IS")] == ["islamic-state"]
    assert kb.lookup("is") == []
    assert kb.lookup("Is") == []
    assert "IS" in kb.get("islamic-state").case_sensitive_aliases


def test_declared_ambiguous_alias_returns_every_candidate(kb: KnowledgeBase) -> None:
    ids = {e.id for e in kb.lookup("Shabaab")}
    assert ids == {"al-shabaab", "aswj-mozambique"}
    assert [e.id for e in kb.lookup("al-Shabaab")] == ["al-shabaab"]


def test_every_alias_resolves_to_one_entity_unless_declared_ambiguous(kb: KnowledgeBase) -> None:
    problems = []
    for surface, entity in kb.names():
        found = [e.id for e in kb.lookup(surface)]
        if entity.id not in found:
            problems.append(f"{surface!r} of {entity.id} -> {found}")
        elif len(found) > 1 and alias_key(surface) not in {alias_key(a) for a in entity.ambiguous_aliases}:
            problems.append(f"{surface!r} of {entity.id} is ambiguous but undeclared: {found}")
    assert problems == []


def test_nusra_to_hts_lineage_is_dated(kb: KnowledgeBase) -> None:
    nusra = kb.lookup("Nusra Front")[0]
    assert kb.successors(nusra.id) == ["jabhat-fath-al-sham", "hts"]
    steps = {(r.subject, r.predicate, r.object): r.start for r in kb.relations}
    assert steps[("jabhat-al-nusra", "renamed_to", "jabhat-fath-al-sham")] == "2016-07-28"
    assert steps[("jabhat-fath-al-sham", "merged_into", "hts")] == "2017-01-28"
    assert steps[("jabhat-al-nusra", "pledged_allegiance_to", "al-qaeda")] == "2013-04"


def test_lineage_lists_incoming_and_outgoing_edges_oldest_first(kb: KnowledgeBase) -> None:
    edges = kb.lineage("jabhat-fath-al-sham")
    triples = [(r.subject, r.predicate, r.object) for r in edges]
    assert ("jabhat-al-nusra", "renamed_to", "jabhat-fath-al-sham") in triples
    assert ("jabhat-fath-al-sham", "merged_into", "hts") in triples
    dated = [r.start for r in edges if r.start]
    assert dated == sorted(dated)


def test_people_roles_are_relations_with_role_and_kunya(kb: KnowledgeBase) -> None:
    julani = kb.get("abu-mohammad-al-julani")
    assert julani.type == "PERSON"
    assert julani.attrs["kunya"] == "Abu Mohammad"
    roles = [r for r in kb.lineage(julani.id) if r.subject == julani.id and r.object == "jabhat-al-nusra"]
    assert roles and roles[0].predicate == "leader_of" and roles[0].role == "emir"


def test_media_arms_are_org_other_affiliated_to_their_group(kb: KnowledgeBase) -> None:
    for media_id, group_id in (("amaq", "islamic-state"), ("ebaa", "hts"), ("al-kataib", "al-shabaab")):
        assert kb.get(media_id).type == "ORG_OTHER"
        assert any(r.predicate == "affiliate_of" and r.object == group_id for r in kb.lineage(media_id))


def test_state_forces_follow_acled_naming(kb: KnowledgeBase) -> None:
    forces = [e for e in kb.entities.values() if e.kind == "state_force" and e.region == "state_forces"]
    assert all(e.inter == 1 for e in forces)
    assert kb.get("military-forces-of-the-united-states").name == "Military Forces of the United States"
    assert kb.get("police-forces-of-nigeria").name == "Police Forces of Nigeria"


def test_get_accepts_kb_prefix_and_raises_on_unknown(kb: KnowledgeBase) -> None:
    assert kb.get("kb:hts").id == "hts"
    with pytest.raises(NotFoundError, match="no-such-group"):
        kb.get("no-such-group")


def test_names_include_canonical_names(kb: KnowledgeBase) -> None:
    surfaces = {s for s, e in kb.names() if e.id == "hts"}
    assert {"Hay'at Tahrir al-Sham", "HTS"} <= surfaces


def test_news_outlets_are_org_other_and_common_words_stay_case_sensitive(kb: KnowledgeBase) -> None:
    assert [e.kind for e in kb.lookup("Reuters")] == ["news_outlet"]
    assert [e.id for e in kb.lookup("Dawn")] == ["dawn"]
    assert kb.lookup("dawn") == []
    assert kb.lookup("the guardian") == []


def test_nationality_force_phrases_resolve_to_state_forces(kb: KnowledgeBase) -> None:
    assert [e.id for e in kb.lookup("Iraqi forces")] == ["military-forces-of-iraq"]
    assert [e.id for e in kb.lookup("Kenya army")] == ["military-forces-of-kenya"]
    assert [e.id for e in kb.lookup("Nigerian police")] == ["police-forces-of-nigeria"]


# Canonical names the rest of orbat (and its evaluation) relies on.
CANONICAL = [
    "Hay'at Tahrir al-Sham", "Jabhat al-Nusra", "Jabhat Fath al-Sham", "Islamic State",
    "Islamic State West Africa Province", "Islamic State Khorasan Province", "Islamic State Central Africa Province",
    "Islamic State in the Greater Sahara", "Islamic State Mozambique Province", "al-Qaeda",
    "al-Qaeda in the Arabian Peninsula", "al-Qaeda in the Islamic Maghreb", "al-Shabaab",
    "Jama'at Nusrat al-Islam wal-Muslimin", "Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "Taliban",
    "Tehrik-i-Taliban Pakistan", "Syrian Democratic Forces", "Syrian National Army", "Free Syrian Army",
    "Popular Mobilization Forces", "Kata'ib Hezbollah", "Houthis", "AMISOM", "Peshmerga", "Security Belt Forces",
    "Ahl al-Sunnah wal-Jama'ah (Mozambique)", "Jaysh al-Fatah", "Ahrar al-Sham", "Jund al-Aqsa",
    "Amaq News Agency", "Ebaa News Agency", "Syrian Observatory for Human Rights",
    "Military Forces of Syria", "Police Forces of Nigeria", "Military Forces of the United States",
    "Abu Bakr al-Baghdadi", "Ayman al-Zawahiri", "Abu Mohammad al-Julani", "Abdallah al-Muhaysini",
    "Abubakar Shekau", "Ahmad Umar",
]


@pytest.mark.parametrize("name", CANONICAL)
def test_conventional_canonical_names_exist_and_resolve_to_themselves(kb: KnowledgeBase, name: str) -> None:
    assert [e.name for e in kb.lookup(name)][:1] == [name]


@pytest.mark.parametrize(("alias", "name"), [
    ("PMF", "Popular Mobilization Forces"), ("PMU", "Popular Mobilization Forces"),
    ("Nusra Front", "Jabhat al-Nusra"), ("Islamic State of Iraq and the Levant", "Islamic State"),
    ("Ansar Allah", "Houthis"), ("Syrian army", "Military Forces of Syria"), ("US military", "Military Forces of the United States"),
    ("SANDF", "Military Forces of South Africa"), ("KDF", "Military Forces of Kenya"),
])
def test_brief_aliases_resolve(kb: KnowledgeBase, alias: str, name: str) -> None:
    assert [e.name for e in kb.lookup(alias)] == [name]


def test_case_sensitive_alias_allows_a_leading_article(kb: KnowledgeBase) -> None:
    assert [e.id for e in kb.lookup("the UN")] == ["united-nations"]
    assert kb.lookup("the un") == []


@pytest.mark.parametrize("word", ["let", "tip", "mend", "fact", "site", "dawn", "the base", "sentinels"])
def test_common_english_words_do_not_resolve(kb: KnowledgeBase, word: str) -> None:
    assert kb.lookup(word) == []


def _respell(surface: str) -> str:
    """Another way reporters write the same name: curly apostrophes, spaces for hyphens, Al for al."""
    return surface.replace("'", "\u2019").replace("-", " ").replace("al ", "Al ")


def test_every_name_survives_apostrophe_and_hyphen_variation(kb: KnowledgeBase) -> None:
    problems = []
    for surface, entity in kb.names():
        if surface in entity.case_sensitive_aliases:
            continue
        variant = _respell(surface)
        if entity.id not in {e.id for e in kb.lookup(variant)}:
            problems.append(f"{variant!r} (from {surface!r}) does not find {entity.id}")
    assert problems == []
