"""Score containers: per-article scores and the dev report with its flat metric names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orbat.eval.metrics import PRF, Accuracy, total_accuracy, total_prf

CATEGORIES: tuple[str, ...] = ("entities", "aliases", "events", "relations")
ATTRIBUTES: tuple[str, ...] = ("fatalities", "claimed_by", "certainty")


@dataclass(frozen=True)
class ArticleScore:
    id: str
    entities: PRF
    aliases: PRF
    events: PRF
    relations: PRF
    canonical: Accuracy
    canonical_strict: Accuracy
    fatalities: Accuracy
    claimed_by: Accuracy
    certainty: Accuracy
    errors: dict[str, list[str]] = field(default_factory=dict, compare=False)  # "events.missed": [...]

    def prf(self, category: str) -> PRF:
        value = getattr(self, category)
        assert isinstance(value, PRF)
        return value

    def accuracy(self, name: str) -> Accuracy:
        value = getattr(self, name)
        assert isinstance(value, Accuracy)
        return value

    @property
    def micro(self) -> PRF:
        return total_prf(self.prf(c) for c in CATEGORIES)

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        out.update({c: self.prf(c).as_dict() for c in CATEGORIES})
        out["micro"] = self.micro.as_dict()
        if errors:
            out["errors"] = self.errors
        return out


@dataclass(frozen=True)
class DevReport:
    articles: tuple[ArticleScore, ...]
    failed: tuple[str, ...] = ()  # articles whose extraction failed (scored as empty output)
    missing: tuple[str, ...] = ()  # gold articles with no system record (scored as empty output)

    def category(self, name: str) -> PRF:
        return total_prf(a.prf(name) for a in self.articles)

    def accuracy(self, name: str) -> Accuracy:
        return total_accuracy(a.accuracy(name) for a in self.articles)

    @property
    def micro(self) -> PRF:
        return total_prf(self.category(c) for c in CATEGORIES)

    def metrics(self) -> dict[str, float | None]:
        """Flat metric names used by floors.yaml: ``entities.f1``, ``events.certainty_accuracy``..."""
        out: dict[str, float | None] = {}
        for name in (*CATEGORIES, "micro"):
            prf = self.micro if name == "micro" else self.category(name)
            out.update({f"{name}.precision": prf.precision, f"{name}.recall": prf.recall, f"{name}.f1": prf.f1})
        out["entity_canonical_accuracy"] = self.accuracy("canonical").value
        out["entity_canonical_accuracy_strict"] = self.accuracy("canonical_strict").value
        for attr in ATTRIBUTES:
            out[f"events.{attr}_accuracy"] = self.accuracy(attr).value
        return out

    def to_dict(self, per_article: bool = False, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": [a.id for a in self.articles], "failed": list(self.failed),
                               "missing": list(self.missing)}
        out.update({c: self.category(c).as_dict() for c in CATEGORIES})
        out["micro"] = self.micro.as_dict()
        out["entity_canonical_accuracy"] = self.accuracy("canonical").as_dict()
        out["entity_canonical_accuracy_strict"] = self.accuracy("canonical_strict").as_dict()
        out["event_attributes"] = {a: self.accuracy(a).as_dict() for a in ATTRIBUTES}
        if per_article or errors:
            out["per_article"] = [a.to_dict(errors) for a in self.articles]
        return out
