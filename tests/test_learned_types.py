"""The learned layer's event-type decisions next to the trigger rules (orbat.events.learned)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from _helpers_events import parser

from orbat.events.detect import Candidate, TriggerMatcher, candidates
from orbat.events.learned import PROPOSE, RETYPE, LearnedTypes
from orbat.learned.models import Models
from orbat.learned.textcat import NONE, TypeClassifier, TypeGuess, make_estimator
from orbat.lexicon import load_lexicon
from orbat.ontology.events import parse_event_types

AIR = "Explosions/Remote violence/Air/drone strike"
CLASH = "Battles/Armed clash"
PROTEST = "Protests/Peaceful protest"
ONTOLOGY = parse_event_types()


@dataclass
class FixedGuess:
    """A stand-in classifier that answers one guess for every sentence."""

    guess: TypeGuess

    def predict(self, sentences: list[str]) -> list[TypeGuess]:
        return [self.guess] * len(sentences)


def _layer(label: str, p: float, mode: str = "both") -> LearnedTypes:
    return LearnedTypes(Models(mode, FixedGuess(TypeGuess(label, p, NONE, 1 - p))), ONTOLOGY)


def _rule_candidates(text: str) -> tuple[list[Candidate], object]:
    doc = parser()(text)
    return candidates(doc, TriggerMatcher(doc.vocab, ONTOLOGY), ONTOLOGY, load_lexicon()), next(iter(doc.sents))


@pytest.mark.slow
def test_learned_types_a_confident_model_retypes_the_rule_candidate_and_says_so() -> None:
    found, sent = _rule_candidates("Militants attacked an army post in the town on Monday.")
    assert found and found[0].etype.name != AIR
    [cand] = _layer(AIR, RETYPE + 0.1).decide([found[0]], _layer(AIR, RETYPE + 0.1).guesses([sent])[0], sent)
    assert cand.etype.name == AIR and cand.token.i == found[0].token.i
    assert "learned" in cand.note and AIR in cand.note


@pytest.mark.slow
def test_learned_types_a_hesitant_model_leaves_the_rules_alone() -> None:
    found, sent = _rule_candidates("Militants attacked an army post in the town on Monday.")
    layer = _layer(AIR, RETYPE - 0.1)
    assert layer.decide([found[0]], layer.guesses([sent])[0], sent) == [found[0]]


@pytest.mark.slow
def test_learned_types_proposes_an_event_where_no_trigger_matched_only_when_confident() -> None:
    doc = parser()("Hundreds of teachers marched through the capital demanding unpaid salaries.")
    sent = next(iter(doc.sents))
    sure, unsure = _layer(PROTEST, PROPOSE + 0.05), _layer(PROTEST, PROPOSE - 0.05)
    [cand] = sure.decide([], sure.guesses([sent])[0], sent)
    assert cand.etype.name == PROTEST and cand.token.pos_ == "VERB" and cand.token.lemma_ == "march"
    assert unsure.decide([], unsure.guesses([sent])[0], sent) == []


@pytest.mark.slow
def test_learned_types_learned_mode_drops_what_the_model_calls_no_event() -> None:
    found, sent = _rule_candidates("Militants attacked an army post in the town on Monday.")
    both, learned = _layer(NONE, 0.9, "both"), _layer(NONE, 0.9, "learned")
    assert both.decide(found[:1], both.guesses([sent])[0], sent) == found[:1]
    assert learned.decide(found[:1], learned.guesses([sent])[0], sent) == []


def test_learned_types_rules_mode_loads_no_model() -> None:
    layer = LearnedTypes(None, ONTOLOGY)
    assert not layer.active and layer.guesses([]) == []


SENTENCES = [
    ("Jets struck a training camp overnight.", AIR), ("A drone hit a vehicle near the market.", AIR),
    ("Warplanes bombed rebel positions.", AIR), ("An air raid destroyed the depot.", AIR),
    ("Fighters clashed with troops for hours.", CLASH), ("Gunmen exchanged fire with soldiers.", CLASH),
    ("Rebels ambushed an army patrol.", CLASH), ("Militants fought the police at a checkpoint.", CLASH),
    ("The ministry published its annual budget.", NONE), ("The minister travelled to the capital.", NONE),
    ("Schools reopened after the holiday.", NONE), ("Officials met to discuss trade.", NONE),
]


def test_learned_types_classifier_trains_saves_and_loads_the_same_answers(tmp_path: Path) -> None:
    estimator = make_estimator(seed=7)
    estimator.fit([t for t, _ in SENTENCES * 2], [lab for _, lab in SENTENCES * 2])
    clf = TypeClassifier(estimator, {"seed": 7})
    clf.save(tmp_path / "m.json")
    loaded = TypeClassifier.load(tmp_path / "m.json")
    probe = ["Jets struck a camp.", "Soldiers clashed with gunmen.", "The budget was published."]
    assert [g.label for g in loaded.predict(probe)] == [g.label for g in clf.predict(probe)]
    assert loaded.card == {"seed": 7} and set(loaded.classes) == {AIR, CLASH, NONE}
    guess = loaded.predict(probe)[0]
    assert guess.probability >= guess.runner_up_probability


def test_learned_types_a_missing_model_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    from orbat.errors import DataError

    (tmp_path / "m.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DataError, match="make train"):
        TypeClassifier.load(tmp_path / "m.json")
