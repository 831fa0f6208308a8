"""Relations implied by extracted events: two actors of a battle or an attack fight each other.

``event_relations(doc)`` reads ``Doc._.events`` (set by orbat_events, which runs first) and turns
every violent event with two named armed actors into ``fights`` (``rival_of`` when one side is not
an armed actor), dated by the event and as certain as it: a claimed attack gives a claimed
relation. Civilians, protesters, rioters and unidentified groups are not parties.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from orbat.model import Event, Mention, Relation
from orbat.ontology.predicates import load_predicates

_VIOLENT = ("Battles/", "Explosions/Remote violence/")
_NOT_PARTIES = ("Civilians", "Protesters", "Rioters", "Unidentified")
_STATE_PREFIXES = ("Military Forces of", "Police Forces of")


def _kind(name: str, mentions: dict[str, Mention]) -> tuple[str, str | None] | None:
    """(entity type, entity id) of an actor name, or None when it is not a possible party."""
    if name.startswith(_NOT_PARTIES):
        return None
    found = mentions.get(name)
    if found is not None:
        return found.type, found.entity_id
    return ("ORG_ARMED", None) if name.startswith(_STATE_PREFIXES) else None


def _predicate(subject_type: str, object_type: str) -> str | None:
    predicates = load_predicates()
    for name in ("fights", "rival_of"):
        pred = predicates[name]
        if subject_type in pred.subject_types and object_type in pred.object_types:
            return name
    return None


def _relation(event: Event, mentions: dict[str, Mention]) -> Relation | None:
    if not event.type.startswith(_VIOLENT) or not event.actor1 or not event.actor2 or event.actor1 == event.actor2:
        return None
    first, second = _kind(event.actor1, mentions), _kind(event.actor2, mentions)
    if first is None or second is None:
        return None
    predicate = _predicate(first[0], second[0])
    if predicate is None:
        return None
    certainty = event.certainty if event.certainty in ("claimed", "alleged", "reported") else "asserted"
    return Relation(event.actor1, predicate, event.actor2, event.evidence, date=event.date,
                    certainty=certainty, subject_id=first[1], object_id=second[1],
                    rule=f"event:{event.type}")


def event_relations(doc: Doc) -> Iterator[Relation]:
    mentions: dict[str, Mention] = {}
    for m in doc._.mentions:
        mentions.setdefault(m.canonical, m)
    for event in doc._.events:
        rel = _relation(event, mentions)
        if rel is not None:
            yield rel
