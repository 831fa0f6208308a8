"""The read API over a small hand-built knowledge base: articles, entities, events, relations, graph."""

from __future__ import annotations

from typing import Any

import pytest
from _helpers_store import ART1
from _helpers_web import STARLETTE_WARNING, TestClient, build_db, client

pytestmark = pytest.mark.filterwarnings(STARLETTE_WARNING)


@pytest.fixture
def api(db_target: str) -> TestClient:
    return client(build_db(db_target))


def get(api: TestClient, url: str) -> Any:
    response = api.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def test_articles_list_newest_first_with_pagination(api: TestClient) -> None:
    assert [a["id"] for a in get(api, "/api/articles")["items"]] == ["evil", "a2", "a1"]
    second = get(api, "/api/articles?limit=1&offset=1")
    assert [a["id"] for a in second["items"]] == ["a2"] and second["limit"] == 1 and second["offset"] == 1


def test_article_has_text_and_facts_with_offsets_into_it(api: TestClient) -> None:
    art = get(api, "/api/articles/a1")
    assert art["text"] == ART1
    hts = [m for m in art["mentions"] if m["text"] == "HTS"]
    assert len(hts) == 2 and all(m["entity_id"] == "kb:hts" for m in hts)
    for m in art["mentions"]:
        assert art["text"][m["start"]:m["end"]] == m["text"]
    (event,) = art["events"]
    assert event["type"] == "Battles/Armed clash" and event["fatalities"] == 4
    assert art["text"][event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["text"]
    renamed = [r for r in art["relations"] if r["predicate"] == "renamed_to"]
    assert renamed and renamed[0]["subject"] == "Jabhat Fath al-Sham" and renamed[0]["object_id"] == "kb:hts"


@pytest.mark.parametrize(("query", "expected"), [
    ("search=HTS", "kb:hts"),
    ("search=Nusra%20Front", "kb:nusra"),
    ("type=PERSON", "new:person:abu-khalid-al-idlibi"),
])
def test_entity_search_by_alias_and_type(api: TestClient, query: str, expected: str) -> None:
    assert get(api, f"/api/entities?{query}")["items"][0]["id"] == expected


def test_entity_profile_has_aliases_lineage_relations_events_sources(api: TestClient) -> None:
    prof = get(api, "/api/entities/kb:hts")
    assert prof["entity"]["canonical"] == "Hay'at Tahrir al-Sham"
    assert "HTS" in prof["aliases"]
    steps = {(s["earlier"], s["predicate"], s["later"]) for s in prof["lineage"]}
    assert ("Jabhat al-Nusra", "renamed_to", "Jabhat Fath al-Sham") in steps
    assert ("Jabhat Fath al-Sham", "merged_into", "Hay'at Tahrir al-Sham") in steps
    assert {r["date_start"] for r in prof["relations"]} >= {"2017-01"}
    assert [e["location"] for e in prof["events"]] == ["Sarmada"]
    assert {s["id"] for s in prof["sources"]} == {"a1", "a2", "evil"}


def test_entity_by_alias_resolves(api: TestClient) -> None:
    assert get(api, "/api/entities/Tahrir%20al-Sham")["entity"]["id"] == "kb:hts"


@pytest.mark.parametrize(("query", "count"), [
    ("", 2),
    ("actor=HTS", 1),
    ("actor=Syrian%20army", 1),
    ("type=Battles", 1),
    ("type=Violent%20demonstration", 1),
    ("type=Protests", 0),
    ("country=SY", 2),
    ("country=Mali", 0),
    ("since=2024-01", 1),
    ("until=2023-12", 1),
    ("bbox=36.5,36,36.9,36.5", 1),
    ("bbox=0,0,1,1", 0),
])
def test_event_filters(api: TestClient, query: str, count: int) -> None:
    assert get(api, f"/api/events?{query}")["count"] == count


def test_events_as_geojson_feature_collection(api: TestClient) -> None:
    fc = get(api, "/api/events?format=geojson")
    assert fc["type"] == "FeatureCollection"
    by_place = {f["properties"]["location"]: f for f in fc["features"]}
    assert set(by_place) == {"Sarmada", "Aleppo"}
    sarmada = by_place["Sarmada"]
    assert sarmada["geometry"] == {"type": "Point", "coordinates": [36.72, 36.18]}  # [lon, lat]
    assert sarmada["properties"]["actor1"] == "Hay'at Tahrir al-Sham"
    assert sarmada["properties"]["source_count"] == 2  # the two Sarmada reports merged into one event


def test_relations_at_a_date(api: TestClient) -> None:
    def preds(at: str) -> set[str]:
        return {r["predicate"] for r in get(api, f"/api/relations?entity=kb:nusra&at={at}")["items"]}
    assert "pledged_allegiance_to" in preds("2014")
    assert "pledged_allegiance_to" not in preds("2018")


def test_graph_depth_two_reaches_further(api: TestClient) -> None:
    one = get(api, "/api/graph?entity=kb:hts&depth=1")
    two = get(api, "/api/graph?entity=kb:hts&depth=2")
    assert one["center"] == "kb:hts"
    assert "kb:nusra" not in {n["id"] for n in one["nodes"]}
    assert "kb:nusra" in {n["id"] for n in two["nodes"]}
    ids = {n["id"] for n in two["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in two["edges"])


def test_openapi_lists_the_routes(api: TestClient) -> None:
    paths = get(api, "/openapi.json")["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
            "/api/events", "/api/relations", "/api/graph", "/api/ingest", "/api/judgements"} <= set(paths)


def test_entity_lists_are_bounded_with_totals(api: TestClient) -> None:
    prof = get(api, "/api/entities/kb:hts?limit=1")
    assert len(prof["sources"]) == 1 and prof["totals"]["sources"] == 3
    assert prof["sources"][0]["id"] == "evil"  # newest first


def test_graph_at_a_date_keeps_only_relations_holding_then(api: TestClient) -> None:
    def predicates(at: str) -> set[str]:
        return {e["predicate"] for e in get(api, f"/api/graph?entity=kb:nusra&at={at}")["edges"]}
    assert "pledged_allegiance_to" in predicates("2015")
    assert "pledged_allegiance_to" not in predicates("2020")


def test_entity_page_relations_are_distinct_claims(api: TestClient) -> None:
    from orbat.query import distinct_relations
    from orbat.query.rows import RelationRow

    row = RelationRow(1, "kb:a", "A", "allied_with", "kb:b", "B", "2020", None, "current", "asserted", "text", 2,
                      "a1", "A and B allied.")
    twin = RelationRow(2, "kb:a", "A", "allied_with", "kb:b", "B", "2020", None, "current", "asserted", "text", 2,
                       "a2", "B and A allied.")
    later = RelationRow(3, "kb:a", "A", "allied_with", "kb:b", "B", "2022", None, "current", "asserted", "text", 1,
                        "a3", "Again.")
    assert [r.id for r in distinct_relations([row, twin, later])] == [1, 3]


def test_entity_api_relations_are_claims_with_row_totals(api: TestClient) -> None:
    prof = get(api, "/api/entities/kb:hts")
    keys = [(r["subject_id"], r["predicate"], r["object_id"], r["date_start"], r["date_end"], r["status"],
             r["origin"]) for r in prof["relations"]]
    assert len(keys) == len(set(keys)) and prof["totals"]["relations"] >= len(keys) > 0
    assert prof["totals"]["events"] == len(prof["events"]) and prof["mention_count"] == prof["entity"]["mentions"]
