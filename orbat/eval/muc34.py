"""MUC-3/4 terrorism templates: incident type, perpetrator organisation, perpetrator confidence.

Subset: TST4 (100 FBIS documents, 129 answer-key templates), read from the mixed-case copy of
the texts (the TST3 texts exist only in upper case, which no English NER model reads well).
Scored per document:
- incident type: the distinct MUC types of the key templates vs the system events' types mapped
  through data/muc34.yaml; templates marked OPTIONAL count only when matched;
- perpetrator organisation: the distinct organisations of the key (alternatives "A" / "B") vs the
  system events' ``actor1`` values; a system actor matches when its canonical or one of its surfaces
  equals or contains an alternative (normalised, whole words);
- confidence: on matched organisations, the system event's ``certainty`` vs the key's
  ORGANIZATION CONFIDENCE mapped through data/muc34.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orbat.datafile import read_data
from orbat.errors import DataError
from orbat.eval.external import loosely_equal, names_for, system_records, take
from orbat.eval.matching import norm
from orbat.eval.metrics import PRF, Accuracy, total_accuracy, total_prf
from orbat.model import Article
from orbat.settings import Settings

CROSSWALK = Path(__file__).parent / "data" / "muc34.yaml"
TEXTS = "tst4/tst4-muc4.mixed-case"
KEYS = "tst4/key-tst4.v2"
_DOC_ID = re.compile(r"^(?:DEV|TST\d)-MUC\d-\d{4}\s*$", re.M)
_QUOTED = re.compile(r'"([^"]*)"')
NOTES = (
    "subset: TST4, 100 documents, mixed-case texts; OPTIONAL templates count only when matched",
    "incident types and confidence mapped through orbat/eval/data/muc34.yaml",
    "perpetrator: system actor1 canonical or surface equals/contains a key alternative (whole words)",
)


@dataclass(frozen=True)
class Crosswalk:
    incident_types: dict[str, str]
    confidence: dict[str, str]

    def muc_type(self, acled_type: str) -> str | None:
        hits = [p for p in self.incident_types if acled_type == p or acled_type.startswith(p + "/")]
        return self.incident_types[max(hits, key=len)] if hits else None


@dataclass
class Template:
    optional: bool
    types: frozenset[str]
    orgs: list[frozenset[str]] = field(default_factory=list)  # each: normalised alternatives
    confidence: dict[str, str] = field(default_factory=dict)  # normalised org alternative -> certainty


def load_crosswalk(path: Path = CROSSWALK) -> Crosswalk:
    data = read_data(path)
    if not isinstance(data, dict) or not all(isinstance(data.get(k), dict) for k in ("incident_types", "confidence")):
        raise DataError(str(path), "expected mappings 'incident_types' and 'confidence'")
    return Crosswalk({str(k): str(v) for k, v in data["incident_types"].items()},
                     {str(k): str(v) for k, v in data["confidence"].items()})


def read_texts(path: Path) -> dict[str, str]:
    raw = path.read_text(encoding="latin-1")
    ids = list(_DOC_ID.finditer(raw))
    return {m.group().strip(): raw[m.end(): ids[i + 1].start() if i + 1 < len(ids) else len(raw)].strip()
            for i, m in enumerate(ids)}


def _slots(block: list[str]) -> dict[str, list[str]]:
    slots: dict[str, list[str]] = {}
    current = ""
    for line in block:
        head, value = line[:35], line[35:].strip()
        if re.match(r"^\d+\.", head.strip()):
            current = head.split(".", 1)[1].strip()
            slots[current] = []
        if current and value:
            slots[current].append(value)
    return slots


def _template(slots: dict[str, list[str]], cw: Crosswalk) -> Template | None:
    marker = " ".join(slots.get("MESSAGE: TEMPLATE", ["*"]))
    if marker.strip() == "*":
        return None
    types = frozenset(t.strip(" ?") for v in slots.get("INCIDENT: TYPE", []) for t in v.split("/"))
    t = Template(optional="OPTIONAL" in marker, types=types - {"", "-", "*"})
    for value in slots.get("PERP: ORGANIZATION ID", []):
        alts = frozenset(norm(a) for a in _QUOTED.findall(value)) - {""}
        if alts:
            t.orgs.append(alts)
    for value in slots.get("PERP: ORGANIZATION CONFIDENCE", []):
        label = value.split(":", 1)[0].strip(" ?").split(" / ")[0].strip()
        for alt in _QUOTED.findall(value):
            if label in cw.confidence:
                t.confidence[norm(alt)] = cw.confidence[label]
    return t


def read_keys(path: Path, cw: Crosswalk) -> dict[str, list[Template]]:
    keys: dict[str, list[Template]] = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="latin-1")):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        slots = _slots(lines)
        doc = " ".join(slots.get("MESSAGE: ID", [])).strip()
        if not doc:
            continue
        template = _template(slots, cw)
        keys.setdefault(doc, [])
        if template is not None:
            keys[doc].append(template)
    return keys


def _types(templates: list[Template], events: list[dict[str, Any]], cw: Crosswalk) -> PRF:
    system = {t for e in events if (t := cw.muc_type(str(e.get("type", "")))) is not None}
    required = {tp.types for tp in templates if not tp.optional and tp.types}
    optional = {tp.types for tp in templates if tp.optional and tp.types} - required
    left, tp_count = set(system), 0
    for group in [*sorted(required, key=sorted), *sorted(optional, key=sorted)]:
        hit = next((t for t in sorted(left) if t in group), None)
        if hit is not None:
            left.discard(hit)
            tp_count += 1
    matched_optional = tp_count - min(tp_count, len(required))
    return PRF(tp_count, len(system), len(required) + max(0, matched_optional))


def _gold_orgs(templates: list[Template]) -> list[tuple[frozenset[str], str | None, bool]]:
    """Distinct organisations (overlapping alternative sets merged): (alternatives, certainty, optional)."""
    merged: list[tuple[frozenset[str], str | None, bool]] = []
    for t in sorted(templates, key=lambda t: t.optional):
        for alts in t.orgs:
            conf = next((t.confidence[a] for a in sorted(alts) if a in t.confidence), None)
            same = next((i for i, m in enumerate(merged) if m[0] & alts), None)
            if same is None:
                merged.append((alts, conf, t.optional))
            else:
                old, old_conf, old_opt = merged[same]
                merged[same] = (old | alts, old_conf or conf, old_opt and t.optional)
    return merged


def _perps(templates: list[Template], record: dict[str, Any]) -> tuple[PRF, Accuracy]:
    actors: dict[str, str | None] = {}
    for e in record.get("events", []):
        if e.get("actor1") and e["actor1"] not in actors:
            actors[e["actor1"]] = e.get("certainty")
    used: set[str] = set()
    correct = judged = gold = 0
    for alts, confidence, optional in _gold_orgs(templates):
        hit = next((a for a in actors if a not in used
                    and any(loosely_equal(n, g) for n in names_for(record, a) for g in alts)), None)
        gold += hit is not None or not optional
        if hit is None:
            continue
        used.add(hit)
        if confidence is not None:
            judged += 1
            correct += actors[hit] == confidence
    return PRF(len(used), len(actors), gold), Accuracy(correct, judged)


def evaluate_muc34(
    root: Path, settings: Settings, limit: int | None, system: Path | None, save_system: Path | None
) -> dict[str, Any]:
    cw = load_crosswalk()
    texts = read_texts(root / "raw" / TEXTS)
    keys = read_keys(root / "raw" / KEYS, cw)
    ids = take(sorted(i for i in texts if i in keys), limit)
    articles = [Article(id=i, text=texts[i], language="en") for i in ids]
    records = system_records(articles, settings, system, save_system)
    types, perps, conf = [], [], []
    for i in ids:
        record = records.get(i, {"id": i, "entities": [], "events": []})
        types.append(_types(keys[i], record.get("events", []), cw))
        p, c = _perps(keys[i], record)
        perps.append(p)
        conf.append(c)
    return {
        "dataset": "muc34",
        "documents": len(ids),
        "incident_type": total_prf(types).as_dict(),
        "perpetrator_org": total_prf(perps).as_dict(),
        "perpetrator_confidence": total_accuracy(conf).as_dict(),
        "notes": list(NOTES),
    }
