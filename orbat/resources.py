"""Everything the pipeline reads besides the text: loaded once, frozen, handed to every stage.

``load_resources(settings)`` is the one cached loader: the knowledge base, the event ontology
and predicates, the lexicon (word lists and templates), the entity rules, the relation
patterns, the gazetteer (the prebuilt index) and the trained models. ``build_nlp`` hands the
object to each orbat component through its ``initialize``; tests build a small ``Resources``
of their own. ``files`` lists every data file read, for ``pipeline_version()``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orbat import __version__
from orbat.settings import Settings

if TYPE_CHECKING:
    from orbat.geo.gazetteer import Gazetteer
    from orbat.kb.loader import KnowledgeBase
    from orbat.learned.models import Models
    from orbat.lexicon import Lexicon
    from orbat.nlp.names import EntityRules
    from orbat.ontology.events import EventOntology
    from orbat.ontology.predicates import Predicate
    from orbat.relations.rules import PatternRule, TriggerRule

PACKAGE = Path(__file__).parent
DATA_DIRS = ("kb/data", "ontology/data", "geo/data", "resolve/data", "relations/data", "nlp/data", "lexicon/data",
             "learned/data")
_DATA_SUFFIXES = {".yaml", ".yml", ".csv", ".json", ".txt", ".npz", ".joblib", ".bin", ".pkl"}


@dataclass(frozen=True, eq=False)
class Resources:
    """The pipeline's read-only inputs (see module docstring)."""

    kb: KnowledgeBase | None
    event_types: EventOntology
    predicates: Mapping[str, Predicate]
    lexicon: Lexicon
    entity_rules: EntityRules
    relation_patterns: tuple[PatternRule, ...]
    relation_triggers: tuple[TriggerRule, ...]
    gazetteer: Gazetteer
    models: Models | None = None
    files: tuple[Path, ...] = field(default_factory=tuple)
    cache_dir: Path | None = None  # where stages keep data derived from these (None: derive it every time)

    def version(self) -> str:
        """Code version plus a digest of every data file: a new KB, lexicon or model re-extracts."""
        return data_version(self.files)


def data_version(files: tuple[Path, ...]) -> str:
    digest = hashlib.sha1()
    for path in files:
        rel = path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else path
        digest.update(rel.as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def data_files(root: Path = PACKAGE) -> tuple[Path, ...]:
    """The packaged data files the pipeline reads, in a stable order."""
    found: list[Path] = []
    for sub in DATA_DIRS:
        base = root / sub
        if base.is_dir():
            found += [p for p in sorted(base.rglob("*")) if p.is_file() and p.suffix in _DATA_SUFFIXES]
    return tuple(found)


def build_resources(settings: Settings, **overrides: Any) -> Resources:
    """Load every resource (uncached); ``overrides`` replace single fields (tests)."""
    from orbat.geo.gazetteer import default_cache_dir, load_gazetteer
    from orbat.kb.loader import DATA_DIR as KB_DIR
    from orbat.kb.loader import parse_kb
    from orbat.learned.models import load_models
    from orbat.lexicon import load_lexicon
    from orbat.nlp.names import load_rules
    from orbat.ontology.events import parse_event_types
    from orbat.ontology.predicates import load_predicates
    from orbat.relations.rules import load_patterns, load_triggers

    values: dict[str, Any] = {}
    lazy: dict[str, Callable[[], Any]] = {
        "kb": lambda: parse_kb(Path(settings.kb_dir) if settings.kb_dir else KB_DIR),
        "event_types": parse_event_types,
        "predicates": load_predicates,
        "lexicon": load_lexicon,
        "entity_rules": lambda: load_rules(values["lexicon"]),
        "relation_patterns": lambda: tuple(load_patterns()),
        "relation_triggers": lambda: tuple(load_triggers()),
        "gazetteer": lambda: load_gazetteer(cache_dir=Path(settings.cache_dir) if settings.cache_dir else None),
        "models": lambda: load_models(Path(settings.models_dir) if settings.models_dir else None,
                                      enabled=settings.learned),
    }
    for name, make in lazy.items():
        values[name] = overrides[name] if name in overrides else make()
    _check_templates(values["event_types"], values["lexicon"])
    return Resources(**values, files=overrides.get("files", data_files()),
                     cache_dir=overrides.get("cache_dir", Path(settings.cache_dir) if settings.cache_dir
                                             else default_cache_dir()))


def _check_templates(event_types: Any, lexicon: Any) -> None:
    """Every actor convention an event type names is a lexicon template (cross-reference at load)."""
    from orbat.errors import DataError
    from orbat.ontology.events import EVENT_TYPES_PATH

    for et in event_types.types.values():
        for key in (et.actor1_as, et.actor2_as, et.actor1_default, et.actor2_default):
            if key is not None and key not in lexicon.templates:
                raise DataError(str(EVENT_TYPES_PATH), f"{et.name}: actor template {key!r} is not in the lexicon", et.line)


@functools.cache
def _loaded(settings: Settings) -> Resources:
    return build_resources(settings)


def load_resources(settings: Settings | None = None) -> Resources:
    """The resources for ``settings``, loaded once per process (the only cached loader)."""
    return _loaded(settings or Settings.from_env())
