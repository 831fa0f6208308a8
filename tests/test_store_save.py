"""save_extraction: round-trips, all-or-nothing writes, replacement on re-save, cross-article event merge."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
from _helpers_store import ART1, extraction_one, extraction_two, fake_kb, loaded_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbat.errors import StoreError
from orbat.model import Article, Extraction, Mention
from orbat.store import Store


def _count(store: Store, sql: str, *params: object) -> int:
    return int(store.conn.execute(sql, params).fetchone()[0])


def test_save_round_trips_article_mentions_and_minted_entities(db_target: str) -> None:
    with Store(db_target) as store:
        ex = extraction_one()
        store.save_extraction(ex, "h1", minhash=b"\x01\x02", num_perm=2)
        art = store.conn.execute("SELECT * FROM articles WHERE id = 'a1'").fetchone()
        assert art["text"] == ART1 and art["published"] == "2024-03-05" and art["pipeline_version"] == "v1"
        rows = store.conn.execute("SELECT text, start, end, entity_id FROM mentions ORDER BY start").fetchall()
        assert len(rows) == len(ex.entities)
        assert all(ART1[r["start"] : r["end"]] == r["text"] for r in rows)
        person = store.conn.execute("SELECT * FROM entities WHERE id = 'new:person:abu-khalid-al-idlibi'").fetchone()
        assert person["origin"] == "text" and person["type"] == "PERSON"
        assert store.has_article("h1", "v1") == "a1"
        assert store.has_article("h1", "v2") is None
        assert store.article_exists("a1") == ("h1", "v1")
        assert list(store.minhashes()) == [("a1", b"\x01\x02", 2)]
        log = store.conn.execute("SELECT item, status, article_id FROM ingest_log").fetchall()
        assert [tuple(r) for r in log] == [("a1.txt", "ok", "a1")]


def test_failing_save_leaves_earlier_data_intact(db_target: str) -> None:
    with Store(db_target) as store:
        store.save_extraction(extraction_one(), "h1")
        before = _count(store, "SELECT count(*) FROM mentions")
        bad = extraction_one(pipeline="v2")
        bad.events.append(dataclasses.replace(bad.events[0], type=None))  # type: ignore[arg-type]  # NOT NULL
        with pytest.raises(StoreError, match="article a1"):
            store.save_extraction(bad, "h2")
        assert store.article_exists("a1") == ("h1", "v1")
        assert _count(store, "SELECT count(*) FROM mentions") == before
        assert _count(store, "SELECT count(*) FROM events") == 1
        assert _count(store, "SELECT count(*) FROM relations WHERE origin = 'text'") == 2


def test_mention_that_does_not_match_the_text_is_refused(db_target: str) -> None:
    with Store(db_target) as store:
        ex = extraction_one()
        ex.entities[0] = dataclasses.replace(ex.entities[0], start=0, end=3)  # "Mil" != "HTS"
        with pytest.raises(StoreError, match="does not match"):
            store.save_extraction(ex, "h1")
        assert _count(store, "SELECT count(*) FROM articles") == 0


def test_resaving_an_article_replaces_its_facts(db_target: str) -> None:
    with Store(db_target) as store:
        store.save_extraction(extraction_one(), "h1")
        newer = extraction_one(pipeline="v2", fatalities=5)
        newer.entities = newer.entities[:2]
        newer.relations = newer.relations[:1]
        store.save_extraction(newer, "h1")
        assert _count(store, "SELECT count(*) FROM mentions") == 2
        assert _count(store, "SELECT count(*) FROM relations WHERE origin = 'text'") == 1
        assert _count(store, "SELECT count(*) FROM events") == 1
        ev = store.conn.execute("SELECT fatalities, source_count FROM events").fetchone()
        assert tuple(ev) == (5, 1)
        assert store.article_exists("a1") == ("h1", "v2")


def test_same_event_from_two_articles_is_merged_and_keeps_both_figures(db_target: str) -> None:
    with loaded_store(db_target) as store:
        events = store.conn.execute("SELECT id, source_count, fatalities FROM events").fetchall()
        assert len(events) == 1 and events[0]["source_count"] == 2
        figures = sorted(r[0] for r in store.conn.execute("SELECT fatalities FROM event_sources"))
        assert figures == [4, 6]
        assert events[0]["fatalities"] == 4  # the event row keeps the lowest figure
        store.save_extraction(extraction_two(), "hash-a2")  # re-save: still two sources, not three
        assert _count(store, "SELECT source_count FROM events") == 2


def test_events_far_apart_or_elsewhere_are_not_merged(db_target: str) -> None:
    with Store(db_target) as store:
        store.save_extraction(extraction_one(), "h1")
        later = extraction_two()
        later.events[0] = dataclasses.replace(later.events[0], date="2024-03-20")
        store.save_extraction(later, "h2")
        assert _count(store, "SELECT count(*) FROM events") == 2
        store.save_extraction(extraction_two(), "h2")  # back within 3 days: merges, the stray event is gone
        assert _count(store, "SELECT count(*) FROM events") == 1


def test_removing_the_only_source_deletes_the_event(db_target: str) -> None:
    with Store(db_target) as store:
        store.save_extraction(extraction_one(), "h1")
        empty = extraction_one(pipeline="v2")
        empty.events = []
        store.save_extraction(empty, "h1")
        assert _count(store, "SELECT count(*) FROM events") == 0


def test_sync_kb_upserts_entities_aliases_and_lineage(db_target: str) -> None:
    with Store(db_target) as store:
        store.sync_kb(fake_kb())  # type: ignore[arg-type]
        store.sync_kb(fake_kb())  # type: ignore[arg-type]  # idempotent
        assert _count(store, "SELECT count(*) FROM entities WHERE origin = 'kb'") == 5
        assert _count(store, "SELECT count(*) FROM relations WHERE origin = 'kb'") == 3
        assert store.resolve_name("Al Nusrah Front") == "kb:nusra"
        assert store.resolve_name("hayat tahrir al sham") == "kb:hts"
        row = store.conn.execute("SELECT date_start, date_end, status FROM relations "
                                 "WHERE predicate = 'pledged_allegiance_to'").fetchone()
        assert tuple(row) == ("2013-04", "2016-07", "former")


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, cuts=st.lists(st.tuples(st.integers(0, 80), st.integers(1, 20)), max_size=6))
def test_round_trip_of_random_mentions_keeps_offsets(text: str, cuts: list[tuple[int, int]]) -> None:
    mentions = []
    for start, length in cuts:
        s = min(start, len(text) - 1)
        e = min(len(text), s + length)
        mentions.append(Mention(text[s:e], s, e, "PERSON", f"p{s}", f"new:person:p{s}"))
    ex = Extraction(article=Article(id="r", text=text), entities=mentions, pipeline_version="v1")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "kb.db") as store:
        store.save_extraction(ex, "h")
        stored = store.conn.execute("SELECT text FROM articles WHERE id = 'r'").fetchone()[0]
        assert stored == text
        rows = store.conn.execute("SELECT text, start, end FROM mentions ORDER BY id").fetchall()
        assert len(rows) == len(mentions)
        assert all(stored[r["start"] : r["end"]] == r["text"] for r in rows)



def test_sync_of_the_packaged_kb_resolves_its_aliases(db_target: str) -> None:
    loader = pytest.importorskip("orbat.kb.loader")
    from orbat.errors import DataError

    try:
        kb = loader.load_kb()
    except DataError as exc:  # the KB's own tests report its data errors
        pytest.skip(f"packaged KB does not load yet: {exc}")
    with Store(db_target) as store:
        store.sync_kb(kb)
        store.sync_kb(kb)
        n = _count(store, "SELECT count(*) FROM entities WHERE origin = 'kb'")
        assert n == len(kb.entities)
        assert _count(store, "SELECT count(*) FROM relations WHERE origin = 'kb'") == len(kb.relations)
        assert store.resolve_name("Al Nusrah Front") == store.resolve_name("Jabhat al-Nusra")


def test_text_alias_seen_in_two_articles_survives_resaving_one(db_target: str) -> None:
    with loaded_store(db_target) as store:
        third = extraction_two()
        third.article = dataclasses.replace(third.article, id="a3")
        third.events = []
        store.save_extraction(third, "h3")  # "Tahrir al-Sham" mentioned again, in a3
        emptied = extraction_two()
        emptied.entities, emptied.events = [], []
        store.save_extraction(emptied, "h2b")  # a2 no longer mentions it
        row = store.conn.execute(
            "SELECT article_id FROM aliases WHERE origin = 'text' AND alias = 'Tahrir al-Sham'").fetchone()
        assert row is not None and row[0] == "a3"
