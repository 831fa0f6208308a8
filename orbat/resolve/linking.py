"""Linking one mention to an entity: analyst override, KB alias (exact, loose), fuzzy, or minted.

Every answer is a ``Link`` whose ``rule`` says why ("override", "kb-alias:exact", "kb-alias:loose",
"fuzzy:0.93", "minted"), so a user can always ask why two mentions are the same entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from orbat.keys import alias_key, loose_key, minted_id
from orbat.nlp.names import EntityRules, arabic_canonical

FUZZY_THRESHOLD = 92.0
_TYPE_OK = {"ORG_ARMED": {"ORG_ARMED"}, "ORG_OTHER": {"ORG_OTHER", "ORG_ARMED"}, "PERSON": {"PERSON"},
            "LOCATION": set()}
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_ARTICLE = re.compile(r"^(?:al|el|Al|El|AL)[-\s]+")


@dataclass(frozen=True)
class Link:
    entity_id: str
    canonical: str
    type: str
    rule: str
    score: float | None = None

    @property
    def is_kb(self) -> bool:
        return self.entity_id.startswith("kb:")


def clean_surface(surface: str, type_: str, rules: EntityRules) -> str:
    """The canonical of an unknown name: whitespace collapsed, "the" dropped, "al-" for Arabic names."""
    text = _LEAD.sub("", " ".join(surface.split()))
    if type_ == "PERSON" or re.search(r"\b(?:al|el)[\s-]", text, re.I):
        text = arabic_canonical(text, rules)
        text = re.sub(r"^Al-", "al-", text) if type_ != "PERSON" else text
    return text


class Linker:
    """Links surfaces to KB entities; ``overrides`` maps alias_key -> (entity_id, canonical, type)."""

    def __init__(self, kb: Any | None, rules: EntityRules) -> None:
        self.kb: Any = kb
        self.rules = rules
        self.overrides: dict[str, tuple[str, str, str]] = {}
        self._choices: dict[str, tuple[list[str], list[Any]]] | None = None
        self._people: dict[tuple[str, str], list[Any]] | None = None
        self._keys: dict[str, set[str]] = {}

    def set_overrides(self, aliases: dict[str, tuple[str, str, str]]) -> None:
        self.overrides = {alias_key(k): v for k, v in aliases.items()}

    def link(self, surface: str, type_: str, kb_ids: Sequence[str] = (), context: Sequence[str] = ()) -> Link:
        override = self.overrides.get(alias_key(surface))
        if override is not None:
            return Link(override[0], override[1], override[2], "override")
        if self.kb is not None and type_ != "LOCATION":
            found = self._kb_link(surface, type_, kb_ids, context)
            if found is not None:
                return found
        canonical = clean_surface(surface, type_, self.rules)
        return Link(minted_id(type_, canonical), canonical, type_, "minted")

    def _kb_link(self, surface: str, type_: str, kb_ids: Sequence[str], context: Sequence[str]) -> Link | None:
        candidates = [self.kb.get(i) for i in kb_ids] if kb_ids else self.kb.lookup(surface)
        candidates = [e for e in candidates if e.type in _TYPE_OK.get(type_, set()) or kb_ids]
        if self._local_namesakes(surface, type_, candidates, context):
            canonical = clean_surface(surface, type_, self.rules)  # the local namesake: neither the foreign group nor merged
            return Link(minted_id(type_, canonical), canonical, type_, "minted:namesake-abroad")
        how = ""
        if not candidates and type_.startswith("ORG") and len(surface) > 4:
            number = surface[:-1] if surface.endswith("s") else f"{surface}s"
            candidates = [e for e in self.kb.lookup(number) if e.type in _TYPE_OK[type_]]
            how = "plural"
        if candidates:
            entity = _pick(candidates, context)
            if not how:
                how = "exact" if alias_key(surface) in self._keys_of(entity) else "loose"
            rule = f"kb-alias:{how}" + (":ambiguous" if len(candidates) > 1 else "")
            return Link(f"kb:{entity.id}", entity.name, entity.type, rule)
        if type_ == "PERSON":
            found = self._person_first_last(surface)
            if found is not None:
                return found
        return self._fuzzy(surface, type_)

    def _local_namesakes(self, surface: str, type_: str, candidates: list[Any], context: Sequence[str]) -> list[Any]:
        """"al-Shabaab" in an article about Mozambique: entities that declare the bare name ("Shabaab")
        ambiguous and operate in countries ranked before every candidate's in the article context."""
        bare = _ARTICLE.sub("", surface)
        if not context or not candidates or bare == surface or len(bare) < 4:
            return []
        best = min(_context_rank(e, context) for e in candidates)
        return [e for e in self.kb.lookup(bare) if e not in candidates and _context_rank(e, context) < best
                and e.type in _TYPE_OK.get(type_, set()) and alias_key(bare) in map(alias_key, e.ambiguous_aliases)]

    def _keys_of(self, entity: Any) -> set[str]:
        keys = self._keys.get(entity.id)
        if keys is None:
            keys = self._keys[entity.id] = {alias_key(s) for s in entity.surfaces()}
        return keys

    def _person_first_last(self, surface: str) -> Link | None:
        """"Abdallah Muhammad al-Muhaysini" -> the KB person "Abdallah al-Muhaysini" (same first and last name)."""
        key = _first_last(surface)
        if key is None:
            return None
        if self._people is None:
            self._people = {}
            for name, entity in self.kb.names():
                k = _first_last(name) if entity.type == "PERSON" else None
                if k is not None:
                    self._people.setdefault(k, []).append(entity)
        found = {e.id: e for e in self._people.get(key, [])}
        if len(found) != 1:
            return None
        entity = next(iter(found.values()))
        return Link(f"kb:{entity.id}", entity.name, entity.type, "kb-person:first-last")

    def _fuzzy(self, surface: str, type_: str) -> Link | None:
        key = loose_key(surface)
        if len(key) < 8 or type_ not in ("ORG_ARMED", "ORG_OTHER", "PERSON"):
            return None
        keys, entities = self._fuzzy_choices().get(type_, ([], []))
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if best is None:
            return None
        entity = entities[best[2]]
        score = round(best[1] / 100, 2)
        return Link(f"kb:{entity.id}", entity.name, entity.type, f"fuzzy:{score:.2f}", score)

    def _fuzzy_choices(self) -> dict[str, tuple[list[str], list[Any]]]:
        if self._choices is None:
            self._choices = {}
            for surface, entity in self.kb.names():
                key = loose_key(surface)
                if len(key) >= 8:
                    keys, ents = self._choices.setdefault(entity.type, ([], []))
                    keys.append(key)
                    ents.append(entity)
        return self._choices


def _first_last(name: str) -> tuple[str, str] | None:
    words = [w for w in alias_key(name).split() if w != "al"]
    return (words[0], words[-1]) if len(words) >= 2 and words[0] not in ("abu", "umm") else None


def _context_rank(entity: Any, context: Sequence[str]) -> int:
    """Position of the entity's first country in the article's context (len(context) if none)."""
    return min((context.index(c) for c in entity.countries if c in context), default=len(context))


def _pick(candidates: Sequence[Any], context: Iterable[str]) -> Any:
    """An ambiguous alias goes to the entity operating in the article's countries, else the first."""
    ctx = list(context)
    for code in ctx:
        for entity in candidates:
            if code in entity.countries:
                return entity
    return candidates[0]
