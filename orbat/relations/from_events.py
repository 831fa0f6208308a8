"""Relations implied by extracted events: two actors of a battle or an attack fight each other.

``event_relations(doc, lexicon, predicates)`` reads ``Doc._.events`` (set by orbat_events, which runs first) and turns
every violent event with two named armed actors into ``fights`` (``rival_of`` when one side is not
an armed actor), dated by the event and as certain as it: a claimed attack gives a claimed
relation. Civilians, protesters, rioters and unidentified groups are not parties.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc

from orbat.lexicon import Lexicon
from orbat.model import Event, Mention, Relation
from orbat.ontology.predicates import Predicate

_VIOLENT = ("Battles/", "Explosions/Remote violence/")
_NOT_PARTIES = ("civilians", "protesters", "rioters", "unidentified")  # lexicon templates of non-parties
_STATE = ("military", "police")


def _kind(name: str, mentions: dict[str, Mention], lex: Lexicon) -> tuple[str, str | None] | None:
    """(entity type, entity id) of an actor name, or None when it is not a possible party."""
    if name.startswith(lex.prefixes(*_NOT_PARTIES)):
        return None
    found = mentions.get(name)
    if found is not None:
        return found.type, found.entity_id
    return ("ORG_ARMED", None) if name.startswith(lex.prefixes(*_STATE)) else None


def _predicate(subject_type: str, object_type: str, predicates: Mapping[str, Predicate]) -> str | None:
    for name in ("fights", "rival_of"):
        pred = predicates[name]
        if subject_type in pred.subject_types and object_type in pred.object_types:
            return name
    return None


def _relation(event: Event, mentions: dict[str, Mention], lex: Lexicon,
              predicates: Mapping[str, Predicate]) -> Relation | None:
    if not event.type.startswith(_VIOLENT) or not event.actor1 or not event.actor2 or event.actor1 == event.actor2:
        return None
    first, second = _kind(event.actor1, mentions, lex), _kind(event.actor2, mentions, lex)
    if first is None or second is None:
        return None
    predicate = _predicate(first[0], second[0], predicates)
    if predicate is None:
        return None
    certainty = event.certainty if event.certainty in ("claimed", "alleged", "reported") else "asserted"
    return Relation(event.actor1, predicate, event.actor2, event.evidence, date=event.date,
                    certainty=certainty, subject_id=first[1], object_id=second[1],
                    rule=f"event:{event.type}")


def event_relations(doc: Doc, lex: Lexicon, predicates: Mapping[str, Predicate]) -> Iterator[Relation]:
    mentions: dict[str, Mention] = {}
    for m in doc._.mentions:
        mentions.setdefault(m.canonical, m)
    for event in doc._.events:
        rel = _relation(event, mentions, lex, predicates)
        if rel is not None:
            yield rel
