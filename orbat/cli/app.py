"""The typer application and the state shared by every command (settings, output mode).

Command modules (orbat/cli/<area>.py) each define ``register(app)``; orbat/cli/__init__.py
calls them. Commands stay thin: parse options, call a library function, print.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

import typer
from typer.core import TyperGroup

from orbat.settings import Settings

GLOBAL_OPTIONS = ("--db", "--model")  # accepted before the command and after it
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def hoist_global_options(args: list[str]) -> list[str]:
    """``ingest X --db Y`` -> ``--db Y ingest X``: the global options may follow the command."""
    head: list[str] = []
    rest = list(args)
    i = 0
    while i < len(rest) and rest[i].startswith("-"):  # options already before the command
        i += 2 if rest[i] in GLOBAL_OPTIONS else 1
    head, rest = rest[:i], rest[i:]
    moved: list[str] = []
    kept: list[str] = []
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            kept += rest[j:]
            break
        if arg in GLOBAL_OPTIONS and j + 1 < len(rest):
            moved += rest[j: j + 2]
            j += 2
            continue
        if arg.startswith(tuple(f"{o}=" for o in GLOBAL_OPTIONS)):
            moved.append(arg)
        else:
            kept.append(arg)
        j += 1
    return head + moved + kept


class OrbatGroup(TyperGroup):
    """The root command: global options are moved before the command before parsing."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # ctx: typer's (vendored click) Context
        return super().parse_args(ctx, hoist_global_options(args))


def one_line(text: object) -> str:
    """``text`` on one printable line: control characters, line separators and lone surrogates
    are escaped (``\\n``, ``\\x1b``, ``\\ud800``), so an item name cannot forge or split a line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"),
                            str(text))


app = typer.Typer(
    cls=OrbatGroup,
    name="orbat",
    help="orbat: conflict reporting -> sourced, time-aware knowledge base of armed groups and events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_PARTIAL = 3


@dataclass
class State:
    settings: Settings = field(default_factory=Settings.from_env)


@app.callback()
def _main(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="knowledge base: SQLite path (default ./orbat.db) or postgresql://user@host/db "
                                          "(env ORBAT_DB); "
                                          "also accepted after the command"),
    model: str = typer.Option(None, "--model", help="spaCy model package (env ORBAT_SPACY_MODEL); "
                                                "also accepted after the command"),
) -> None:
    ctx.obj = State(settings=Settings.from_env(db=db, spacy_model=model))


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    print(f"orbat: {one_line(message)}", file=sys.stderr)
    return typer.Exit(code)
