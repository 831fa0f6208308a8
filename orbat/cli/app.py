"""The typer application and the state shared by every command (settings, output mode).

Command modules (orbat/cli/<area>.py) each define ``register(app)``; orbat/cli/__init__.py
calls them. Commands stay thin: parse options, call a library function, print.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import typer

from orbat.settings import Settings

app = typer.Typer(
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
    db: str = typer.Option(None, "--db", help="SQLite knowledge base path (default ./orbat.db, env ORBAT_DB)"),
    model: str = typer.Option(None, "--model", help="spaCy model package (env ORBAT_SPACY_MODEL)"),
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
    print(f"orbat: {message}", file=sys.stderr)
    return typer.Exit(code)
