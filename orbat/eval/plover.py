"""PLOVER gold-standard records: PLOVER event (and mode) -> ACLED type, source -> actor1, target -> actor2.

322 sentences from the CAMEO manual, coded with an early PLOVER draft (``PLOVER_GSR_CAMEO.json``).
Every record is one sentence and one gold event. PLOVER's violent, protest and arrest categories map
to ACLED through ``data/plover.yaml``; a sentence of any other category (demands, threats, agreements,
aid) holds no ACLED event, so a violent, protest or arrest event orbat finds there is spurious. Actor
texts are located in the sentence (every occurrence is an alternative); one not found is matched by name.
Scoring is ``orbat.eval.eventargs``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orbat.errors import DataError
from orbat.eval.eventargs import EventDoc, GoldEvent, Span, evaluate_event_set
from orbat.model import Article
from orbat.settings import Settings

CROSSWALK = Path(__file__).parent / "data" / "plover.yaml"
RECORDS = "PLOVER_GSR_CAMEO.json"
ROLES = (("source", "source"), ("target", "target"))
NOTES = (
    "322 edited CAMEO-manual sentences (~2000), old PLOVER draft labels: a check of typing and roles, not a benchmark",
    "PLOVER event[/mode] -> ACLED types and source/target/eventLoc -> actor1/actor2/location via orbat/eval/data/plover.yaml",
    "sentences of unmapped categories (DEMAND, THREATEN, AGREE...) hold no ACLED event: system events there are spurious",
)


def occurrences(text: str, surface: str, sector: str | None = None) -> tuple[Span, ...]:
    """Every occurrence of ``surface`` in ``text``; a span of -1 (name matching only) when there is none.

    The span's type is the first three letters of the PLOVER sector (CVL, MIL, UAF...), if any."""
    kind = sector[:3] if sector else None
    spans, at = [], text.find(surface) if surface else -1
    while at >= 0:
        spans.append(Span(at, at + len(surface), surface, kind))
        at = text.find(surface, at + 1)
    return tuple(spans) or (Span(-1, -1, surface, kind),)


def _actors(value: Any) -> list[tuple[str, str | None]]:
    items = value if isinstance(value, list) else []
    return [(str(a["actorText"]), a.get("sector") or None) for a in items if isinstance(a, dict) and a.get("actorText")]


def read_record(obj: dict[str, Any]) -> EventDoc:
    rid = str(obj.get("id", "?"))
    text, event = obj.get("text"), obj.get("event")
    if not isinstance(text, str) or not isinstance(event, str):
        raise DataError(rid, "PLOVER record without text or event")
    label = f"{event}/{obj['mode']}" if obj.get("mode") else event
    args = [(role, occurrences(text, actor, sector)) for key, role in ROLES for actor, sector in _actors(obj.get(key))]
    loc = obj.get("eventLoc")
    if isinstance(loc, dict) and loc.get("name"):
        args.append(("location", occurrences(text, str(loc["name"]))))
    return EventDoc(Article(id=rid, text=text, language="en"), [(0, len(text))], [GoldEvent(0, label, tuple(args))])


def load_plover(root: Path) -> list[EventDoc]:
    path = root / RECORDS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(str(path), f"cannot read PLOVER records: {exc}") from exc
    if not isinstance(data, list):
        raise DataError(str(path), "expected a JSON array of PLOVER records")
    return [read_record(obj) for obj in data if isinstance(obj, dict) and obj.get("id") != "DOCUMENT"
            and obj.get("text") is not None]


def evaluate_plover(
    root: Path, settings: Settings, limit: int | None, system: Path | None, save_system: Path | None
) -> dict[str, Any]:
    return evaluate_event_set("plover", load_plover(root), CROSSWALK, NOTES, settings, limit, system, save_system)
