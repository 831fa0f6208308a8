"""`orbat extract` (records to JSONL) and `orbat ingest` (extract + store)."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from orbat.cli.app import EXIT_USAGE, fail, state

if TYPE_CHECKING:
    from orbat.service import Outcome

_err = Console(stderr=True)


def _progress(quiet: bool) -> Progress | None:
    if quiet or not sys.stderr.isatty():
        return None
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=_err, transient=True)


def _report_line(outcome: Outcome) -> None:
    if outcome.status == "failed":
        print(f"orbat: {outcome.item}: {outcome.reason}", file=sys.stderr)


def _check_inputs(inputs: list[str]) -> None:
    for item in inputs:
        if item == "-" or item.startswith(("http://", "https://")):
            continue
        if not Path(item).exists():
            raise fail(f"{item}: no such file or directory", EXIT_USAGE)


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        ctx: typer.Context,
        inputs: list[str] = typer.Argument(..., help="files, directories, http(s) URLs, or - for JSONL on stdin"),
        output: Path = typer.Option(None, "-o", "--output", help="write JSONL here instead of stdout"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    ) -> None:
        """Extract entities, events and relations; one JSON record per article (JSONL)."""
        from orbat.service import Report, extract

        _check_inputs(inputs)
        settings = state(ctx).settings
        report = Report()
        sink: IO[str]
        with (output.open("w", encoding="utf-8") if output else nullcontext(sys.stdout)) as sink:
            progress = _progress(quiet)
            with progress or nullcontext():
                task = progress.add_task("extract", total=None) if progress else None
                for outcome in extract(inputs, settings):
                    report.add(outcome)
                    _report_line(outcome)
                    if outcome.extraction is not None:
                        sink.write(json.dumps(outcome.extraction.to_dict(), ensure_ascii=False) + "\n")
                    if progress is not None and task is not None:
                        progress.advance(task)
        raise typer.Exit(report.exit_code)

    @app.command("ingest")
    def ingest_cmd(
        ctx: typer.Context,
        inputs: list[str] = typer.Argument(..., help="files, directories, http(s) URLs, or - for JSONL on stdin"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    ) -> None:
        """Extract and store in the knowledge base (incremental; one transaction per article)."""
        from orbat.service import ingest
        from orbat.store import Store

        _check_inputs(inputs)
        settings = state(ctx).settings
        progress = _progress(quiet)
        with Store(settings.db, settings) as store, progress or nullcontext():
            task = progress.add_task("ingest", total=None) if progress else None

            def on_outcome(outcome: Outcome) -> None:
                _report_line(outcome)
                if progress is not None and task is not None:
                    progress.advance(task)

            report = ingest(inputs, settings, store, on_outcome=on_outcome)
        counts = ", ".join(f"{n} {status}" for status, n in sorted(report.outcomes.items()))
        if not quiet:
            print(f"ingested into {settings.db}: {counts or 'nothing'}", file=sys.stderr)
        raise typer.Exit(report.exit_code)
