"""Build the corpus splits in the dev-set layout, so ``orbat eval`` and ``make train`` read them.

Run: ``python corpus/tools/build_corpus.py`` (standard library only). For each split it writes
``corpus/build/<split>/gold.jsonl`` (dev gold schema: evidence fragments expanded to their
sentence, alias groups derived from the entities), ``articles/<id>.txt`` (title, blank line,
body) and ``articles.jsonl`` (id, title, published, outlet, style, kind).

The split is fixed once, by seed: a record's split is decided by a hash of the seed and its id
alone (70 % train, 15 % dev, 15 % test), so adding records never moves old ones. Nobody reads
test records while writing rules or features.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_corpus import article_text, corpus_files, problems, sentence  # noqa: E402  (this folder's checker)

CORPUS = HERE.parent
SEED = "orbat-corpus-2026-12"
SPLITS = (("train", 0.70), ("dev", 0.85), ("test", 1.0))
EVENT_KEYS = ("type", "actor1", "actor2", "location", "country", "date", "fatalities", "count", "approx",
              "claimed_by", "certainty")
EVENT_OPTIONAL = ("type_also_accept", "actor1_also_accept", "location_also_accept", "fatalities_approx", "note")


def split_of(record_id: str) -> str:
    value = int(hashlib.sha1(f"{SEED}:{record_id}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return next(name for name, upper in SPLITS if value < upper)


def alias_groups(entities: list[dict[str, Any]]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for e in entities:
        surfaces = groups.setdefault(e["canonical"], [])
        if e["text"] not in surfaces:
            surfaces.append(e["text"])
    return [[c, *[s for s in ss if s != c]] for c, ss in groups.items()
            if len({s.casefold() for s in ss}) > 1 or ss[0].casefold() != c.casefold()]


def gold_record(rec: dict[str, Any]) -> dict[str, Any]:
    text = article_text(rec)
    entities = []
    seen: set[tuple[str, str]] = set()
    for row in rec["entities"]:
        key = (row[0].casefold(), row[2])
        if key in seen:
            continue
        seen.add(key)
        entity = {"text": row[0], "type": row[1], "canonical": row[2]}
        entity.update(row[3] if len(row) > 3 else {})
        entities.append(entity)
    events = []
    for spec in rec["events"]:
        ev = {key: spec.get(key) for key in EVENT_KEYS}
        ev["approx"] = bool(spec.get("approx", False))
        ev["evidence"] = sentence(text, spec["evidence"])
        ev["fragment"] = spec["evidence"]
        ev.update({key: spec[key] for key in EVENT_OPTIONAL if key in spec})
        events.append(ev)
    relations = []
    for row in rec["relations"]:
        rel = {"subject": row[0], "predicate": row[1], "object": row[2], "date": row[3],
               "evidence": sentence(text, row[4]), "fragment": row[4]}
        rel.update(row[5] if len(row) > 5 else {})
        relations.append(rel)
    out = {"id": rec["id"], "entities": entities, "aliases": alias_groups(entities), "events": events,
           "relations": relations}
    if rec.get("unscored"):
        out["unscored_mentions"] = [{"text": t, "note": n} for t, n in rec["unscored"]]
    return out


def load_records() -> tuple[list[dict[str, Any]], list[str]]:
    records, errors = [], []
    for path in corpus_files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            found = problems(rec)
            if found:
                errors += [f"{path.name}:{n} {rec.get('id')}: {p}" for p in found]
                continue
            rec["kind"] = "article" if path.parent.name == "articles" else "report"
            records.append(rec)
    return records, errors


def build(out_dir: Path = CORPUS / "build") -> dict[str, int]:
    records, errors = load_records()
    for e in errors:
        print(f"skipped: {e}", file=sys.stderr)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    counts: dict[str, int] = {}
    for name, _ in SPLITS:
        chosen = [r for r in records if split_of(r["id"]) == name]
        base = out_dir / name
        (base / "articles").mkdir(parents=True)
        with (base / "gold.jsonl").open("w", encoding="utf-8") as gold, \
                (base / "articles.jsonl").open("w", encoding="utf-8") as meta:
            for rec in chosen:
                body = rec["text"]
                title = rec.get("title") or ""
                # the dev layout: title on line 1, blank line, body (a report without a title: body only)
                (base / "articles" / f"{rec['id']}.txt").write_text(article_text(rec) + "\n", encoding="utf-8")
                gold.write(json.dumps(gold_record(rec), ensure_ascii=False) + "\n")
                meta.write(json.dumps({"id": rec["id"], "title": title or None, "published": rec["published"],
                                       "outlet": rec["outlet"], "style": rec["style"], "kind": rec["kind"],
                                       "chars": len(body)}, ensure_ascii=False) + "\n")
        counts[name] = len(chosen)
    return counts


if __name__ == "__main__":
    print(json.dumps(build()))
