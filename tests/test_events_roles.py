"""Argument roles (orbat.events.roles): every party and place of a sentence is a candidate, and a
trained model's confident choice replaces the rule's actor1 or location, saying so in ``rule``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from _helpers_docs import mark_entities
from _helpers_events import StubGazetteer, parser
from _helpers_resources import resources_with

from orbat.events.component import EventExtractor
from orbat.events.roles import Candidate, Roles
from orbat.learned.linear import DictModel, export_dict
from orbat.model import Article
from orbat.nlp.dates import DateTagger
from orbat.nlp.normalize import normalize_for_nlp
from orbat.relations.learned import make_estimator


@dataclass
class Scored:
    """A stand-in role model: a candidate's score is the sum of the weights of its features."""

    weights: dict[str, float]
    card: dict[str, Any] = field(default_factory=lambda: {"threshold": 0.5})

    def scores(self, cands: list[Candidate]) -> list[float]:
        return [min(1.0, sum(w for f, w in self.weights.items() if f in c.features)) for c in cands]


def _run(text: str, ents: list[tuple[str, str]], roles: Roles | None = None) -> tuple[Any, list[dict[str, Any]]]:
    nlp = parser()
    doc = nlp(normalize_for_nlp(text))
    mark_entities(doc, ents)
    doc._.article = Article(id="t", text=text, published="2023-06-15")
    DateTagger()(doc)
    ext = EventExtractor(nlp, resources_with(models=None, gazetteer=StubGazetteer()))
    ext.roles, ext.trace = roles, []
    ext(doc)
    return doc, ext.trace


def test_roles_candidates_are_the_parties_named_described_and_implied() -> None:
    _, trace = _run("Gunmen attacked a police post in Leego on Tuesday.", [("Leego", "LOCATION")])
    actors = {c.name: c.features for c in trace[0]["actors"]}
    assert "Unidentified Armed Group (Somalia)" in actors  # "gunmen", described
    assert any(f.endswith(":nsubj") and f.startswith("rel=") for f in actors["Unidentified Armed Group (Somalia)"])
    assert "k=implied" in actors["Military Forces of Somalia"]  # not in the text, but a possible agent
    assert "k=implied" not in actors["Unidentified Armed Group (Somalia)"]
    assert [c.name for c in trace[0]["places"]] == ["Leego"]


def test_roles_model_replaces_the_rule_actor_only_when_confident() -> None:
    text = "An air strike hit a market in Leego on Tuesday, killing five civilians."
    ents = [("Leego", "LOCATION")]
    sure = Roles(Scored({"t|implied=Explosions/Remote violence/Air/drone strike|military": 0.9}), None)  # type: ignore[arg-type]
    doc, _ = _run(text, ents, sure)
    (ev,) = doc._.events
    assert ev.actor1 == "Military Forces of Somalia"
    assert "learned actor1: Military Forces of Somalia p=0.90" in ev.rule
    unsure = Roles(Scored({"t|implied=Explosions/Remote violence/Air/drone strike|military": 0.4}), None)  # type: ignore[arg-type]
    doc, _ = _run(text, ents, unsure)
    assert doc._.events[0].actor1 != "Military Forces of Somalia"
    assert "learned actor1" not in doc._.events[0].rule


def test_roles_choice_keeps_the_rule_when_it_scores_as_well() -> None:
    cands = [Candidate("A", {"x": 1.0}), Candidate("B", {"y": 1.0})]
    roles = Roles(Scored({"x": 0.8, "y": 0.7}), Scored({"x": 0.6, "y": 0.9}))  # type: ignore[arg-type]
    assert roles.choose_actor1(cands, "A") is None  # the rule's pick is the model's best
    choice = roles.choose_actor1(cands, "B")
    assert choice is not None and (choice.name, choice.rule_probability) == ("A", 0.7)
    assert roles.choose_place(cands, "A") is not None and roles.choose_place(cands, "B") is None
    assert roles.choose_actor1([Candidate("A", {"x": 1.0})], "A") is None


def test_roles_binary_model_exports_with_the_probabilities_of_scikit_learn(tmp_path: Path) -> None:
    rows = [{"a": 1.0, "k=x": 1.0}, {"b": 1.0}, {"a": 1.0, "c": 1.0}, {"c": 1.0}, {"b": 1.0, "d": 1.0}, {"d": 1.0}]
    est = make_estimator(seed=3).fit(rows, ["1", "0", "1", "0", "0", "1"])
    export_dict(est, tmp_path / "m.npz")
    model = DictModel.load(tmp_path / "m.npz")
    probes = [{"a": 1.0}, {"unseen": 1.0}, {}, {"c": 1.0, "d": 1.0}]
    np.testing.assert_allclose(model.predict_proba(probes), est.predict_proba(probes), rtol=1e-9, atol=1e-12)


@dataclass
class Sure:
    """A stand-in multi-class model: fixed probabilities over sub-types."""

    probs: dict[str, float]

    @property
    def classes_(self) -> list[str]:
        return list(self.probs)

    def predict_proba(self, rows: list[dict[str, float]]) -> np.ndarray:
        return np.array([list(self.probs.values()) for _ in rows])


@dataclass
class FixedTypes:
    estimator: Sure
    card: dict[str, Any] = field(default_factory=lambda: {"threshold": 0.6})


def test_roles_type_changes_when_the_parties_say_so_and_the_model_is_sure() -> None:
    attack = "Violence against civilians/Attack"
    clash = "Battles/Armed clash"
    sure = Roles(None, None, FixedTypes(Sure({attack: 0.8, clash: 0.2})))
    assert (sure.choose_type({}, clash).name, sure.choose_type({}, clash).rule_probability) == (attack, 0.2)  # type: ignore[union-attr]
    assert sure.choose_type({}, attack) is None
    unsure = Roles(None, None, FixedTypes(Sure({attack: 0.55, clash: 0.45})))
    assert unsure.choose_type({}, clash) is None
    assert Roles(None, None).choose_type({}, clash) is None


def test_roles_retyped_protest_takes_the_protest_conventions() -> None:
    text = "Gunmen clashed with soldiers in Leego on Tuesday."
    to_protest = Roles(None, None, FixedTypes(Sure({"Protests/Peaceful protest": 0.95, "Battles/Armed clash": 0.05})))
    doc, trace = _run(text, [("Leego", "LOCATION")], to_protest)
    assert "cur=Battles/Armed clash" in trace[0]["type_features"]
    (ev,) = doc._.events
    assert ev.type == "Protests/Peaceful protest"
    assert ev.actor1 == "Protesters (Somalia)"  # the protest convention, applied after the change
    assert "learned type: Battles/Armed clash -> Protests/Peaceful protest p=0.95" in ev.rule
    doc, _ = _run(text, [("Leego", "LOCATION")], None)
    assert doc._.events[0].type == "Battles/Armed clash"


def test_roles_margin_keeps_the_rule_against_a_narrow_winner() -> None:
    cands = [Candidate("A", {"x": 1.0}), Candidate("B", {"y": 1.0})]
    narrow = Roles(Scored({"x": 0.45, "y": 0.3}, {"threshold": 0.3, "margin": 0.2}), None)  # type: ignore[arg-type]
    assert narrow.choose_actor1(cands, "B") is None  # 0.45 does not beat 0.3 by 0.2
    wide = Roles(Scored({"x": 0.65, "y": 0.3}, {"threshold": 0.3, "margin": 0.2}), None)  # type: ignore[arg-type]
    assert wide.choose_actor1(cands, "B") is not None
