"""Dated lineage of a group: renamings, mergers and splits, from the curated KB and from text.

``lineage(source, name)`` walks renamed_to / merged_into / splinter_of edges both ways from the
named group and returns one ``LineageStep`` per edge, predecessors first, oldest first. Each step
keeps every claim about it (KB entry, articles) with its date and source; when the claims disagree
on the date (text 2016-08 vs KB 2016-07) the step is marked ``contradicted`` and all are kept.
The KB date is preferred as the step's date, else the earliest text date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from orbat.errors import NotFoundError
from orbat.kb.loader import KnowledgeBase, load_kb
from orbat.query.base import dates_disagree
from orbat.query.relations import relations
from orbat.store.db import Store

LINEAGE_PREDICATES = ("renamed_to", "merged_into", "splinter_of")


@dataclass(frozen=True)
class Claim:
    date: str | None
    origin: str  # kb | text | analyst
    source: str | None  # article id or KB file:line
    evidence: str | None = None


@dataclass(frozen=True)
class Edge:
    subject_id: str
    subject: str
    predicate: str
    object_id: str
    object: str
    claim: Claim


@dataclass
class LineageStep:
    """``earlier`` became / split into / merged into ``later`` (``predicate`` as stated)."""

    earlier_id: str
    earlier: str
    later_id: str
    later: str
    predicate: str
    direction: str  # predecessor | successor (relative to the group asked about)
    claims: list[Claim] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        kb = [c.date for c in self.claims if c.origin == "kb" and c.date]
        dated = sorted(c.date for c in self.claims if c.date)
        return kb[0] if kb else (dated[0] if dated else None)

    @property
    def curated(self) -> bool:
        return any(c.origin == "kb" for c in self.claims)

    @property
    def contradicted(self) -> bool:
        return dates_disagree(c.date for c in self.claims)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"], d["contradicted"] = self.date, self.contradicted
        return d


def _orient(edge: Edge) -> tuple[str, str, str, str]:
    """(earlier id, earlier name, later id, later name): X splinter_of Y means Y came first."""
    if edge.predicate == "splinter_of":
        return edge.object_id, edge.object, edge.subject_id, edge.subject
    return edge.subject_id, edge.subject, edge.object_id, edge.object


def kb_edges(kb: KnowledgeBase) -> list[Edge]:
    out = []
    for r in kb.relations:
        if r.predicate in LINEAGE_PREDICATES:
            s, o = kb.get(r.subject), kb.get(r.object)
            out.append(Edge(f"kb:{s.id}", s.name, r.predicate, f"kb:{o.id}", o.name,
                            Claim(r.start, "kb", f"{_short(r.file)}:{r.line}", r.note)))
    return out


def _short(path: str) -> str:
    """KB file path from the package root ("kb/data/groups/syria.yaml")."""
    cut = path.replace("\\", "/").rfind("kb/data/")
    return path[cut:] if cut >= 0 else path


def short_source(rule: str | None) -> str | None:
    """A KB row's source ("kb /abs/path/kb/data/groups/syria.yaml:18") as "kb/data/groups/syria.yaml:18"."""
    return _short(rule.removeprefix("kb ").strip()) if rule else None


def store_edges(store: Store) -> list[Edge]:
    out = []
    for p in LINEAGE_PREDICATES:
        for r in relations(store, predicate=p):
            source = r.article_id if r.origin != "kb" else short_source(r.rule)
            out.append(Edge(r.subject_id, r.subject, p, r.object_id, r.object,
                            Claim(r.date_start, r.origin, source, r.evidence)))
    return out


def _resolve(source: Store | KnowledgeBase, name: str) -> str:
    if isinstance(source, Store):
        return source.resolve_name(name)
    found = source.lookup(name)
    if not found:
        try:
            return f"kb:{source.get(name).id}"
        except NotFoundError:
            raise NotFoundError(f"{name!r}: no group with this name or alias in the knowledge base") from None
    if len(found) > 1:
        raise NotFoundError(f"{name!r}: ambiguous, could be {', '.join(e.id for e in found)}")
    return f"kb:{found[0].id}"


def chain(edges: Iterable[Edge], start: str) -> list[LineageStep]:
    """Every lineage step reachable from ``start`` both ways, predecessors first, oldest first."""
    steps: dict[tuple[str, str, str], LineageStep] = {}
    forward: dict[str, list[Edge]] = {}
    backward: dict[str, list[Edge]] = {}
    for e in edges:
        earlier, _, later, _ = _orient(e)
        forward.setdefault(earlier, []).append(e)
        backward.setdefault(later, []).append(e)
    for direction, index in (("predecessor", backward), ("successor", forward)):
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for e in index.get(node, []):
                earlier_id, earlier, later_id, later = _orient(e)
                key = (earlier_id, e.predicate, later_id)
                step = steps.setdefault(key, LineageStep(earlier_id, earlier, later_id, later, e.predicate, direction))
                if e.claim not in step.claims:
                    step.claims.append(e.claim)
                nxt = earlier_id if direction == "predecessor" else later_id
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
    order = {"predecessor": 0, "successor": 1}
    return sorted(steps.values(), key=lambda s: (order[s.direction], s.date is None, s.date or ""))


def lineage(source: Store | KnowledgeBase, name: str) -> list[LineageStep]:
    """The dated lineage chain of the group ``name`` (id, canonical name or alias).

    With a store that holds no curated (origin kb) lineage yet, the packaged KB is read too.
    """
    if not isinstance(source, Store):
        return chain(kb_edges(source), _resolve(source, name))
    edges = store_edges(source)
    if any(e.claim.origin == "kb" for e in edges):
        return chain(edges, _resolve(source, name))
    kb = load_kb()
    try:
        start = _resolve(source, name)
    except NotFoundError:
        start = _resolve(kb, name)
    return chain([*edges, *kb_edges(kb)], start)


IDENTITY = ("renamed_to", "merged_into")


def _main_line(steps: list[LineageStep]) -> list[LineageStep]:
    """The renamed_to / merged_into path from the oldest name; at a fork, curated steps first, then the
    earliest."""
    identity = [s for s in steps if s.predicate in IDENTITY]
    laters = {s.later_id for s in identity}
    roots = [s for s in identity if s.earlier_id not in laters]
    if not roots:
        return []
    line, current, seen = [], roots[0].earlier_id, set()
    while current not in seen:
        seen.add(current)
        nxt = [s for s in identity if s.earlier_id == current]
        if not nxt:
            break
        step = min(nxt, key=lambda s: (not s.curated, s.date is None, s.date or ""))
        line.append(step)
        current = step.later_id
    return line


def _label(name: str, step: LineageStep) -> str:
    out = f"{name} ({step.date})" if step.date else name
    return out + (" [dates disagree]" if step.contradicted else "")


def render_chain(steps: list[LineageStep]) -> str:
    """"A -> B (2016-07) -> C (2017-01)" along renamings and mergers; splits listed below it."""
    main = _main_line(steps)
    lines = []
    if main:
        lines.append(" -> ".join([main[0].earlier, *(_label(s.later, s) for s in main)]))
    for step in steps:
        if step not in main:
            verb = {"splinter_of": "split from", "merged_into": "merged into", "renamed_to": "renamed"}[step.predicate]
            text = (f"{step.later} {verb} {step.earlier}" if step.predicate == "splinter_of"
                    else f"{step.earlier} {verb} {step.later}")
            lines.append(("  " if main else "") + _label(text, step))
    return "\n".join(lines)
