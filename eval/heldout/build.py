"""Build gold.jsonl from annotation.yaml (the compact annotation) and check it against the articles.

Run: ``python eval/heldout/build.py`` (needs PyYAML). Evidence fragments in the annotation are expanded
to their full sentence; alias groups are derived mechanically from the entities, as in the dev set.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import HERE, all_problems, load_texts, sentence  # noqa: E402

sys.path.insert(0, str(HERE.parents[1] / "corpus" / "tools"))
from build_corpus import alias_groups  # noqa: E402  (derived mechanically, as in the dev set)

EVENT_KEYS = ("type", "actor1", "actor2", "location", "country", "date", "fatalities", "count", "approx",
              "claimed_by", "certainty", "evidence")
EVENT_OPTIONAL = ("type_also_accept", "actor1_also_accept", "location_also_accept", "fatalities_approx", "note")


def _date(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _entities(spec: list[list[Any]]) -> list[dict[str, Any]]:
    out = []
    for row in spec:
        entity = {"text": row[0], "type": row[1], "canonical": row[2]}
        entity.update(row[3] if len(row) > 3 else {})
        out.append(entity)
    return out


def _event(spec: dict[str, Any], text: str) -> dict[str, Any]:
    ev = {key: spec.get(key) for key in EVENT_KEYS}
    ev["approx"] = bool(spec.get("approx", False))
    ev["date"] = _date(spec.get("date"))
    ev["evidence"] = sentence(text, spec["evidence"])
    ev.update({key: spec[key] for key in EVENT_OPTIONAL if key in spec})
    return ev


def _relation(row: list[Any], text: str) -> dict[str, Any]:
    subject, predicate, obj, date, fragment = row[:5]
    rel = {"subject": subject, "predicate": predicate, "object": obj, "date": _date(date),
           "evidence": sentence(text, fragment)}
    rel.update(row[5] if len(row) > 5 else {})
    return rel


def build_record(aid: str, spec: dict[str, Any], text: str) -> dict[str, Any]:
    entities = _entities(spec["entities"])
    rec: dict[str, Any] = {
        "id": aid,
        "entities": entities,
        "aliases": alias_groups(entities),
        "events": [_event(e, text) for e in spec.get("events", [])],
        "relations": [_relation(r, text) for r in spec.get("relations", [])],
    }
    if spec.get("unscored"):
        rec["unscored_mentions"] = [{"text": t, "note": n} for t, n in spec["unscored"]]
    return rec


def main() -> int:
    spec = yaml.safe_load((HERE / "annotation.yaml").read_text(encoding="utf-8"))
    texts = load_texts()
    gold = [build_record(aid, spec[aid], texts[aid]) for aid in sorted(spec)]
    problems = all_problems(gold, texts)
    for p in problems:
        print(p)
    if problems:
        return 1
    lines = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in gold)
    (HERE / "gold.jsonl").write_text(lines, encoding="utf-8")
    print(f"wrote {len(gold)} records: {sum(len(r['entities']) for r in gold)} entities, "
          f"{sum(len(r['events']) for r in gold)} events, {sum(len(r['relations']) for r in gold)} relations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
