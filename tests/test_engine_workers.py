"""Extraction over worker processes: the same records as one process, in order, fed lazily;
a re-ingest of an unchanged corpus loads nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from orbat import service
from orbat.cli import app
from orbat.engine import InProcessEngine, PoolEngine, resolve_workers
from orbat.errors import OrbatError
from orbat.model import Article
from orbat.pipeline import Pipeline
from orbat.settings import Settings
from orbat.store import Store

SAMPLES = REPO / "samples"


def _records(outcomes: Iterator[service.Outcome]) -> list[str]:
    return [json.dumps(o.extraction.to_dict(), ensure_ascii=False) for o in outcomes if o.extraction is not None]


@pytest.mark.slow
def test_engine_workers_records_identical_to_one_process(pipeline: Pipeline) -> None:
    settings = replace(pipeline.settings, batch_size=2)  # 12 samples -> 6 batches over 2 workers
    one = _records(service.extract([str(SAMPLES)], settings, engine=InProcessEngine(pipeline)))
    two = _records(service.extract([str(SAMPLES)], settings, engine=PoolEngine(pipeline, 2)))
    assert len(one) == 12
    assert two == one  # byte for byte: same order, same offsets


@pytest.mark.slow
def test_engine_workers_cli_output_identical(tmp_path: Path) -> None:
    runner = CliRunner(env={"ORBAT_BATCH_SIZE": "3"})
    out1, out2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = runner.invoke(app, ["extract", str(SAMPLES), "-q", "--workers", "1", "-o", str(out1)])
    second = runner.invoke(app, ["extract", str(SAMPLES), "-q", "--workers", "2", "-o", str(out2)])
    assert first.exit_code == second.exit_code == 0
    assert out2.read_bytes() == out1.read_bytes()


@pytest.mark.slow
def test_engine_pool_feeds_lazily_and_keeps_order(pipeline: Pipeline) -> None:
    pulled: list[int] = []

    def batches() -> Iterator[tuple[int, list[Article]]]:
        for n in range(10):
            pulled.append(n)
            yield n, [Article(f"a{n}", f"Gunmen killed {n + 2} soldiers in Kabul on Monday.")] if n % 3 else []

    engine = PoolEngine(pipeline, workers=2, window=3)
    seen = []
    for key, extractions in engine.map(batches()):
        if key == 1:  # batch 0 had nothing to extract; the first pooled result
            assert len(pulled) <= 1 + 3 + 1  # batch 0, the window of 3, the batch waiting for a slot
        seen.append(key)
        assert [e.article.id for e in extractions] == ([f"a{key}"] if key % 3 else [])
    assert seen == list(range(10))


def test_engine_pool_short_input_runs_here() -> None:
    class Here(InProcessEngine):
        calls = 0

        def map(self, batches):  # type: ignore[no-untyped-def]
            Here.calls += 1
            yield from ((k, []) for k, _ in batches)

    engine = PoolEngine(Pipeline(Settings()), workers=2)
    engine.local = Here(engine.local.pipeline)
    assert [k for k, _ in engine.map([("only", [Article("a", "x")])])] == ["only"]
    assert Here.calls == 1


def test_engine_workers_zero_is_the_core_count_and_negative_is_refused() -> None:
    assert resolve_workers(0) >= 1
    assert resolve_workers(3) == 3
    with pytest.raises(OrbatError, match="--workers -1"):
        resolve_workers(-1)


class _NoModel(Pipeline):
    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the model was loaded for an unchanged corpus")


@pytest.mark.slow
def test_engine_reingest_unchanged_loads_no_model_nor_kb(pipeline: Pipeline, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    settings = replace(pipeline.settings, batch_size=4)
    inputs = [str(p) for p in sorted(SAMPLES.glob("*.txt"))[:5]]
    with Store(tmp_path / "kb.db") as store:
        first = service.ingest(inputs, settings, store, pipeline)
        assert first.outcomes["ok"] + first.outcomes["near_duplicate"] == 5

        def no_kb() -> None:
            raise AssertionError("the knowledge base was loaded for an unchanged corpus")

        monkeypatch.setattr("orbat.kb.loader.load_kb", no_kb)  # service imports it on first use
        again = service.ingest(inputs, settings, store, _NoModel(settings))
    assert dict(again.outcomes) == {"unchanged": 5}
    script = ("import sys; from orbat.cli import main\n"
              "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
              "heavy = sorted(m for m in ('spacy', 'datasketch', 'scipy', 'numpy', 'networkx') if m in sys.modules)\n"
              "print('heavy:', ' '.join(heavy))\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, "--db", str(tmp_path / "kb.db"), "ingest", *inputs, "-q",
                           "--workers", "1"], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "heavy:"  # a re-ingest of unchanged articles imports none of them


@pytest.mark.slow
def test_engine_workers_ingest_stores_what_one_process_stores(pipeline: Pipeline, tmp_path: Path) -> None:
    settings = replace(pipeline.settings, batch_size=2)
    inputs = [str(p) for p in sorted(SAMPLES.glob("*.txt"))[:6]]
    counts = []
    for name, engine in (("one", InProcessEngine(pipeline)), ("two", PoolEngine(pipeline, 2))):
        with Store(tmp_path / f"{name}.db") as store:
            report = service.ingest(inputs, settings, store, pipeline, engine=engine)
            assert report.exit_code == 0
            counts.append([store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                           for t in ("articles", "mentions", "events", "event_sources", "relations")])
    assert counts[0] == counts[1] and counts[0][0] == 6
