"""External gold sets (re3d, MUC-3/4, WikiEvents, PLOVER, ConfliBERT CAMEO): shared plumbing and the dispatcher.

Each dataset module reads its gold into articles plus per-document gold, runs extraction
(or reads a precomputed extract JSONL) and scores with its own mapping. Results are
plain dicts of P/R/F1 (``PRF.as_dict``) and accuracies, plus notes that state the choices.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orbat.errors import DataError
from orbat.eval.matching import norm
from orbat.eval.records import iter_jsonl
from orbat.model import Article
from orbat.settings import Settings

EXTERNAL_DATASETS: tuple[str, ...] = ("re3d", "muc34", "wikievents", "plover", "cameo")


@dataclass(frozen=True)
class SpanMention:
    text: str
    start: int
    end: int
    type: str
    canonical: str


def mentions_of(record: dict[str, Any]) -> list[SpanMention]:
    return [
        SpanMention(m["text"], int(m["start"]), int(m["end"]), m["type"], m.get("canonical") or m["text"])
        for m in record.get("entities", [])
    ]


def names_for(record: dict[str, Any], canonical: str) -> set[str]:
    """Normalised names a system canonical stands for in one record: itself and its surfaces."""
    names = {norm(canonical)}
    names.update(norm(m.text) for m in mentions_of(record) if m.canonical == canonical)
    return {n for n in names if n}


def loosely_equal(a: str, b: str, min_len: int = 3) -> bool:
    """Equal, or one contains the other as whole words (both normalised, the shorter >= min_len)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= min_len and f" {short} " in f" {long_} "


def system_records(
    articles: list[Article], settings: Settings, system: Path | None, save_system: Path | None
) -> dict[str, dict[str, Any]]:
    """Extract records by article id: from ``system`` when given, else by running the pipeline."""
    if system is not None:
        return {str(obj["id"]): obj for _, obj in iter_jsonl(system) if "id" in obj}
    from orbat.eval.run import extract_records

    records = list(extract_records(articles, settings))
    if save_system is not None:
        save_system.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return {str(r["id"]): r for r in records}


def read_ndjson(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise DataError(str(path), "missing file")
    return [obj for _, obj in iter_jsonl(path)]


def take(items: Iterable[Any], limit: int | None) -> list[Any]:
    out = list(items)
    return out if limit is None else out[: max(0, limit)]


def evaluate_external(
    dataset: str,
    path: Path,
    settings: Settings,
    limit: int | None = None,
    system: Path | None = None,
    save_system: Path | None = None,
) -> dict[str, Any]:
    """Score extraction on an external set folder; returns a JSON-ready dict."""
    if not path.is_dir():
        raise DataError(str(path), f"not a {dataset} folder")
    if dataset == "re3d":
        from orbat.eval.re3d import evaluate_re3d

        return evaluate_re3d(path, settings, limit, system, save_system)
    if dataset == "muc34":
        from orbat.eval.muc34 import evaluate_muc34

        return evaluate_muc34(path, settings, limit, system, save_system)
    if dataset == "wikievents":
        from orbat.eval.wikievents import evaluate_wikievents

        return evaluate_wikievents(path, settings, limit, system, save_system)
    if dataset == "plover":
        from orbat.eval.plover import evaluate_plover

        return evaluate_plover(path, settings, limit, system, save_system)
    if dataset == "cameo":
        from orbat.eval.cameo import evaluate_cameo

        return evaluate_cameo(path, settings, limit, system, save_system)
    raise DataError(dataset, f"unknown external dataset ({', '.join(EXTERNAL_DATASETS)})")
