"""Typed models of the knowledge-base files (strict, as written) and of loaded entities.

``GroupEntry``, ``PersonEntry`` and ``MediaEntry`` validate one YAML entry each: unknown keys,
wrong types, bad ids, ISO dates and country codes fail here. ``KBEntity`` and ``KBRelation``
are what the rest of orbat reads.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

import pycountry
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
KB_TYPES = ("ORG_ARMED", "ORG_OTHER", "PERSON")
INTER_CODES = (1, 2, 3, 4, 5, 6, 7, 8)


def check_partial_date(value: Any) -> str | None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD (as text or a bare year) and return it as text."""
    if value is None:
        return None
    text = str(value)
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text!r} is not a real date") from exc
    return text


PartialDate = Annotated[str | None, BeforeValidator(check_partial_date)]


def check_country(code: str) -> str:
    if pycountry.countries.get(alpha_2=code) is None or code != code.upper():
        raise ValueError(f"{code!r} is not an ISO 3166 alpha-2 country code")
    return code


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class LineageEdge(_Strict):
    """A dated, directed edge from a group to another KB id."""

    predicate: str
    object: str
    date: PartialDate = None
    end: PartialDate = None
    note: str | None = None


class Role(_Strict):
    """A person's position in a group."""

    predicate: Literal["leader_of", "member_of"]
    object: str
    start: PartialDate = None
    end: PartialDate = None
    role: str | None = None
    note: str | None = None


class _EntryBase(_Strict):
    id: str
    name: str = Field(min_length=2)
    aliases: list[str] = []
    case_sensitive_aliases: list[str] = []
    ambiguous_aliases: list[str] = []
    countries: list[str] = []
    wikidata: str | None = None
    attrs: dict[str, str | int | float | bool | list[str]] = {}

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not ID_RE.match(value):
            raise ValueError(f"id {value!r} must be a lowercase slug (a-z, 0-9, hyphens)")
        return value

    @field_validator("wikidata")
    @classmethod
    def _qid(cls, value: str | None) -> str | None:
        if value is not None and not QID_RE.match(value):
            raise ValueError(f"wikidata {value!r} is not a QID like Q123")
        return value

    @field_validator("countries")
    @classmethod
    def _countries(cls, value: list[str]) -> list[str]:
        return [check_country(c) for c in value]

    @field_validator("aliases", "case_sensitive_aliases", "ambiguous_aliases")
    @classmethod
    def _nonblank(cls, value: list[str]) -> list[str]:
        for alias in value:
            if not alias.strip():
                raise ValueError("empty alias")
        return value


class GroupEntry(_EntryBase):
    """One armed group, state force or other organisation (files under data/groups/)."""

    type: Literal["ORG_ARMED", "ORG_OTHER"]
    kind: str = Field(pattern=r"^[a-z_]+$")
    inter: int | None = None
    founded: PartialDate = None
    dissolved: PartialDate = None
    lineage: list[LineageEdge] = []

    @field_validator("inter")
    @classmethod
    def _inter(cls, value: int | None) -> int | None:
        if value is not None and value not in INTER_CODES:
            raise ValueError(f"inter {value} is not an ACLED inter code 1-8")
        return value


class MediaEntry(GroupEntry):
    """A media arm (data/media.yaml): always ORG_OTHER, kind media."""

    type: Literal["ORG_OTHER"] = "ORG_OTHER"
    kind: str = "media"


class OutletEntry(GroupEntry):
    """A news outlet or agency that reports on conflicts (data/outlets.yaml): ORG_OTHER, kind news_outlet."""

    type: Literal["ORG_OTHER"] = "ORG_OTHER"
    kind: str = "news_outlet"


class PersonEntry(_EntryBase):
    """One person (data/people.yaml)."""

    kunya: str | None = None
    nisba: str | None = None
    born: PartialDate = None
    died: PartialDate = None
    roles: list[Role] = []


class KBRelation(BaseModel):
    """A dated edge of the knowledge base (group lineage or a person's role)."""

    model_config = ConfigDict(frozen=True)

    subject: str
    predicate: str
    object: str
    start: str | None = None
    end: str | None = None
    note: str | None = None
    role: str | None = None
    file: str
    line: int


class KBEntity(BaseModel):
    """A curated entity: a group, force, organisation, media arm or person."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    type: str
    kind: str
    aliases: list[str] = []
    case_sensitive_aliases: list[str] = []
    ambiguous_aliases: list[str] = []
    countries: list[str] = []
    inter: int | None = None
    wikidata: str | None = None
    founded: str | None = None
    dissolved: str | None = None
    attrs: dict[str, Any] = {}
    file: str
    line: int

    @property
    def region(self) -> str:
        """The KB file stem the entity comes from (``syria``, ``people``, ``media`` ...)."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".yaml")

    def surfaces(self) -> list[str]:
        """Canonical name and every alias, in file order, without duplicates."""
        seen: dict[str, None] = {}
        for s in [self.name, *self.aliases, *self.ambiguous_aliases, *self.case_sensitive_aliases]:
            seen.setdefault(s, None)
        return list(seen)
