"""Name normalisation and gold alias mapping, as the dev-set README prescribes.

``norm`` is the scorer's normalisation (deliberately simpler than ``orbat.keys.alias_key``
so scores do not depend on the system's own matching keys). ``AliasIndex`` maps a name to the
set of gold canonicals it may denote: first through one article's gold tables, then through the
tables pooled over all gold articles; the name itself always stays in its set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_DASHES = re.compile(r"[-\u2013]")
_SPACES = re.compile(r"\s+")


def norm(name: str) -> str:
    """Casefold; map curly quotes and backtick to '; drop apostrophes; - and – as spaces; collapse spaces."""
    s = name.casefold().translate(_QUOTES).replace("'", "")
    s = _DASHES.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def occurs_in(name_key: str, text_key: str) -> bool:
    """Whether a normalised name occurs in normalised text as a whole-word substring."""
    if not name_key:
        return False
    return re.search(rf"(?<!\w){re.escape(name_key)}(?!\w)", text_key) is not None


Table = dict[str, set[str]]


def _add(table: Table, name: str, canonical: str) -> None:
    table.setdefault(norm(name), set()).add(norm(canonical))


def build_table(entities: Iterable[tuple[str, str]], aliases: Iterable[Iterable[str]]) -> Table:
    """Table from (surface, canonical) pairs and alias groups [canonical, surface, ...]."""
    table: Table = {}
    for surface, canonical in entities:
        _add(table, surface, canonical)
        _add(table, canonical, canonical)
    for group in aliases:
        names = list(group)
        if not names:
            continue
        for name in names:
            _add(table, name, names[0])
    return table


@dataclass
class AliasIndex:
    """Per-article tables plus the pooled table."""

    articles: dict[str, Table] = field(default_factory=dict)
    pooled: Table = field(default_factory=dict)

    def add_article(self, article_id: str, table: Table) -> None:
        self.articles[article_id] = table
        for key, canonicals in table.items():
            self.pooled.setdefault(key, set()).update(canonicals)

    def expand(self, article_id: str, name: str) -> set[str]:
        key = norm(name)
        local = self.articles.get(article_id, {})
        found = local.get(key) or self.pooled.get(key) or set()
        return {key} | found

    def match(self, article_id: str, system: str | None, gold: str | None, also: Iterable[str | None] = ()) -> bool:
        """System name vs a gold name or any accepted alternative; ``None`` in ``also`` accepts a null."""
        candidates = [gold, *also]
        if system is None or not str(system).strip():
            return None in candidates
        sys_set = self.expand(article_id, system)
        return any(c is not None and sys_set & self.expand(article_id, c) for c in candidates)
