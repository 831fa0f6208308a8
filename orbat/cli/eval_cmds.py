"""``orbat eval``: score extraction against the dev gold set or an external set (re3d, muc34, wikievents, ...)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from orbat.cli.app import fail, state
from orbat.errors import OrbatError
from orbat.eval.external import EXTERNAL_DATASETS
from orbat.eval.floors import DEFAULT_FLOORS, check_floors, load_floors
from orbat.eval.report import ATTRIBUTES, CATEGORIES, DevReport

DATASETS = ("dev", *EXTERNAL_DATASETS)


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _prf_table(title: str, rows: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=title)
    for col in ("category", "P", "R", "F1", "tp", "system", "gold"):
        table.add_column(col, justify="left" if col == "category" else "right")
    for name, d in rows.items():
        table.add_row(name, *(_fmt(d[k]) for k in ("precision", "recall", "f1", "tp", "system", "gold")))
    return table


def _print_errors(report: DevReport) -> None:
    for a in report.articles:
        for kind, items in a.errors.items():
            for item in items:
                print(f"{a.id}\t{kind}\t{item}")


def _print_dev(report: DevReport, per_article: bool, errors: bool) -> None:
    console = Console()
    d = report.to_dict()
    rows = {c: d[c] for c in (*CATEGORIES, "micro")}
    console.print(_prf_table(f"dev set: {len(report.articles)} articles", rows))
    for label, ids in (("extraction failed", report.failed), ("no system record", report.missing)):
        if ids:
            console.print(f"{label} (scored as empty): {', '.join(ids)}")
    acc = Table(title="accuracies on matched items")
    for col in ("metric", "accuracy", "correct", "total"):
        acc.add_column(col, justify="left" if col == "metric" else "right")
    named = {"entity canonical": d["entity_canonical_accuracy"], "entity canonical (strict)":
             d["entity_canonical_accuracy_strict"]}
    named.update({f"event {a}": d["event_attributes"][a] for a in ATTRIBUTES})
    for name, a in named.items():
        acc.add_row(name, _fmt(a["accuracy"]), str(a["correct"]), str(a["total"]))
    console.print(acc)
    if per_article:
        per = Table(title="per article (F1)")
        for col in ("id", *CATEGORIES, "micro"):
            per.add_column(col, justify="left" if col == "id" else "right")
        for a in report.articles:
            per.add_row(a.id, *(_fmt(a.prf(c).f1) for c in CATEGORIES), _fmt(a.micro.f1))
        console.print(per)
    if errors:
        _print_errors(report)


def _ids(only: str | None, seed: bool) -> list[str] | None:
    if only:
        return [i.strip() for i in only.split(",") if i.strip()]
    return None if not seed else []


def _run_dev(ctx: typer.Context, paths: list[Path], opts: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    from orbat.eval.records import load_gold
    from orbat.eval.run import evaluate_dev

    if len(paths) != 2:
        raise fail("usage: orbat eval GOLD.jsonl ARTICLES_DIR (two paths)", 2)
    gold_path, articles_dir = paths
    ids = _ids(opts["only"], opts["seed"])
    if ids == []:  # --seed: every gold article, seed included
        ids = [g.id for g in load_gold(gold_path)]
    report = evaluate_dev(gold_path, articles_dir, state(ctx).settings, opts["system"], ids, opts["save_system"])
    out = report.to_dict(per_article=opts["per_article"], errors=opts["errors"])
    out["metrics"] = report.metrics()
    return out, report


def _run_external(ctx: typer.Context, dataset: str, paths: list[Path], opts: dict[str, Any]) -> dict[str, Any]:
    from orbat.eval.external import evaluate_external

    if len(paths) != 1:
        raise fail(f"usage: orbat eval --dataset {dataset} PATH (one folder)", 2)
    return evaluate_external(dataset, paths[0], state(ctx).settings, limit=opts["limit"], system=opts["system"],
                             save_system=opts["save_system"])


def _print_external(dataset: str, out: dict[str, Any]) -> None:
    rows = {k: v for k, v in out.items() if isinstance(v, dict) and "f1" in v}
    Console().print(_prf_table(f"{dataset}: {out.get('documents', '?')} documents", rows))
    for key, value in out.items():
        if isinstance(value, dict) and "accuracy" in value:
            print(f"{key}: {_fmt(value['accuracy'])} ({value['correct']}/{value['total']})")
    for note in out.get("notes", []):
        print(f"note: {note}")


def eval_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="dev: GOLD.jsonl ARTICLES_DIR; an external set: its folder"),
    dataset: str = typer.Option("dev", "--dataset", help="dev | re3d | muc34 | wikievents | plover | cameo"),
    system: Path = typer.Option(None, "--system", help="score this precomputed extract JSONL instead of running (--ablation: X.rules.jsonl, X.learned.jsonl, X.both.jsonl)"),
    save_system: Path = typer.Option(None, "--save-system", help="write the extract records used to this JSONL (--ablation: one file per mode)"),
    as_json: bool = typer.Option(False, "--json", help="one JSON object on stdout"),
    per_article: bool = typer.Option(False, "--per-article", help="dev: add a per-article breakdown"),
    errors: bool = typer.Option(False, "--errors", help="dev: list missed/spurious items (id, kind, item)"),
    only: str = typer.Option(None, "--only", help="dev: comma-separated article ids to score"),
    seed: bool = typer.Option(False, "--seed", help="dev: score the seed article with d01-d14"),
    limit: int = typer.Option(None, "--limit", help="external: score only the first N documents"),
    check: bool = typer.Option(False, "--check-floors", help="dev: exit 1 when a metric is below its floor"),
    floors: Path = typer.Option(DEFAULT_FLOORS, "--floors", help="floors YAML (default: orbat/eval/floors.yaml)"),
    section: str = typer.Option("dev", "--section", help="floors section to check (dev, corpus_test, ...)"),
    ablation: bool = typer.Option(False, "--ablation", help="score rules only, learned only and both, side by side"),
) -> None:
    """Score extraction against gold: P/R/F1 for entities, alias pairs, events and relations."""
    if dataset not in DATASETS:
        raise fail(f"unknown dataset {dataset!r}: use one of {', '.join(DATASETS)}", 2)
    opts = {"system": system, "save_system": save_system, "per_article": per_article, "errors": errors, "only": only,
            "seed": seed, "limit": limit}
    if ablation:
        _ablation(ctx, dataset, paths, opts, as_json)
        return
    try:
        if dataset == "dev":
            out, report = _run_dev(ctx, paths, opts)
            violations = check_floors(report.metrics(), load_floors(floors, section)) if check else []
        else:
            out, violations = _run_external(ctx, dataset, paths, opts), []
    except OrbatError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
    elif dataset == "dev":
        _print_dev(report, per_article, errors)
    else:
        _print_external(dataset, out)
    for v in violations:
        print(f"orbat: floor check failed: {v}", file=sys.stderr)
    if violations:
        raise typer.Exit(1)


MODES = ("rules", "learned", "both")


def _per_mode(path: Path | None, mode: str) -> Path | None:
    """``--system``/``--save-system`` under ``--ablation``: one file per mode, ``X.jsonl`` -> ``X.rules.jsonl``."""
    return None if path is None else path.with_name(f"{path.stem}.{mode}{path.suffix or '.jsonl'}")


def _ablation(ctx: typer.Context, dataset: str, paths: list[Path], opts: dict[str, Any], as_json: bool) -> None:
    """The same set scored with ``learned`` = rules, learned and both (three pipeline runs)."""
    from dataclasses import replace

    base = state(ctx).settings
    results: dict[str, dict[str, Any]] = {}
    try:
        for mode in MODES:
            state(ctx).settings = replace(base, learned=mode)
            mode_opts = {**opts, **{k: _per_mode(opts[k], mode) for k in ("system", "save_system")}}
            if dataset == "dev":
                results[mode] = _run_dev(ctx, paths, mode_opts)[0]["metrics"]
            else:
                out = _run_external(ctx, dataset, paths, mode_opts)
                results[mode] = {f"{k}.f1" if "f1" in v else f"{k}.accuracy": v.get("f1", v.get("accuracy"))
                                 for k, v in out.items() if isinstance(v, dict) and ("f1" in v or "accuracy" in v)}
    except OrbatError as exc:
        raise fail(str(exc)) from exc
    finally:
        state(ctx).settings = base
    if as_json:
        print(json.dumps({"ablation": results}, ensure_ascii=False))
        return
    table = Table(title=f"ablation ({dataset}: {', '.join(str(p) for p in paths)})")
    table.add_column("metric")
    for mode in MODES:
        table.add_column(mode, justify="right")
    for metric in dict.fromkeys(k for m in MODES for k in results[m]):  # the metrics of every mode
        table.add_row(metric, *(_fmt(results[m].get(metric)) for m in MODES))
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
