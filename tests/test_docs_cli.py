"""Every CLI command is documented: named in the README or in docs/ (a test that fails when one is not)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from orbat.cli import app

REPO = Path(__file__).resolve().parents[1]


def _command_paths() -> list[str]:
    group = typer.main.get_command(app)
    paths: list[str] = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            paths.extend(f"{name} {child}" for child in sub)
        else:
            paths.append(name)
    return sorted(paths)


def _docs_text() -> str:
    parts = [(REPO / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md"))]
    return "\n".join(parts)


@pytest.mark.parametrize("command", _command_paths())
def test_docs_every_command_is_documented(command: str) -> None:
    assert f"orbat {command}" in _docs_text() or f"orbat --db orbat.db {command}" in _docs_text(), (
        f"`orbat {command}` is not documented in README.md or docs/"
    )


def test_docs_readme_opens_with_the_two_commands() -> None:
    head = (REPO / "README.md").read_text(encoding="utf-8")[:600]
    assert "make demo" in head and "make test" in head
