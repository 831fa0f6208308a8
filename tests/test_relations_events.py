"""Fighting implied by extracted events."""

from __future__ import annotations

import spacy
from _helpers_resources import real_resources

from orbat.model import Event, Evidence, Mention
from orbat.nlp.extensions import register_extensions
from orbat.relations.from_events import event_relations

TEXT = "The Sun Front attacked an army post in Gao; residents were also hurt."
EV = Evidence(0, len(TEXT), TEXT)


def doc_with_events(events: list[Event]) -> spacy.tokens.Doc:
    register_extensions()
    doc = spacy.blank("en")(TEXT)
    doc._.mentions.append(Mention("Sun Front", 4, 13, "ORG_ARMED", "Sun Front", "new:org_armed:sun-front"))
    doc._.events.extend(events)
    return doc


def test_relations_events_battle_gives_fights_with_event_date_and_certainty() -> None:
    event = Event("Battles/Armed clash", EV, actor1="Sun Front", actor2="Military Forces of Mali",
                  date="2019-03", certainty="claimed")
    res = real_resources()
    [rel] = event_relations(doc_with_events([event]), res.lexicon, res.predicates)
    assert (rel.subject, rel.predicate, rel.object) == ("Sun Front", "fights", "Military Forces of Mali")
    assert (rel.date, rel.certainty, rel.subject_id) == ("2019-03", "claimed", "new:org_armed:sun-front")
    assert rel.rule == "event:Battles/Armed clash"


def test_relations_events_civilians_and_non_violent_events_give_nothing() -> None:
    events = [
        Event("Violence against civilians/Attack", EV, actor1="Sun Front", actor2="Civilians (Mali)"),
        Event("Strategic developments/Agreement", EV, actor1="Sun Front", actor2="Military Forces of Mali"),
        Event("Battles/Armed clash", EV, actor1="Sun Front", actor2=None),
        Event("Battles/Armed clash", EV, actor1="Sun Front", actor2="Unknown Name"),
    ]
    res = real_resources()
    assert list(event_relations(doc_with_events(events), res.lexicon, res.predicates)) == []
