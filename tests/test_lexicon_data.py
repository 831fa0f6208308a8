"""Word lists live in the lexicon (orbat/lexicon/data), not in code, and every list is used.

A module-level collection of more than eight lower-case words in orbat/ is a word list that
belongs in the lexicon; the few collections below are identifiers or calendar tables, not words
of a language, and say why. A lexicon list that no code names is dead data.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from orbat.lexicon import load_lexicon

PACKAGE = Path(__file__).resolve().parent.parent / "orbat"
WORD = re.compile(r"^[a-z][a-z'\-]*(?: [a-z][a-z'\-]*)*$")
MAX_WORDS = 8

# module:name -> why the collection stays in code
NOT_WORD_LISTS = {
    "store/judgements.py:EDITABLE": "column names an analyst edit may change (the schema, not words)",
    "nlp/dates.py:_MONTHS": "calendar: month abbreviation -> number, part of the date shapes",
    "nlp/dates.py:_PATTERNS": "names of the date-shape regexes",
    "nlp/entities.py:_RULE_TRUST": "rule names -> trust rank (identifiers)",
    "relations/deps.py:_CLIMB": "spaCy dependency labels",
    "relations/deps.py:_PASS_THROUGH": "spaCy dependency labels",
    "store/event_writer.py:_EVENT_COLUMNS": "SQL column names",
    "web/api_workbench.py:EXPORT_TYPES": "download format names -> media type and file extension (identifiers)",
    "geo/place.py:_ARTICLES": "GeoNames display rule applied while the gazetteer index is built, before resources",
    "query/__init__.py:__all__": "the public names of the read side (identifiers)",
}


def _word_count(node: ast.AST) -> int:
    return sum(1 for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
               and WORD.match(n.value))


def _module_collections() -> dict[str, int]:
    found: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and stmt.value is not None:
                targets = [t for t in stmt.targets if isinstance(t, ast.Name)]
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Name):
                targets = [stmt.target]
            else:
                continue
            value = stmt.value
            if not any(isinstance(n, (ast.List, ast.Set, ast.Tuple, ast.Dict)) for n in ast.walk(value)):
                continue
            for target in targets:
                found[f"{path.relative_to(PACKAGE).as_posix()}:{target.id}"] = _word_count(value)
    return found


def test_no_module_level_word_lists_in_code() -> None:
    lists = {name: n for name, n in _module_collections().items() if n > MAX_WORDS and name not in NOT_WORD_LISTS}
    assert lists == {}, f"move these word lists to orbat/lexicon/data: {lists}"


def test_the_exemptions_are_still_needed() -> None:
    found = _module_collections()
    stale = [name for name in NOT_WORD_LISTS if found.get(name, 0) <= MAX_WORDS]
    assert stale == []


def test_the_check_sees_a_word_list() -> None:
    tree = ast.parse('W = frozenset({"army", "troops", "police", "soldier", "navy", "marine", "guard", "cop", "jet"})')
    stmt = tree.body[0]
    assert isinstance(stmt, ast.Assign) and _word_count(stmt.value) == 9


def _code_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py")))


@pytest.mark.parametrize("kind", ["words", "maps", "templates"])
def test_every_lexicon_entry_is_used_by_the_code(kind: str) -> None:
    lexicon = load_lexicon()
    code = _code_text()
    names = sorted({"words": lexicon.words, "maps": lexicon.maps, "templates": lexicon.templates}[kind])
    dead = [name for name in names if not re.search(rf"""(?:\.|["']){re.escape(name)}\b""", code)]
    assert dead == [], f"lexicon {kind} no code reads: {dead}"
