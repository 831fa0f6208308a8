"""Scaling: `orbat extract` wall time with --workers 1, --workers N and --engine ray, and the first
ingest against a re-ingest of the unchanged corpus. Each run is a fresh `orbat` process (start-up
included); the records of every engine are checked to be identical to --workers 1.

    .venv/bin/python bench/make_corpus.py 1000 -o /tmp/c1000.jsonl
    .venv/bin/python bench/scale_bench.py /tmp/c1000.jsonl --workers 2 --ray --markdown

Results go to docs/benchmarks.md with the date, machine and commit (never a timed test).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORBAT = [sys.executable, "-c", "from orbat.cli import main; main()"]


class Failed(Exception):
    pass


PEAK_RSS: dict[str, float] = {}  # run name -> peak RSS (MB) of its largest child process (a worker)


def _sample_children(proc: subprocess.Popen[str], name: str) -> None:
    """Peak resident memory of the run's child processes (the workers), sampled every 0.5 s."""
    try:
        import psutil
    except ModuleNotFoundError:
        return
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            for child in parent.children(recursive=True):
                mb = child.memory_info().rss / 2**20
                PEAK_RSS[name] = max(PEAK_RSS.get(name, 0.0), mb)
        except psutil.Error:
            pass
        time.sleep(0.5)


def run(args: list[str], env: dict[str, str] | None = None, name: str = "") -> float:
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen([*ORBAT, *args], env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler = threading.Thread(target=_sample_children, args=(proc, name), daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise Failed(f"orbat {' '.join(args[:3])} ... failed ({proc.returncode}): {stderr.strip()[-300:]}")
    return elapsed


def articles_in(corpus: Path) -> int:
    return sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL corpus (bench/make_corpus.py)")
    parser.add_argument("--workers", type=int, default=2, help="the pooled run's worker count")
    parser.add_argument("--ray", action="store_true", help="also run --engine ray (local Ray, --workers actors)")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest / re-ingest pair")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    n = articles_in(args.corpus)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="orbat-scale-") as tmp:
        out = Path(tmp)
        base = run(["extract", str(args.corpus), "-q", "--workers", "1", "-o", str(out / "w1.jsonl")])
        rows.append(("extract --workers 1", base, "1.00x"))
        pooled = run(["extract", str(args.corpus), "-q", "--workers", str(args.workers),
                      "-o", str(out / "wn.jsonl")], name="pooled")
        same = (out / "wn.jsonl").read_bytes() == (out / "w1.jsonl").read_bytes()
        rss = f", worker peak RSS {PEAK_RSS['pooled']:.0f} MB" if "pooled" in PEAK_RSS else ""
        rows.append((f"extract --workers {args.workers}", pooled, f"{base / pooled:.2f}x, identical: {same}{rss}"))
        print(rows[-2:], file=sys.stderr, flush=True)
        if args.ray:
            (out / "ray").mkdir()
            try:
                ray_s = run(["extract", str(args.corpus), "-q", "--engine", "ray", "--workers", str(args.workers),
                             "-o", str(out / "ray")], env={"RAY_AUTH_MODE": "disabled"})
                shards = sorted((out / "ray").glob("part-*.jsonl"))
                same = b"".join(p.read_bytes() for p in shards) == (out / "w1.jsonl").read_bytes()
                rows.append((f"extract --engine ray ({args.workers} actors)", ray_s,
                             f"{base / ray_s:.2f}x, identical: {same}"))
            except Failed as exc:
                rows.append((f"extract --engine ray ({args.workers} actors)", float("nan"), str(exc)))
            print(rows[-1:], file=sys.stderr, flush=True)
        if not args.no_ingest:
            db = str(out / "kb.db")
            first = run(["--db", db, "ingest", str(args.corpus), "-q", "--workers", str(args.workers)])
            again = run(["--db", db, "ingest", str(args.corpus), "-q", "--workers", str(args.workers)])
            rows.append((f"ingest --workers {args.workers} (first)", first, ""))
            rows.append(("re-ingest, unchanged corpus", again, f"{100 * again / first:.1f}% of the first"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    head = (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.machine()} {os.cpu_count()} cores, "
            f"commit {commit}, {n} articles ({args.corpus.name}), wall time per fresh process, "
            f"load average {os.getloadavg()[0]:.1f} at the end")
    if args.markdown:
        print(head + "\n\n| run | wall s | articles/s | note |\n| --- | ---: | ---: | --- |")
        for name, secs, note in rows:
            print(f"| {name} | {secs:.1f} | {n / secs:.1f} | {note} |".replace("| nan | nan |", "| - | - |"))
    else:
        print(head)
        for name, secs, note in rows:
            print(f"{name:36} {secs:8.1f} s  {n / secs:6.1f} art/s  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
