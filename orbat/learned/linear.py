"""Trained linear models as plain arrays, so the pipeline predicts without importing scikit-learn.

``make train`` fits scikit-learn pipelines (TF-IDF or DictVectorizer -> logistic regression) and
``export_*`` writes what prediction needs into one ``.npz``: vocabularies, idf weights, the
coefficient matrix and intercepts. ``TextModel`` / ``DictModel`` compute the same probabilities
as ``predict_proba`` (tests/test_learned_linear.py checks them against scikit-learn) in about a
tenth of the start-up time: importing scikit-learn and unpickling its objects cost more than the
spaCy model load.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

_JOIN = "\u241f"  # separates vocabulary entries in the archive (a character no feature contains)


def _pack(names: Iterable[str]) -> np.ndarray:
    return np.array(_JOIN.join(names))


def _unpack(packed: np.ndarray) -> list[str]:
    text = str(packed)
    return text.split(_JOIN) if text else []


def _char_wb(text: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer: n-grams inside each space-padded word."""
    out: list[str] = []
    for word in text.split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:
                break
    return out


def _words(text: str, pattern: re.Pattern[str], lo: int, hi: int) -> list[str]:
    tokens = pattern.findall(text)
    out = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        out += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return out


class _Tfidf:
    """One fitted TfidfVectorizer (lowercase, sublinear tf, l2 norm)."""

    def __init__(self, kind: str, lo: int, hi: int, pattern: str, vocab: list[str], idf: np.ndarray) -> None:
        self.kind, self.lo, self.hi = kind, lo, hi
        self.pattern = re.compile(pattern)
        self.index = {term: i for i, term in enumerate(vocab)}
        self.idf = idf

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            low = text.lower()
            grams = _char_wb(low, self.lo, self.hi) if self.kind == "char_wb" else _words(low, self.pattern, self.lo, self.hi)
            counts = Counter(self.index[g] for g in grams if g in self.index)
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
            weights = tf * self.idf[idx]
            weights /= np.sqrt(np.dot(weights, weights))
            rows += [r] * len(idx)
            cols += idx.tolist()
            vals += weights.tolist()
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.index)))


def _softmax(scores: np.ndarray) -> np.ndarray:
    if scores.shape[1] == 1:  # a binary model keeps one row of coefficients: the logistic of its score
        positive = 1.0 / (1.0 + np.exp(-scores))
        return np.hstack([1.0 - positive, positive])
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


class TextModel:
    """TF-IDF feature union -> multinomial logistic regression, from ``export_text``."""

    def __init__(self, parts: list[_Tfidf], coef: np.ndarray, intercept: np.ndarray, classes: list[str]) -> None:
        self.parts, self.coef, self.intercept, self.classes_ = parts, coef, intercept, np.array(classes)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        x = sparse.hstack([p.transform(texts) for p in self.parts]).tocsr()
        return _softmax(np.asarray(x @ self.coef.T) + self.intercept)

    @classmethod
    def load(cls, path: Path) -> TextModel:
        with np.load(path, allow_pickle=False) as z:
            parts = [_Tfidf(str(z[f"kind{i}"]), int(z[f"lo{i}"]), int(z[f"hi{i}"]), str(z[f"pattern{i}"]),
                            _unpack(z[f"vocab{i}"]), z[f"idf{i}"]) for i in range(int(z["parts"]))]
            return cls(parts, z["coef"], z["intercept"], _unpack(z["classes"]))


def export_text(estimator: Any, path: Path) -> None:
    """Write a fitted ``Pipeline([("features", FeatureUnion(tfidf...)), ("model", LogisticRegression)])``."""
    arrays: dict[str, Any] = {}
    parts = estimator.named_steps["features"].transformer_list
    arrays["parts"] = np.array(len(parts))
    for i, (_, vec) in enumerate(parts):
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        arrays.update({f"kind{i}": np.array(vec.analyzer), f"lo{i}": np.array(vec.ngram_range[0]),
                       f"hi{i}": np.array(vec.ngram_range[1]), f"pattern{i}": np.array(vec.token_pattern or ""),
                       f"vocab{i}": _pack(vocab), f"idf{i}": vec.idf_})
    model = estimator.named_steps["model"]
    arrays.update(coef=model.coef_, intercept=model.intercept_, classes=_pack(str(c) for c in model.classes_))
    np.savez_compressed(path, **arrays)


class DictModel:
    """DictVectorizer -> multinomial logistic regression, from ``export_dict``."""

    def __init__(self, names: list[str], coef: np.ndarray, intercept: np.ndarray, classes: list[str]) -> None:
        self.index = {n: i for i, n in enumerate(names)}
        self.coef, self.intercept, self.classes_ = coef, intercept, np.array(classes)

    def predict_proba(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        index, row_ids, cols, vals = self.index, [], [], []
        for r, feats in enumerate(rows):
            for k, v in feats.items():
                i = index.get(k)
                if i is not None and v:
                    row_ids.append(r)
                    cols.append(i)
                    vals.append(v)
        x = sparse.csr_matrix((vals, (row_ids, cols)), shape=(len(rows), len(index)))
        return _softmax(np.asarray(x @ self.coef.T) + self.intercept)

    @classmethod
    def load(cls, path: Path) -> DictModel:
        with np.load(path, allow_pickle=False) as z:
            return cls(_unpack(z["names"]), z["coef"], z["intercept"], _unpack(z["classes"]))


def export_dict(estimator: Any, path: Path) -> None:
    vec, model = estimator.named_steps["features"], estimator.named_steps["model"]
    np.savez_compressed(path, names=_pack(vec.feature_names_), coef=model.coef_, intercept=model.intercept_,
                        classes=_pack(str(c) for c in model.classes_))
