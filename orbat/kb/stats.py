"""Counts and lint findings over a loaded knowledge base (for ``orbat kb stats`` / ``orbat kb check``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from orbat.kb.loader import KnowledgeBase
from orbat.keys import loose_key


@dataclass(frozen=True)
class KBStats:
    entities: int
    relations: int
    aliases: int
    by_type: dict[str, int]
    by_region: dict[str, int]
    by_inter: dict[str, int]
    by_predicate: dict[str, int]
    groups: int = field(default=0)  # entries under groups/ (armed groups, forces, other bodies)


def kb_stats(kb: KnowledgeBase) -> KBStats:
    """Counts by entity type, KB file (region), ACLED inter code and relation predicate."""
    ents = list(kb.entities.values())
    return KBStats(
        entities=len(ents),
        relations=len(kb.relations),
        aliases=sum(len(e.surfaces()) - 1 for e in ents),
        by_type=dict(Counter(e.type for e in ents).most_common()),
        by_region=dict(Counter(e.region for e in ents).most_common()),
        by_inter=dict(sorted(Counter(str(e.inter) if e.inter else "none" for e in ents).items())),
        by_predicate=dict(Counter(r.predicate for r in kb.relations).most_common()),
        groups=sum(1 for e in ents if Path(e.file).parent.name == "groups"),
    )


def kb_warnings(kb: KnowledgeBase) -> list[str]:
    """Findings that do not stop loading but deserve a look: loose-key ambiguity, missing facts."""
    out: list[str] = []
    declared = {loose_key(a) for e in kb.entities.values() for a in e.ambiguous_aliases}
    for key, ids in sorted(kb.index.loose_collisions().items()):
        if key in declared:
            continue
        out.append(f"loose key {key!r} is shared by {', '.join(ids)} (lookups falling back to it are ambiguous)")
    for e in kb.entities.values():
        where = f"{e.file}:{e.line}"
        if e.type == "ORG_ARMED" and e.inter is None:
            out.append(f"{where}: {e.id}: armed entity without an ACLED inter code")
        if e.type == "ORG_ARMED" and not e.countries:
            out.append(f"{where}: {e.id}: no countries of operation")
    return out
