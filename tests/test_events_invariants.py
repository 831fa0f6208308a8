"""Event rules that must hold on any text. Tree walks over the parse end for every pair of tokens (spaCy makes a new Token object on each
access, so identity tests like ``t.head is not t`` never stop at the root)."""

from __future__ import annotations

import pytest

from orbat.events.arguments import _in_clause
from orbat.model import Article

pytestmark = pytest.mark.slow

TEXT = (
    "Army officials said troops detained four men linked to Islamic State cells in the town, "
    "while the militants, who had fled north, regrouped near the border on Sunday."
)


def test_events_in_clause_terminates_for_every_token_pair(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(pipeline.make_doc(Article(id="walk", text=TEXT)))
    results = {(a.i, b.i): _in_clause(a, b) for a in doc for b in doc}
    assert len(results) == len(doc) ** 2
    assert not any(results[(t.i, t.i)] for t in doc)  # a token is never in a clause of itself


def test_events_state_forces_taking_a_town_regain_territory(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Army retakes town\n\nThe Nigerian army seized the town of Damasak from ISWAP fighters on Monday, "
            "a military spokesman said.")
    ex = pipeline.extract_one(Article(id="retake", text=text, published="2024-05-08"))
    types = {e.type for e in ex.events if e.actor1 == "Military Forces of Nigeria"}
    assert "Battles/Government regains territory" in types
    assert "Battles/Non-state actor overtakes territory" not in types


def test_events_the_group_said_makes_its_own_arrests_claimed(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Ahrar al-Sham said on Monday that it had broken up a smuggling "
            "ring in the town of Sarmada.\n\nIn a statement, the group said its fighters arrested six suspects "
            "in Sarmada.")
    ex = pipeline.extract_one(Article(id="claim", text=text, published="2024-05-08"))
    arrests = [e for e in ex.events if e.type == "Strategic developments/Arrests"]
    assert arrests, [e.type for e in ex.events]
    assert arrests[0].certainty == "claimed"
    assert arrests[0].claimed_by == arrests[0].actor1 == "Ahrar al-Sham"


def test_events_a_group_retaking_a_town_overtakes_territory(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Hay'at Tahrir al-Sham fighters recaptured the town of Sarmada from rival factions on Sunday."
    ex = pipeline.extract_one(Article(id="retake2", text=text, published="2024-05-08"))
    types = {e.type for e in ex.events if e.actor1 == "Hay'at Tahrir al-Sham"}
    assert "Battles/Non-state actor overtakes territory" in types
    assert "Battles/Government regains territory" not in types
