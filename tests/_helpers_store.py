"""Hand-built articles, extractions and a tiny stand-in knowledge base for store/export tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orbat.model import Article, Event, Evidence, Extraction, Mention, Relation
from orbat.store import Store


def span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def mention(text: str, surface: str, type_: str, canonical: str, entity_id: str, nth: int = 0) -> Mention:
    s, e = span(text, surface, nth)
    return Mention(surface, s, e, type_, canonical, entity_id, rule="test")


def evidence(text: str, sentence: str) -> Evidence:
    s, e = span(text, sentence)
    return Evidence(s, e, sentence)


ART1 = (
    "Militants seize checkpoint near Sarmada\n\n"
    "HTS fighters killed 4 soldiers in Sarmada on Monday, the group said. "
    "Hay'at Tahrir al-Sham was formerly known as Jabhat Fath al-Sham. "
    "Abu Khalid al-Idlibi, an HTS commander, led the assault."
)
ART2 = (
    "Checkpoint attack in Idlib\n\n"
    "Tahrir al-Sham militants killed 6 soldiers at a checkpoint in Sarmada on Tuesday, residents said."
)


def extraction_one(pipeline: str = "v1", fatalities: int = 4) -> Extraction:
    t = ART1
    art = Article(id="a1", text=t, title="Militants seize checkpoint near Sarmada", url="https://news.example/a1",
                  published="2024-03-05", outlet="news.example", source="a1.txt")
    ents = [
        mention(t, "HTS", "ORG_ARMED", "Hay'at Tahrir al-Sham", "kb:hts"),
        mention(t, "Sarmada", "LOCATION", "Sarmada", "new:location:sarmada", 1),
        mention(t, "Hay'at Tahrir al-Sham", "ORG_ARMED", "Hay'at Tahrir al-Sham", "kb:hts"),
        mention(t, "Jabhat Fath al-Sham", "ORG_ARMED", "Jabhat Fath al-Sham", "kb:jfs"),
        mention(t, "Abu Khalid al-Idlibi", "PERSON", "Abu Khalid al-Idlibi", "new:person:abu-khalid-al-idlibi"),
        mention(t, "HTS", "ORG_ARMED", "Hay'at Tahrir al-Sham", "kb:hts", 1),
    ]
    sent = "HTS fighters killed 4 soldiers in Sarmada on Monday, the group said."
    ev = Event(type="Battles/Armed clash", evidence=evidence(t, sent), actor1="Hay'at Tahrir al-Sham",
               actor2="Military Forces of Syria", inter1=2, inter2=1, location="Sarmada", country="Syria",
               iso="SY", admin1="Idlib", latitude=36.18, longitude=36.72, geo_precision=1, date="2024-03-04",
               time_precision=1, fatalities=fatalities, certainty="claimed", claimed_by="Hay'at Tahrir al-Sham")
    rel_sent = "Hay'at Tahrir al-Sham was formerly known as Jabhat Fath al-Sham."
    rels = [
        Relation("Jabhat Fath al-Sham", "renamed_to", "Hay'at Tahrir al-Sham", evidence(t, rel_sent),
                 date="2017-01", subject_id="kb:jfs", object_id="kb:hts", rule="formerly known as"),
        Relation("Abu Khalid al-Idlibi", "member_of", "Hay'at Tahrir al-Sham",
                 evidence(t, "Abu Khalid al-Idlibi, an HTS commander"), date="2024", rule="apposition"),
    ]
    return Extraction(article=art, entities=ents, events=[ev], relations=rels,
                      aliases=[["Hay'at Tahrir al-Sham", "HTS"]], pipeline_version=pipeline)


def extraction_two() -> Extraction:
    t = ART2
    art = Article(id="a2", text=t, title="Checkpoint attack in Idlib", url="https://wire.example/a2",
                  published="2024-03-06", outlet="wire.example")
    ents = [
        mention(t, "Tahrir al-Sham", "ORG_ARMED", "Hay'at Tahrir al-Sham", "kb:hts"),
        mention(t, "Sarmada", "LOCATION", "Sarmada", "new:location:sarmada"),
    ]
    sent = "Tahrir al-Sham militants killed 6 soldiers at a checkpoint in Sarmada on Tuesday, residents said."
    ev = Event(type="Battles/Armed clash", evidence=evidence(t, sent), actor1="Hay'at Tahrir al-Sham",
               location="Sarmada", country="Syria", iso="SY", admin1="Idlib", date="2024-03-05",
               time_precision=1, fatalities=6, certainty="reported")
    return Extraction(article=art, entities=ents, events=[ev], pipeline_version="v1")


@dataclass
class FakeKBEntity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    inter: int | None = None
    kind: str = "jihadist_group"
    founded: str | None = None
    file: str = "fake.yaml"
    line: int = 1


@dataclass
class FakeKBRelation:
    subject: str
    predicate: str
    object: str
    start: str | None = None
    end: str | None = None
    note: str | None = None
    file: str = "fake.yaml"
    line: int = 1


@dataclass
class FakeKB:
    """Stand-in with the attributes Store.sync_kb reads from orbat.kb.loader.KnowledgeBase."""

    entities: dict[str, FakeKBEntity]
    relations: list[FakeKBRelation]


def fake_kb() -> FakeKB:
    ents = [
        FakeKBEntity("hts", "Hay'at Tahrir al-Sham", "ORG_ARMED", ["HTS", "Tahrir al-Sham"], ["SY"], 2,
                     founded="2017-01"),
        FakeKBEntity("jfs", "Jabhat Fath al-Sham", "ORG_ARMED", ["JFS"], ["SY"], 2, founded="2016-07"),
        FakeKBEntity("nusra", "Jabhat al-Nusra", "ORG_ARMED", ["Nusra Front", "Al Nusrah Front"], ["SY"], 2),
        FakeKBEntity("al-qaeda", "al-Qaeda", "ORG_ARMED", ["AQ"], [], 2),
        FakeKBEntity("military-forces-of-syria", "Military Forces of Syria", "ORG_ARMED", ["Syrian army", "SAA"],
                     ["SY"], 1, kind="state_force"),
    ]
    rels = [
        FakeKBRelation("nusra", "renamed_to", "jfs", "2016-07"),
        FakeKBRelation("jfs", "merged_into", "hts", "2017-01"),
        FakeKBRelation("nusra", "pledged_allegiance_to", "al-qaeda", "2013-04", "2016-07"),
    ]
    return FakeKB({e.id: e for e in ents}, rels)


def loaded_store(path: Path | str) -> Store:
    """A store with the fake KB and both articles saved."""
    store = Store(path)
    store.sync_kb(fake_kb())  # type: ignore[arg-type]
    store.save_extraction(extraction_one(), "hash-a1")
    store.save_extraction(extraction_two(), "hash-a2")
    return store
