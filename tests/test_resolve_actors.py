"""Entity ids travel from the resolver to the store: event actors carry their mention's id, and the
store keeps that id instead of resolving the name again; one slug, one minter."""

from __future__ import annotations

from pathlib import Path

from _helpers_store import evidence, extraction_one, mention
from hypothesis import given
from hypothesis import strategies as st

from orbat import query
from orbat.keys import minted_id, slug
from orbat.model import Article, Event, Extraction
from orbat.resolve.actors import attach_actor_ids
from orbat.store import Store


def test_resolve_actors_take_the_id_of_the_mention_naming_them() -> None:
    ex = attach_actor_ids(extraction_one())
    ev = ex.events[0]
    assert (ev.actor1, ev.actor1_id) == ("Hay'at Tahrir al-Sham", "kb:hts")
    assert ev.actor2_id is None  # "Military Forces of Syria": no mention names it
    assert ev.to_dict()["actor1_id"] == "kb:hts"


def test_resolve_actors_keep_an_id_already_given() -> None:
    ex = extraction_one()
    ex.events[0].actor1_id = "kb:jfs"
    assert attach_actor_ids(ex).events[0].actor1_id == "kb:jfs"


def _two_namesakes() -> Extraction:
    """Two entities share the name "Ansar"; the event's actor is the second one's mention."""
    t = "Ansar fighters attacked a post. Ansar said it held the town."
    art = Article(id="n1", text=t, published="2024-01-02")
    ents = [mention(t, "Ansar", "ORG_ARMED", "Ansar", "new:org_armed:ansar"),
            mention(t, "Ansar", "ORG_ARMED", "Ansar", "new:org_armed:ansar-2", 1)]
    ev = Event(type="Battles/Armed clash", evidence=evidence(t, "Ansar fighters attacked a post."), actor1="Ansar",
               actor1_id="new:org_armed:ansar-2", date="2024-01-01")
    return Extraction(art, entities=ents, events=[ev])


def test_resolve_actors_id_carried_into_the_store_wins_over_the_name(tmp_path: Path) -> None:
    with Store(tmp_path / "kb.db") as store:
        store.save_extraction(_two_namesakes(), "h1")
        (row,) = query.events(store)
    assert row.actor1_id == "new:org_armed:ansar-2"  # by name, the first mention's entity would win


def test_resolve_actors_records_without_ids_still_resolve_by_name(tmp_path: Path) -> None:
    ex = extraction_one()  # as an old JSONL record: no actor ids
    assert ex.events[0].actor1_id is None
    with Store(tmp_path / "kb.db") as store:
        store.save_extraction(ex, "h1")
        assert [e.actor1_id for e in query.events(store)] == ["kb:hts"]


def test_resolve_actors_unknown_carried_id_falls_back_to_the_name(tmp_path: Path) -> None:
    ex = extraction_one()
    ex.events[0].actor1_id = "kb:no-such-group"
    with Store(tmp_path / "kb.db") as store:
        store.save_extraction(ex, "h1")
        assert [e.actor1_id for e in query.events(store)] == ["kb:hts"]


@given(st.text(max_size=40))
def test_keys_slug_is_url_safe_and_minted_ids_use_it(name: str) -> None:
    s = slug(name)
    assert s and all(c.isascii() and (c.isalnum() or c == "-") for c in s) and s == s.lower()
    assert not s.startswith("-") and not s.endswith("-")
    assert minted_id("PERSON", name) == f"new:person:{s}"


def test_keys_slug_follows_the_alias_key() -> None:
    assert slug("Hay’at Tahrir al-Sham") == slug("Hayat Tahrir al Sham") == "hayat-tahrir-al-sham"
    assert slug("!!!") == "x"
