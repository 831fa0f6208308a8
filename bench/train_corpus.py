"""A benchmark corpus of distinct, team-written articles from the corpus train split.

    .venv/bin/python bench/train_corpus.py 400 -o /tmp/train400.jsonl

Every full article of ``corpus/build/train`` (``a*``, 200-420 words) is one record; the rest are
the short reports of the split (``r*``) in id order, cut into consecutive runs joined as the
paragraphs of one article (a regional digest): ``--reports K`` reports each, or all the reports
spread as evenly as ``N`` allows. No text is used twice,
so no two records are duplicates or near-duplicates. Only the train split is read (never test).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build(train: Path, n: int, per_digest: int | None = None) -> list[dict[str, str]]:
    articles = sorted((train / "articles").glob("a*.txt"))
    reports = sorted((train / "articles").glob("r*.txt"))
    groups = n - len(articles)
    if groups < 1 or groups * (per_digest or 1) > len(reports):
        raise SystemExit(f"{n} articles: the split has {len(articles)} articles and {len(reports)} reports")
    if per_digest:
        reports = reports[:groups * per_digest]
    out = [{"id": f"bench-{p.stem}", "text": p.read_text(encoding="utf-8").strip()} for p in articles]
    for g in range(groups):
        part = reports[g * len(reports) // groups:(g + 1) * len(reports) // groups]
        text = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in part)
        out.append({"id": f"bench-digest-{g:04d}", "text": text})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--reports", type=int, default=None, help="reports per digest (default: use them all)")
    parser.add_argument("--train", type=Path, default=REPO / "corpus" / "build" / "train",
                        help="the train split (make corpus)")
    args = parser.parse_args(argv)
    records = build(args.train, args.n, args.reports)
    args.output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    chars = sum(len(r["text"]) for r in records)
    print(f"{len(records)} articles, {chars:,} characters -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
