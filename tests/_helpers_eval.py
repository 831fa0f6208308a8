"""Shared fixtures for the eval tests: a tiny hand-written gold set and the shared-data locator."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

TEXT_A = (
    "Shabaab fighters storm army post near Kismayo\n\n"
    "Al-Shabaab fighters stormed a Somali National Army post outside Kismayo on Tuesday, killing four "
    "soldiers, the group said in a statement carried by Radio Andalus. The Shabaab also clashed with "
    "Jubaland forces in Afmadow. Tags: Somalia"
)
TEXT_B = (
    "Kurdish forces repel attack in Hasakah\n\n"
    "The Syrian Democratic Forces (SDF) said they repelled an Islamic State attack on a checkpoint in "
    "al-Hasakah in March 2022. The SDF and the Asayish fought the militants for two hours."
)

GOLD: list[dict[str, Any]] = [
    {
        "id": "a1",
        "entities": [
            {"text": "Shabaab", "type": "ORG_ARMED", "canonical": "al-Shabaab"},
            {"text": "Al-Shabaab", "type": "ORG_ARMED", "canonical": "al-Shabaab"},
            {"text": "Kismayo", "type": "LOCATION", "canonical": "Kismayo"},
            {"text": "Somali National Army", "type": "ORG_ARMED", "canonical": "Military Forces of Somalia"},
            {"text": "Radio Andalus", "type": "ORG_OTHER", "canonical": "Radio Andalus"},
            {"text": "Afmadow", "type": "LOCATION", "canonical": "Afmadow", "also_accept": ["Afmadow District"]},
            {"text": "Jubaland forces", "type": "ORG_ARMED", "canonical": "Jubaland Security Forces"},
            {"text": "Somalia", "type": "LOCATION", "canonical": "Somalia", "boilerplate": True},
        ],
        "aliases": [["al-Shabaab", "Shabaab", "Al-Shabaab"], ["Military Forces of Somalia", "Somali National Army"]],
        "events": [
            {"type": "Battles/Armed clash", "type_also_accept": ["Battles/Non-state actor overtakes territory"],
             "actor1": "al-Shabaab", "actor2": "Military Forces of Somalia", "location": "Kismayo",
             "date": "2025-03-11", "fatalities": 4, "claimed_by": "al-Shabaab", "certainty": "claimed"},
            {"type": "Battles/Armed clash", "actor1": "al-Shabaab", "actor1_also_accept": [None],
             "location": "Afmadow", "date": None, "fatalities": None, "claimed_by": None,
             "certainty": "asserted"},
        ],
        "relations": [
            {"subject": "al-Shabaab", "predicate": "rival_of/fights", "object": "Military Forces of Somalia"},
            {"subject": "Radio Andalus", "predicate": "affiliate_of", "object": "al-Shabaab"},
        ],
        "unscored_mentions": [{"text": "Tuesday", "note": "a date, not an entity"}],
    },
    {
        "id": "b1",
        "entities": [
            {"text": "Syrian Democratic Forces", "type": "ORG_ARMED", "canonical": "Syrian Democratic Forces"},
            {"text": "SDF", "type": "ORG_ARMED", "canonical": "Syrian Democratic Forces"},
            {"text": "Islamic State", "type": "ORG_ARMED", "canonical": "Islamic State"},
            {"text": "al-Hasakah", "type": "LOCATION", "canonical": "al-Hasakah (city)"},
            {"text": "Hasakah", "type": "LOCATION", "canonical": "al-Hasakah (city)"},
            {"text": "Asayish", "type": "ORG_ARMED", "canonical": "Asayish"},
        ],
        "aliases": [["Syrian Democratic Forces", "SDF"], ["al-Hasakah (city)", "al-Hasakah", "Hasakah"]],
        "events": [
            {"type": "Battles/Armed clash", "actor1": "Islamic State", "actor2": "Syrian Democratic Forces",
             "location": "al-Hasakah (city)", "date": "2022-03", "fatalities": None, "claimed_by": None,
             "certainty": "reported"},
        ],
        "relations": [
            {"subject": "Asayish", "predicate": "allied_with", "object": "Syrian Democratic Forces"},
            {"subject": "Syrian Democratic Forces", "predicate": "operates_in", "object": "al-Hasakah (city)"},
        ],
    },
]
TEXTS = {"a1": TEXT_A, "b1": TEXT_B}

_EVENT_KEYS = ("type", "actor1", "location", "date", "fatalities", "claimed_by", "certainty")


def gold_as_system(gold: dict[str, Any], text: str = "") -> dict[str, Any]:
    """An extract-contract record holding exactly the gold answers (built at run time)."""
    entities = []
    for e in gold["entities"]:
        start = max(text.find(e["text"]), 0)
        entities.append({"text": e["text"], "start": start, "end": start + len(e["text"]), "type": e["type"],
                         "canonical": e["canonical"], "entity_id": "gold"})
    return {
        "id": gold["id"],
        "text": text,
        "entities": entities,
        "aliases": [list(g) for g in gold["aliases"]],
        "events": [{k: ev.get(k) for k in _EVENT_KEYS} for ev in gold["events"]],
        "relations": [{k: r[k] for k in ("subject", "predicate", "object")} for r in gold["relations"]],
    }


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def write_tiny_set(root: Path) -> tuple[Path, Path]:
    """gold.jsonl + articles/<id>.txt of the tiny set under ``root``."""
    articles = root / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for aid, text in TEXTS.items():
        (articles / f"{aid}.txt").write_text(text, encoding="utf-8")
    return write_jsonl(root / "gold.jsonl", GOLD), articles


def shared_eval_dir() -> Path | None:
    """$ORBAT_SHARED (the shared or the shared/eval folder) if set, else ../shared/eval beside the repo."""
    env = os.environ.get("ORBAT_SHARED")  # when set, it is the only place looked at
    candidates = [Path(env), Path(env) / "eval"] if env else [REPO.parent / "shared" / "eval"]
    for c in candidates:
        if (c / "dev" / "gold.jsonl").is_file():
            return c
    return None
