"""`orbat watch [ENTITY...] [--remove] [--seen] [--json]`: the watchlist and what is new about it."""

from __future__ import annotations

import json

import typer

from orbat.cli.query_cmds import open_store
from orbat.store import watch


def register(app: typer.Typer) -> None:
    @app.command("watch")
    def watch_cmd(ctx: typer.Context,
                  names: list[str] = typer.Argument(None, help="entities or places to watch (id, name or alias)"),
                  remove: bool = typer.Option(False, "--remove", help="stop watching NAMES"),
                  seen: bool = typer.Option(False, "--seen", help="mark everything as seen after printing"),
                  as_json: bool = typer.Option(False, "--json", help="one JSON object a watched entity")) -> None:
        """Watch entities; without names, print what is new about each watched one since last seen."""
        with open_store(ctx) as store:
            for name in names or []:
                eid = watch.watch(store, name, not remove)
                typer.echo(f"{'no longer watching' if remove else 'watching'} {eid}", err=True)
            if names:
                return
            for item in watch.news(store):
                if as_json:
                    typer.echo(json.dumps(item, ensure_ascii=False))
                else:
                    typer.echo(f"{item['name']} ({item['entity_id']}): {item['events']} events, "
                               f"{item['relations']} relations, {item['aliases']} aliases new since {item['since']}")
            if seen:
                watch.mark_seen(store)
