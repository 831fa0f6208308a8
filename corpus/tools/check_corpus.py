"""Check corpus files (corpus/reports/*.jsonl, corpus/articles/*.jsonl) written by the team.

Run: ``python corpus/tools/check_corpus.py [FILE ...]`` (default: every corpus file). Prints one line per
problem (``file:line id: problem``) and exits 1 when there is any. Standard library only, so writers
can run it before anything is installed.

Record (one JSON object per line):
  id, title (str or null), published (YYYY-MM-DD), outlet, style, text,
  entities:  [[surface, TYPE, canonical], ...]   (optional 4th item: {"also_accept": [...]})
  events:    [{type, actor1, actor2, location, country, date, fatalities, count, approx,
               claimed_by, certainty, evidence, (fatalities_approx, *_also_accept, note)}]
  relations: [[subject, predicate, object, date, evidence, ({"status": "former", "certainty": ...})]]
  unscored:  [[text, note], ...]                  (optional)
The article the system reads is ``title + "\\n\\n" + text`` (just ``text`` when title is null).
``evidence`` is a verbatim fragment of the text; the builder expands it to its sentence.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1]
ENTITY_TYPES = {"ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION"}
CERTAINTY = {"asserted", "claimed", "alleged", "reported"}
STYLES = {"wire", "coder", "monitor", "military", "local", "analysis", "ngo", "government"}
PREDICATES = {
    "member_of", "leader_of", "allied_with", "rival_of/fights", "splinter_of", "merged_into", "renamed_to",
    "affiliate_of", "pledged_allegiance_to", "located_in", "operates_in",
}
EVENT_TYPES = {
    "Battles/Armed clash", "Battles/Government regains territory", "Battles/Non-state actor overtakes territory",
    "Explosions/Remote violence/Chemical weapon", "Explosions/Remote violence/Air/drone strike",
    "Explosions/Remote violence/Suicide bomb", "Explosions/Remote violence/Shelling/artillery/missile attack",
    "Explosions/Remote violence/Remote explosive/landmine/IED", "Explosions/Remote violence/Grenade",
    "Violence against civilians/Sexual violence", "Violence against civilians/Attack",
    "Violence against civilians/Abduction/forced disappearance",
    "Protests/Peaceful protest", "Protests/Protest with intervention", "Protests/Excessive force against protesters",
    "Riots/Violent demonstration", "Riots/Mob violence",
    "Strategic developments/Agreement", "Strategic developments/Arrests",
    "Strategic developments/Change to group/activity", "Strategic developments/Disrupted weapons use",
    "Strategic developments/Headquarters or base established", "Strategic developments/Looting/property destruction",
    "Strategic developments/Non-violent transfer of territory", "Strategic developments/Other",
}
GENERIC_ACTOR = re.compile(r"^(Military Forces of .+|Police Forces of .+|Civilians \(.+\)|"
                           r"Unidentified Armed Group \(.+\)|Rioters \(.+\)|Protesters \(.+\))$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/(\d{4}(-\d{2}(-\d{2})?)?)?)?$")
PUBLISHED = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LEFT = re.compile(r"[.!?][\"')\u201d\u2019]*\s+|\n")
_RIGHT = re.compile(r"[.!?][\"')\u201d\u2019]*(?=\s|$)|\n")
_ABBREVIATIONS = re.compile(r"\b(?:[A-Z]|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Dr|Mr|Mrs|Gen|Col|Lt|"
                            r"Capt|Maj|Sgt|No|St|a\.m|p\.m)\.$")


def sentence(text: str, fragment: str) -> str:
    """The full sentence (or title line) of ``text`` that contains ``fragment``."""
    i = text.find(fragment)
    if i < 0:
        raise ValueError(f"evidence fragment not in text: {fragment!r}")
    left = max((m.end() for m in _LEFT.finditer(text, 0, i) if not _ABBREVIATIONS.search(text[:m.start() + 1])),
               default=0)
    right = len(text)
    for m in _RIGHT.finditer(text, i + max(len(fragment) - 1, 0)):
        if m.group() == "\n":
            right = m.start()
            break
        if not _ABBREVIATIONS.search(text[:m.start() + 1]):
            right = m.end()
            break
    return text[left:right].strip()


def _real_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def article_text(rec: dict[str, Any]) -> str:
    title = rec.get("title")
    return f"{title}\n\n{rec['text']}" if title else rec["text"]


def problems(rec: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key in ("id", "published", "outlet", "style", "text", "entities", "events", "relations"):
        if key not in rec:
            out.append(f"missing field {key!r}")
    if out:
        return out
    text = article_text(rec)
    if not PUBLISHED.match(str(rec["published"])) or not _real_date(str(rec["published"])):
        out.append(f"published {rec['published']!r} is not a YYYY-MM-DD date")
    if rec["style"] not in STYLES:
        out.append(f"style {rec['style']!r} not in {sorted(STYLES)}")
    canon: dict[str, set[str]] = {}
    for row in rec["entities"]:
        if not (isinstance(row, list) and len(row) in (3, 4)):
            out.append(f"entity row {row!r} is not [surface, type, canonical(, extra)]")
            continue
        surface, etype, canonical = row[:3]
        if surface not in text:
            out.append(f"entity surface {surface!r} not verbatim in text")
        if etype not in ENTITY_TYPES:
            out.append(f"entity type {etype!r} for {surface!r}")
        canon.setdefault(canonical, set()).add(etype)
    locations = {c for c, types in canon.items() if "LOCATION" in types}

    def name_ok(name: Any) -> bool:
        return name is None or name in canon or bool(GENERIC_ACTOR.match(str(name)))

    for ev in rec["events"]:
        where = f"event {ev.get('type')!r}"
        if ev.get("type") not in EVENT_TYPES:
            out.append(f"{where}: type not an ACLED sub-type")
        for extra in ev.get("type_also_accept", []):
            if extra not in EVENT_TYPES:
                out.append(f"{where}: type_also_accept {extra!r}")
        for role in ("actor1", "actor2", "claimed_by"):
            if not name_ok(ev.get(role)):
                out.append(f"{where}: {role} {ev.get(role)!r} is neither an entity canonical nor an ACLED-style name")
        for name in ev.get("actor1_also_accept", []):
            if not name_ok(name):
                out.append(f"{where}: actor1_also_accept {name!r}")
        for name in [ev.get("location"), *ev.get("location_also_accept", [])]:
            if name is not None and name not in locations:
                out.append(f"{where}: location {name!r} is not a LOCATION canonical")
        if ev.get("certainty") not in CERTAINTY:
            out.append(f"{where}: certainty {ev.get('certainty')!r}")
        if ev.get("date") is not None and not DATE.match(str(ev["date"])):
            out.append(f"{where}: date {ev['date']!r}")
        for num in ("fatalities", "count"):
            if ev.get(num) is not None and not isinstance(ev[num], int):
                out.append(f"{where}: {num} must be an integer or null")
        if not isinstance(ev.get("evidence"), str) or ev["evidence"] not in text:
            out.append(f"{where}: evidence {ev.get('evidence')!r} not verbatim in text")
    for row in rec["relations"]:
        if not (isinstance(row, list) and len(row) in (5, 6)):
            out.append(f"relation row {row!r} is not [subject, predicate, object, date, evidence(, extra)]")
            continue
        subject, predicate, obj, date, evidence = row[:5]
        if predicate not in PREDICATES:
            out.append(f"relation predicate {predicate!r}")
        for name in (subject, obj):
            if not name_ok(name) or name is None:
                out.append(f"relation end {name!r} is not an entity canonical")
        if date is not None and not DATE.match(str(date)):
            out.append(f"relation date {date!r}")
        if not isinstance(evidence, str) or evidence not in text:
            out.append(f"relation evidence {evidence!r} not verbatim in text")
    for row in rec.get("unscored", []):
        if not (isinstance(row, list) and len(row) == 2 and row[0] in text):
            out.append(f"unscored {row!r} is not [text-in-article, note]")
    return out


def check_file(path: Path, seen: dict[str, str]) -> list[str]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(f"{where}: not JSON ({exc})")
            continue
        rid = rec.get("id")
        if rid in seen:
            out.append(f"{where} {rid}: duplicate id (also {seen[rid]})")
        seen[str(rid)] = where
        out += [f"{where} {rid}: {p}" for p in problems(rec)]
    return out


def corpus_files() -> list[Path]:
    return sorted((CORPUS / "reports").glob("*.jsonl")) + sorted((CORPUS / "articles").glob("*.jsonl"))


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or corpus_files()
    seen: dict[str, str] = {}
    found = [p for path in files for p in check_file(path, seen)]
    for p in found:
        print(p)
    print(f"{len(seen)} records, {len(found)} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
