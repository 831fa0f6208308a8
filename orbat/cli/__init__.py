"""Command-line interface: ``orbat <command>``. See ``orbat --help``."""

from __future__ import annotations

import importlib
import logging
import sys

from orbat.cli.app import EXIT_USAGE, app, one_line
from orbat.errors import InputError, OrbatError

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
    "orbat.cli.watch_cmds",
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


# Libraries that log their own per-page complaints ("discarding data: None"); orbat reports the item itself.
_QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer", "httpx", "httpcore")


def configure_logging() -> None:
    """Warnings from orbat on stderr as ``orbat: ...``; third-party loggers only on errors, so every
    item stays one line."""
    logging.basicConfig(level=logging.WARNING, format="orbat: %(message)s")
    for name in _QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main() -> None:
    """Exit codes: 0 all fine, 1 the command could not do its work (store, model or data error, or
    what was asked for does not exist), 2 usage (bad arguments or input), 3 some items failed."""
    configure_logging()
    try:
        app()
    except InputError as exc:
        print(f"orbat: {one_line(exc)}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except OrbatError as exc:
        print(f"orbat: {one_line(exc)}", file=sys.stderr)
        sys.exit(1)
