"""Analyst judgements (merge, split, alias, accept/reject) apply on read and survive re-saving articles."""

from __future__ import annotations

import io
import json

import pytest
from _helpers_store import extraction_one, extraction_two, fake_kb, loaded_store

from orbat import query as q
from orbat.errors import NotFoundError
from orbat.export.registry import export
from orbat.store import Store


@pytest.fixture
def store(db_target: str) -> Store:
    return loaded_store(db_target)


def test_merge_survives_resaving_and_counts_mentions_together(store: Store) -> None:
    store.merge("Hay'at Tahrir al-Sham", "Jabhat Fath al-Sham", note="same organisation")
    store.save_extraction(extraction_one(pipeline="v2"), "h1b")
    store.sync_kb(fake_kb())  # type: ignore[arg-type]
    assert store.resolve_name("JFS") == "kb:hts"
    hts = q.profile(store, "HTS")
    assert hts.mention_count == 5 and "kb:jfs" in hts.merged
    assert "Jabhat Fath al-Sham" in hts.aliases
    assert [e.id for e in q.entities(store, type="ORG_ARMED")].count("kb:jfs") == 0


def test_merge_follows_chains_and_ignores_self_merge(store: Store) -> None:
    store.merge("kb:jfs", "kb:nusra")
    store.merge("kb:hts", "kb:jfs")
    store.merge("kb:hts", "Nusra Front")  # already the same: no cycle, no error
    assert store.resolve_name("Nusra Front") == "kb:hts"
    assert store.root("kb:nusra") == "kb:hts"


def test_split_moves_alias_and_mentions_and_survives_resave(store: Store) -> None:
    new_id = store.split("kb:hts", "Tahrir al-Sham")
    assert new_id.startswith("new:org_armed:tahrir-al-sham")
    assert store.resolve_name("Tahrir al-Sham") == new_id
    assert q.profile(store, new_id).mention_count == 1
    store.save_extraction(extraction_two(), "h2b")  # the article that says "Tahrir al-Sham"
    store.sync_kb(fake_kb())  # type: ignore[arg-type]  # KB re-adds the alias; the split wins
    assert store.resolve_name("Tahrir al-Sham") == new_id
    assert q.profile(store, new_id).mention_count == 1
    assert q.profile(store, "kb:hts").mention_count == 3  # the three mentions in a1 stay


def test_split_of_unknown_alias_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no alias or mention"):
        store.split("kb:hts", "Islamic State")


def test_analyst_alias_resolves_and_survives_resave(store: Store) -> None:
    store.add_alias("kb:hts", "The Levant Liberation Body")
    store.save_extraction(extraction_one(pipeline="v3"), "h1c")
    store.sync_kb(fake_kb())  # type: ignore[arg-type]
    assert store.resolve_name("Levant Liberation Body") == "kb:hts"


def test_rejected_relation_is_hidden_from_queries_and_exports_after_resave(store: Store) -> None:
    rel = next(r for r in q.relations(store) if r.predicate == "member_of")
    store.judge(f"relation:{rel.id}", "reject", note="he left in 2023")
    store.save_extraction(extraction_one(pipeline="v2"), "h1b")  # new row id, same fact
    assert all(r.predicate != "member_of" for r in q.relations(store))
    out = io.StringIO()
    export(store, "jsonl", out)
    a1 = next(json.loads(line) for line in out.getvalue().splitlines() if json.loads(line)["id"] == "a1")
    assert [r["predicate"] for r in a1["relations"]] == ["renamed_to"]
    rel2 = store.conn.execute("SELECT id FROM relations WHERE predicate = 'member_of'").fetchone()[0]
    store.judge(f"relation:{rel2}", "accept")  # the latest verdict wins
    assert any(r.predicate == "member_of" for r in q.relations(store))


def test_rejected_event_is_hidden_from_events_and_acled(store: Store) -> None:
    event_id = q.events(store)[0].id
    store.judge(f"event:{event_id}", "reject")
    assert q.events(store) == []
    assert q.summary(store).events_by_type == {}
    out = io.StringIO()
    assert export(store, "acled", out) == 0


def test_judge_unknown_target_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.judge("event:999", "reject")
    with pytest.raises(NotFoundError):
        store.judge("mention:1", "reject")


def test_resolve_name_reports_unknown_and_ambiguous_names(db_target: str) -> None:
    with Store(db_target) as store:
        store.sync_kb(fake_kb())  # type: ignore[arg-type]
        store.add_alias("kb:nusra", "The Front")
        store.add_alias("kb:jfs", "The Front")
        with pytest.raises(NotFoundError, match="ambiguous"):
            store.resolve_name("the front")
        with pytest.raises(NotFoundError, match="no entity"):
            store.resolve_name("Nobody at all")
