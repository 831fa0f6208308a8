"""The one YAML reader for every data file (KB, ontology, lexicon, geo, rules, floors, exports).

Every mapping read by ``read_yaml`` carries its 1-based start line under the key ``LINE_KEY``, so
errors name file and line; ``read_data`` gives the same values without the markers, and
``key_line`` finds the line of a top-level key.
Dates stay strings (our own validators check ISO partial dates) and only ``true``/``false``
are booleans, so a country code ``NO`` or an alias ``On`` is not silently turned into ``False``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from orbat.errors import DataError

LINE_KEY = "__line__"

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parser when available


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that records each mapping's start line and keeps dates as text."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=True)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_TIMESTAMP, _BOOL)]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.copy().items()
}
_LineLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors become DataError with the line."""
    text = _read_text(path)
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataError(str(path), f"invalid YAML: {exc.problem}", line) from exc
    except yaml.YAMLError as exc:
        raise DataError(str(path), f"invalid YAML: {exc}") from exc


def line_at(raw: Any, loc: Sequence[str | int]) -> int | None:
    """The start line of the innermost mapping on the path ``loc`` inside ``raw``."""
    line = raw.get(LINE_KEY) if isinstance(raw, dict) else None
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and LINE_KEY in node:
            line = node[LINE_KEY]
    return line


def strip_lines(raw: Any) -> Any:
    """A copy of ``raw`` without the line markers (for validation against strict models)."""
    if isinstance(raw, dict):
        return {k: strip_lines(v) for k, v in raw.items() if k != LINE_KEY}
    if isinstance(raw, list):
        return [strip_lines(v) for v in raw]
    return raw


def read_data(path: Path) -> Any:
    """Parse one YAML file into plain values (no line markers), with the same typing rules."""
    return strip_lines(read_yaml(path))


def read_items(path: Path) -> list[tuple[int, Any]]:
    """(start line, plain value) for each item of a YAML file whose top level is a list."""
    text = _read_text(path)
    try:
        root = yaml.compose(text, Loader=_LineLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataError(str(path), f"invalid YAML: {exc.problem}", line) from exc
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise DataError(str(path), "expected a list of entries", root.start_mark.line + 1)
    constructor = _LineLoader("")
    return [(node.start_mark.line + 1, strip_lines(constructor.construct_object(node, deep=True)))
            for node in root.value]


def key_line(path: Path, key: str) -> int | None:
    """The line where the top-level ``key:`` of a YAML file starts."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return n
    return None
