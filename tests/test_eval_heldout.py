"""The held-out gold set (eval/heldout): verbatim and well-formed, rebuildable, and perfect against itself."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from orbat.eval.dev import score_dev
from orbat.eval.records import gold_from_dict, system_from_dict

HELDOUT = Path(__file__).resolve().parents[1] / "eval" / "heldout"
_EVENT_KEYS = ("type", "actor1", "location", "date", "fatalities", "claimed_by", "certainty")


def _load_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"heldout_{name}", HELDOUT / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def check() -> ModuleType:
    return _load_module("check")


@pytest.fixture(scope="module")
def gold(check: ModuleType) -> list[dict[str, Any]]:
    return list(check.load_gold(HELDOUT / "gold.jsonl"))


@pytest.fixture(scope="module")
def texts(check: ModuleType) -> dict[str, str]:
    return dict(check.load_texts(HELDOUT / "articles"))


def _as_system(rec: dict[str, Any]) -> dict[str, Any]:
    """An ``orbat extract``-shaped record holding exactly the gold answers."""
    return {
        "id": rec["id"],
        "entities": [{"text": e["text"], "type": e["type"], "canonical": e["canonical"]} for e in rec["entities"]],
        "aliases": [list(g) for g in rec["aliases"]],
        "events": [{k: ev.get(k) for k in _EVENT_KEYS} for ev in rec["events"]],
        "relations": [{k: r[k] for k in ("subject", "predicate", "object")} for r in rec["relations"]],
    }


def test_heldout_has_ten_articles_with_metadata(gold: list[dict[str, Any]], texts: dict[str, str]) -> None:
    meta = [json.loads(line) for line in (HELDOUT / "articles.jsonl").read_text("utf-8").splitlines() if line]
    assert [m["id"] for m in meta] == [g["id"] for g in gold] == sorted(texts) == [f"h{i:02d}" for i in range(1, 11)]
    for m in meta:
        title, blank, _ = texts[m["id"]].split("\n", 2)
        assert (title, blank) == (m["title"], "")
        assert len(texts[m["id"]].split()) in range(200, 401)


def test_every_gold_surface_and_evidence_is_in_its_article(
    check: ModuleType, gold: list[dict[str, Any]], texts: dict[str, str]
) -> None:
    assert check.all_problems(gold, texts) == []
    for rec in gold:
        text = texts[rec["id"]]
        strings = [e["text"] for e in rec["entities"]] + [s for g in rec["aliases"] for s in g[1:]]
        strings += [x["evidence"] for x in rec["events"] + rec["relations"]]
        assert all(s in text for s in strings), rec["id"]


def test_check_reports_a_surface_missing_from_the_text(check: ModuleType, gold: list[dict[str, Any]],
                                                       texts: dict[str, str]) -> None:
    broken = json.loads(json.dumps(gold[0]))
    broken["entities"][0]["text"] = "Jamaat Nusrat al-Islam"
    broken["events"][0]["evidence"] = broken["events"][0]["evidence"][:40]
    problems = check.record_problems(broken, texts[broken["id"]])
    assert any("entity surface not in text" in p for p in problems)
    assert any("not a full sentence" in p for p in problems)


def test_gold_is_the_build_of_the_annotation(gold: list[dict[str, Any]], texts: dict[str, str]) -> None:
    yaml = pytest.importorskip("yaml")
    build = _load_module("build")
    spec = yaml.safe_load((HELDOUT / "annotation.yaml").read_text(encoding="utf-8"))
    assert [build.build_record(aid, spec[aid], texts[aid]) for aid in sorted(spec)] == gold


def test_gold_scored_against_itself_is_perfect(gold: list[dict[str, Any]], texts: dict[str, str]) -> None:
    system = {rec["id"]: system_from_dict(_as_system(rec)) for rec in gold}
    report = score_dev([gold_from_dict(rec) for rec in gold], system, texts)
    metrics = report.metrics()
    assert report.category("events").gold == sum(len(rec["events"]) for rec in gold)
    assert {name: value for name, value in metrics.items() if value != 1.0} == {}


def test_a_missing_event_lowers_event_recall(gold: list[dict[str, Any]], texts: dict[str, str]) -> None:
    records = [_as_system(rec) for rec in gold]
    records[0]["events"] = records[0]["events"][1:]
    system = {r["id"]: system_from_dict(r) for r in records}
    metrics = score_dev([gold_from_dict(rec) for rec in gold], system, texts).metrics()
    assert metrics["events.precision"] == 1.0
    assert metrics["events.recall"] is not None and metrics["events.recall"] < 1.0
