"""The lexicon: word lists and actor-name templates as data (orbat/lexicon/data/*.yaml).

Each file maps a list name to its words (lower case unless the list says otherwise), or a map
name to a mapping of word -> word ("usa: United States"), and may hold a ``templates`` mapping of
name -> format string ("Military Forces of {country}"). A list
name is defined in one file only; a repeated name, a non-string word or an unknown template
field fails at load with the file and line. Lists are read by meaning (``lexicon.force_nouns``),
never by position.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from orbat.datafile import LINE_KEY, key_line, read_yaml
from orbat.errors import DataError

DATA_DIR = Path(__file__).parent / "data"
TEMPLATE_FIELDS = frozenset({"country", "name"})


@dataclass(frozen=True)
class Lexicon:
    """Word sets by name, templates by name, and where each was defined."""

    words: dict[str, frozenset[str]]
    templates: dict[str, str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # list name -> "file:line"
    maps: dict[str, dict[str, str]] = field(default_factory=dict)

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.__dict__["words"][name]
        except KeyError:
            raise AttributeError(f"lexicon has no word list {name!r}") from None

    def mapping(self, name: str) -> dict[str, str]:
        """The word map ``name`` ("country_short_names": "usa" -> "United States")."""
        try:
            return self.maps[name]
        except KeyError:
            raise AttributeError(f"lexicon has no word map {name!r}") from None

    def template(self, name: str, **values: str) -> str:
        """Fill the template ``name`` ("military" -> "Military Forces of {country}")."""
        try:
            return self.templates[name].format(**values)
        except KeyError as exc:
            raise DataError("lexicon", f"template {name!r} or its field {exc} is not defined") from None

    def country_phrase(self, country: str) -> str:
        """A country as ACLED actor names write it after "of": "the United States", "Syria"
        (``countries_with_the``: a name starting with one of them takes the article)."""
        return f"the {country}" if country.startswith(tuple(self.words["countries_with_the"])) else country

    def prefix(self, name: str) -> str:
        """The fixed words a filled template starts with ("military" -> "Military Forces of",
        "civilians" -> "Civilians"), to recognise its names."""
        try:
            text = self.templates[name]
        except KeyError:
            raise DataError("lexicon", f"template {name!r} is not defined") from None
        return text.split("{", 1)[0].rstrip(" (")

    def prefixes(self, *names: str) -> tuple[str, ...]:
        return tuple(self.prefix(n) for n in names)


def _check_template(path: Path, name: str, text: object, line: int | None) -> str:
    if not isinstance(text, str):
        raise DataError(str(path), f"template {name!r}: expected a string", line)
    fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    if not fields <= TEMPLATE_FIELDS:
        raise DataError(str(path), f"template {name!r}: unknown field(s) {sorted(fields - TEMPLATE_FIELDS)}", line)
    return text


def parse_lexicon(files: list[Path]) -> Lexicon:
    words: dict[str, frozenset[str]] = {}
    templates: dict[str, str] = {}
    origin: dict[str, str] = {}
    maps: dict[str, dict[str, str]] = {}
    for path in files:
        raw = read_yaml(path)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            raise DataError(str(path), "expected a mapping of list name -> words", 1)
        for name, value in raw.items():
            if name == LINE_KEY:
                continue
            line = key_line(path, str(name))
            if name in origin:
                raise DataError(str(path), f"list {name!r} is already defined at {origin[name]}", line)
            origin[name] = f"{path.name}:{line}"
            if name == "templates":
                if not isinstance(value, dict):
                    raise DataError(str(path), "templates: expected a mapping of name -> format string", line)
                templates.update({k: _check_template(path, k, v, line) for k, v in value.items() if k != LINE_KEY})
                continue
            if isinstance(value, dict):
                value = {k: v for k, v in value.items() if k != LINE_KEY}
                if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                    raise DataError(str(path), f"map {name!r}: expected a mapping of word -> word", line)
                maps[str(name)] = value
                continue
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise DataError(str(path), f"list {name!r}: expected a list of strings", line)
            words[str(name)] = frozenset(value)
    return Lexicon(words, templates, origin, maps)


def lexicon_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(data_dir.glob("*.yaml"))


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Parse every lexicon file (uncached: ``orbat.resources.load_resources`` holds the one copy)."""
    return parse_lexicon(lexicon_files(data_dir))
