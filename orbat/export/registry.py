"""``--format`` name -> writer function ``write(store, out) -> number of records written``.

Writers are imported on first use so ``orbat --help`` does not load stix2 or networkx.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TextIO

from orbat.errors import OrbatError
from orbat.store import Store

Writer = Callable[[Store, TextIO], int]

EXPORTERS: dict[str, str] = {
    "jsonl": "orbat.export.jsonl:write",
    "acled": "orbat.export.acled:write",
    "geojson": "orbat.export.geojson:write",
    "graphml": "orbat.export.graph:write_graphml",
    "gexf": "orbat.export.graph:write_gexf",
    "stix": "orbat.export.stix:write",
}


def writer(fmt: str) -> Writer:
    target = EXPORTERS.get(fmt)
    if target is None:
        raise OrbatError(f"{fmt!r}: unknown export format; choose one of {', '.join(EXPORTERS)}")
    module, _, name = target.partition(":")
    fn: Writer = getattr(importlib.import_module(module), name)
    return fn


def export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the whole store in ``fmt`` to ``out``; returns the number of records."""
    return writer(fmt)(store, out)
