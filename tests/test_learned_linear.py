"""The exported linear models predict what scikit-learn predicts, without scikit-learn at run time."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from orbat.learned.linear import DictModel, TextModel, export_dict, export_text
from orbat.learned.textcat import make_estimator
from orbat.relations.learned import make_estimator as make_pair_estimator

TEXTS = ["Jets struck a training camp overnight near Idlib.", "A drone hit a vehicle near the market.",
         "Fighters clashed with troops for hours in Gao.", "Gunmen exchanged fire with soldiers.",
         "The ministry published its annual budget.", "Schools reopened after the holiday, officials said.",
         "Hundreds marched through the capital on Friday.", "Protesters gathered outside parliament."]
LABELS = ["air", "air", "clash", "clash", "none", "none", "protest", "protest"]
PROBES = ["Warplanes struck the camp again.", "Soldiers and gunmen fought.", "An unseen sentence ünïcode-words!",
          "", "Protesters marched; troops clashed with them."]


def test_learned_linear_text_model_matches_scikit_learn(tmp_path: Path) -> None:
    est = make_estimator(seed=3)
    est.named_steps["features"].transformer_list[0][1].min_df = 1
    est.named_steps["features"].transformer_list[1][1].min_df = 1
    est.fit(TEXTS * 2, LABELS * 2)
    export_text(est, tmp_path / "m.npz")
    model = TextModel.load(tmp_path / "m.npz")
    assert list(model.classes_) == list(est.classes_)
    np.testing.assert_allclose(model.predict_proba(PROBES), est.predict_proba(PROBES), rtol=1e-9, atol=1e-12)


def test_learned_linear_dict_model_matches_scikit_learn(tmp_path: Path) -> None:
    rows = [{"a": 1.0, "types=X|Y": 1.0}, {"b": 1.0}, {"a": 1.0, "c": 2.0}, {"c": 1.0}, {"b": 1.0, "d": 1.0},
            {"d": 1.0}]
    labels = ["p:ab", "none", "p:ab", "q:ba", "none", "q:ba"]
    est = make_pair_estimator(seed=3).fit(rows, labels)
    export_dict(est, tmp_path / "m.npz")
    model = DictModel.load(tmp_path / "m.npz")
    probes = [{"a": 1.0}, {"unseen": 1.0}, {}, {"c": 1.0, "d": 1.0, "zz": 3.0}]
    np.testing.assert_allclose(model.predict_proba(probes), est.predict_proba(probes), rtol=1e-9, atol=1e-12)
