"""Check that a change leaves `orbat extract` output byte-identical (for performance work).

Runs `orbat extract --workers 1` on a fixed set of texts (samples/, the corpus dev split and the
first full articles of the corpus train split; never the test split) and compares the JSONL with
a reference saved before the change:

    .venv/bin/python bench/same_output.py --save /tmp/orbat-ref.jsonl   # before
    .venv/bin/python bench/same_output.py --against /tmp/orbat-ref.jsonl  # after: exit 1 on a diff

Not a test: it needs the corpus build (`make corpus`) and takes a minute or two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORBAT = [sys.executable, "-c", "from orbat.cli import main; main()"]


def texts(corpus: Path, dev_limit: int, train_articles: int) -> list[dict[str, str]]:
    """The fixed input set, in a stable order: samples, dev records, train full articles."""
    picked: list[Path] = sorted((REPO / "samples").glob("*.txt"))
    picked += sorted((corpus / "dev" / "articles").glob("*.txt"))[:dev_limit]
    picked += sorted((corpus / "train" / "articles").glob("a*.txt"))[:train_articles]
    return [{"id": f"{p.parent.parent.name}-{p.stem}", "text": p.read_text(encoding="utf-8")} for p in picked]


def run_extract(records: list[dict[str, str]], out: Path, env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory(prefix="orbat-same-") as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        done = subprocess.run([*ORBAT, "extract", str(src), "-q", "--workers", "1", "-o", str(out)],
                              env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode not in (0, 3):
        raise SystemExit(f"orbat extract failed ({done.returncode}): {done.stderr.strip()[-400:]}")


def first_difference(a: list[str], b: list[str]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            rx, ry = json.loads(x), json.loads(y)
            keys = [k for k in rx if rx.get(k) != ry.get(k)]
            return f"record {i} ({rx.get('id')}): fields differ: {', '.join(keys)}"
    return f"record counts differ: {len(a)} vs {len(b)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="write the reference JSONL here")
    what.add_argument("--against", type=Path, help="compare with this reference JSONL")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "build", help="corpus build directory")
    parser.add_argument("--dev", type=int, default=200, help="dev records to include")
    parser.add_argument("--train-articles", type=int, default=40, help="train full articles to include")
    parser.add_argument("--learned", default=None, help="ORBAT_LEARNED for the run (default: the environment's)")
    args = parser.parse_args(argv)
    records = texts(args.corpus, args.dev, args.train_articles)
    env = {"ORBAT_LEARNED": args.learned} if args.learned else {}
    target = args.save or Path(tempfile.mkstemp(suffix=".jsonl", prefix="orbat-now-")[1])
    run_extract(records, target, env)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()[:16]
    if args.save:
        print(f"saved {len(records)} records to {target} (sha256 {digest})")
        return 0
    now, ref = target.read_text(encoding="utf-8").splitlines(), args.against.read_text(encoding="utf-8").splitlines()
    target.unlink()
    if now == ref:
        print(f"identical: {len(now)} records (sha256 {digest})")
        return 0
    print(f"DIFFERENT: {first_difference(now, ref)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
