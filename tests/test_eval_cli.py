"""`orbat eval` scores a precomputed system file, prints JSON, and enforces floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _helpers_eval import GOLD, TEXTS, gold_as_system, shared_eval_dir, write_jsonl, write_tiny_set
from typer.testing import CliRunner

from orbat.cli import app
from orbat.errors import DataError
from orbat.eval.floors import check_floors, load_floors

runner = CliRunner()


def _system(tmp_path: Path, drop_relations: bool = False) -> Path:
    records = [gold_as_system(g, TEXTS[g["id"]]) for g in GOLD]
    if drop_relations:
        for r in records:
            r["relations"] = []
    return write_jsonl(tmp_path / "system.jsonl", records)


def _eval(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["eval", *args])
    return result.exit_code, result.stdout, result.stderr


def test_eval_json_scores_a_precomputed_system(tmp_path: Path) -> None:
    gold, articles = write_tiny_set(tmp_path)
    code, out, _ = _eval(str(gold), str(articles), "--system", str(_system(tmp_path)), "--json", "--per-article")
    assert code == 0
    data = json.loads(out)
    assert data["articles"] == ["a1", "b1"]
    assert data["micro"]["f1"] == 1.0
    assert data["metrics"]["events.certainty_accuracy"] == 1.0
    assert [a["id"] for a in data["per_article"]] == ["a1", "b1"]


def test_eval_table_names_every_category(tmp_path: Path) -> None:
    gold, articles = write_tiny_set(tmp_path)
    code, out, _ = _eval(str(gold), str(articles), "--system", str(_system(tmp_path)))
    assert code == 0
    for word in ("entities", "aliases", "events", "relations", "micro", "canonical", "certainty"):
        assert word in out


def test_eval_only_restricts_the_articles(tmp_path: Path) -> None:
    gold, articles = write_tiny_set(tmp_path)
    code, out, _ = _eval(str(gold), str(articles), "--system", str(_system(tmp_path)), "--json", "--only", "b1")
    assert code == 0 and json.loads(out)["articles"] == ["b1"]


def test_check_floors_exits_1_when_a_metric_drops(tmp_path: Path) -> None:
    gold, articles = write_tiny_set(tmp_path)
    floors = tmp_path / "floors.yaml"
    floors.write_text("dev:\n  relations.f1: 0.5\n  entities.f1: 0.9\n", encoding="utf-8")
    system = str(_system(tmp_path, drop_relations=True))
    code, _, err = _eval(str(gold), str(articles), "--system", system, "--check-floors", "--floors", str(floors))
    assert code == 1
    assert "relations.f1" in err and "entities.f1" not in err
    code, _, _ = _eval(str(gold), str(articles), "--system", str(_system(tmp_path)), "--check-floors",
                       "--floors", str(floors))
    assert code == 0


def test_bad_gold_line_is_one_error_line_naming_file_and_line(tmp_path: Path) -> None:
    _, articles = write_tiny_set(tmp_path)
    gold = tmp_path / "bad.jsonl"
    gold.write_text(json.dumps(GOLD[0]) + "\n{not json\n", encoding="utf-8")
    code, _, err = _eval(str(gold), str(articles), "--system", str(_system(tmp_path)))
    assert code == 1
    assert f"{gold}:2" in err and len(err.strip().splitlines()) == 1


def test_dev_needs_two_paths(tmp_path: Path) -> None:
    gold, _ = write_tiny_set(tmp_path)
    code, _, err = _eval(str(gold))
    assert code == 2 and "ARTICLES_DIR" in err


def test_floors_file_rejects_out_of_range_values(tmp_path: Path) -> None:
    path = tmp_path / "floors.yaml"
    path.write_text("dev:\n  events.f1: 7\n", encoding="utf-8")
    with pytest.raises(DataError, match="events.f1"):
        load_floors(path)


def test_unknown_floor_metric_is_an_error_not_a_pass() -> None:
    with pytest.raises(DataError, match="unknown metric"):
        check_floors({"events.f1": 1.0}, {"event.f1": 0.5})


def test_repo_floors_name_real_metrics(tmp_path: Path) -> None:
    gold, articles = write_tiny_set(tmp_path)
    code, _, err = _eval(str(gold), str(articles), "--system", str(_system(tmp_path)), "--check-floors")
    assert code == 0, err


def test_eval_on_shared_dev_with_gold_as_system(tmp_path: Path) -> None:
    root = shared_eval_dir()
    if root is None:
        pytest.skip("../shared/eval not present")
    dev = root / "dev"
    raw = [json.loads(x) for x in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (dev / "articles").glob("*.txt")}
    system = write_jsonl(tmp_path / "sys.jsonl", [gold_as_system(r, texts[r["id"]]) for r in raw])
    code, out, _ = _eval(str(dev / "gold.jsonl"), str(dev / "articles"), "--system", str(system), "--json")
    assert code == 0
    data = json.loads(out)
    assert "seed" not in data["articles"] and len(data["articles"]) == 14
    assert data["micro"]["f1"] == 1.0


@pytest.mark.slow
def test_eval_runs_the_pipeline_on_shared_dev(tmp_path: Path) -> None:
    root = shared_eval_dir()
    if root is None:
        pytest.skip("../shared/eval not present")
    dev = root / "dev"
    saved = tmp_path / "system.jsonl"
    code, out, err = _eval(str(dev / "gold.jsonl"), str(dev / "articles"), "--json", "--save-system", str(saved),
                           "--check-floors")
    assert code == 0, err
    metrics = json.loads(out)["metrics"]
    assert all(v is None or 0.0 <= v <= 1.0 for v in metrics.values())
    assert metrics["entities.f1"] > 0.0
    records = [json.loads(x) for x in saved.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 14
    for rec in records:  # the scored records obey the offsets contract
        for e in rec["entities"]:
            assert rec["text"][e["start"]:e["end"]] == e["text"]


def test_eval_errors_prints_one_line_per_item(tmp_path: Path) -> None:
    gold, articles = write_tiny_set(tmp_path)
    code, out, _ = _eval(str(gold), str(articles), "--system", str(_system(tmp_path, drop_relations=True)),
                         "--errors")
    assert code == 0
    lines = [x for x in out.splitlines() if "\trelations.missed\t" in x]
    assert len(lines) == 4 and lines[0].startswith("a1\t")


@pytest.mark.slow
def test_eval_corpus_test_split_holds_its_floors(tmp_path: Path) -> None:
    """The gate: the pipeline on the team corpus's test split stays above orbat/eval/floors.yaml corpus_test."""
    import sys

    repo = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(repo / "corpus" / "tools"))
    import build_corpus as build

    build.build(tmp_path / "corpus")
    test = tmp_path / "corpus" / "test"
    code, out, err = _eval(str(test / "gold.jsonl"), str(test / "articles"), "--json", "--check-floors",
                           "--section", "corpus_test")
    assert code == 0, err
    assert json.loads(out)["metrics"]["events.f1"] > 0.0
