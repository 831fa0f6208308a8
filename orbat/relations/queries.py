"""Relation queries for the CLI: what held at a date, with text and KB claims side by side.

``relations_at(store, name, at)`` lists the relations of an entity that held at ``at`` (ISO,
partial allowed; date_start <= at <= date_end, undated rows included), each marked ``conflict``
when other rows of the same subject-predicate-object disagree on when it happened (e.g. a text
date 2016-08 against the KB's 2016-07 for a renaming; see ``DATED_EVENTS``). Every row keeps its
origin (kb | text | analyst) and source.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from orbat.errors import InputError
from orbat.relations.lineage import dates_disagree
from orbat.store import queries
from orbat.store.db import Store
from orbat.store.rows import RelationRow

# Predicates whose date is when something happened (a renaming, a split, a pledge): two sources that
# date it differently disagree. For states (member_of, fights ...) a text date is often only when the
# state was reported, so different dates are not a contradiction.
DATED_EVENTS = frozenset({"renamed_to", "merged_into", "splinter_of", "pledged_allegiance_to"})
_ISO_PARTIAL = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class HeldRelation:
    row: RelationRow
    conflict: bool  # another source dates this same relation differently

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.row), "conflict": self.conflict}


def check_date(at: str) -> str:
    if not _ISO_PARTIAL.match(at):
        raise InputError(f"--at {at}", "expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    return at


def relations_at(store: Store, name: str, at: str | None = None,
                 predicate: str | None = None) -> list[HeldRelation]:
    if at is not None:
        check_date(at)
    every = queries.relations(store, entity=name, predicate=predicate)
    starts: dict[tuple[str, str, str], list[str | None]] = {}
    for r in every:
        starts.setdefault((r.subject_id, r.predicate, r.object_id), []).append(r.date_start)
    held = every if at is None else [r for r in every if queries.holds_at(r.date_start, r.date_end, at)]
    out = []
    for r in held:
        dated_event = r.predicate in DATED_EVENTS
        out.append(HeldRelation(r, conflict=dated_event and dates_disagree(starts[(r.subject_id, r.predicate,
                                                                                   r.object_id)])))
    return out
