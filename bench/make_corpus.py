"""Write N synthetic articles (JSONL) by recombining the sentence templates in corpus_templates.yaml.

For scale tests only (e.g. 10k articles for the web-API latency benchmark); the texts are
generated, not real reporting. Deterministic for a given ``--seed``.

    .venv/bin/python bench/make_corpus.py 10000 -o /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

TEMPLATES = Path(__file__).with_name("corpus_templates.yaml")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Templates:
    groups: list[dict[str, Any]]
    rivals: dict[str, list[str]]
    leaders: list[str]
    outlets: list[str]
    titles: list[str]
    sentences: list[str]


def load_templates(path: Path = TEMPLATES) -> Templates:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [k for k in Templates.__dataclass_fields__ if k not in data]
    if missing:
        raise SystemExit(f"{path}: missing keys {', '.join(missing)}")
    for i, g in enumerate(data["groups"]):
        if g.get("country") not in data["rivals"] or not g.get("places"):
            raise SystemExit(f"{path}: group {i} ({g.get('name')}) needs a country with rivals and places")
    return Templates(**{k: data[k] for k in Templates.__dataclass_fields__})


def _slots(t: Templates, rng: random.Random) -> dict[str, Any]:
    g = rng.choice(t.groups)
    place, place2 = (rng.sample(g["places"], 2) if len(g["places"]) > 1 else g["places"] * 2)
    return {"group": g["name"], "alias": g["alias"], "country": g["country"], "region": g["region"],
            "rival": rng.choice(t.rivals[g["country"]]), "place": place, "place2": place2,
            "n": rng.randint(2, 40), "m": rng.randint(2, 9), "weekday": rng.choice(WEEKDAYS),
            "month": rng.choice(MONTHS), "leader": rng.choice(t.leaders), "outlet": rng.choice(t.outlets)}


def article(t: Templates, rng: random.Random, index: int) -> dict[str, Any]:
    slots = _slots(t, rng)
    body = " ".join(s.format(**slots) for s in rng.sample(t.sentences, rng.randint(4, 8)))
    title = rng.choice(t.titles).format(**slots)
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    slug = title.lower().replace(" ", "-").replace("'", "")[:60]
    return {"id": f"synthetic-{index:06d}", "title": title, "text": f"{title}\n\n{body}",
            "published": f"{year:04d}-{month:02d}-{day:02d}", "outlet": slots["outlet"],
            "url": f"https://example.org/{year}/{month:02d}/{slug}"}


def generate(n: int, seed: int = 7, templates: Templates | None = None) -> Iterator[dict[str, Any]]:
    t = templates or load_templates()
    rng = random.Random(seed)
    for i in range(n):
        yield article(t, rng, i)


def write(n: int, out: TextIO, seed: int) -> None:
    for record in generate(n, seed):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic articles as JSONL.")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.output == "-":
        try:
            write(args.n, sys.stdout, args.seed)
        except BrokenPipeError:  # e.g. piped into head
            sys.stderr.close()
    else:
        with open(args.output, "w", encoding="utf-8") as fh:
            write(args.n, fh, args.seed)


if __name__ == "__main__":
    main()
