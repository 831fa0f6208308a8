"""Queries filter as documented: entities, events, relations (with --at), profile, summary."""

from __future__ import annotations

import pytest
from _helpers_store import evidence, loaded_store, mention

from orbat import query as q
from orbat.errors import NotFoundError
from orbat.model import Article, Event, Extraction
from orbat.query.events import _type_matches, _wide
from orbat.store import Store

ART3 = "Mosul raid\n\nIraqi police arrested 12 Islamic State suspects in Mosul in June 2023, officials said."


def _iraq_article() -> Extraction:
    t = ART3
    ents = [mention(t, "Islamic State", "ORG_ARMED", "Islamic State", "kb:islamic-state"),
            mention(t, "Mosul", "LOCATION", "Mosul", "new:location:mosul")]
    sent = "Iraqi police arrested 12 Islamic State suspects in Mosul in June 2023, officials said."
    ev = Event(type="Strategic developments/Arrests", evidence=evidence(t, sent), actor1="Police Forces of Iraq",
               actor2="Islamic State", location="Mosul", country="Iraq", iso="IQ", admin1="Nineveh",
               latitude=36.34, longitude=43.13, date="2023-06", time_precision=3, count=12, certainty="reported")
    art = Article(id="a3", text=t, title="Mosul raid", published="2023-07-01", outlet="daily.example")
    return Extraction(article=art, entities=ents, events=[ev], pipeline_version="v1")


@pytest.fixture
def store(db_target: str) -> Store:
    s = loaded_store(db_target)
    s.save_extraction(_iraq_article(), "h3")
    return s


def test_entities_filter_by_type_and_search_with_mention_counts(store: Store) -> None:
    people = q.entities(store, type="PERSON")
    assert [(e.canonical, e.mentions) for e in people] == [("Abu Khalid al-Idlibi", 1)]
    found = q.entities(store, search="Tahrir")
    assert found[0].id == "kb:hts" and found[0].mentions == 4
    assert [e.id for e in q.entities(store, search="nusrah front")] == ["kb:nusra"]  # via alias key
    assert len(q.entities(store, limit=2)) == 2
    assert q.entities(store, limit=2, offset=1)[0].id == q.entities(store, limit=3)[1].id


@pytest.mark.parametrize(
    ("kwargs", "types"),
    [
        ({}, ["Strategic developments/Arrests", "Battles/Armed clash"]),
        ({"actor": "HTS"}, ["Battles/Armed clash"]),
        ({"actor": "Islamic State"}, ["Strategic developments/Arrests"]),  # actor2 counts too
        ({"type": "Battles"}, ["Battles/Armed clash"]),
        ({"type": "Arrests"}, ["Strategic developments/Arrests"]),
        ({"country": "iraq"}, ["Strategic developments/Arrests"]),
        ({"country": "SY"}, ["Battles/Armed clash"]),
        ({"since": "2024-01-01"}, ["Battles/Armed clash"]),
        ({"until": "2023-06-30"}, ["Strategic developments/Arrests"]),  # month-precision date inside range
        ({"since": "2023-06-15", "until": "2023-12"}, ["Strategic developments/Arrests"]),
        ({"bbox": (35.0, 35.0, 37.0, 37.0)}, ["Battles/Armed clash"]),
        ({"limit": 1}, ["Strategic developments/Arrests"]),
    ],
)
def test_events_filters(store: Store, kwargs: dict, types: list[str]) -> None:
    assert [e.type for e in q.events(store, **kwargs)] == types


def test_events_carry_source_counts(store: Store) -> None:
    counts = {e.type: e.source_count for e in q.events(store)}
    assert counts == {"Battles/Armed clash": 2, "Strategic developments/Arrests": 1}


def test_relations_at_a_date_keep_only_what_held(store: Store) -> None:
    preds = {r.predicate for r in q.relations(store, entity="Jabhat al-Nusra", at="2014-06")}
    assert preds == {"pledged_allegiance_to"}
    assert {r.predicate for r in q.relations(store, entity="Jabhat al-Nusra", at="2016-07-20")} == {
        "pledged_allegiance_to", "renamed_to"}  # the end month still holds
    assert {r.predicate for r in q.relations(store, entity="Jabhat al-Nusra", at="2016-09")} == {"renamed_to"}
    assert [r.origin for r in q.relations(store, predicate="renamed_to", entity="HTS")] == ["text"]


def test_relation_source_count_counts_articles(store: Store) -> None:
    text_rel = next(r for r in q.relations(store) if r.origin == "text" and r.predicate == "renamed_to")
    assert text_rel.source_count == 1 and text_rel.evidence and "formerly known as" in text_rel.evidence


def test_profile_collects_aliases_events_relations_sources(store: Store) -> None:
    p = q.profile(store, "Hayat Tahrir al Sham")
    assert p.entity.id == "kb:hts" and p.mention_count == 4
    assert {"HTS", "Tahrir al-Sham"} <= set(p.aliases)
    assert [e.type for e in p.events] == ["Battles/Armed clash"]
    assert {r.predicate for r in p.relations} == {"merged_into", "renamed_to", "member_of"}
    assert [s.id for s in p.sources] == ["a1", "a2"]
    with pytest.raises(NotFoundError):
        q.profile(store, "Nobody")


def test_summary_counts(store: Store) -> None:
    s = q.summary(store)
    assert s.articles["ok"] == 3 and s.articles["duplicates"] == 0
    assert s.entities_by_type["ORG_ARMED"] == 3 and s.entities_by_type["LOCATION"] == 2
    assert s.events_by_type == {"Battles/Armed clash": 1, "Strategic developments/Arrests": 1}
    assert s.relations_by_predicate == {"member_of": 1, "renamed_to": 1} and s.kb_relations == 3
    assert s.top_groups[0] == ("kb:hts", "Hay'at Tahrir al-Sham", 4)


def test_summary_counts_duplicates_and_failures_from_the_ingest_log(store: Store) -> None:
    store.log("copy.txt", "duplicate", "same text as a1", "a1")
    store.log("bad.bin", "failed", "binary file")
    store.log("bad.bin", "failed", "binary file")  # the same item twice counts once
    s = q.summary(store)
    assert (s.articles["duplicates"], s.articles["failed"], s.articles["near_duplicates"]) == (1, 1, 0)


def _claims(rows: list) -> list[tuple]:
    return [(r.id, r.subject_id, r.predicate, r.object_id, r.source_count) for r in rows]


@pytest.mark.parametrize("merge", [False, True])
def test_profile_page_bounds_lists_in_sql_and_keeps_totals(store: Store, merge: bool) -> None:
    from orbat.query import distinct_relations

    if merge:
        q.events(store)  # fills the roots cache, which the merge must invalidate
        store.merge("kb:hts", "kb:jfs")
    full = q.profile(store, "kb:hts")
    page, totals = q.profile_page(store, "kb:hts", limit=1)
    assert page.mention_count == full.mention_count == (5 if merge else 4)  # kb:jfs has one mention
    assert [s.id for s in page.sources] == ["a2"] and totals["sources"] == len(full.sources) == 2
    assert len(page.events) == 1 and totals["events"] == len(full.events)
    assert totals["relations"] == len(full.relations)
    assert _claims(page.relations) == _claims(distinct_relations(full.relations))
    assert (page.merged == ["kb:jfs"]) is merge
    if merge:  # the merged id resolves to the root on both sides
        assert all("kb:jfs" not in (r.subject_id, r.object_id) for r in page.relations)


def test_events_in_a_wide_bbox_page_like_the_full_list(store: Store) -> None:
    world = (-180.0, -90.0, 180.0, 90.0)
    every = q.events(store, bbox=world)
    assert len(every) >= 2 and all(e.latitude is not None for e in every)
    assert _wide(store, world, 1)  # walked in date order, stopping at the limit
    assert q.events(store, bbox=world, limit=1) == every[:1]
    assert q.events(store, bbox=world, limit=1, offset=1) == every[1:2]
    assert q.events(store, bbox=(0.0, 0.0, 1.0, 1.0), limit=1) == []


@pytest.mark.parametrize("wanted", ["Battles", "battles/armed", "Armed clash", "clash", "Battles%", "B_ttles", "",
                                    "Explosions/Remote violence", " battles "])
def test_events_type_filter_in_sql_is_the_python_rule(store: Store, wanted: str) -> None:
    every = q.events(store)
    expected = [e.id for e in every if _type_matches(e.type, wanted)] if wanted else [e.id for e in every]
    assert [e.id for e in q.events(store, type=wanted)] == expected
    assert [e.id for e in q.events(store, type=wanted, limit=1)] == expected[:1]


@pytest.mark.parametrize("at", [None, "2017", "2016-07", "2030-01-01"])
@pytest.mark.parametrize("limit", [None, 1, 2])
def test_profile_page_claims_page_is_the_newest_of_the_full_list(store: Store, at: str | None,
                                                                 limit: int | None) -> None:
    from orbat.query import distinct_relations

    full = distinct_relations(q.profile(store, "kb:hts").relations)
    held = [r for r in full if not at or ((r.date_start or r.date_end) and q.holds_at(r.date_start, r.date_end, at))]
    newest = sorted(held, key=lambda r: (r.date_start or "", r.id), reverse=True)[:limit]
    page, totals = q.profile_page(store, "kb:hts", limit=5, claims=limit, at=at)
    assert _claims(page.relations) == _claims(sorted(newest, key=lambda r: (r.date_start or "", r.id)))
    assert totals["claims"] == len(held)


@pytest.mark.parametrize("at", ["2016", "2017-01", "2017-01-15", "2024-06", "1990"])
def test_relations_at_a_date_in_sql_is_the_python_rule(store: Store, at: str) -> None:
    every = q.relations(store)
    expected = [r.id for r in every if q.holds_at(r.date_start, r.date_end, at)]
    assert [r.id for r in q.relations(store, at=at)] == expected
    held = q.relations_at(store, "kb:hts", at)
    assert [h.row.id for h in held] == [r.id for r in q.relations(store, entity="kb:hts") if
                                        q.holds_at(r.date_start, r.date_end, at)]


def test_event_sources_read_on_both_backends(store: Store) -> None:
    (ev,) = q.events(store, type="Arrests")
    (src,) = q.event_sources(store, [ev.id])[ev.id]
    assert (src["article_id"], src["count"], src["certainty"], src["title"]) == ("a3", 12, "reported", "Mosul raid")
    assert list(src)[9] == "rule" and src["text"].startswith("Iraqi police arrested")
