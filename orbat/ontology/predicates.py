"""Relation predicates as data: orbat/ontology/data/predicates.yaml and its typed loader.

``load_predicates()`` returns every predicate by name; exporters read ``stix`` and evaluation
reads ``re3d`` instead of hard-coding them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from orbat.datafile import LINE_KEY, line_at, read_yaml, strip_lines
from orbat.errors import DataError
from orbat.model import ENTITY_TYPES

PREDICATES_PATH = Path(__file__).parent / "data" / "predicates.yaml"

STIX_RELATIONSHIP_TYPES = frozenset(
    {"related-to", "attributed-to", "located-at", "derived-from", "duplicate-of", "targets", "uses"}
)


class Predicate(BaseModel):
    """One relation predicate and its correspondences."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str
    symmetric: bool
    temporal: bool
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    smm: str | None = None
    stix: str
    re3d: tuple[str, ...] = ()
    inverse_label: str
    family: str | None = None  # coarse label shared by close predicates (rival_of, fights -> "rival_of/fights")

    @field_validator("subject_types", "object_types")
    @classmethod
    def _known_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [t for t in value if t not in ENTITY_TYPES]
        if unknown or not value:
            raise ValueError(f"entity types must be among {', '.join(ENTITY_TYPES)}; got {list(value)}")
        return value

    @field_validator("stix")
    @classmethod
    def _known_stix(cls, value: str) -> str:
        if value not in STIX_RELATIONSHIP_TYPES:
            raise ValueError(f"unknown STIX relationship_type {value!r}")
        return value

    @property
    def label(self) -> str:
        """The label reports and scoring use: the family if the predicate has one, else its name."""
        return self.family or self.name

    def allows(self, subject_type: str, object_type: str) -> bool:
        """Whether a (subject type, object type) pair is valid, either way round if symmetric."""
        direct = subject_type in self.subject_types and object_type in self.object_types
        flipped = self.symmetric and object_type in self.subject_types and subject_type in self.object_types
        return direct or flipped


def _parse(path: Path) -> dict[str, Predicate]:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise DataError(str(path), "expected a mapping of predicate name -> fields", 1)
    out: dict[str, Predicate] = {}
    for name, body in raw.items():
        if name == LINE_KEY:
            continue
        if not isinstance(body, dict):
            raise DataError(str(path), f"predicate {name!r}: expected a mapping", line_at(raw, ()))
        try:
            out[str(name)] = Predicate(name=str(name), **strip_lines(body))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise DataError(str(path), f"predicate {name!r}: {field}: {err['msg']}", body[LINE_KEY]) from exc
    return out


@cache
def _default_predicates() -> dict[str, Predicate]:
    return _parse(PREDICATES_PATH)


def load_predicates(path: Path | None = None) -> dict[str, Predicate]:
    """All predicates by name (the packaged file unless ``path`` is given; default is cached)."""
    if path is None:
        return dict(_default_predicates())
    return _parse(path)


def predicate_for(name: str) -> Predicate | None:
    """A predicate by name or by reported label ("rival_of/fights" -> the first of its family)."""
    predicates = _default_predicates()
    if name in predicates:
        return predicates[name]
    return next((p for p in predicates.values() if p.family == name), None)


def re3d_map() -> dict[str, list[str]]:
    """re3d relation label -> our predicate names that correspond to it."""
    out: dict[str, list[str]] = {}
    for pred in _default_predicates().values():
        for label in pred.re3d:
            out.setdefault(label, []).append(pred.name)
    return out
