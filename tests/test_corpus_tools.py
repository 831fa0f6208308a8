"""The team's corpus: every record passes the checker, the split is fixed by seed, the build reads as gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from orbat.eval.dev import score_dev
from orbat.eval.records import load_gold, system_from_dict

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "corpus" / "tools"))
import build_corpus as build  # noqa: E402
import check_corpus as check  # noqa: E402


def test_corpus_every_record_passes_the_checker() -> None:
    seen: dict[str, str] = {}
    problems = [p for path in check.corpus_files() for p in check.check_file(path, seen)]
    assert problems == []
    assert len(seen) >= 1000


def test_corpus_split_is_fixed_by_seed_and_roughly_70_15_15() -> None:
    ids = [f"x-{i:05d}" for i in range(4000)]
    splits = [build.split_of(i) for i in ids]
    assert splits == [build.split_of(i) for i in ids]  # the same id always lands in the same split
    share = {name: splits.count(name) / len(ids) for name, _ in build.SPLITS}
    assert abs(share["train"] - 0.70) < 0.03 and abs(share["test"] - 0.15) < 0.03


def test_corpus_checker_names_what_is_wrong() -> None:
    rec = {"id": "z-1", "title": None, "published": "2024-13-01", "outlet": "o", "style": "wire",
           "text": "Gunmen killed two farmers in Gwoza.", "entities": [["Gwoza", "LOCATION", "Gwoza"]],
           "events": [{"type": "Violence against civilians/Attack", "actor1": "Gunmen", "location": "Gwoza",
                       "certainty": "asserted", "evidence": "killed three farmers"}], "relations": []}
    found = check.problems(rec)
    assert any("published" in p for p in found)
    assert any("actor1 'Gunmen'" in p for p in found)
    assert any("not verbatim" in p for p in found)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    build.build(out)
    return out


def test_corpus_build_splits_are_disjoint_and_complete(built: Path) -> None:
    ids = {name: {g.id for g in load_gold(built / name / "gold.jsonl")} for name, _ in build.SPLITS}
    assert not (ids["train"] & ids["test"]) and not (ids["dev"] & ids["test"]) and not (ids["train"] & ids["dev"])
    total = sum(1 for path in check.corpus_files() for line in path.read_text(encoding="utf-8").splitlines() if line)
    assert sum(len(v) for v in ids.values()) == total
    assert all((built / "test" / "articles" / f"{i}.txt").is_file() for i in ids["test"])


def test_corpus_build_gold_scored_against_itself_is_perfect(built: Path) -> None:
    gold = load_gold(built / "dev" / "gold.jsonl")
    texts = {g.id: (built / "dev" / "articles" / f"{g.id}.txt").read_text(encoding="utf-8") for g in gold}
    raw = [json.loads(line) for line in (built / "dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    system = {r["id"]: system_from_dict(r) for r in raw}
    report = score_dev(gold, system, texts, [g.id for g in gold])
    metrics = report.metrics()
    assert metrics["events.f1"] == 1.0 and metrics["relations.f1"] == 1.0 and metrics["entities.f1"] == 1.0
