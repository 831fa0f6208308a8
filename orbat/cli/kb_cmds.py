"""``orbat kb stats`` and ``orbat kb check``: look at and validate the curated knowledge base."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from orbat.cli.app import fail
from orbat.errors import DataError

kb_app = typer.Typer(help="The curated knowledge base of groups, forces, people and media arms.",
                     no_args_is_help=True)

_DATA_DIR_HELP = "KB data directory (default: the packaged orbat/kb/data)"


def _table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(title.split(" by ")[-1])
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    return table


@kb_app.command("stats")
def stats_cmd(
    data_dir: Path = typer.Option(None, "--data-dir", help=_DATA_DIR_HELP),
    as_json: bool = typer.Option(False, "--json", help="one JSON object on stdout"),
) -> None:
    """Counts of entities by type, region (KB file) and ACLED inter code."""
    from orbat.kb.loader import load_kb
    from orbat.kb.stats import kb_stats

    try:
        kb = load_kb(data_dir)
    except DataError as exc:
        raise fail(str(exc)) from exc
    stats = kb_stats(kb)
    if as_json:
        print(json.dumps(asdict(stats), ensure_ascii=False))
        return
    console = Console()
    console.print(f"{stats.entities} entities ({stats.groups} in groups/), {stats.aliases} aliases, "
                  f"{stats.relations} relations")
    for title, counts in (("entities by type", stats.by_type), ("entities by region", stats.by_region),
                          ("entities by inter", stats.by_inter), ("relations by predicate", stats.by_predicate)):
        console.print(_table(title, counts))


@kb_app.command("check")
def check_cmd(
    data_dir: Path = typer.Option(None, "--data-dir", help=_DATA_DIR_HELP),
    strict: bool = typer.Option(False, "--strict", help="also fail on warnings"),
) -> None:
    """Validate the KB files; exit 1 naming file and line on the first error."""
    from orbat.kb.loader import load_kb
    from orbat.kb.stats import kb_warnings

    try:
        kb = load_kb(data_dir)
    except DataError as exc:
        raise fail(str(exc)) from exc
    warnings = kb_warnings(kb)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"ok: {len(kb.entities)} entities, {len(kb.relations)} relations, {len(warnings)} warnings")
    if strict and warnings:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
