"""ACLED event types as data: orbat/ontology/data/event_types.yaml and its typed loader.

``load_event_types()`` validates the file at load (unknown keys, crosswalk targets from the
closed lists in ``data/crosswalks/*.yaml``, triggers shared by two types without a
disambiguating constraint) and fails fast with ``DataError(file, reason, line)``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from orbat.datafile import LINE_KEY, line_at, read_yaml, strip_lines
from orbat.errors import DataError

DATA_DIR = Path(__file__).parent / "data"
EVENT_TYPES_PATH = DATA_DIR / "event_types.yaml"
CROSSWALK_DIR = DATA_DIR / "crosswalks"

ObjectKind = Literal["LOCATION", "civilian", "force", "person"]
Modality = Literal["attempted", "failed", "planned"]


class Trigger(BaseModel):
    """One trigger word or phrase and the constraints under which it signals its type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lemma: str | None = None
    phrase: str | None = None
    pos: tuple[str, ...] = ("VERB", "NOUN")
    context: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    object: ObjectKind | None = None
    prep: tuple[str, ...] = ()
    modality: Modality | None = None
    agent: Literal["subject", "object"] = "subject"  # "object": the object is actor1 ("to form X")

    @model_validator(mode="after")
    def _one_form(self) -> Trigger:
        if (self.lemma is None) == (self.phrase is None):
            raise ValueError("a trigger needs exactly one of 'lemma' or 'phrase'")
        return self

    @property
    def words(self) -> tuple[str, ...]:
        return tuple((self.phrase or self.lemma or "").lower().split())

    @property
    def specificity(self) -> int:
        """How constrained the trigger is: constrained triggers win over bare ones."""
        return (len(self.words) - 1) + 2 * bool(self.context) + bool(self.without) \
            + 2 * bool(self.object) + 2 * bool(self.prep)

    def signature(self) -> tuple[Any, ...]:
        return (self.pos, self.context, self.without, self.object, self.prep)


class Plover(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    event: str
    mode: str = ""


class Roles(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    actor1: str = "agent"
    actor2: str = "target"
    location: str = "place"


class EventType(BaseModel):
    """One ACLED sub-event type with its triggers and crosswalks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str  # "Event type/Sub-event type"
    disorder_type: str
    priority: int = 0
    roles: Roles = Roles()
    default_actor2: str | None = None  # "Civilians" -> "Civilians (<Country>)"
    # ACLED conventions by type, as lexicon template names ("protesters" -> "Protesters (<Country>)"):
    actor1_as: str | None = None  # actor1 is always this party (protests: the protesters)
    actor2_as: str | None = None  # actor2 is always this party (excessive force: against protesters)
    actor1_default: str | None = None  # actor1 when the text names none (excessive force: the police)
    actor2_default: str | None = None  # actor2 when the text names none (an intervention: the police)
    announced: bool = False  # the event is itself a statement: "announced" does not make it a claim
    needs_month: bool = False  # only an event when the text dates it at least to the month
    gtd: str
    plover: Plover
    muc: str
    triggers: tuple[Trigger, ...]
    line: int = 0

    acled_event_type: str = ""  # set at load from the ACLED list: "Explosions/Remote violence"

    @property
    def event_type(self) -> str:
        return self.acled_event_type or self.name.split("/", 1)[0]

    @property
    def sub_event_type(self) -> str:
        return self.name[len(self.event_type) + 1:]


class EventOntology:
    """All event types by name, and the trigger index the detector uses."""

    def __init__(self, types: dict[str, EventType]) -> None:
        self.types = types
        self.by_words: dict[tuple[str, ...], list[tuple[EventType, Trigger]]] = {}
        for et in types.values():
            for trig in et.triggers:
                self.by_words.setdefault(trig.words, []).append((et, trig))

    def __getitem__(self, name: str) -> EventType:
        return self.types[name]

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def names(self) -> list[str]:
        return list(self.types)

    def split(self, name: str) -> tuple[str, str]:
        """"Explosions/Remote violence/Air/drone strike" -> ("Explosions/Remote violence", "Air/drone strike")."""
        et = self.types.get(name)
        if et is not None:
            return et.event_type, et.sub_event_type
        head, _, tail = name.partition("/")
        return head, tail

    def matching(self, wanted: str) -> set[str]:
        """Type names a user's filter means: an event type ("Battles"), a sub-event type ("Air/drone
        strike") or a full name, case-insensitive; a prefix of a full name also matches."""
        w = wanted.strip().casefold()
        return {n for n, et in self.types.items()
                if w in (n.casefold(), et.event_type.casefold(), et.sub_event_type.casefold())
                or n.casefold().startswith(w)}


def _closed_lists(crosswalk_dir: Path) -> dict[str, set[str]]:
    acled = read_yaml(crosswalk_dir / "acled.yaml")
    gtd = read_yaml(crosswalk_dir / "gtd.yaml")
    plover = read_yaml(crosswalk_dir / "plover.yaml")
    muc = read_yaml(crosswalk_dir / "muc.yaml")
    return {
        "disorder_type": set(acled["disorder_types"]),
        "event_type": set(acled["event_types"]),
        "gtd": set(gtd["attack_types"]),
        "plover.event": set(plover["events"]),
        "plover.mode": set(plover["modes"]),
        "muc": set(muc["incident_types"]),
    }


def _check_targets(path: Path, et: EventType, closed: dict[str, set[str]]) -> None:
    values = {"disorder_type": et.disorder_type, "gtd": et.gtd, "plover.event": et.plover.event,
              "plover.mode": et.plover.mode, "muc": et.muc}
    for key, value in values.items():
        if value not in closed[key]:
            raise DataError(str(path), f"event type {et.name!r}: {key} {value!r} is not in the closed list", et.line)


def _check_duplicates(path: Path, types: dict[str, EventType], lines: dict[tuple[str, int], int]) -> None:
    seen: dict[tuple[Any, ...], str] = {}
    for et in types.values():
        for i, trig in enumerate(et.triggers):
            key = (trig.words, trig.signature())
            other = seen.get(key)
            if other is not None and other != et.name:
                raise DataError(str(path), f"trigger {' '.join(trig.words)!r} is used by {other!r} and "
                                f"{et.name!r} without a disambiguating constraint", lines.get((et.name, i), et.line))
            seen[key] = et.name


def parse_event_types(path: Path = EVENT_TYPES_PATH, crosswalk_dir: Path = CROSSWALK_DIR) -> EventOntology:
    """Read and validate an event-type file."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise DataError(str(path), "expected a mapping of 'Event type/Sub-event type' -> fields", 1)
    closed = _closed_lists(crosswalk_dir)
    types: dict[str, EventType] = {}
    trigger_lines: dict[tuple[str, int], int] = {}
    for name, body in raw.items():
        if name == LINE_KEY:
            continue
        line = body.get(LINE_KEY) if isinstance(body, dict) else raw.get(LINE_KEY)
        if not isinstance(body, dict) or "/" not in str(name):
            raise DataError(str(path), f"{name!r}: expected 'Event type/Sub-event type: {{fields}}'", line)
        top = max((t for t in closed["event_type"] if str(name).startswith(t + "/")), key=len, default=None)
        if top is None:
            raise DataError(str(path), f"{name!r}: does not start with an ACLED event type "
                            f"({', '.join(sorted(closed['event_type']))})", line)
        try:
            et = EventType(name=str(name), line=line or 0, acled_event_type=top, **strip_lines(body))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise DataError(str(path), f"event type {name!r}: {where}: {err['msg']}",
                            line_at(body, err["loc"])) from exc
        for i, trig in enumerate(body.get("triggers") or []):
            if isinstance(trig, dict):
                trigger_lines[(et.name, i)] = trig[LINE_KEY]
        _check_targets(path, et, closed)
        types[et.name] = et
    _check_duplicates(path, types, trigger_lines)
    return EventOntology(types)


@cache
def load_event_types() -> EventOntology:
    """The bundled ontology, parsed once per process."""
    return parse_event_types()
