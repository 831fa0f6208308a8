"""The relation pair classifier: candidate pairs, features, and what it may add next to the rules."""

from __future__ import annotations

import numpy as np
import pytest
from _helpers_relations import doc_with

from orbat.lexicon import load_lexicon
from orbat.relations.learned import ADD, PairClassifier, pair_features, pairs
from orbat.relations.units import sentence_units

pytestmark = pytest.mark.slow
ARMED, PERSON, LOC = "ORG_ARMED", "PERSON", "LOCATION"
TEXT = "Abu Bakr, who heads the Sun Front, said the group controls Tal Abyad."
ENTS = [("Abu Bakr", PERSON), ("Sun Front", ARMED), ("Tal Abyad", LOC)]


class Fixed:
    """A stand-in estimator that gives every pair the same probabilities."""

    classes_ = np.array(["leader_of:ab", "none", "operates_in:ba"])

    def __init__(self, row: list[float]) -> None:
        self.row = row

    def predict_proba(self, xs: list[dict[str, float]]) -> np.ndarray:
        return np.array([self.row] * len(xs))


def _units():  # type: ignore[no-untyped-def]
    doc = doc_with(TEXT, ENTS)
    sent = next(iter(doc.sents))
    return doc, sent, sentence_units(doc, sent, load_lexicon())


def test_relations_learned_pairs_are_ordered_and_nearest_first() -> None:
    _, _, units = _units()
    found = [(a.canonical, b.canonical) for a, b in pairs(units)]
    assert ("Abu Bakr", "Sun Front") in found
    assert all(a != b for a, b in found)
    assert found.index(("Abu Bakr", "Sun Front")) < found.index(("Abu Bakr", "Tal Abyad"))


def test_relations_learned_features_read_the_words_between_and_the_types() -> None:
    doc, sent, units = _units()
    a, b = next((a, b) for a, b in pairs(units) if (a.canonical, b.canonical) == ("Abu Bakr", "Sun Front"))
    f = pair_features(doc, sent, a, b)
    assert f["types=PERSON|ORG_ARMED"] == 1.0 and f["bw=heads"] == 1.0 and f["first=,"] == 1.0


def test_relations_learned_adds_confident_pairs_with_direction_and_its_rule() -> None:
    doc, sent, units = _units()
    model = PairClassifier(Fixed([ADD + 0.2, 0.1, 0.1 - 0.2 + 0.0]), {})
    found = model.candidates(doc, sent, units, known=set())
    assert found and all(c.predicate == "leader_of" and "learned" in c.rule for c in found)
    first = next(c for c in found if {c.subject.canonical, c.object.canonical} == {"Abu Bakr", "Sun Front"})
    assert (first.subject.canonical, first.object.canonical) == ("Abu Bakr", "Sun Front")
    reverse = PairClassifier(Fixed([0.1, 0.1, 0.8]), {}).candidates(doc, sent, units, known=set())
    assert all(c.predicate == "operates_in" for c in reverse)
    assert any((c.subject.canonical, c.object.canonical) == ("Sun Front", "Abu Bakr") for c in reverse)


def test_relations_learned_leaves_pairs_the_rules_related_and_unsure_pairs_alone() -> None:
    doc, sent, units = _units()
    keys = {(a.key(), b.key()) for a, b in pairs(units)}
    assert PairClassifier(Fixed([0.9, 0.05, 0.05]), {}).candidates(doc, sent, units, known=keys) == []
    assert PairClassifier(Fixed([ADD - 0.1, 0.3, 0.2]), {}).candidates(doc, sent, units, known=set()) == []
