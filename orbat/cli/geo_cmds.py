"""``orbat gazetteer``: look up places offline and import GeoNames dumps."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from orbat.cli.app import fail
from orbat.errors import OrbatError

gazetteer_app = typer.Typer(help="Offline gazetteer: look up places, import GeoNames dumps.", no_args_is_help=True)

_HEADERS = {"latitude": "lat", "longitude": "lon", "geo_precision": "prec"}
_COLUMNS = ("name", "kind", "country", "admin1", "admin2", "latitude", "longitude", "geo_precision", "source")


@gazetteer_app.command("lookup")
def lookup(
    name: str = typer.Argument(..., help="place name as written, qualifiers allowed ('Idlib province')"),
    country: list[str] = typer.Option([], "--country", "-c", help="context country (ISO2 or name); repeatable"),
    limit: int = typer.Option(10, "--limit", "-n", help="most candidates to show"),
    as_json: bool = typer.Option(False, "--json", help="one JSON object per candidate (JSONL)"),
) -> None:
    """Candidates for NAME, best first (the first is what geocoding picks)."""
    from orbat.geo import load_gazetteer

    try:
        places = load_gazetteer().lookup(name, country)
    except OrbatError as exc:
        raise fail(str(exc)) from exc
    if not places:
        raise fail(f"{name}: no such place in the gazetteer (try `orbat gazetteer import` for more places)")
    places = places[:limit]
    if as_json:
        for p in places:
            typer.echo(json.dumps(p.to_dict(), ensure_ascii=False))
        return
    table = Table(title=f"{name}")
    for col in _COLUMNS:
        table.add_column(_HEADERS.get(col, col), overflow="fold")
    for p in places:
        table.add_row(*("" if getattr(p, c) is None else str(getattr(p, c)) for c in _COLUMNS))
    Console().print(table)


@gazetteer_app.command("import")
def import_file(
    path: Path = typer.Argument(..., help="GeoNames dump (19-column TSV, e.g. SY.txt)"),
    dest: Path = typer.Option(None, "--dest", help="directory or .tsv file (default: user gazetteer dir)"),
) -> None:
    """Load a GeoNames country dump into the user gazetteer that lookups use from now on."""
    from orbat.geo import default_user_dir, import_geonames

    try:
        count = import_geonames(path, dest)
    except OrbatError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"imported {count} places from {path} into {dest or default_user_dir()}", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
