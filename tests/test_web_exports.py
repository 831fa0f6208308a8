"""Downloads from the pages: every list (entity events, map view, timeline view, graph) as ACLED CSV,
GeoJSON, GraphML/GEXF, STIX 2.1 or JSONL, with the filters the page shows; files parse and validate."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx
import pytest
from _helpers_web import STARLETTE_WARNING, TestClient, build_db, client
from stix2validator import ValidationOptions, validate_string

pytestmark = pytest.mark.filterwarnings(STARLETTE_WARNING)
SARMADA = "Sarmada"  # the HTS battle (event 1); the other event is a riot in Aleppo with no actor id


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client(build_db(tmp_path_factory.mktemp("exports") / "kb.db"))


def stix(api: TestClient, url: str) -> dict[str, Any]:
    response = api.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/stix+json")
    assert response.headers["content-disposition"].endswith('.stix.json"')
    result = validate_string(response.text, ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for r in result.object_results for e in r.errors]
    bundle: dict[str, Any] = json.loads(response.text)
    return bundle


def of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle.get("objects", []) if o["type"] == kind]


def test_web_export_events_as_stix_keeps_only_the_filtered_events(api: TestClient) -> None:
    everything = stix(api, "/api/export/events?format=stix")
    assert {o["name"] for o in of_type(everything, "location")} == {SARMADA, "Aleppo"}
    hts = stix(api, "/api/export/events?actor=kb:hts&format=stix")
    assert {o["name"] for o in of_type(hts, "location")} == {SARMADA}
    actors = {o["name"] for o in of_type(hts, "threat-actor")}
    assert "Hay'at Tahrir al-Sham" in actors
    ids = {o["id"] for o in hts["objects"]}
    for report in of_type(hts, "report"):  # every reference resolves inside the bundle
        assert set(report["object_refs"]) <= ids
    assert not of_type(stix(api, "/api/export/events?since=2030&format=stix"), "location")


@pytest.mark.parametrize(("bbox", "expected"), [("36.5,36.0,36.9,36.4", {SARMADA}),
                                                ("37.0,36.0,37.3,36.4", {"Aleppo"}),
                                                ("-10,-10,10,10", set())])
def test_web_export_events_follow_the_map_view(api: TestClient, bbox: str, expected: set[str]) -> None:
    geo = api.get(f"/api/export/events?format=geojson&bbox={bbox}").json()
    assert {f["properties"]["location"] for f in geo["features"]} == expected
    rows = list(csv.DictReader(io.StringIO(api.get(f"/api/export/events?format=acled_csv&bbox={bbox}").text)))
    assert {r["location"] for r in rows} == expected
    located = of_type(stix(api, f"/api/export/events?format=stix&bbox={bbox}"), "location")
    assert {o["name"] for o in located} == expected


def test_web_export_events_refuse_a_bad_bbox(api: TestClient) -> None:
    response = api.get("/api/export/events?format=jsonl&bbox=200,0,210,10")
    assert response.status_code == 422 and "bbox" in response.json()["error"]["message"]


def test_web_export_graph_as_stix_has_the_edges_the_page_shows(api: TestClient) -> None:
    edges = api.get("/api/graph?entity=kb:hts&depth=2").json()["edges"]
    bundle = stix(api, "/api/export/graph?entity=kb:hts&depth=2&format=stix")
    assert len(of_type(bundle, "relationship")) == len(edges) == 4
    one = stix(api, "/api/export/graph?entity=kb:hts&depth=2&format=stix&predicate=member_of")
    (member,) = of_type(one, "relationship")
    assert "member_of" in member["description"]


@pytest.mark.parametrize(("query", "predicates"), [
    ("", ["member_of", "merged_into", "renamed_to", "renamed_to"]),
    ("&predicate=renamed_to", ["renamed_to", "renamed_to"]),
    ("&type=ORG_ARMED", ["merged_into", "renamed_to", "renamed_to"]),  # the person is filtered out
    ("&certainty=reported", []),
])
def test_web_export_graph_honours_the_page_filters(api: TestClient, query: str, predicates: list[str]) -> None:
    lines = api.get(f"/api/export/graph?entity=kb:hts&depth=2&format=jsonl{query}").text.splitlines()
    assert sorted(json.loads(line)["predicate"] for line in lines) == predicates
    graphml = api.get(f"/api/export/graph?entity=kb:hts&depth=2&format=graphml{query}").content
    g = nx.read_graphml(io.BytesIO(graphml))
    assert sorted(d["predicate"] for _, _, d in g.edges(data=True)) == predicates


@pytest.mark.parametrize(("page", "link"), [
    ("/entities/kb:hts", "/api/export/events?actor=kb%3Ahts&format=stix"),
    ("/map", 'data-format="stix" href="/api/export/events?format=stix"'),
    ("/timeline", 'data-format="stix" href="/api/export/events?format=stix"'),
    ("/graph?entity=kb:hts", "/api/export/graph?entity=kb%3Ahts&depth=1&format=stix"),
    ("/graph?entity=kb:hts", "/api/export/graph?entity=kb%3Ahts&depth=1&format=jsonl"),
])
def test_web_pages_link_every_download(api: TestClient, page: str, link: str) -> None:
    assert link in api.get(page).text
