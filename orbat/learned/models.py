"""The trained models the pipeline may use, loaded once with the other resources.

Artefacts live in ``orbat/learned/data`` (committed, rebuilt by ``make train``). A missing
artefact leaves its decision to the rules; ``learned='rules'`` turns every model off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
MODES = ("both", "rules", "learned")


@dataclass(frozen=True)
class Models:
    """Loaded models by decision; ``mode`` says how they combine with the rules."""

    mode: str
    event_type: Any | None = None  # orbat.learned.textcat.TypeClassifier
    ner_dir: Path | None = None  # fine-tuned spaCy ner weights (orbat.learned.ner)
    relations: Any | None = None  # orbat.relations.learned.PairClassifier
    actor1: Any | None = None  # orbat.events.roles.RoleModel: which party is an event's actor1
    location: Any | None = None  # orbat.events.roles.RoleModel: which place is its location
    certainty: Any | None = None  # orbat.learned.textcat.TypeClassifier over the evidence sentence
    retype: Any | None = None  # orbat.events.roles.RoleModel (multi-class): the sub-type once the parties are known

    def active(self) -> bool:
        return self.mode != "rules" and self.event_type is not None


def load_models(models_dir: Path | None = None, enabled: str = "both") -> Models | None:
    from orbat.errors import DataError

    if enabled not in MODES:
        raise DataError("settings", f"learned={enabled!r}: choose one of {', '.join(MODES)}")
    if enabled == "rules":
        return None
    base = models_dir or DATA_DIR
    event_type = None
    path = base / "event_type.json"
    if path.is_file():
        from orbat.learned.textcat import TypeClassifier

        event_type = TypeClassifier.load(path)
    ner_dir = base if (base / "ner").is_dir() else None
    relations = None
    if (base / "relations.json").is_file():
        from orbat.relations.learned import PairClassifier

        relations = PairClassifier.load(base / "relations.json")
    roles = {}
    for role in ("actor1", "location", "retype"):
        if (base / f"{role}.json").is_file():
            from orbat.events.roles import RoleModel

            roles[role] = RoleModel.load(base / f"{role}.json")
    certainty = None
    if (base / "certainty.json").is_file():
        from orbat.learned.textcat import TypeClassifier

        certainty = TypeClassifier.load(base / "certainty.json")
    return Models(enabled, event_type, ner_dir, relations, certainty=certainty, **roles)
