"""Query and judgement commands: entities, show, events, summary, merge, split, alias add, judge."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from orbat import query as q
from orbat.cli.app import EXIT_USAGE, fail, state
from orbat.errors import InputError, NotFoundError, OrbatError
from orbat.query.rows import EventRow, Profile, Summary
from orbat.store import Store

console = Console()


@contextmanager
def open_store(ctx: typer.Context) -> Iterator[Store]:
    """The store named by --db; library errors become one stderr line and exit 1."""
    settings = state(ctx).settings
    try:
        with Store(settings.db, settings) as store:
            yield store
    except NotFoundError as exc:
        raise fail(str(exc), 1) from exc
    except InputError as exc:  # a bad argument (a search text too long)
        raise fail(str(exc), EXIT_USAGE) from exc
    except OrbatError as exc:
        raise fail(str(exc), 1) from exc


def emit_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def table(title: str | None, columns: list[str], rows: Iterable[Iterable[Any]]) -> Table:
    t = Table(title=title, show_lines=False)
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*("" if v is None else str(v) for v in r))
    return t


def _dates(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    return f"{start or '?'}..{end}" if end else f"{start}.."


def events_table(rows: list[EventRow], title: str | None = None) -> Table:
    from orbat.ontology.events import load_event_types

    split = load_event_types().split  # the sub-event type ("Air/drone strike"), not the text after a "/"
    return table(title, ["id", "date", "type", "actors", "place", "fatal.", "certainty", "src"],
                 ([e.id, e.date, split(e.type)[1] or e.type,
                   " vs ".join(a for a in (e.actor1, e.actor2) if a), ", ".join(p for p in (e.location, e.country) if p),
                   e.fatalities, e.certainty, e.source_count] for e in rows))


def print_profile(p: Profile, lineage: str = "") -> None:
    e = p.entity
    console.print(f"[bold]{e.canonical}[/bold]  ({e.type}, {e.id}, origin {e.origin})")
    if p.aliases:
        console.print("aliases: " + "; ".join(p.aliases))
    if lineage:
        console.print("lineage: " + lineage.replace("\n", "\n         "), markup=False)
    if p.merged:
        console.print("merged: " + ", ".join(p.merged))
    console.print(f"mentions: {p.mention_count}")
    if p.relations:
        console.print(table("relations", ["id", "relation", "dates", "status", "certainty", "origin", "src"],
                            ([r.id, f"{r.subject} -{r.predicate}-> {r.object}", _dates(r.date_start, r.date_end),
                              r.status, r.certainty, r.origin, r.source_count] for r in p.relations)))
    if p.events:
        console.print(events_table(p.events, "events"))
    if p.sources:
        console.print(table("sources", ["article", "published", "outlet", "title"],
                            ([s.id, s.published, s.outlet, s.title] for s in p.sources)))


def print_summary(s: Summary) -> None:
    console.print(table("articles", ["status", "n"], s.articles.items()))
    console.print(table("entities by type", ["type", "n"], s.entities_by_type.items()))
    console.print(table("events by type", ["type", "n"], s.events_by_type.items()))
    console.print(table(f"relations from text by predicate (+{s.kb_relations} curated)", ["predicate", "n"],
                        s.relations_by_predicate.items()))
    console.print(table("most-mentioned groups", ["group", "id", "mentions"],
                        ((name, eid, n) for eid, name, n in s.top_groups)))


def register(app: typer.Typer) -> None:
    @app.command("entities")
    def entities_cmd(ctx: typer.Context, type: str = typer.Option(None, "--type", help="ORG_ARMED, PERSON, ..."),
                     search: str = typer.Option(None, "--search", help="substring of a name or alias"),
                     limit: int = typer.Option(50, "--limit"), as_json: bool = typer.Option(False, "--json")) -> None:
        """List entities with their mention counts."""
        with open_store(ctx) as store:
            rows = q.entities(store, type=type, search=search, limit=limit)
        if as_json:
            emit_jsonl(asdict(r) for r in rows)
            return
        console.print(table(None, ["id", "canonical", "type", "origin", "inter", "mentions"],
                            ([r.id, r.canonical, r.type, r.origin, r.inter, r.mentions] for r in rows)))

    @app.command("show")
    def show_cmd(ctx: typer.Context, name: str = typer.Argument(..., help="entity id, name or alias"),
                 as_json: bool = typer.Option(False, "--json")) -> None:
        """Profile of an entity: aliases, mentions, relations with dates, events, sources."""
        from orbat.query.lineage import lineage, render_chain

        with open_store(ctx) as store:
            p = q.profile(store, name)
            chain = render_chain(lineage(store, p.entity.id)) if p.entity.type.startswith("ORG") else ""
        if as_json:
            emit_jsonl([{**p.to_dict(), "lineage": chain or None}])
        else:
            print_profile(p, chain)

    @app.command("events")
    def events_cmd(ctx: typer.Context, actor: str = typer.Option(None, "--actor"),
                   type: str = typer.Option(None, "--type", help="event type or sub-event type"),
                   country: str = typer.Option(None, "--country", help="country name or ISO code"),
                   since: str = typer.Option(None, "--since", help="ISO date"),
                   until: str = typer.Option(None, "--until", help="ISO date"),
                   limit: int = typer.Option(None, "--limit"), as_json: bool = typer.Option(False, "--json")) -> None:
        """List events (merged across articles) with their source counts."""
        with open_store(ctx) as store:
            rows = q.events(store, actor=actor, type=type, country=country, since=since, until=until, limit=limit)
        if as_json:
            emit_jsonl(r.to_dict() for r in rows)
        else:
            console.print(events_table(rows))

    @app.command("summary")
    def summary_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
        """Counts of articles, entities, events, relations and the most-mentioned groups."""
        with open_store(ctx) as store:
            s = q.summary(store)
        if as_json:
            emit_jsonl([s.to_dict()])
        else:
            print_summary(s)

    @app.command("merge")
    def merge_cmd(ctx: typer.Context, a: str = typer.Argument(..., help="entity to keep"),
                  b: str = typer.Argument(..., help="entity that becomes the same as A"),
                  note: str = typer.Option(None, "--note")) -> None:
        """Record that B is the same entity as A (survives re-ingest)."""
        with open_store(ctx) as store:
            store.merge(a, b, note)
            keep = store.resolve_name(a)
        print(f"merged {b} into {keep}", file=sys.stderr)

    @app.command("split")
    def split_cmd(ctx: typer.Context, entity: str = typer.Argument(...), alias: str = typer.Argument(...)) -> None:
        """Move ALIAS (and its mentions) off ENTITY to a new entity."""
        with open_store(ctx) as store:
            new_id = store.split(entity, alias)
        print(new_id)

    alias_app = typer.Typer(help="Analyst aliases.", no_args_is_help=True)

    @alias_app.command("add")
    def alias_add_cmd(ctx: typer.Context, entity: str = typer.Argument(...), alias: str = typer.Argument(...)) -> None:
        """Add ALIAS to ENTITY (origin analyst)."""
        with open_store(ctx) as store:
            store.add_alias(entity, alias)
            eid = store.resolve_name(entity)
        print(f"alias {alias!r} -> {eid}", file=sys.stderr)

    app.add_typer(alias_app, name="alias")

    @app.command("judge")
    def judge_cmd(ctx: typer.Context, verdict: str = typer.Argument(..., help="accept | reject"),
                  target: str = typer.Argument(..., help="event:<id> or relation:<id>"),
                  note: str = typer.Option(None, "--note")) -> None:
        """Accept or reject an event or relation; rejected facts are hidden from queries and exports."""
        if verdict not in ("accept", "reject"):
            raise fail(f"{verdict!r}: the verdict is accept or reject", 2)
        with open_store(ctx) as store:
            store.judge(target, "accept" if verdict == "accept" else "reject", note)
        print(f"{verdict}ed {target}", file=sys.stderr)
