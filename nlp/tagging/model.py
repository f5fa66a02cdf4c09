"""The sentence tagger: one calibrated logistic regression per tag over word, character and context features.

Follows the scikit-learn estimator contract: ``__init__`` only stores parameters, ``fit``
returns ``self``, learned state ends in ``_``, the tokeniser is passed in (``tokenizer=``).
Scores are Platt-calibrated on out-of-fold decision values of an inner *grouped* CV, and each
tag's threshold is the one maximising F1 on those out-of-fold scores.

>>> from nlp.tagging.context import derive_contexts
>>> texts = ["资金5万元。", "开展培训3场。", "资金8万元。", "存在资金不足问题。"] * 3
>>> units = [Unit(t, c) for t, c in zip(texts, derive_contexts(texts))]
>>> y = [[0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] * 3
>>> clf = TagClassifier(min_df=1, inner_folds=2).fit(units, y, groups=[0, 0, 1, 1, 2, 2] * 2)
>>> clf.predict(units[:1]).tolist()
[[0, 0, 1, 0]]
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from corpus.errors import ModelError
from nlp.tagging.context import UnitContext
from nlp.tagging.features import FeatureSet, TextFeatures, Tokenizer, text_features, unit_features
from nlp.tagging.resources import HEADING_NUMBER, TAGS
from nlp.tokenize import tokenize

#: Score given to ``amount`` when the unit holds a money token (see ``money_rule``).
MONEY_RULE_SCORE = 0.99
#: Score given to ``amount`` for a table row with bare figures under a (万元) header.
MONEY_ROW_SCORE = 0.9


@dataclass(frozen=True, slots=True)
class Unit:
    """The estimator's input: a unit's text with its context; ``seq`` names its report or file."""

    text: str
    context: UnitContext
    seq: str = ""


def featurize(units: Sequence[Unit], tokenizer: Tokenizer | None = None) -> list[FeatureSet]:
    """Feature blocks of ``units``: each distinct text tokenised and featurised once (units with
    the same text share one text block), each heading tokenised once."""
    tok = tokenizer or tokenize
    cache: dict[str, list[str]] = {}
    parts: dict[str, TextFeatures] = {}
    out: list[FeatureSet] = []
    for u in units:
        words: list[str] = []
        for h in u.context.headings:
            if h not in cache:
                body = HEADING_NUMBER.sub("", h, count=1)
                cache[h] = [t.feature for t in tok(body) if t.kind == "word"]
            words.extend(cache[h])
        tf = parts.get(u.text)
        if tf is None:
            tf = parts[u.text] = text_features(u.text, tok(u.text))
        out.append(unit_features(u.text, u.context, head_words=words, parts=tf))
    return out


class FeatureVectorizer:
    """Feature strings → a sparse matrix: TF-IDF (l2) text block beside a binary context block."""

    def __init__(self, *, min_df: int = 2, max_features: int = 60000, context_weight: float = 1.0) -> None:
        self.min_df = min_df
        self.max_features = max_features
        self.context_weight = context_weight

    def fit(self, sets: Sequence[FeatureSet]) -> FeatureVectorizer:
        df_text: Counter[str] = Counter()
        df_ctx: Counter[str] = Counter()
        for fs in sets:
            df_text.update(set(fs.text))
            df_ctx.update(set(fs.context))
        kept = [f for f, c in df_text.most_common() if c >= self.min_df][: self.max_features]
        self.text_vocab_ = {f: i for i, f in enumerate(sorted(kept))}
        n = len(sets)
        self.idf_ = np.array(
            [math.log((1 + n) / (1 + df_text[f])) + 1 for f in sorted(kept)], dtype=np.float64
        )
        self.context_vocab_ = {
            f: i for i, f in enumerate(sorted(f for f, c in df_ctx.items() if c >= self.min_df))
        }
        return self

    def transform(self, sets: Sequence[FeatureSet]) -> sp.csr_matrix:
        """One row per unit: sublinear TF-IDF text block (l2 = 1) beside the context block (l2 = weight).

        The text block is computed once per distinct text block and its rows then repeated.
        """
        rows: dict[tuple[str, ...], int] = {}
        which = np.fromiter((rows.setdefault(fs.text, len(rows)) for fs in sets), np.int64, len(sets))
        text = _count_matrix(list(rows), self.text_vocab_)
        text.data = 1.0 + np.log(text.data)
        text = _scale_rows(sp.csr_matrix(text.multiply(self.idf_.reshape(1, -1))), 1.0)[which]
        ctx = _count_matrix([fs.context for fs in sets], self.context_vocab_)
        ctx.data[:] = 1.0
        return sp.hstack([text, _scale_rows(ctx, self.context_weight)], format="csr", dtype=np.float64)


def _count_matrix(rows: Sequence[Sequence[str]], vocab: dict[str, int]) -> sp.csr_matrix:
    """Counts of vocabulary features per row (unknown features dropped), looked up in one pass."""
    flat = list(itertools.chain.from_iterable(rows))
    ids = np.fromiter(map(vocab.get, flat, itertools.repeat(-1)), np.int64, len(flat))
    known = ids >= 0
    row_of = np.repeat(np.arange(len(rows)), np.fromiter(map(len, rows), np.int64, len(rows)))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of[known], minlength=len(rows)), out=indptr[1:])
    data = np.ones(int(indptr[-1]), dtype=np.float64)
    m = sp.csr_matrix((data, ids[known], indptr), shape=(len(rows), len(vocab)))
    m.sum_duplicates()
    return m


def _scale_rows(m: sp.csr_matrix, norm: float) -> sp.csr_matrix:
    """Rows scaled to l2 length ``norm`` (empty rows stay empty)."""
    lengths = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    lengths[lengths == 0] = 1.0
    return sp.csr_matrix(sp.diags(norm / lengths) @ m)


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The score threshold maximising F1 of ``p >= t`` against ``y`` (0.5 when ``y`` has no positive).

    >>> best_threshold(np.array([0, 1, 1]), np.array([0.2, 0.6, 0.9]))
    0.4
    """
    if y.sum() == 0:
        return 0.5
    grid = np.arange(0.05, 0.96, 0.025)
    scores = []
    for t in grid:
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        scores.append(2 * tp / (pred.sum() + y.sum()))
    f = np.array(scores)
    best = np.flatnonzero(f >= f.max() - 1e-9)
    return round(float(grid[best[len(best) // 2]]), 3)


def _sigmoid(decision: np.ndarray, platt: np.ndarray) -> np.ndarray:
    z = decision * platt[:, 0] + platt[:, 1]
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def _platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    if len(set(y.tolist())) < 2:
        return 1.0, 0.0
    lr = LogisticRegression(C=1e4).fit(decision.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


class TagClassifier(BaseEstimator):
    """Multi-label tagger: one logistic regression per tag, Platt-calibrated, threshold per tag."""

    def __init__(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        C: float = 4.0,
        min_df: int = 2,
        max_features: int = 60000,
        context_weight: float = 1.0,
        inner_folds: int = 4,
        class_weight: str | None = "balanced",
        money_rule: bool = True,
    ) -> None:
        self.tokenizer = tokenizer
        self.C = C
        self.min_df = min_df
        self.max_features = max_features
        self.context_weight = context_weight
        self.inner_folds = inner_folds
        self.class_weight = class_weight
        self.money_rule = money_rule

    def _lr(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear", max_iter=200)

    def _fit_linear(
        self, X: sp.csr_matrix, Y: np.ndarray, w: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        coef = np.zeros((len(TAGS), X.shape[1]))
        icpt = np.zeros(len(TAGS))
        for j in range(len(TAGS)):
            if len(set(Y[:, j].tolist())) < 2:
                icpt[j] = 10.0 if Y[0, j] else -10.0
                continue
            lr = self._lr().fit(X, Y[:, j], sample_weight=w)
            coef[j], icpt[j] = lr.coef_[0], lr.intercept_[0]
        return coef, icpt

    def _oof_decision(
        self,
        sets: Sequence[FeatureSet],
        Y: np.ndarray,
        groups: np.ndarray,
        w: np.ndarray,
    ) -> np.ndarray:
        k = min(self.inner_folds, len(set(groups.tolist())))
        out = np.zeros(Y.shape, dtype=np.float64)
        if k < 2:
            return out
        for tr, te in GroupKFold(n_splits=k).split(np.zeros(len(Y)), Y, groups):
            vec = self._vectorizer().fit([sets[i] for i in tr])
            Xtr, Xte = vec.transform([sets[i] for i in tr]), vec.transform([sets[i] for i in te])
            coef, icpt = self._fit_linear(Xtr, Y[tr], w[tr])
            out[te] = Xte @ coef.T + icpt
        return out

    def _vectorizer(self) -> FeatureVectorizer:
        return FeatureVectorizer(
            min_df=self.min_df, max_features=self.max_features, context_weight=self.context_weight
        )

    def fit(
        self,
        X: Sequence[Unit],
        Y: Any,
        groups: Any = None,
        sample_weight: Any = None,
    ) -> TagClassifier:
        """Learn vocabulary, weights, calibration and thresholds; ``groups`` drive the inner CV.

        Calibration and thresholds are fitted on the units of full weight only (weight 1, the
        gold units); lighter units (weak labels) only help the weights.
        """
        Y = np.asarray(Y, dtype=np.int8).reshape(len(X), len(TAGS))
        g = np.asarray(groups if groups is not None else np.arange(len(X)) % max(self.inner_folds, 2))
        w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        full = w >= 1.0
        sets = featurize(X, self.tokenizer)
        decision = self._oof_decision(sets, Y, g, w)
        self.vectorizer_ = self._vectorizer().fit(sets)
        base = self.vectorizer_.transform(sets)
        self.coef_, self.intercept_ = self._fit_linear(base, Y, w)
        self.platt_ = np.array([_platt(decision[full, j], Y[full, j]) for j in range(len(TAGS))])
        probs = self._apply_rules(sets, _sigmoid(decision, self.platt_))
        self.thresholds_ = np.array([best_threshold(Y[full, j], probs[full, j]) for j in range(len(TAGS))])
        self.oof_scores_ = probs
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise ModelError("TagClassifier is not fitted: call fit(units, labels) or load a model first")

    def predict_proba(self, X: Sequence[Unit]) -> np.ndarray:
        """Calibrated per-tag scores in [0, 1], one row per unit (neighbours taken from ``X``'s order)."""
        self._check_fitted()
        if not X:
            return np.zeros((0, len(TAGS)))
        sets = featurize(X, self.tokenizer)
        base = self.vectorizer_.transform(sets)
        probs = _sigmoid(np.asarray(base @ self.coef_.T + self.intercept_), self.platt_)
        return self._apply_rules(sets, probs)

    def _apply_rules(self, sets: Sequence[FeatureSet], probs: np.ndarray) -> np.ndarray:
        """The annotation guide's one hard rule: a number followed by 元/万元/亿元 makes a unit ``amount``."""
        if self.money_rule:
            j = TAGS.index("amount")
            money = np.array(["f:money" in fs.context for fs in sets], dtype=bool)
            probs[money, j] = np.maximum(probs[money, j], MONEY_RULE_SCORE)
            rows = np.array(["f:moneyrow" in fs.context for fs in sets], dtype=bool)
            probs[rows, j] = np.maximum(probs[rows, j], MONEY_ROW_SCORE)
        return probs

    def predict(self, X: Sequence[Unit]) -> np.ndarray:
        """0/1 per tag: calibrated score at or above the tag's threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(np.int8)
