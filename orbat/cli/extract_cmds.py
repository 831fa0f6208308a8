"""`orbat extract` (records to JSONL) and `orbat ingest` (extract + store)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from orbat.cli.app import EXIT_USAGE, fail, one_line, state
from orbat.errors import OrbatError
from orbat.settings import Settings

if TYPE_CHECKING:
    from orbat.engine import Engine
    from orbat.service import Outcome

_err = Console(stderr=True)
_NOTED = ("duplicate", "skipped")  # statuses worth a line: the item was not read as a new article


def _progress(quiet: bool) -> Progress | None:
    if quiet or not sys.stderr.isatty():
        return None
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=_err, transient=True)


def _report_line(outcome: Outcome, quiet: bool) -> None:
    """One escaped stderr line per failed item; duplicates and skipped items too unless ``quiet``."""
    if outcome.status == "failed" or (not quiet and outcome.status in _NOTED and outcome.reason):
        reason = outcome.reason if outcome.status == "failed" else f"{outcome.status}: {outcome.reason}"
        print(f"orbat: {one_line(outcome.item)}: {one_line(reason)}", file=sys.stderr)


def _with_links(settings: Settings, follow_links: bool) -> Settings:
    return replace(settings, follow_links=True) if follow_links else settings


FOLLOW_LINKS_HELP = "follow symbolic links that lead out of an input directory (default: skip them and say so)"


def _engine(settings: Settings, workers: int | None, engine: str = "local", ray_address: str | None = None) -> Engine:
    from orbat.engine import local_engine, resolve_workers
    from orbat.pipeline import Pipeline

    try:
        count = resolve_workers(settings.workers if workers is None else workers)
        if engine == "ray":
            from orbat.engine_ray import RayEngine

            return RayEngine(Pipeline(settings), ray_address, actors=workers or None)
    except OrbatError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    if engine != "local":
        raise fail(f"--engine {engine}: choose local or ray", EXIT_USAGE)
    return local_engine(Pipeline(settings), count)


class _Shards:
    """JSONL records into DIR/part-00000.jsonl, part-00001.jsonl ... (``per_shard`` records each)."""

    def __init__(self, folder: Path, per_shard: int = 1000) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.per_shard, self.count = folder, per_shard, 0
        self.sink: IO[str] | None = None

    def write(self, line: str) -> None:
        if self.count % self.per_shard == 0:
            self.close()
            self.sink = (self.folder / f"part-{self.count // self.per_shard:05d}.jsonl").open("w", encoding="utf-8")
        assert self.sink is not None
        self.sink.write(line)
        self.count += 1

    def close(self) -> None:
        if self.sink is not None:
            self.sink.close()


@contextmanager
def _sink(output: Path | None) -> Iterator[IO[str] | _Shards]:
    """stdout, a file, or shards in an existing directory."""
    if output is None:
        yield sys.stdout
    elif output.is_dir():
        shards = _Shards(output)
        try:
            yield shards
        finally:
            shards.close()
    else:
        with output.open("w", encoding="utf-8") as handle:
            yield handle


WORKERS_HELP = ("extraction processes (default: one per core, env ORBAT_WORKERS; 1: in this process); "
                "with --engine ray, the number of Ray actors (default: the cluster's CPUs)")
ENGINE_HELP = "local (this machine's processes) or ray (Ray Data over a local Ray or --ray-address; extra orbat[ray])"
RAY_HELP = "address of an existing Ray cluster (ray://host:10001 or host:6379); default: start a local Ray"


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        ctx: typer.Context,
        inputs: list[str] = typer.Argument(..., help="files, directories, http(s) URLs, or - for JSONL on stdin"),
        output: Path = typer.Option(None, "-o", "--output",
                                    help="write JSONL here instead of stdout; an existing directory gets JSONL shards"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar, no lines for duplicates"),
        follow_links: bool = typer.Option(False, "--follow-links", help=FOLLOW_LINKS_HELP),
        workers: int = typer.Option(None, "--workers", "-w", help=WORKERS_HELP),
        engine: str = typer.Option("local", "--engine", help=ENGINE_HELP),
        ray_address: str = typer.Option(None, "--ray-address", help=RAY_HELP),
    ) -> None:
        """Extract entities, events and relations; one JSON record per article (JSONL)."""
        from orbat.service import Report, extract

        settings = _with_links(state(ctx).settings, follow_links)
        report = Report()
        extractor = _engine(settings, workers, engine, ray_address)
        with _sink(output) as sink:
            progress = _progress(quiet)
            with progress or nullcontext():
                task = progress.add_task("extract", total=None) if progress else None
                for outcome in extract(inputs, settings, engine=extractor):
                    report.add(outcome)
                    _report_line(outcome, quiet)
                    if outcome.extraction is not None:
                        sink.write(json.dumps(outcome.extraction.to_dict(), ensure_ascii=False) + "\n")
                    if progress is not None and task is not None:
                        progress.advance(task)
        raise typer.Exit(report.exit_code)

    @app.command("ingest")
    def ingest_cmd(
        ctx: typer.Context,
        inputs: list[str] = typer.Argument(..., help="files, directories, http(s) URLs, or - for JSONL on stdin"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar, no lines for duplicates"),
        follow_links: bool = typer.Option(False, "--follow-links", help=FOLLOW_LINKS_HELP),
        workers: int = typer.Option(None, "--workers", "-w", help=WORKERS_HELP),
        engine: str = typer.Option("local", "--engine", help=ENGINE_HELP),
        ray_address: str = typer.Option(None, "--ray-address", help=RAY_HELP),
    ) -> None:
        """Extract and store in the knowledge base (incremental; one transaction per article)."""
        from orbat.service import ingest
        from orbat.store import Store

        settings = _with_links(state(ctx).settings, follow_links)
        extractor = _engine(settings, workers, engine, ray_address)
        progress = _progress(quiet)
        with Store(settings.db, settings) as store, progress or nullcontext():
            task = progress.add_task("ingest", total=None) if progress else None

            def on_outcome(outcome: Outcome) -> None:
                _report_line(outcome, quiet)
                if progress is not None and task is not None:
                    progress.advance(task)

            report = ingest(inputs, settings, store, on_outcome=on_outcome, engine=extractor)
        counts = ", ".join(f"{n} {status}" for status, n in sorted(report.outcomes.items()))
        if not quiet:
            print(f"ingested into {store.path}: {counts or 'nothing'}", file=sys.stderr)
        raise typer.Exit(report.exit_code)
