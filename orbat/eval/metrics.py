"""Counts and ratios: precision/recall/F1 from (tp, system, gold) and accuracies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    """True positives, system items and gold items; P/R/F1 derived."""

    tp: int = 0
    system: int = 0
    gold: int = 0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.system + other.system, self.gold + other.gold)

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.system else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "system": self.system,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, float | int | None]:
        v = self.value
        return {"accuracy": None if v is None else round(v, 4), "correct": self.correct, "total": self.total}


def total_prf(items: Iterable[PRF]) -> PRF:
    out = PRF()
    for item in items:
        out = out + item
    return out


def total_accuracy(items: Iterable[Accuracy]) -> Accuracy:
    out = Accuracy()
    for item in items:
        out = out + item
    return out
