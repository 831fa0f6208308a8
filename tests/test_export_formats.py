"""Each exporter on a small hand-built store: jsonl contract, ACLED columns, GeoJSON, GraphML/GEXF, STIX."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
import yaml
from _helpers_store import ART1, loaded_store
from stix2validator import ValidationOptions, validate_string

from orbat.errors import OrbatError
from orbat.export.acled import interaction
from orbat.export.registry import EXPORTERS, export
from orbat.store import Store


@pytest.fixture
def store(db_target: str) -> Store:
    return loaded_store(db_target)


def _out(store: Store, fmt: str) -> str:
    buf = io.StringIO()
    export(store, fmt, buf)
    return buf.getvalue()


def test_jsonl_rebuilds_the_extract_contract_with_exact_offsets(store: Store) -> None:
    records = [json.loads(line) for line in _out(store, "jsonl").splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2"]
    a1 = records[0]
    assert a1["text"] == ART1 and a1["url"] == "https://news.example/a1"
    assert {"entities", "events", "relations", "aliases", "errors", "pipeline_version"} <= set(a1)
    for item in a1["entities"]:
        assert a1["text"][item["start"] : item["end"]] == item["text"]
    for item in a1["events"] + a1["relations"]:
        ev = item["evidence"]
        assert a1["text"][ev["start"] : ev["end"]] == ev["text"]
    assert a1["events"][0]["fatalities"] == 4  # the article's own figure, not the merged one
    assert records[1]["events"][0]["fatalities"] == 6
    assert a1["relations"][0]["subject_id"] == "kb:jfs" and a1["relations"][0]["date"] == "2017-01"
    assert ["Hay'at Tahrir al-Sham", "HTS"] in a1["aliases"]


def test_acled_header_order_comes_from_the_yaml_file(store: Store) -> None:
    data_file = Path(__file__).parents[1] / "orbat" / "export" / "data" / "acled_columns.yaml"
    columns = yaml.safe_load(data_file.read_text())["columns"]
    rows = list(csv.reader(io.StringIO(_out(store, "acled"))))
    assert rows[0] == columns
    assert rows[0][:4] == ["event_id_cnty", "event_date", "year", "time_precision"] and rows[0][-1] == "timestamp"
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["event_id_cnty"] == "SYR1" and row["iso"] == "760" and row["region"] == "Middle East"
    assert (row["event_type"], row["sub_event_type"], row["disorder_type"]) == (
        "Battles", "Armed clash", "Political violence")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "1", "12")
    assert row["source"] == "news.example; wire.example"
    assert "HTS fighters killed 4 soldiers" in row["notes"] and row["fatalities"] == "4"


@pytest.mark.parametrize(("i1", "i2", "code"), [(2, 1, "12"), (1, 7, "17"), (3, None, "30"), (None, None, "")])
def test_acled_interaction_code(i1: int | None, i2: int | None, code: str) -> None:
    assert interaction(i1, i2) == code


def test_geojson_is_a_valid_feature_collection(store: Store) -> None:
    fc = json.loads(_out(store, "geojson"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    f = fc["features"][0]
    assert f["type"] == "Feature" and f["geometry"] == {"type": "Point", "coordinates": [36.72, 36.18]}
    assert f["properties"]["source_count"] == 2 and f["properties"]["location"] == "Sarmada"
    assert None not in f["properties"].values()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_read_back_in_networkx(store: Store, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"g.{fmt}"
    path.write_text(_out(store, fmt), encoding="utf-8")
    g = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert g.number_of_edges() == 5  # 3 curated + 2 from text, jfs->hts twice (multi-edge)
    assert g.nodes["kb:hts"]["canonical"] == "Hay'at Tahrir al-Sham"
    jfs_hts = g.get_edge_data("kb:jfs", "kb:hts")
    assert sorted(d["predicate"] for d in jfs_hts.values()) == ["merged_into", "renamed_to"]
    pledge = next(iter(g.get_edge_data("kb:nusra", "kb:al-qaeda").values()))
    assert (pledge["date_start"], pledge["date_end"], pledge["status"]) == ("2013-04", "2016-07", "former")


def test_stix_bundle_validates_and_is_stable(store: Store) -> None:
    text = _out(store, "stix")
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for r in result.object_results for e in r.errors]
    assert text == _out(store, "stix")  # deterministic ids and timestamps
    objects = json.loads(text)["objects"]
    by_type: dict[str, list[dict]] = {}
    for o in objects:
        by_type.setdefault(o["type"], []).append(o)
    hts = next(o for o in by_type["threat-actor"] if o["name"] == "Hay'at Tahrir al-Sham")
    assert "HTS" in hts["aliases"] and hts["first_seen"].startswith("2017-01-01")
    assert by_type["identity"][0]["identity_class"] == "individual"
    assert by_type["location"][0]["latitude"] == 36.18
    pledge = next(o for o in by_type["relationship"] if "pledged_allegiance_to" in o["description"])
    assert pledge["start_time"].startswith("2013-04-01") and pledge["stop_time"].startswith("2016-07-01")
    assert pledge["confidence"] == 95
    report = next(o for o in by_type["report"] if o["name"].startswith("Militants"))
    assert report["external_references"][0]["url"] == "https://news.example/a1"
    assert hts["id"] in report["object_refs"]


def test_unknown_format_is_an_orbat_error(store: Store) -> None:
    assert set(EXPORTERS) == {"jsonl", "acled", "geojson", "graphml", "gexf", "stix"}
    with pytest.raises(OrbatError, match="unknown export format"):
        export(store, "xml", io.StringIO())


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_format_handles_an_empty_store(tmp_path: Path, fmt: str) -> None:
    with Store(tmp_path / "empty.db") as empty:
        buf = io.StringIO()
        assert export(empty, fmt, buf) == 0
    if fmt == "stix":
        assert validate_string(buf.getvalue(), ValidationOptions(version="2.1")).is_valid
