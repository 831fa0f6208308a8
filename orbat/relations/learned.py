"""Relations decided by a trained pair classifier over the entity units of a sentence.

Every ordered pair of units (named entities and resolved anaphors such as "the group") in a
sentence is a candidate; the classifier (sparse features -> logistic regression, trained by
``make train`` on the corpus relation gold) answers a predicate with its direction, or "none".
The YAML patterns stay the precise layer: a pair the rules already relate is left to them; the
model adds what it is confident of (p >= ``ADD``), and its rule says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from orbat.errors import DataError
from orbat.relations.units import Candidate, Unit

NONE = "none"
ADD = 0.6
_MAX_BETWEEN = 14
_MAX_PAIRS = 40  # units in a sentence beyond this are read in order, nearest pairs first


def _lca_path(a: Token, b: Token) -> str:
    """Dependency labels and lemmas from ``a`` up to the common ancestor and down to ``b``."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return "nopath"
    left = [f"{t.dep_}" for t in up_a[:up_a.index(common)]]
    right = [f"{t.dep_}" for t in up_b[:up_b.index(common)]]
    return f"{'/'.join(left)}^{common.lemma_.lower()}^{'/'.join(reversed(right))}"


def pair_features(doc: Doc, sent: Span, a: Unit, b: Unit) -> dict[str, float]:
    """Features of the pair (``a`` before ``b`` in the text)."""
    between = [t for t in doc[a.tok_end:b.tok_start] if not t.is_space]
    f: dict[str, float] = {f"types={a.type}|{b.type}": 1.0, f"atype={a.type}": 1.0, f"btype={b.type}": 1.0}
    if len(between) > _MAX_BETWEEN:
        f["between=long"] = 1.0
        words = [t.lower_ for t in between[:4]] + [t.lower_ for t in between[-4:]]
    else:
        words = [t.lower_ for t in between]
        f["between=" + " ".join(words)] = 1.0
    for w in words:
        f["bw=" + w] = 1.0
    for x, y in zip(words, words[1:], strict=False):
        f[f"bb={x}_{y}"] = 1.0
    if words:
        f["first=" + words[0]] = 1.0
        f["last=" + words[-1]] = 1.0
    f[f"dist={min(len(between), 20) // 3}"] = 1.0
    before = [t.lower_ for t in doc[max(sent.start, a.tok_start - 3):a.tok_start] if not t.is_space]
    after = [t.lower_ for t in doc[b.tok_end:min(sent.end, b.tok_end + 3)] if not t.is_space]
    for w in before:
        f["pre=" + w] = 1.0
    for w in after:
        f["post=" + w] = 1.0
    f["anaphor_a"] = float(a.anaphor)
    f["anaphor_b"] = float(b.anaphor)
    path = _lca_path(doc[a.root], doc[b.root])
    f["path=" + path] = 1.0
    f["lca=" + (path.split("^")[1] if "^" in path else "none")] = 1.0
    for w in ("'s", ",", "(", "and", "of", "by", "in", "with", "against", "led", "leader", "member"):
        if w in words:
            f["has=" + w] = 1.0
    return f


def pairs(units: list[Unit]) -> Iterator[tuple[Unit, Unit]]:
    """Ordered (earlier, later) pairs of distinct entities, nearest first."""
    ordered = sorted(units, key=lambda u: u.start)[:_MAX_PAIRS]
    out = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if a.key() != b.key() and a.end <= b.start:
                out.append((b.start - a.end, a, b))
    for _, a, b in sorted(out, key=lambda x: x[0]):
        yield a, b


@dataclass
class PairClassifier:
    """The trained pair model: a DictVectorizer + logistic regression pipeline and its card."""

    estimator: Any
    card: dict[str, Any]

    def candidates(self, doc: Doc, sent: Span, units: list[Unit], known: set[tuple[str, str]]) -> list[Candidate]:
        """Relations the model adds for this sentence (pairs the rules related are skipped)."""
        todo = [(a, b) for a, b in pairs(units) if (a.key(), b.key()) not in known and (b.key(), a.key()) not in known]
        if not todo:
            return []
        probs = self.estimator.predict_proba([pair_features(doc, sent, a, b) for a, b in todo])
        classes = [str(c) for c in self.estimator.classes_]
        out = []
        for (a, b), row in zip(todo, probs, strict=True):
            best = int(row.argmax())
            label, p = classes[best], float(row[best])
            if label == NONE or p < ADD:
                continue
            predicate, _, direction = label.partition(":")
            subj, obj = (a, b) if direction == "ab" else (b, a)
            out.append(Candidate(subj, predicate, obj, f"learned: pair classifier p={p:.2f}"))
        return out

    def save(self, path: Path) -> None:
        """Write ``<name>.npz`` (the arrays prediction needs) and the card ``<name>.json``."""
        from orbat.learned.linear import export_dict

        export_dict(self.estimator, path.with_suffix(".npz"))
        path.with_suffix(".json").write_text(json.dumps(self.card, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PairClassifier:
        from orbat.learned.linear import DictModel

        try:
            card = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            estimator = DictModel.load(path.with_suffix(".npz"))
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(str(path), f"cannot load the relation model ({exc}); run `make train`") from exc
        return cls(estimator, card)


def make_estimator(seed: int, c: float = 2.0) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([("features", DictVectorizer()),
                     ("model", LogisticRegression(C=c, max_iter=3000, random_state=seed))])
