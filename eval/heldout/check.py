"""Check the held-out gold (gold.jsonl) against its articles: verbatim surfaces and evidence, allowed values.

Run from anywhere: ``python eval/heldout/check.py``; exits 1 and lists the problems when any check fails.
The functions are also used by build.py and by tests/test_eval_heldout.py.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "corpus" / "tools"))
# the allowed values are the corpus checker's (one list of ACLED sub-types, predicates, certainty values)
from check_corpus import CERTAINTY, DATE, ENTITY_TYPES, EVENT_TYPES, GENERIC_ACTOR, PREDICATES  # noqa: E402,F401

sys.path.pop(0)
_LEFT = re.compile(r"[.!?][\"')\u201d\u2019]*\s+|\n")
_RIGHT = re.compile(r"[.!?][\"')\u201d\u2019]*(?=\s|$)|\n")


def sentence(text: str, fragment: str) -> str:
    """The full sentence (or title line) of ``text`` that contains ``fragment``; ValueError if absent."""
    i = text.find(fragment)
    if i < 0:
        raise ValueError(f"evidence fragment not in text: {fragment!r}")
    left = max((m.end() for m in _LEFT.finditer(text, 0, i)), default=0)
    m = _RIGHT.search(text, i + max(len(fragment) - 1, 0))
    right = m.end() if m and m.group() != "\n" else (m.start() if m else len(text))
    return text[left:right].strip()


def load_texts(articles_dir: Path = HERE / "articles") -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(articles_dir.glob("*.txt"))}


def load_gold(path: Path = HERE / "gold.jsonl") -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _name_problem(name: Any, known: set[str], what: str) -> list[str]:
    if name is None or name in known or GENERIC_ACTOR.match(str(name)):
        return []
    return [f"{what} {name!r} is neither a canonical of the article nor an ACLED-style name"]


def _entity_problems(rec: dict[str, Any], text: str) -> list[str]:
    out = []
    for e in rec["entities"]:
        if e["type"] not in ENTITY_TYPES:
            out.append(f"entity {e['text']!r}: bad type {e['type']!r}")
        if e["text"] not in text:
            out.append(f"entity surface not in text: {e['text']!r}")
    for group in rec["aliases"]:
        out += [f"alias surface not in text: {s!r}" for s in group[1:] if s not in text]
    out += [f"unscored mention not in text: {u['text']!r}" for u in rec.get("unscored_mentions", [])
            if u["text"] not in text]
    return out


def _event_problems(ev: dict[str, Any], text: str, known: set[str], places: set[str]) -> list[str]:
    out = []
    for t in (ev["type"], *ev.get("type_also_accept", [])):
        if t not in EVENT_TYPES:
            out.append(f"event type {t!r} is not ACLED")
    if ev["certainty"] not in CERTAINTY:
        out.append(f"event certainty {ev['certainty']!r}")
    for key in ("actor1", "actor2", "claimed_by"):
        out += _name_problem(ev.get(key), known, f"event {key}")
    for name in ev.get("actor1_also_accept", []):
        out += _name_problem(name, known, "actor1_also_accept")
    for name in (ev.get("location"), *ev.get("location_also_accept", [])):
        if name is not None and name not in places:
            out.append(f"event location {name!r} is not a LOCATION canonical of the article")
    if ev.get("date") is not None and not DATE.match(ev["date"]):
        out.append(f"event date {ev['date']!r}")
    if ev["evidence"] not in text or sentence(text, ev["evidence"]) != ev["evidence"]:
        out.append(f"event evidence is not a full sentence of the text: {ev['evidence'][:60]!r}")
    return out


def _relation_problems(r: dict[str, Any], text: str, known: set[str], places: set[str]) -> list[str]:
    out = []
    if r["predicate"] not in PREDICATES:
        out.append(f"relation predicate {r['predicate']!r}")
    for key in ("subject", "object"):
        out += _name_problem(r[key], known, f"relation {key}")
    for name in (*r.get("subject_also_accept", []), *r.get("object_also_accept", [])):
        out += _name_problem(name, known, "relation also_accept")
    if r["predicate"] == "located_in" and not {r["subject"], r["object"]} <= places:
        out.append(f"located_in needs two places: {r['subject']!r}, {r['object']!r}")
    if r["predicate"] == "operates_in" and r["object"] not in places:
        out.append(f"operates_in needs a place object: {r['object']!r}")
    if r.get("date") is not None and not DATE.match(r["date"]):
        out.append(f"relation date {r['date']!r}")
    if r["evidence"] not in text or sentence(text, r["evidence"]) != r["evidence"]:
        out.append(f"relation evidence is not a full sentence of the text: {r['evidence'][:60]!r}")
    return out


def record_problems(rec: dict[str, Any], text: str) -> list[str]:
    """Every problem of one gold record against its article text (empty when the record is sound)."""
    canon = {e["canonical"] for e in rec["entities"]}
    known = canon | {a for e in rec["entities"] for a in e.get("also_accept", [])}
    places = {e["canonical"] for e in rec["entities"] if e["type"] == "LOCATION"}
    places |= {a for e in rec["entities"] if e["type"] == "LOCATION" for a in e.get("also_accept", [])}
    out = _entity_problems(rec, text)
    for ev in rec["events"]:
        out += _event_problems(ev, text, known, places)
    for r in rec["relations"]:
        out += _relation_problems(r, text, known, places)
    return [f"{rec['id']}: {p}" for p in out]


def all_problems(gold: list[dict[str, Any]], texts: dict[str, str]) -> list[str]:
    out = [f"{rec['id']}: no article text" for rec in gold if rec["id"] not in texts]
    for rec in gold:
        if rec["id"] in texts:
            out += record_problems(rec, texts[rec["id"]])
    return out


def main() -> int:
    problems = all_problems(load_gold(), load_texts())
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
