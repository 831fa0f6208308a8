"""Sentence -> ACLED sub-type (or "none"): word and character n-gram TF-IDF with logistic regression.

The family the field uses for event classification from short reports (NGEC/POLECAT train small
classifiers on synthetic reports rather than dictionaries). Trained by ``orbat.learned.train``
on the team's corpus; stored with joblib beside a JSON card (seed, corpus digest, classes,
scores) that ``pipeline_version()`` digests with the model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orbat.errors import DataError

NONE = "none"


@dataclass(frozen=True)
class TypeGuess:
    """The classifier's best label for a sentence and its probability."""

    label: str
    probability: float
    runner_up: str
    runner_up_probability: float


def make_estimator(seed: int, c: float = 8.0, balanced: bool = True, max_features: int = 60_000) -> Any:
    """The untrained model: TF-IDF over words (1-2) and characters (2-5) -> logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True,
                                  token_pattern=r"(?u)\b\w[\w'-]*\b", max_features=max_features)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                  max_features=max_features)),
    ])
    model = LogisticRegression(C=c, max_iter=3000, random_state=seed, class_weight="balanced" if balanced else None)
    return Pipeline([("features", features), ("model", model)])


class TypeClassifier:
    """A trained sentence classifier (``predict`` many sentences at once)."""

    def __init__(self, estimator: Any, card: dict[str, Any]) -> None:
        self.estimator = estimator
        self.card = card
        self.classes: list[str] = [str(c) for c in estimator.classes_]

    def predict(self, sentences: Sequence[str]) -> list[TypeGuess]:
        if not sentences:
            return []
        probs = self.estimator.predict_proba(list(sentences))
        out = []
        for row in probs:
            order = row.argsort()[::-1]
            first, second = int(order[0]), int(order[1]) if len(order) > 1 else int(order[0])
            out.append(TypeGuess(self.classes[first], float(row[first]), self.classes[second], float(row[second])))
        return out

    def save(self, path: Path) -> None:
        """Write ``<name>.npz`` (the arrays prediction needs) and the card ``<name>.json``."""
        from orbat.learned.linear import export_text

        path.parent.mkdir(parents=True, exist_ok=True)
        export_text(self.estimator, path.with_suffix(".npz"))
        path.with_suffix(".json").write_text(json.dumps(self.card, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TypeClassifier:
        """Load ``<name>.npz`` with its card ``<name>.json`` (no scikit-learn needed)."""
        from orbat.learned.linear import TextModel

        model_path, card_path = path.with_suffix(".npz"), path.with_suffix(".json")
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
            estimator = TextModel.load(model_path)
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(str(model_path), f"cannot load the trained model ({exc}); run `make train`") from exc
        return cls(estimator, card)
