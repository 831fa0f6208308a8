"""Relation commands: ``orbat lineage NAME``, ``orbat relations NAME [--at DATE]``, ``orbat graph stats``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from orbat import query
from orbat.cli.app import fail, state
from orbat.errors import OrbatError
from orbat.query.lineage import lineage, render_chain, short_source
from orbat.query.relations import relations_at
from orbat.store import Store

console = Console()
graph_app = typer.Typer(help="The relation network (networkx).", no_args_is_help=True)


@contextmanager
def _store(ctx: typer.Context) -> Iterator[Store]:
    settings = state(ctx).settings
    try:
        with Store(settings.db, settings) as store:
            yield store
    except OrbatError as exc:
        raise fail(str(exc), 1) from exc


def _jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _table(columns: list[str], rows: Iterable[Iterable[Any]], title: str | None = None) -> Table:
    t = Table(title=title)
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*("" if v is None else str(v) for v in r))
    return t


_STEP_VERBS = {"renamed_to": "renamed to", "merged_into": "merged into", "splinter_of": "splinter group"}


def lineage_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Group name, alias or entity id"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per lineage step"),
) -> None:
    """The dated chain of renamings, mergers and splits of a group, from the KB and from text."""
    with _store(ctx) as store:
        steps = lineage(store, name)
    if as_json:
        _jsonl(s.to_dict() for s in steps)
        return
    if not steps:
        console.print(f"No renamings, mergers or splits recorded for {name}.")
        return
    console.print(render_chain(steps), markup=False, highlight=False)
    rows = ([s.earlier, _STEP_VERBS[s.predicate], s.later, c.date, c.origin, c.source,
             "yes" if s.contradicted else ""] for s in steps for c in s.claims)
    console.print(_table(["earlier", "step", "later", "date", "origin", "source", "dates disagree"], rows))


def relations_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Entity name, alias or id"),
    at: str = typer.Option(None, "--at", help="Only relations that held at this ISO date (YYYY[-MM[-DD]])"),
    predicate: str = typer.Option(None, "--predicate", help="Only this predicate"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per relation"),
) -> None:
    """Relations of an entity (what held at a date), KB and text side by side with their origin."""
    with _store(ctx) as store:
        try:
            held = relations_at(store, name, at, predicate)
        except OrbatError as exc:
            raise fail(str(exc), 1) from exc
    if as_json:
        _jsonl(h.to_dict() for h in held)
        return
    rows = ([h.row.subject, h.row.predicate, h.row.object, _span(h.row.date_start, h.row.date_end), h.row.status,
             h.row.certainty, h.row.origin, h.row.article_id or short_source(h.row.rule),
             "yes" if h.conflict else ""]
            for h in held)
    title = f"Relations of {name}" + (f" at {at}" if at else "")
    console.print(_table(["subject", "predicate", "object", "dates", "status", "certainty", "origin", "source",
                          "dates disagree"], rows, title))


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}..{end}"
    return f"{start}.." if start else (f"..{end}" if end else "")


@graph_app.command("stats")
def graph_stats_command(
    ctx: typer.Context,
    top: int = typer.Option(10, "--top", min=1, help="How many central entities to list"),
    places: bool = typer.Option(False, "--places", help="Keep located_in edges (left out by default)"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object"),
) -> None:
    """Size, components, centrality and communities of the relation network."""
    from orbat.query.network import build_graph, graph_stats  # networkx: imported for this command only

    with _store(ctx) as store:
        rows = query.relations(store)
    stats = graph_stats(build_graph(rows, skip=() if places else ("located_in",)), top=top)
    if as_json:
        _jsonl([stats.to_dict()])
        return
    console.print(f"nodes {stats.nodes}  edges {stats.edges}  components {stats.components}  "
                  f"largest component {stats.largest_component}")
    console.print(_table(["predicate", "edges"], stats.predicates.items()))
    console.print(_table(["entity", "degree"], ((r.name, r.score) for r in stats.degree), "Degree centrality"))
    console.print(_table(["entity", "betweenness"], ((r.name, r.score) for r in stats.betweenness),
                         "Betweenness centrality"))
    console.print(_table(["#", "size", "members"], ((i + 1, len(c), ", ".join(c[:8]) + (" ..." if len(c) > 8 else ""))
                                                    for i, c in enumerate(stats.communities)), "Communities"))


def register(app: typer.Typer) -> None:
    app.command("lineage")(lineage_command)
    app.command("relations")(relations_command)
    app.add_typer(graph_app, name="graph")
