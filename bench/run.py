"""Throughput benchmark: full orbat extraction vs bare spaCy ``nlp.pipe`` on the same texts.

Not a test. Run from the repo root:

    .venv/bin/python bench/run.py                # writes the results section of docs/benchmarks.md
    .venv/bin/python bench/run.py --no-write --json

Texts: the dev articles in ../shared/eval/dev/articles (read at run time, never copied) plus
samples/. Each mode runs in its own subprocess so peak RSS is per mode:
- ``bare``: ``spacy.load(model)`` and ``nlp.pipe`` over the article texts;
- ``orbat``: ``Pipeline.extract`` over the same articles plus ``json.dumps(ex.to_dict())`` (what
  ``orbat extract`` writes); reading/cleaning/language detection is timed separately as ingest;
- ``stages``: the pipeline with its stages added one by one; the time each adds is its cost.
Times are process CPU seconds (wall time is too noisy on shared cores), the best of ``--rounds``
passes over the corpus repeated ``--repeat`` times, after a warm-up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def default_inputs() -> list[str]:
    shared = Path(os.environ.get("ORBAT_SHARED", REPO.parent / "shared"))
    dev = next((p for p in (shared / "eval" / "dev" / "articles", shared / "dev" / "articles") if p.is_dir()), None)
    return [str(p) for p in (dev, REPO / "samples") if p is not None and p.is_dir()]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def best_of(rounds: int, run: Callable[[], None]) -> float:
    """Best process CPU time of ``rounds`` runs: steadier than wall time on a shared machine."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def read_articles(inputs: list[str], extra: str | None) -> tuple[list[Any], float]:
    from orbat.ingest import read_inputs
    from orbat.settings import Settings

    t0 = time.perf_counter()
    articles = [r.article for r in read_inputs([*inputs, *([extra] if extra else [])], Settings.from_env())
                if r.article is not None]
    return articles, time.perf_counter() - t0


def worker_bare(articles: list[Any], repeat: int, rounds: int) -> dict[str, Any]:
    import spacy

    from orbat.settings import Settings

    settings = Settings.from_env()
    nlp = spacy.load(settings.spacy_model)
    texts = [a.text for a in articles] * repeat
    def run() -> None:
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size):
            pass

    list(nlp.pipe(texts[:5]))
    seconds = best_of(rounds, run)
    return {"seconds": seconds, "docs": len(texts), "pipes": list(nlp.pipe_names)}


def _extract_all(pipeline: Any, articles: list[Any]) -> None:
    for ex in pipeline.extract(articles):
        json.dumps(ex.to_dict(), ensure_ascii=False)


def worker_orbat(articles: list[Any], repeat: int, rounds: int) -> dict[str, Any]:
    from orbat.pipeline import Pipeline

    pipeline = Pipeline()
    batch = articles * repeat
    _extract_all(pipeline, articles[:5])
    seconds = best_of(rounds, lambda: _extract_all(pipeline, batch))
    return {"seconds": seconds, "docs": len(batch), "pipes": list(pipeline.nlp.pipe_names)}


def worker_stages(articles: list[Any], repeat: int, rounds: int) -> dict[str, Any]:
    from orbat.pipeline import Pipeline, _available_stages

    stages = _available_stages()
    batch = articles * repeat
    out = []
    for k in range(len(stages) + 1):
        pipeline = Pipeline(stages=stages[:k])
        _extract_all(pipeline, articles[:5])
        out.append({"stage": stages[k - 1] if k else "(model only)",
                    "seconds": best_of(rounds, lambda p=pipeline: _extract_all(p, batch))})  # type: ignore[misc]
    return {"cumulative": out, "docs": len(batch)}


WORKERS = {"bare": worker_bare, "orbat": worker_orbat, "stages": worker_stages}


def run_worker(args: argparse.Namespace) -> None:
    articles, ingest_seconds = read_articles(args.inputs, args.corpus)
    result = WORKERS[args.worker](articles, args.repeat, args.rounds)
    chars = sum(len(a.text) for a in articles)
    result.update(articles=len(articles), chars=chars, ingest_seconds=ingest_seconds, peak_rss_mb=peak_rss_mb())
    print(json.dumps(result))


def spawn(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--repeat", str(args.repeat),
           "--rounds", str(args.rounds), "--inputs", *args.inputs]
    if args.corpus:
        cmd += ["--corpus", args.corpus]
    print(f"bench: running {mode} ...", file=sys.stderr)
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"bench: {mode} worker failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def machine() -> dict[str, Any]:
    import psutil

    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version()}


def summarise(bare: dict[str, Any], orbat: dict[str, Any], stages: dict[str, Any] | None) -> dict[str, Any]:
    from orbat.pipeline import pipeline_version

    date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True, text=True).stdout.strip()
    out: dict[str, Any] = {
        "date": date, "machine": machine(), "pipeline_version": pipeline_version(),
        "articles": orbat["articles"], "chars": orbat["chars"], "docs_per_pass": orbat["docs"],
        "bare": {"seconds": bare["seconds"], "articles_per_s": bare["docs"] / bare["seconds"],
                 "peak_rss_mb": bare["peak_rss_mb"], "pipes": bare["pipes"]},
        "orbat": {"seconds": orbat["seconds"], "articles_per_s": orbat["docs"] / orbat["seconds"],
                  "peak_rss_mb": orbat["peak_rss_mb"], "pipes": orbat["pipes"],
                  "ingest_seconds": orbat["ingest_seconds"]},
        "ratio": orbat["seconds"] / bare["seconds"],
    }
    if stages:
        rows, prev = [], None
        for row in stages["cumulative"]:
            added: float | None = None if prev is None else row["seconds"] - prev
            rows.append({"stage": row["stage"], "cumulative_s": row["seconds"], "added_s": added,
                         "added_pct_of_model": None if added is None else 100 * added / stages["cumulative"][0]["seconds"]})
            prev = row["seconds"]
        out["stages"] = rows
    return out


def markdown(s: dict[str, Any], command: str) -> str:
    m = s["machine"]
    lines = [
        START,
        f"## Results ({s['date']})",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']} "
        "(cores shared with other jobs while measuring: treat small differences as noise).",
        f"- Pipeline version `{s['pipeline_version']}`; corpus: {s['articles']} articles ({s['chars']:,} chars) "
        f"= dev set + samples/, each pass runs {s['docs_per_pass']} articles.",
        f"- Command: `{command}`",
        "",
        "| run | CPU s / pass | articles per CPU s | peak RSS (MB) |",
        "| --- | ---: | ---: | ---: |",
        f"| bare `nlp.pipe` ({', '.join(s['bare']['pipes'])}) | {s['bare']['seconds']:.3f} | "
        f"{s['bare']['articles_per_s']:.1f} | {s['bare']['peak_rss_mb']:.0f} |",
        f"| orbat extraction (+ JSON) | {s['orbat']['seconds']:.3f} | {s['orbat']['articles_per_s']:.1f} | "
        f"{s['orbat']['peak_rss_mb']:.0f} |",
        "",
        f"**Ratio orbat / bare: {s['ratio']:.2f}** (goal for the spine: <= 1.25). Ingest (read, clean, detect "
        f"language) of the {s['articles']} articles once: {s['orbat']['ingest_seconds']:.2f} s.",
    ]
    if "stages" in s:
        lines += ["", "Stage breakdown (stages added one at a time; cost relative to the model alone):", "",
                  "| stage | cumulative CPU s | added s | added % |", "| --- | ---: | ---: | ---: |"]
        for r in s["stages"]:
            added = "-" if r["added_s"] is None else f"{r['added_s']:+.3f}"
            pct = "-" if r["added_pct_of_model"] is None else f"{r['added_pct_of_model']:+.1f}%"
            lines.append(f"| {r['stage']} | {r['cumulative_s']:.3f} | {added} | {pct} |")
    lines.append(END)
    return "\n".join(lines)


def write_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="corpus copies per pass (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="passes; the best is kept (default 3)")
    parser.add_argument("--inputs", nargs="*", default=None, help="folders/files (default: dev set + samples/)")
    parser.add_argument("--corpus", help="extra JSONL corpus, e.g. from bench/make_corpus.py")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage breakdown")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.inputs = args.inputs if args.inputs is not None else default_inputs()
    if args.worker:
        run_worker(args)
        return
    bare, orbat = spawn("bare", args), spawn("orbat", args)
    stages = None if args.no_stages else spawn("stages", args)
    summary = summarise(bare, orbat, stages)
    command = "python bench/run.py " + " ".join(a for a in (argv if argv is not None else sys.argv[1:]))
    section = markdown(summary, command.strip())
    if not args.no_write:
        write_doc(section)
    print(json.dumps(summary, indent=2) if args.json else section)


if __name__ == "__main__":
    main()
