"""`orbat export --format jsonl|acled|geojson|graphml|gexf|stix [-o FILE]`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from orbat.cli.app import fail
from orbat.cli.query_cmds import open_store
from orbat.export.registry import EXPORTERS, export


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(ctx: typer.Context,
                   fmt: str = typer.Option("jsonl", "--format", "-f", help="|".join(EXPORTERS)),
                   output: str = typer.Option("-", "--output", "-o", help="file to write; - for stdout")) -> None:
        """Export the knowledge base (rejected facts left out)."""
        if fmt not in EXPORTERS:
            raise fail(f"{fmt!r}: unknown format; choose one of {', '.join(EXPORTERS)}", 2)
        with open_store(ctx) as store:
            if output == "-":
                n = export(store, fmt, sys.stdout)
            else:
                with Path(output).open("w", encoding="utf-8", newline="") as out:
                    n = export(store, fmt, out)
        print(f"exported {n} {fmt} records", file=sys.stderr)
