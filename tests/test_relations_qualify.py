"""Dates, status and certainty of extracted relations."""

from __future__ import annotations

import pytest
from _helpers_relations import extract

ARMED, PERSON = "ORG_ARMED", "PERSON"
PAIR = [("Eastern Brigade", ARMED), ("Free Tribes", ARMED)]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "date"), [
    ("The Eastern Brigade clashed with the Free Tribes in July 2016.", "2016-07"),
    ("The Eastern Brigade has fought the Free Tribes since 2013.", "2013"),
    ("The Eastern Brigade fought the Free Tribes from 2012 to 2015.", "2012/2015"),
    ("The Eastern Brigade clashed with the Free Tribes.", None),
])
def test_relations_qualify_date_from_clause(text: str, date: str | None) -> None:
    [rel] = extract(text, PAIR)
    assert rel.date == date


@pytest.mark.slow
def test_relations_qualify_former_status() -> None:
    text = "The Eastern Brigade was once allied with the Free Tribes."
    [rel] = extract(text, PAIR)
    assert (rel.predicate, rel.status) == ("allied_with", "former")


@pytest.mark.slow
def test_relations_qualify_formerly_known_as_is_not_former() -> None:
    [rel] = extract("The Eastern Brigade, formerly known as the Free Tribes, denied it.", PAIR)
    assert (rel.predicate, rel.status) == ("renamed_to", "current")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "certainty"), [
    ("The Eastern Brigade says it controls the Free Tribes' old base and fought the Free Tribes.", "claimed"),
    ("Officials accused the Eastern Brigade of attacking the Free Tribes.", "alleged"),
    ("The Eastern Brigade attacked the Free Tribes on Sunday.", "asserted"),
])
def test_relations_qualify_certainty(text: str, certainty: str) -> None:
    rels = [r for r in extract(text, PAIR) if r.predicate == "rival_of/fights"]
    assert rels and rels[0].certainty == certainty


@pytest.mark.slow
def test_relations_qualify_speaker_apposition_is_not_a_claim() -> None:
    text = "Omar Haddad, the leader of the Eastern Brigade, said the talks had failed."
    [rel] = extract(text, [("Omar Haddad", PERSON), ("Eastern Brigade", ARMED)])
    assert (rel.predicate, rel.certainty) == ("leader_of", "asserted")


@pytest.mark.slow
def test_relations_qualify_third_party_statement_is_reported() -> None:
    text = "The Free Tribes said the Eastern Brigade had clashed with the Sun Front."
    rels = extract(text, [*PAIR, ("Sun Front", ARMED)])
    [rel] = [r for r in rels if r.object == "Sun Front"]
    assert rel.certainty == "reported"


@pytest.mark.slow
def test_relations_qualify_denial_after_the_relation_is_not_an_allegation() -> None:
    text = "Omar Haddad, the leader of the Eastern Brigade, denied the report."
    [rel] = extract(text, [("Omar Haddad", PERSON), ("Eastern Brigade", ARMED)])
    assert rel.certainty == "asserted"
