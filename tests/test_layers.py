"""The layers import downward: the store, the read side, the KB and the gazetteer do not import the
NLP pipeline, and only the store (writes) and orbat.query (reads) speak SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "orbat"
BELOW_NLP = ("keys.py", "store", "query", "kb", "geo", "export")
SQL_HOMES = ("store", "query")
# file -> why it touches the connection itself
OWN_CONNECTION = {"web/deps.py": "the pool rolls back a connection handed back in the middle of a transaction"}


def _files(top: str) -> list[Path]:
    path = PACKAGE / top
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("top", BELOW_NLP)
def test_layers_below_nlp_do_not_import_it(top: str) -> None:
    bad = {f"{p.relative_to(PACKAGE)}: {m}" for p in _files(top) for m in _imports(p)
           if m == "orbat.nlp" or m.startswith("orbat.nlp.")}
    assert not bad, f"import orbat.keys (text keys) or pass resources in instead: {sorted(bad)}"


def test_layers_only_store_and_query_run_sql() -> None:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.split("/")[0] in SQL_HOMES or rel in OWN_CONNECTION:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executescript", "executemany") \
                    and isinstance(node.value, ast.Attribute) and node.value.attr == "conn":
                bad.append(f"{rel}:{node.lineno}")
    assert not bad, f"read through orbat.query (or write through the Store) instead: {bad}"
