"""Relation rules as data: orbat/relations/data/patterns.yaml (surface patterns between two
entities) and triggers.yaml (verb and noun triggers read off the dependency parse).

Both files are validated on load; an invalid rule raises ``DataError(file, reason, line)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from orbat.datafile import LINE_KEY, read_yaml, strip_lines
from orbat.errors import DataError
from orbat.model import ENTITY_TYPES
from orbat.ontology.predicates import Predicate, load_predicates

DATA_DIR = Path(__file__).parent / "data"


def _regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {value!r}: {exc}") from exc
    return value


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    predicate: str
    subject_types: tuple[str, ...] = ()  # narrows the ontology's types; empty = ontology's
    object_types: tuple[str, ...] = ()
    status: Literal["current", "former"] | None = None
    fallback: str | None = None  # predicate used when the types do not fit ``predicate``
    line: int = 0

    @field_validator("predicate", "fallback")
    @classmethod
    def _known_predicate(cls, value: str | None) -> str | None:
        if value is not None and value not in load_predicates():
            raise ValueError(f"unknown predicate {value!r}")
        return value

    @field_validator("subject_types", "object_types")
    @classmethod
    def _known_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [t for t in value if t not in ENTITY_TYPES]
        if bad:
            raise ValueError(f"unknown entity types {bad}")
        return value

    def predicate_for(self, subject_type: str, object_type: str, predicates: Mapping[str, Predicate]) -> str | None:
        """The predicate this rule yields for these entity types, or None if they do not fit."""
        if self.subject_types and subject_type not in self.subject_types:
            return None
        if self.object_types and object_type not in self.object_types:
            return None
        for name in (self.predicate, self.fallback):
            pred = predicates.get(name) if name else None
            if pred is not None and subject_type in pred.subject_types and object_type in pred.object_types:
                return name
        return None


class PatternRule(_Rule):
    """Two entities in one sentence, left (L) and right (R), and the text around them.

    ``between`` must match the whole text between L and R (lower-cased, spaces collapsed,
    entities in between written ``ENT``); ``before`` must match the end of the text before L;
    ``after`` the start of the text after R. ``reverse``: R is the subject.
    """

    between: str
    before: str | None = None
    not_before: str | None = None  # the rule does not apply when the text before L ends like this
    after: str | None = None
    reverse: bool = False
    expand: bool = True  # also relate entities listed with L or R ("X and Y")
    named_only: bool = False  # not for anaphors ("the organization formerly known as X" names no one)

    @field_validator("between", "before", "not_before", "after")
    @classmethod
    def _valid_regex(cls, value: str | None) -> str | None:
        return _regex(value)


class TriggerRule(_Rule):
    """A verb or noun whose dependents are the subject and object (``clashed with``, ``attack on``)."""

    pos: Literal["VERB", "NOUN"]
    lemmas: tuple[str, ...]
    object_preps: tuple[str, ...] = ()  # prepositions introducing the object ("with", "against")
    direct_object: bool = True


def _load(path: Path, cls: type[_Rule]) -> list[_Rule]:
    raw = read_yaml(path)
    if not isinstance(raw, list):
        raise DataError(str(path), "expected a list of rules", 1)
    rules: list[_Rule] = []
    for item in raw:
        if not isinstance(item, dict):
            raise DataError(str(path), "each rule must be a mapping")
        line = int(item.get(LINE_KEY, 0))
        try:
            rules.append(cls(**strip_lines(item), line=line))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise DataError(str(path), f"rule {item.get('name')!r}: {where}: {err['msg']}", line) from exc
    names = [r.name for r in rules]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise DataError(str(path), f"duplicate rule names {dup}")
    return rules


def load_patterns(path: Path | None = None) -> list[PatternRule]:
    return [r for r in _load(path or DATA_DIR / "patterns.yaml", PatternRule) if isinstance(r, PatternRule)]


def load_triggers(path: Path | None = None) -> list[TriggerRule]:
    return [r for r in _load(path or DATA_DIR / "triggers.yaml", TriggerRule) if isinstance(r, TriggerRule)]

