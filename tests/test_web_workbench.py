"""The analyst workbench over the small hand-built KB: provenance, the review workflow (checks, undo,
audit log, read-only servers), the timeline, fuzzy and full-text search, event pages, exports, watchlist."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from _helpers_store import ART1
from _helpers_web import STARLETTE_WARNING, TOKEN, TestClient, build_db, client

from orbat.store import Store

pytestmark = pytest.mark.filterwarnings(STARLETTE_WARNING)
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client(build_db(tmp_path_factory.mktemp("web") / "kb.db"))


@pytest.fixture()
def fresh(tmp_path: Path) -> TestClient:
    """A knowledge base of its own, for tests that write."""
    return client(build_db(tmp_path / "kb.db"))


def get(api: TestClient, url: str) -> Any:
    response = api.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def act(api: TestClient, **body: Any) -> Any:
    return api.post("/api/review", json={"reviewer": "ana", **body}, headers=AUTH)


# -- search -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected", "matched"), [
    ("HTS", "kb:hts", "HTS"),
    ("Nusra Frnt", "kb:nusra", "Nusra Front"),          # a typo still finds the alias
    ("Jabhat Fath al Sham", "kb:jfs", "Jabhat Fath al-Sham"),
])
def test_search_entities_is_fuzzy_and_names_the_matched_alias(api: TestClient, query: str, expected: str,
                                                              matched: str) -> None:
    found = get(api, f"/api/search/entities?q={query}")
    top = found["items"][0]
    assert top["id"] == expected and top["matched"] == matched
    assert top["type"] == "ORG_ARMED" and top["country"] == "SY"
    assert found["total"] >= 1 and found["facets"]["type"]["ORG_ARMED"] >= 1


def test_search_short_query_does_not_match_inside_other_words(api: TestClient) -> None:
    # "AQ" is al-Qaeda's alias; no substring hit inside longer names
    assert [h["id"] for h in get(api, "/api/search/entities?q=AQ")["items"]] == ["kb:al-qaeda"]


def test_search_entities_pages_with_a_total(api: TestClient) -> None:
    first = get(api, "/api/search/entities?q=Jabhat&limit=1")
    second = get(api, "/api/search/entities?q=Jabhat&limit=1&offset=1")
    assert first["total"] == second["total"] >= 2
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_search_articles_full_text_with_snippet(api: TestClient) -> None:
    found = get(api, "/api/search/articles?q=residents soldiers")
    assert {a["id"] for a in found["items"]} == {"a2"} and found["total"] == 1  # every word must occur
    hits = [p["text"].lower() for p in found["items"][0]["snippet"] if p["hit"]]
    assert "soldiers" in hits and "residents" in hits
    assert get(api, "/api/search/articles?q=formerly")["total"] == 1  # text, not only titles


def test_search_page_shows_matched_alias_and_article_snippet(api: TestClient) -> None:
    page = api.get("/?q=Nusra Frnt").text
    assert "alias “Nusra Front”" in page and 'id="entity-total"' in page
    page = api.get("/?q=formerly").text
    assert "<mark>formerly</mark>" in page


# -- provenance ---------------------------------------------------------------------------------

def test_entity_page_shows_certainty_claim_rule_kb_source_and_evidence_links(api: TestClient) -> None:
    page = api.get("/entities/kb:hts").text
    events = page.split('id="events"')[1].split("</table>")[0]
    assert "claimed" in events and "Hay&#39;at Tahrir al-Sham" in events  # certainty and claimed_by
    assert 'href="/articles/a1#span=' in events and 'href="/articles/a2#span=' in events  # each source
    assert 'href="/events/' in events
    relations = page.split('id="relations"')[1].split("</table>")[0]
    assert "fake.yaml:1" in relations  # KB fact: data file and line, not "0 sources"
    assert "formerly known as" in relations  # the rule of a text fact
    start = ART1.index("Hay'at Tahrir al-Sham was")
    assert f'href="/articles/a1#span={start}-' in relations


def test_event_api_and_page_list_every_source_with_figures(api: TestClient) -> None:
    event = get(api, "/api/events/1")
    assert {s["article_id"] for s in event["sources"]} == {"a1", "a2"}
    assert sorted(s["fatalities"] for s in event["sources"]) == [4, 6]
    for s in event["sources"]:
        text = get(api, f"/api/articles/{s['article_id']}")["text"]
        assert text[s["start"]:s["end"]] == s["text"]
    page = api.get("/events/1").text
    assert 'href="/entities/kb%3Ahts"' in page and "residents said" in page
    assert api.get("/events/999").status_code == 404


# -- time ---------------------------------------------------------------------------------------

def test_timeline_counts_every_month_including_empty_ones(api: TestClient) -> None:
    t = get(api, "/api/timeline")
    assert t["months"] == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    assert t["series"]["Battles/Armed clash"] == [0, 0, 0, 0, 1]
    assert t["total"] == 2 and t["in_months"] == 2 and t["undated"] == 0 and t["year_only"] == 0
    assert get(api, "/api/timeline?actor=kb:hts&since=2024-01")["months"] == ["2024-03"]


@pytest.mark.parametrize("url", ["/api/events?since=2024-13", "/api/timeline?until=2024-00",
                                 "/api/relations?at=2024-02-30x", "/entities/kb:hts?at=2024-13",
                                 "/timeline?since=2024-13"])
def test_impossible_months_are_refused(api: TestClient, url: str) -> None:
    assert api.get(url).status_code == 422


def test_at_a_date_undated_relations_are_not_shown(fresh: TestClient, tmp_path: Path) -> None:
    with Store(tmp_path / "kb.db") as store:
        store.conn.execute("UPDATE relations SET date_start = NULL, date_end = NULL WHERE predicate = 'member_of'")
    everything = get(fresh, "/api/relations?entity=kb:hts")["items"]
    assert any(r["predicate"] == "member_of" for r in everything)
    at = get(fresh, "/api/relations?entity=kb:hts&at=2024-03")["items"]
    assert at and not any(r["predicate"] == "member_of" for r in at)
    assert "member_of" not in fresh.get("/entities/kb:hts?at=2024-03").text.split('id="relations"')[1]


# -- review -------------------------------------------------------------------------------------

def test_queue_orders_by_need_and_drops_reviewed_facts(fresh: TestClient) -> None:
    queue = get(fresh, "/api/review/queue")
    scores = [q["score"] for q in queue["items"]]
    assert scores == sorted(scores, reverse=True) and queue["total"] == len(queue["items"])
    evil = next(q for q in queue["items"] if q["target"] == "event:2")
    assert "single source" in evil["reasons"]
    sarmada = next(q for q in queue["items"] if q["target"] == "event:1")  # sources say 4 and 6 killed
    assert "conflicting figures" in sarmada["reasons"] and "single source" not in sarmada["reasons"]
    assert act(fresh, action="accept", target="event:2", reason="checked").status_code == 200
    assert "event:2" not in {q["target"] for q in get(fresh, "/api/review/queue")["items"]}


def test_accepted_mark_survives_a_reload(fresh: TestClient) -> None:
    act(fresh, action="accept", target="event:1", reason="two sources agree")
    events = fresh.get("/entities/kb:hts").text.split('id="events"')[1]
    assert "✓ accepted" in events


def test_merge_across_types_is_refused_unless_forced(fresh: TestClient) -> None:
    person = "new:person:abu-khalid-al-idlibi"
    refused = act(fresh, action="merge", target="kb:hts", other=person, reason="same?")
    assert refused.status_code == 409
    assert "types differ" in refused.json()["error"]["message"]
    assert act(fresh, action="merge", target="kb:hts", other=person, reason="same", force=True).status_code == 200


def test_merge_that_makes_self_loops_is_refused(fresh: TestClient) -> None:
    refused = act(fresh, action="merge", target="kb:hts", other="kb:jfs", reason="same group")
    assert refused.status_code == 409 and "self-loops" in refused.json()["error"]["message"]


def test_undo_a_merge_restores_both_entities_and_the_log_keeps_who_and_why(fresh: TestClient) -> None:
    done = act(fresh, action="merge", target="kb:hts", other="kb:al-qaeda", reason="test merge").json()
    assert get(fresh, "/api/entities/kb:al-qaeda")["entity"]["id"] == "kb:hts"
    undo = fresh.post("/api/review/undo", json={"audit_id": done["audit_id"], "reviewer": "bo", "reason": "wrong"},
                      headers=AUTH)
    assert undo.status_code == 200
    assert get(fresh, "/api/entities/kb:al-qaeda")["entity"]["id"] == "kb:al-qaeda"
    log = get(fresh, "/api/audit")["items"]
    assert [(a["action"], a["reviewer"], a["reason"]) for a in log] == [("undo", "bo", "wrong"),
                                                                       ("merge", "ana", "test merge")]
    assert log[1]["undone"] is True
    again = fresh.post("/api/review/undo", json={"audit_id": done["audit_id"], "reviewer": "bo"}, headers=AUTH)
    assert again.status_code == 409


def test_undo_a_reject_shows_the_fact_again(fresh: TestClient) -> None:
    done = act(fresh, action="reject", target="event:1", reason="duplicate").json()
    assert 1 not in {e["id"] for e in get(fresh, "/api/events")["items"]}
    fresh.post("/api/review/undo", json={"audit_id": done["audit_id"], "reviewer": "ana"}, headers=AUTH)
    assert 1 in {e["id"] for e in get(fresh, "/api/events")["items"]}


def test_edit_changes_a_fact_survives_reingest_and_undo_restores_it(fresh: TestClient, tmp_path: Path) -> None:
    from _helpers_store import extraction_two

    done = act(fresh, action="edit", target="event:2", fields={"date": "2023-10"}, reason="report says October")
    assert done.status_code == 200, done.text
    assert get(fresh, "/api/events/2")["date"] == "2023-10"
    with Store(tmp_path / "kb.db") as store:  # re-ingest: the edit is applied again
        store.save_extraction(extraction_two(), "hash-a2")
    assert get(fresh, "/api/events/2")["date"] == "2023-10"
    fresh.post("/api/review/undo", json={"audit_id": done.json()["audit_id"], "reviewer": "ana"}, headers=AUTH)
    assert get(fresh, "/api/events/2")["date"] == "2023-11"
    bad = act(fresh, action="edit", target="event:2", fields={"actor1_id": "kb:hts"})
    assert bad.status_code == 409 and "editable fields" in bad.json()["error"]["message"]
    bad = act(fresh, action="edit", target="event:2", fields={"date": "2023-13"})
    assert bad.status_code == 409 and "not an ISO date" in bad.json()["error"]["message"]


def test_split_and_undo(fresh: TestClient) -> None:
    done = act(fresh, action="split", target="kb:hts", other="Tahrir al-Sham", reason="another group").json()
    new_id = done["result"]
    assert get(fresh, f"/api/entities/{new_id}")["mention_count"] == 1
    fresh.post("/api/review/undo", json={"audit_id": done["audit_id"], "reviewer": "ana"}, headers=AUTH)
    assert get(fresh, f"/api/entities/{new_id}")["entity"]["id"] == "kb:hts"


def test_review_needs_a_reviewer_and_the_token(fresh: TestClient) -> None:
    assert fresh.post("/api/review", json={"action": "accept", "target": "event:1"}, headers=AUTH).status_code == 422
    assert fresh.post("/api/review", json={"action": "accept", "target": "event:1", "reviewer": "x"}).status_code == 401


def test_read_only_server_renders_disabled_controls_with_the_reason(tmp_path: Path) -> None:
    ro = client(build_db(tmp_path / "kb.db"), token=None)
    for url in ("/entities/kb:hts", "/review", "/articles/a1"):
        page = ro.get(url).text
        assert "writes are disabled" in page
        buttons = [b for b in page.split("<button")[1:] if 'class="judge"' in b]
        assert buttons and all(" disabled" in b.split(">")[0] for b in buttons)
    writable = client(build_db(tmp_path / "kb2.db")).get("/entities/kb:hts").text
    assert not [b for b in writable.split("<button")[1:] if 'class="judge"' in b and " disabled" in b.split(">")[0]]


def test_review_page_lists_queue_and_audit(fresh: TestClient) -> None:
    act(fresh, action="reject", target="relation:4", reason="wrong person")
    page = fresh.get("/review").text
    assert 'id="queue"' in page and "single source" in page
    audit = page.split('id="audit-log"')[1]
    assert "ana" in audit and "wrong person" in audit and 'class="undo"' in audit


# -- exports and watchlist ------------------------------------------------------------------------

def test_export_events_with_the_page_filters(api: TestClient) -> None:
    response = api.get("/api/export/events?actor=kb:hts&format=acled_csv")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1 and rows[0]["location"] == "Sarmada"
    geo = api.get("/api/export/events?since=2024&format=geojson").json()
    assert [f["id"] for f in geo["features"]] == [1]
    lines = api.get("/api/export/events?format=jsonl").text.splitlines()
    assert len(lines) == 2


def test_export_graph_as_graphml(api: TestClient) -> None:
    response = api.get("/api/export/graph?entity=kb:jfs&format=graphml")
    assert response.status_code == 200 and "<graphml" in response.text and "renamed_to" in response.text


def test_watchlist_shows_what_is_new_on_the_home_page(fresh: TestClient, tmp_path: Path) -> None:
    assert fresh.post("/api/watch", json={"entity": "HTS"}, headers=AUTH).json()["entity"] == "kb:hts"
    with Store(tmp_path / "kb.db") as store:
        store.conn.execute("UPDATE watchlist SET last_seen = '2000-01-01T00:00:00Z'")
    news = fresh.get("/").text.split('id="watch-news"')[1].split("</ul>")[0]
    assert "Hay&#39;at Tahrir al-Sham" in news and "1 events" in news


def test_legend_colours_are_stable(api: TestClient) -> None:
    legend = get(api, "/api/legend")
    assert legend["event_types"]["Battles"] == get(api, "/api/legend")["event_types"]["Battles"]
    assert len(set(legend["predicates"].values())) == len(legend["predicates"])


def test_place_page_lists_the_events_there(api: TestClient) -> None:
    page = api.get("/entities/new:location:sarmada").text
    events = page.split('id="events"')[1].split("</table>")[0]
    assert 'href="/events/1"' in events and "No events" not in events
    assert "/map?actor=new" not in page


def test_ids_beyond_sqlite_range_are_404(fresh: TestClient) -> None:
    assert fresh.get("/api/events/99999999999999999999").status_code == 404
    assert act(fresh, action="accept", target="event:99999999999999999999").status_code == 404
