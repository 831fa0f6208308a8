"""Trained linear models as plain arrays, so the pipeline predicts without importing scikit-learn.

``make train`` fits scikit-learn pipelines (TF-IDF or DictVectorizer -> logistic regression) and
``export_*`` writes what prediction needs into one ``.npz``: vocabularies, idf weights, the
coefficient matrix and intercepts. ``TextModel`` / ``DictModel`` compute the same probabilities
as ``predict_proba`` (tests/test_learned_linear.py checks them against scikit-learn) in about a
tenth of the start-up time: importing scikit-learn and unpickling its objects cost more than the
spaCy model load.

Scoring is plain numpy, in scipy's order: a row's features sorted by column, each product added
in turn (``np.cumsum``), as ``csr_matrix @ dense`` does, so the probabilities are bit-for-bit
those of the sparse product (tests/test_learned_linear.py) without importing scipy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

_JOIN = "\u241f"  # separates vocabulary entries in the archive (a character no feature contains)


def _pack(names: Iterable[str]) -> np.ndarray:
    return np.array(_JOIN.join(names))


def _unpack(packed: np.ndarray) -> list[str]:
    text = str(packed)
    return text.split(_JOIN) if text else []


_WORD_CACHE = 50_000  # words whose n-gram ids one _Tfidf keeps before starting over


def _char_wb_word(word: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of one word, space-padded: every n-gram of each size
    from ``lo`` to ``hi``; a padded word no longer than ``n`` is one n-gram and ends the sizes."""
    w = f" {word} "
    out: list[str] = []
    for n in range(lo, hi + 1):
        if len(w) <= n:
            out.append(w)
            break
        out += [w[i:i + n] for i in range(len(w) - n + 1)]
    return out


def _char_wb(text: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer: n-grams inside each space-padded word."""
    return [g for word in text.split() for g in _char_wb_word(word, lo, hi)]


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
        self._word_ids: dict[str, list[int]] = {}  # char_wb: a word's known n-gram ids, in n-gram order

    def _ids(self, low: str) -> list[int]:
        """The vocabulary ids of the text's n-grams, in the analyzer's order (unknown ones left out)."""
        get = self.index.get
        if self.kind != "char_wb":
            return [i for i in map(get, _words(low, self.pattern, self.lo, self.hi)) if i is not None]
        cache = self._word_ids
        if len(cache) > _WORD_CACHE:
            cache.clear()
        out: list[int] = []
        for word in low.split():
            ids = cache.get(word)
            if ids is None:
                ids = cache[word] = [i for i in map(get, _char_wb_word(word, self.lo, self.hi)) if i is not None]
            out += ids
        return out

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One text's (columns, l2-normalised sublinear tf-idf weights), columns in first-seen order."""
        counts = Counter(self._ids(text.lower()))
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        weights = tf * self.idf[idx]
        weights /= np.sqrt(np.dot(weights, weights))
        return idx, weights


def _linear_scores(rows: list[tuple[np.ndarray, np.ndarray]], coef_t: np.ndarray) -> np.ndarray:
    """``x @ coef.T`` for sparse rows given as (columns, values), as scipy's CSR product computes
    it: in each row the columns in ascending order, each ``value * coefficients`` added in turn."""
    scores = np.zeros((len(rows), coef_t.shape[1]))
    filled = [r for r, (cols, _) in enumerate(rows) if len(cols)]
    if not filled:
        return scores
    if len(filled) == 1:
        cols, vals = rows[filled[0]]
        order = np.argsort(cols)
        scores[filled[0]] = np.cumsum(vals[order, None] * coef_t[cols[order]], axis=0)[-1]  # strictly in order
        return scores
    cols = np.concatenate([rows[r][0] for r in filled])
    vals = np.concatenate([rows[r][1] for r in filled])
    sizes = np.array([len(rows[r][0]) for r in filled])
    row_of = np.repeat(np.arange(len(filled)), sizes)
    order = np.lexsort((cols, row_of))  # ascending columns within each row, rows in order
    at = np.arange(len(cols)) - np.repeat(np.cumsum(sizes) - sizes, sizes)  # position within the row
    padded = np.zeros((len(filled), int(sizes.max()), coef_t.shape[1]))  # + 0.0 past a row's end is exact
    padded[row_of, at] = vals[order, None] * coef_t[cols[order]]
    scores[filled] = np.cumsum(padded, axis=1)[:, -1]  # accumulate: strictly in order
    return scores


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
        self._coef_t = np.ascontiguousarray(coef.T)
        self._offsets = np.cumsum([0] + [len(p.index) for p in parts])[:-1].tolist()

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        scores = np.zeros((len(texts), self._coef_t.shape[1]))
        for r, text in enumerate(texts):  # one text at a time: rows differ widely in length
            parts = [p.row(text) for p in self.parts]
            row = (np.concatenate([idx + off for (idx, _), off in zip(parts, self._offsets, strict=True)]),
                   np.concatenate([w for _, w in parts]))
            scores[r] = _linear_scores([row], self._coef_t)[0]
        return _softmax(scores + self.intercept)

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
        self._coef_t = np.ascontiguousarray(coef.T)

    def predict_proba(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        index = self.index
        sparse_rows = []
        for feats in rows:
            known = [(i, v) for i, v in zip(map(index.get, feats), feats.values(), strict=True) if i is not None and v]
            sparse_rows.append((np.array([i for i, _ in known], dtype=np.int64),
                                np.array([v for _, v in known], dtype=np.float64)))
        return _softmax(_linear_scores(sparse_rows, self._coef_t) + self.intercept)

    @classmethod
    def load(cls, path: Path) -> DictModel:
        with np.load(path, allow_pickle=False) as z:
            return cls(_unpack(z["names"]), z["coef"], z["intercept"], _unpack(z["classes"]))


def export_dict(estimator: Any, path: Path) -> None:
    vec, model = estimator.named_steps["features"], estimator.named_steps["model"]
    np.savez_compressed(path, names=_pack(vec.feature_names_), coef=model.coef_, intercept=model.intercept_,
                        classes=_pack(str(c) for c in model.classes_))


def save_with_card(estimator: Any, card: dict[str, Any], path: Path) -> None:
    """Write a fitted DictVectorizer pipeline as ``<name>.npz`` and its card as ``<name>.json``."""
    import json

    export_dict(estimator, path.with_suffix(".npz"))
    path.with_suffix(".json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_with_card(path: Path, what: str) -> tuple[DictModel, dict[str, Any]]:
    """The ``DictModel`` and card written by ``save_with_card``; a one-line DataError naming ``what``."""
    import json

    from orbat.errors import DataError

    try:
        card = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return DictModel.load(path.with_suffix(".npz")), card
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(str(path), f"cannot load the {what} ({exc}); run `make train`") from exc
