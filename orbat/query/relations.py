"""Relations: filters, what held at a date (with conflicting dates marked), claims of a merge group,
the network around an entity."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

from orbat.errors import InputError
from orbat.query.base import _marks, _names, _not_rejected, _roots, dates_disagree, holds_at
from orbat.query.rows import RelationRow
from orbat.store.db import Store

Key = tuple[str, str, str]


def _source_counts(store: Store, where: str, params: list[Any], roots: dict[str, str]) -> dict[Key, int]:
    """Distinct articles per (subject root, predicate, object root) among the relations ``where`` picks:
    counted in SQL, or over (subject, predicate, object, article) rows when merges join two id pairs."""
    counts: dict[Key, int] = {}
    for s, p, o, n in store.conn.execute(
            f"SELECT subject_id, predicate, object_id, count(DISTINCT article_id) FROM relations rel "
            f"WHERE {where} AND rel.article_id IS NOT NULL GROUP BY 1, 2, 3", params):
        key = (roots.get(s, s), p, roots.get(o, o))
        if key in counts:
            break
        counts[key] = int(n)
    else:
        return counts
    sets: dict[Key, set[str]] = {}
    for s, p, o, a in store.conn.execute(f"SELECT DISTINCT subject_id, predicate, object_id, article_id FROM "
                                         f"relations rel WHERE {where} AND rel.article_id IS NOT NULL", params):
        sets.setdefault((roots.get(s, s), p, roots.get(o, o)), set()).add(a)
    return {k: len(v) for k, v in sets.items()}


# the columns _relation_rows reads, by position (faster than by name over thousands of rows)
_COLUMNS = ("rel.id, rel.subject_id, rel.predicate, rel.object_id, rel.date_start, rel.date_end, rel.status, "
            "rel.certainty, rel.origin, rel.article_id, rel.evidence, rel.start, rel.end, rel.rule")


def _relation_rows(rows: list[Any], roots: dict[str, str], names: dict[str, str],
                   counts: dict[Key, int]) -> list[RelationRow]:
    out = []
    for (rid, subject, predicate, object_, start, end, status, certainty, origin, article, evidence, begin, stop,
         rule) in rows:
        s, o = roots.get(subject, subject), roots.get(object_, object_)
        out.append(RelationRow(rid, s, names.get(s, s), predicate, o, names.get(o, o), start, end, status, certainty,
                               origin, counts.get((s, predicate, o), 0), article, evidence, begin, stop, rule))
    return out


def relations(store: Store, entity: str | None = None, predicate: str | None = None,
              at: str | None = None) -> list[RelationRow]:
    roots, names = _roots(store), _names(store)
    where, params = "TRUE", []
    if predicate:
        where += " AND rel.predicate = ?"
        params.append(predicate)
    if entity:
        eid = store.resolve_name(entity)
        group = sorted(i for i, r in roots.items() if r == eid) or [eid]
        where += f" AND (rel.subject_id IN ({_marks(group)}) OR rel.object_id IN ({_marks(group)}))"
        params += [*group, *group]
    held, held_params = "", []
    if at:
        held, held_params = f" AND {HELD_SQL}", [at, at, at]
    rows = store.conn.execute(f"SELECT {_COLUMNS} FROM relations rel WHERE {where} AND {_not_rejected(store, 'rel')}"
                              f"{held} ORDER BY coalesce(rel.date_start, ''), rel.id", [*params, *held_params]).fetchall()
    return _relation_rows(rows, roots, names, _source_counts(store, where, params, roots))


# a relation holding at the date ``?`` (three times) as holds_at() says: undated ones included
HELD_SQL = ("(rel.date_start IS NULL OR substr(rel.date_start, 1, length(?)) <= substr(?, 1, length(rel.date_start))) "
            "AND (rel.date_end IS NULL OR substr(?, 1, length(rel.date_end)) <= rel.date_end)")
# the same for a page of claims at a date, where undated ones are not shown
HOLDS_AT_SQL = f"(rel.date_start IS NOT NULL OR rel.date_end IS NOT NULL) AND {HELD_SQL}"


@dataclass(frozen=True)
class Claims:
    """One page of a group's relation claims: ``rows`` (oldest first), ``claims`` (how many claims in
    all) and ``relations`` (how many relation rows stand behind them)."""

    rows: list[RelationRow]
    claims: int
    relations: int


def claims_page(store: Store, group: list[str], limit: int | None = None, at: str | None = None) -> Claims:
    """Relations of a merge group, one row per claim (subject, predicate, object, dates, status and
    origin after merges: the first stored row, with its evidence and the claim's source count): the
    newest ``limit`` claims (by start date) or all, those holding at ``at`` when given. Grouped in
    SQL; the source counts are read for the page's subject-predicate-object triples only."""
    roots, names = _roots(store), _names(store)
    marks = _marks(group)
    where, params = f"(rel.subject_id IN ({marks}) OR rel.object_id IN ({marks}))", [*group, *group]
    kept = f"{where} AND {_not_rejected(store, 'rel')}"
    if at:
        kept += f" AND {HOLDS_AT_SQL}"
        params += [at, at, at]
    page = " LIMIT ?" if limit is not None else ""
    rows, claims, total = [], 0, 0
    for *row, n_claims, n_rows in store.conn.execute(  # joined by id: an IN list of thousands of ids scans
            f"SELECT {_COLUMNS}, g.claims, g.total FROM (SELECT c.first, count(*) OVER () AS claims, "
            f"sum(c.n) OVER () AS total, c.start FROM (SELECT min(rel.id) AS first, count(*) AS n, "
            f"coalesce(rel.date_start, '') AS start FROM relations rel WHERE {kept} "
            f"GROUP BY subject_id, predicate, object_id, date_start, date_end, status, origin) c "
            f"ORDER BY c.start DESC, c.first DESC{page}) g JOIN relations rel ON rel.id = g.first "
            "ORDER BY coalesce(rel.date_start, ''), rel.id", [*params, *([limit] if page else [])]):
        rows.append(row)
        claims, total = int(n_claims), int(n_rows)
    counts = _page_source_counts(store, where, [*group, *group], roots, rows)
    seen: dict[tuple[Any, ...], RelationRow] = {}
    for r in _relation_rows(rows, roots, names, counts):
        seen.setdefault((r.subject_id, r.predicate, r.object_id, r.date_start, r.date_end, r.status, r.origin), r)
    return Claims(list(seen.values()), claims, total)


def _page_source_counts(store: Store, where: str, params: list[Any], roots: dict[str, str],
                        rows: list[Any]) -> dict[Key, int]:
    """``_source_counts`` narrowed to the predicates and the merge groups of the subjects and objects of ``rows``."""
    if not rows:
        return {}
    members: dict[str, list[str]] = {}
    for i, r in roots.items():
        members.setdefault(r, []).append(i)
    subjects = sorted({m for r in rows for m in members.get(roots.get(r[1], r[1]), [r[1]])})
    objects = sorted({m for r in rows for m in members.get(roots.get(r[3], r[3]), [r[3]])})
    predicates = sorted({r[2] for r in rows})
    narrow = (f"{where} AND rel.predicate IN ({_marks(predicates)}) AND rel.subject_id IN ({_marks(subjects)}) "
              f"AND rel.object_id IN ({_marks(objects)})")
    return _source_counts(store, narrow, [*params, *predicates, *subjects, *objects], roots)


def distinct_claims(store: Store, group: list[str]) -> tuple[list[RelationRow], int]:
    """Every claim of a merge group (see ``claims_page``) and the number of relation rows behind them."""
    found = claims_page(store, group)
    return found.rows, found.relations


def distinct_relations(rows: list[RelationRow]) -> list[RelationRow]:
    """One row per subject-predicate-object-dates-origin (the first stored one, with its evidence);
    ``source_count`` already counts the articles behind it. (Entity pages get this from
    ``orbat.query.entities.profile_page``, grouped in SQL.)"""
    seen: dict[tuple[Any, ...], RelationRow] = {}
    for r in rows:
        seen.setdefault((r.subject_id, r.predicate, r.object_id, r.date_start, r.date_end, r.status, r.origin), r)
    return list(seen.values())


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
    held = relations(store, entity=name, predicate=predicate, at=at)
    dated = {(r.subject_id, r.predicate, r.object_id) for r in held if r.predicate in DATED_EVENTS}
    starts: dict[tuple[str, str, str], list[str | None]] = {}
    if dated:  # every start date of those claims, held at ``at`` or not
        for p in sorted({k[1] for k in dated}):
            for r in relations(store, entity=name, predicate=p):
                if (r.subject_id, r.predicate, r.object_id) in dated:
                    starts.setdefault((r.subject_id, r.predicate, r.object_id), []).append(r.date_start)
    return [HeldRelation(r, conflict=r.predicate in DATED_EVENTS
                         and dates_disagree(starts.get((r.subject_id, r.predicate, r.object_id), [])))
            for r in held]


def entity_type(store: Store, entity_id: str) -> str | None:
    row = store.conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return str(row[0]) if row else None


def graph(store: Store, entity: str, depth: int = 1, at: str | None = None,
          skip: tuple[str, ...] = ("located_in",)) -> dict[str, Any]:
    """Nodes and edges within ``depth`` hops of ``entity`` (dated relations holding at ``at`` when given;
    self-loops left out), one edge per claim (``distinct_relations``: the same claim from 100 articles is
    one edge with ``source_count`` 100, not 100 edges), each with its rule and first evidence."""
    start = store.resolve_name(entity)
    rows: list[RelationRow] = [r for r in relations(store) if r.predicate not in skip and r.subject_id != r.object_id
                               and (at is None or ((r.date_start or r.date_end)
                                                   and holds_at(r.date_start, r.date_end, at)))]
    by_node: dict[str, list[RelationRow]] = {}
    for r in rows:
        by_node.setdefault(r.subject_id, []).append(r)
        by_node.setdefault(r.object_id, []).append(r)
    seen, edges, todo = {start: 0}, {}, deque([start])
    while todo:
        node = todo.popleft()
        if seen[node] >= depth:
            continue
        for r in by_node.get(node, []):
            edges[r.id] = r
            for other in (r.subject_id, r.object_id):
                if other not in seen:
                    seen[other] = seen[node] + 1
                    todo.append(other)
    names = {r.subject_id: r.subject for r in edges.values()} | {r.object_id: r.object for r in edges.values()}
    if start not in names:
        names[start] = store.conn.execute("SELECT canonical FROM entities WHERE id = ?", (start,)).fetchone()[0]
    nodes = [{"id": n, "name": names[n], "type": entity_type(store, n), "hops": seen[n]} for n in sorted(seen)]
    return {"center": start, "depth": depth, "at": at, "nodes": nodes,
            "edges": [{"id": r.id, "source": r.subject_id, "target": r.object_id, "predicate": r.predicate,
                       "date_start": r.date_start, "date_end": r.date_end, "status": r.status,
                       "certainty": r.certainty, "origin": r.origin, "source_count": r.source_count,
                       "rule": r.rule, "article_id": r.article_id, "evidence": r.evidence, "start": r.start,
                       "end": r.end}
                      for r in distinct_relations(sorted(edges.values(), key=lambda r: r.id))]}

