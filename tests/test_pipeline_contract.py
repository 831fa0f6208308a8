"""`orbat extract` fills the record contract with exact offsets, validated by the JSON Schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from conftest import FIXTURES

from orbat.ingest import clean
from orbat.model import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(resources.files("orbat.schema").joinpath("extraction.schema.json").read_text())


@pytest.fixture(scope="module")
def record(pipeline) -> dict:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "articles" / "raid.txt").read_text(encoding="utf-8")
    article = clean(Article(id="raid", text=text, published="2024-03-14", published_precision="day"))
    return pipeline.extract_one(article).to_dict()


def test_pipeline_record_validates_against_schema(record: dict, schema: dict) -> None:
    jsonschema.validate(record, schema)


def test_pipeline_offsets_index_stored_text(record: dict) -> None:
    text = record["text"]
    assert record["entities"], "the fixture names several groups and places"
    for ent in record["entities"]:
        assert text[ent["start"] : ent["end"]] == ent["text"]
    for item in record["events"] + record["relations"]:
        ev = item["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]


def test_pipeline_types_are_the_four_orbat_types(record: dict) -> None:
    types = {e["type"] for e in record["entities"]}
    assert types <= {"ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION"}
    assert "LOCATION" in types


def test_pipeline_ignores_marked_boilerplate(record: dict) -> None:
    tail = record["text"].index("Tags:")
    assert all(e["start"] < tail for e in record["entities"])


def test_pipeline_curly_apostrophe_keeps_offsets(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Fighters of Hay\u2019at Tahrir al-Sham clashed with rebels near Sarmada on Monday."
    ex = pipeline.extract_one(Article(id="curly", text=text, published="2023-05-02"))
    for m in ex.entities:
        assert text[m.start : m.end] == m.text
