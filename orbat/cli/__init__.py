"""Command-line interface: ``orbat <command>``. See ``orbat --help``."""

from __future__ import annotations

import importlib
import logging
import sys

from orbat.cli.app import app
from orbat.errors import OrbatError

# Each module defines register(app). Order is the order of `orbat --help`.
_COMMAND_MODULES = (
    "orbat.cli.extract_cmds",
    "orbat.cli.query_cmds",
    "orbat.cli.kb_cmds",
    "orbat.cli.export_cmds",
    "orbat.cli.relation_cmds",
    "orbat.cli.geo_cmds",
    "orbat.cli.eval_cmds",
    "orbat.cli.serve_cmds",
)


def _register_all() -> None:
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # module not written yet
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="orbat: %(message)s")
    try:
        app()
    except OrbatError as exc:
        print(f"orbat: {exc}", file=sys.stderr)
        sys.exit(1)
