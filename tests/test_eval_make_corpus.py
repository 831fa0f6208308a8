"""bench/make_corpus.py writes deterministic, fully filled synthetic articles."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_corpus_is_deterministic_and_filled(tmp_path: Path) -> None:
    mc = _module()
    first = list(mc.generate(30, seed=3))
    assert first == list(mc.generate(30, seed=3))
    assert first != list(mc.generate(30, seed=4))
    assert len({a["id"] for a in first}) == 30
    for a in first:
        assert "{" not in a["text"] and "}" not in a["text"]
        assert a["text"].startswith(a["title"] + "\n\n")
        assert len(a["published"]) == 10


def test_corpus_cli_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    _module().main(["5", "-o", str(out), "--seed", "1"])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(json.loads(x)["id"].startswith("synthetic-") for x in lines)
