"""Load and validate the curated knowledge base (orbat/kb/data) into a ``KnowledgeBase``.

Layout of a data directory: ``groups/*.yaml`` (armed groups, state forces, other bodies),
``people.yaml``, ``media.yaml`` (armed groups' media arms) and ``outlets.yaml`` (news outlets); each file is a YAML list of entries. Loading fails fast with
``DataError(file, reason, line)`` on unknown keys, bad types, duplicate ids, dangling lineage or
role targets, predicates not in the ontology, predicates used between the wrong entity types,
bad dates or country codes, and alias keys shared by two entities without being declared
ambiguous on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from orbat.datafile import line_at, read_yaml, strip_lines
from orbat.errors import DataError, NotFoundError
from orbat.kb.aliases import AliasIndex
from orbat.kb.schema import GroupEntry, KBEntity, KBRelation, MediaEntry, OutletEntry, PersonEntry
from orbat.ontology.predicates import Predicate, load_predicates

DATA_DIR = Path(__file__).parent / "data"


class KnowledgeBase:
    """Entities by id, their dated relations, and surface-form lookup."""

    def __init__(self, entities: dict[str, KBEntity], relations: list[KBRelation]) -> None:
        self.entities = entities
        self.relations = relations
        self.index = AliasIndex(entities.values())

    def get(self, id: str) -> KBEntity:
        """The entity with this KB id (without or with a ``kb:`` prefix)."""
        key = id.removeprefix("kb:")
        try:
            return self.entities[key]
        except KeyError:
            raise NotFoundError(f"no knowledge-base entity with id {id!r}") from None

    def lookup(self, surface: str) -> list[KBEntity]:
        """Entities a surface form names: [] if unknown, more than one if ambiguous."""
        return [self.entities[i] for i in self.index.lookup(surface)]

    def names(self) -> Iterator[tuple[str, KBEntity]]:
        """Every (surface, entity) pair, canonical names included, for pattern generation.

        Case-sensitive aliases are included; check ``entity.case_sensitive_aliases`` to match them
        exactly.
        """
        for entity in self.entities.values():
            for surface in entity.surfaces():
                yield surface, entity

    def lineage(self, id: str) -> list[KBRelation]:
        """Relations in which ``id`` is subject or object, oldest first (undated last)."""
        key = self.get(id).id
        found = [r for r in self.relations if key in (r.subject, r.object)]
        return sorted(found, key=lambda r: (r.start is None, r.start or "", r.subject != key))

    def successors(self, id: str) -> list[str]:
        """The ids ``id`` became through renamed_to / merged_into, in order (cycle-safe)."""
        chain: list[str] = []
        current = self.get(id).id
        while True:
            nxt = [r.object for r in self.relations
                   if r.subject == current and r.predicate in ("renamed_to", "merged_into")]
            if not nxt or nxt[0] in chain or nxt[0] == id:
                return chain
            chain.append(nxt[0])
            current = nxt[0]

    def by_type(self, type_: str) -> list[KBEntity]:
        return [e for e in self.entities.values() if e.type == type_]


def _kb_files(data_dir: Path) -> list[tuple[Path, type[BaseModel]]]:
    groups_dir = data_dir / "groups"
    if not groups_dir.is_dir():
        raise DataError(str(groups_dir), "knowledge-base directory has no groups/ folder")
    files: list[tuple[Path, type[BaseModel]]] = [(p, GroupEntry) for p in sorted(groups_dir.glob("*.yaml"))]
    for name, model in (("media.yaml", MediaEntry), ("outlets.yaml", OutletEntry), ("people.yaml", PersonEntry)):
        if (data_dir / name).exists():
            files.append((data_dir / name, model))
    return files


def _parse_entry(path: Path, raw: object, model: type[BaseModel], index: int) -> tuple[BaseModel, int]:
    if not isinstance(raw, dict):
        raise DataError(str(path), f"entry {index + 1}: expected a mapping, got {type(raw).__name__}")
    line = line_at(raw, ())
    try:
        return model.model_validate(strip_lines(raw)), line or 0
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if isinstance(p, (str, int))]
        field = ".".join(str(p) for p in loc)
        who = raw.get("id", f"entry {index + 1}")
        raise DataError(str(path), f"{who}: {field}: {err['msg']}", line_at(raw, loc)) from exc


def _to_entity(entry: BaseModel, file: str, line: int) -> KBEntity:
    data = entry.model_dump()
    base = {k: data[k] for k in ("id", "name", "aliases", "case_sensitive_aliases", "ambiguous_aliases",
                                 "countries", "wikidata")}
    if isinstance(entry, PersonEntry):
        attrs = {k: data[k] for k in ("kunya", "nisba", "born", "died") if data[k] is not None}
        return KBEntity(**base, type="PERSON", kind="person", attrs={**data["attrs"], **attrs},
                        file=file, line=line)
    return KBEntity(**base, type=data["type"], kind=data["kind"], inter=data["inter"],
                    founded=data["founded"], dissolved=data["dissolved"], attrs=data["attrs"],
                    file=file, line=line)


def _edges(entry: BaseModel, raw: dict, file: str) -> Iterator[KBRelation]:
    if isinstance(entry, PersonEntry):
        for i, role in enumerate(entry.roles):
            yield KBRelation(subject=entry.id, predicate=role.predicate, object=role.object,
                             start=role.start, end=role.end, note=role.note, role=role.role,
                             file=file, line=line_at(raw, ["roles", i]) or 0)
    elif isinstance(entry, GroupEntry):
        for i, edge in enumerate(entry.lineage):
            yield KBRelation(subject=entry.id, predicate=edge.predicate, object=edge.object,
                             start=edge.date, end=edge.end, note=edge.note,
                             file=file, line=line_at(raw, ["lineage", i]) or 0)


def _check_relations(entities: dict[str, KBEntity], relations: list[KBRelation],
                     predicates: dict[str, Predicate]) -> None:
    for rel in relations:
        where = f"{rel.subject} {rel.predicate} {rel.object}"
        pred = predicates.get(rel.predicate)
        if pred is None:
            raise DataError(rel.file, f"{where}: unknown predicate {rel.predicate!r} "
                            f"(known: {', '.join(sorted(predicates))})", rel.line)
        target = entities.get(rel.object)
        if target is None:
            raise DataError(rel.file, f"{where}: no entity with id {rel.object!r}", rel.line)
        if rel.object == rel.subject:
            raise DataError(rel.file, f"{where}: an entity cannot relate to itself", rel.line)
        subject = entities[rel.subject]
        if not pred.allows(subject.type, target.type):
            raise DataError(rel.file, f"{where}: {rel.predicate} does not link {subject.type} "
                            f"to {target.type}", rel.line)
        if rel.start and rel.end and rel.end < rel.start:
            raise DataError(rel.file, f"{where}: end {rel.end} is before start {rel.start}", rel.line)


def parse_kb(data_dir: Path) -> KnowledgeBase:
    """Read and validate every file under ``data_dir``; raise DataError on the first problem."""
    predicates = load_predicates()
    entities: dict[str, KBEntity] = {}
    relations: list[KBRelation] = []
    for path, model in _kb_files(data_dir):
        raw_list = read_yaml(path)
        if raw_list is None:
            continue
        if not isinstance(raw_list, list):
            raise DataError(str(path), "expected a YAML list of entries", 1)
        for i, raw in enumerate(raw_list):
            entry, line = _parse_entry(path, raw, model, i)
            entity = _to_entity(entry, str(path), line)
            if entity.id in entities:
                first = entities[entity.id]
                raise DataError(str(path), f"duplicate id {entity.id!r} (first at {first.file}:{first.line})",
                                line)
            entities[entity.id] = entity
            relations.extend(_edges(entry, raw, str(path)))
    _check_relations(entities, relations, predicates)
    return KnowledgeBase(entities, relations)


@cache
def _default_kb() -> KnowledgeBase:
    return parse_kb(DATA_DIR)


def load_kb(data_dir: Path | None = None) -> KnowledgeBase:
    """The knowledge base: the packaged data (cached) unless ``data_dir`` is given."""
    return _default_kb() if data_dir is None else parse_kb(Path(data_dir))
