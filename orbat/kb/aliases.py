"""Surface-form index of the knowledge base: exact-case aliases, then ``alias_key``, then ``loose_key``.

Two entities may share an alias key only if both declare it in ``ambiguous_aliases`` (e.g.
"Shabaab" for the Somali group and for the Mozambican insurgency); otherwise building the index
raises DataError naming the second entity's file and line.
"""

from __future__ import annotations

from collections.abc import Iterable

from orbat.errors import DataError
from orbat.kb.schema import KBEntity
from orbat.keys import alias_key, loose_key


def _add(index: dict[str, list[str]], key: str, entity_id: str) -> None:
    ids = index.setdefault(key, [])
    if entity_id not in ids:
        ids.append(entity_id)


def _is_acronym(surface: str) -> bool:
    return " " not in surface and sum(c.isupper() for c in surface) >= 2 and len(surface) <= 8


class AliasIndex:
    """Maps surface forms to KB ids."""

    def __init__(self, entities: Iterable[KBEntity]) -> None:
        self.exact: dict[str, list[str]] = {}
        self.strict: dict[str, list[str]] = {}
        self.loose: dict[str, list[str]] = {}
        by_id: dict[str, KBEntity] = {}
        for entity in entities:
            by_id[entity.id] = entity
            for surface in entity.case_sensitive_aliases:
                _add(self.exact, surface, entity.id)
            for surface in [entity.name, *entity.aliases, *entity.ambiguous_aliases]:
                key = alias_key(surface)
                if not key:
                    raise DataError(entity.file, f"{entity.id}: alias {surface!r} has an empty key", entity.line)
                _add(self.strict, key, entity.id)
                if not _is_acronym(surface):  # loose spelling variants are for words, not acronyms
                    _add(self.loose, loose_key(surface), entity.id)
        self._check_shared(by_id)

    def _check_shared(self, by_id: dict[str, KBEntity]) -> None:
        declared = {eid: {alias_key(a) for a in e.ambiguous_aliases} for eid, e in by_id.items()}
        for key, ids in self.strict.items():
            if len(ids) < 2:
                continue
            undeclared = [i for i in ids if key not in declared[i]]
            if undeclared:
                culprit = by_id[undeclared[-1]]
                others = ", ".join(i for i in ids if i != culprit.id)
                raise DataError(culprit.file, f"{culprit.id}: alias key {key!r} is also used by {others}; "
                                "rename it or list it in ambiguous_aliases of every entity sharing it",
                                culprit.line)

    def lookup(self, surface: str) -> list[str]:
        """KB ids for a surface: exact-case aliases first, then alias_key, then loose_key."""
        bare = surface[4:] if surface[:4] in ("the ", "The ") else surface
        for form in (surface, bare):
            if form in self.exact:
                return list(self.exact[form])
        key = alias_key(surface)
        if key in self.strict:
            return list(self.strict[key])
        return list(self.loose.get(loose_key(surface), []))

    def ambiguous_keys(self) -> dict[str, list[str]]:
        """alias keys shared by more than one entity (all declared, or loading would have failed)."""
        return {k: v for k, v in self.strict.items() if len(v) > 1}

    def loose_collisions(self) -> dict[str, list[str]]:
        """loose keys shared by more than one entity: lookups that fall back to them are ambiguous."""
        return {k: v for k, v in self.loose.items() if len(v) > 1}
