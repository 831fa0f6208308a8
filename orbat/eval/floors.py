"""Pinned metric floors (the benchmark gate) and the check against a report's metrics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from orbat.datafile import read_data
from orbat.errors import DataError

DEFAULT_FLOORS = Path(__file__).with_name("floors.yaml")


@dataclass(frozen=True)
class FloorViolation:
    metric: str
    value: float | None
    floor: float

    def __str__(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.4f}"
        return f"{self.metric} = {shown} is below the floor {self.floor:.4f}"


def load_floors(path: Path = DEFAULT_FLOORS, dataset: str = "dev") -> dict[str, float]:
    """Floors of one dataset section; fails naming the file and the bad entry."""
    data = read_data(path)
    if not isinstance(data, dict) or not isinstance(data.get(dataset), dict):
        raise DataError(str(path), f"expected a mapping with a {dataset!r} section of metric: floor")
    floors: dict[str, float] = {}
    for metric, value in data[dataset].items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
            raise DataError(str(path), f"{dataset}.{metric}: floor must be a number in [0, 1], got {value!r}")
        floors[str(metric)] = float(value)
    return floors


def check_floors(metrics: Mapping[str, float | None], floors: Mapping[str, float]) -> list[FloorViolation]:
    """Metrics below their floor; an unknown metric name is a data error, not a pass."""
    unknown = sorted(set(floors) - set(metrics))
    if unknown:
        raise DataError("floors", f"unknown metric(s): {', '.join(unknown)}; known: {', '.join(sorted(metrics))}")
    out = []
    for metric, floor in floors.items():
        value = metrics[metric]
        if floor > 0 and (value is None or value < floor - 1e-9):
            out.append(FloorViolation(metric, value, floor))
    return out
