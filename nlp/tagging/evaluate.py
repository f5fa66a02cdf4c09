"""Held-out evaluation: grouped cross-validation, per-tag metrics and a summary of the worst errors.

Never tests on a file (or group of files) the model trained on: ``loo`` leaves one file out,
``group-k`` holds out k groups of files (groups = province or department when known), and
``train_test`` trains on one gold set and tests on another.

>>> m = tag_metrics(np.array([[1, 0, 1, 0]]), np.array([[1, 0, 0, 0]]))
>>> m["target"]["f1"], m["amount"]["recall"]
(1.0, 0.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from sklearn.model_selection import GroupKFold

from nlp.tagging.context import derive_contexts
from nlp.tagging.data import GoldUnit, by_file, label_matrix
from nlp.tagging.model import Unit
from nlp.tagging.resources import TAGS


class Tagger(Protocol):
    """Anything with ``fit(units, Y, groups)`` and ``predict(units)``: the model, the rules, spaCy."""

    def fit(self, X: Sequence[Unit], Y: Any, groups: Any = None) -> Any: ...

    def predict(self, X: Sequence[Unit]) -> np.ndarray: ...


@dataclass
class Dataset:
    """Gold units turned into model inputs, with their label matrix and file of origin."""

    gold: list[GoldUnit]
    units: list[Unit]
    Y: np.ndarray
    files: np.ndarray

    def subset(self, idx: np.ndarray) -> Dataset:
        return Dataset(
            [self.gold[i] for i in idx], [self.units[i] for i in idx], self.Y[idx], self.files[idx]
        )


def make_dataset(
    gold: Sequence[GoldUnit], contexts: Callable[[list[GoldUnit]], list[Any]] | None = None
) -> Dataset:
    """Model inputs for gold units, context derived file by file (``contexts`` may supply it)."""
    units: list[Unit] = []
    ordered: list[GoldUnit] = []
    for _file, group in by_file(gold).items():
        ctxs = contexts(group) if contexts else derive_contexts([u.text for u in group])
        units.extend(Unit(u.text, c, u.file) for u, c in zip(group, ctxs, strict=True))
        ordered.extend(group)
    return Dataset(
        ordered, units, label_matrix([u.labels for u in ordered]), np.array([u.file for u in ordered])
    )


def tag_metrics(
    Y: np.ndarray, P: np.ndarray, weights: np.ndarray | None = None
) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per tag, plus ``macro`` (mean F1 over tags with support).

    ``weights`` count each row that many times (sampling weights); counts are integers without them.
    """
    w = np.ones(len(Y), dtype=np.int64) if weights is None else np.asarray(weights)
    out: dict[str, dict[str, float]] = {}
    for j, tag in enumerate(TAGS):
        tp = w[(P[:, j] == 1) & (Y[:, j] == 1)].sum().item()
        fp = w[(P[:, j] == 1) & (Y[:, j] == 0)].sum().item()
        fn = w[(P[:, j] == 0) & (Y[:, j] == 1)].sum().item()
        prec = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[tag] = {
            "precision": prec,
            "recall": rec,
            "f1": f1,
            "support": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    scored = [out[t]["f1"] for t in TAGS if out[t]["support"]]
    out["macro"] = {"f1": float(np.mean(scored)) if scored else 0.0}
    return out


@dataclass
class CVResult:
    """Out-of-fold predictions of a cross-validation and the fold each unit was tested in."""

    data: Dataset
    pred: np.ndarray
    fold_of: np.ndarray
    fold_names: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, dict[str, float]]:
        return tag_metrics(self.data.Y, self.pred)

    def per_group(self, group_of: Callable[[str], str]) -> dict[str, dict[str, dict[str, float]]]:
        """Metrics per group of files (e.g. per province)."""
        groups = np.array([group_of(f) for f in self.data.files])
        return {g: tag_metrics(self.data.Y[groups == g], self.pred[groups == g]) for g in sorted(set(groups))}


def cross_validate(
    make_model: Callable[[], Tagger],
    data: Dataset,
    groups: np.ndarray,
    *,
    k: int | None = None,
    extra: Dataset | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CVResult:
    """Grouped CV over ``data``: ``k`` folds of groups (None = leave one group out).

    ``extra`` units are added to every training fold (e.g. the seeds when cross-validating dev).
    """
    names = sorted(set(groups.tolist()))
    n_splits = len(names) if k is None else min(k, len(names))
    pred = np.zeros_like(data.Y)
    fold_of = np.zeros(len(data.Y), dtype=np.int32)
    splits = list(GroupKFold(n_splits=n_splits).split(np.zeros(len(groups)), groups=groups))
    for f, (tr, te) in enumerate(splits):
        train = data.subset(tr)
        units, Y, g = train.units, train.Y, train.files
        if extra is not None:
            units, Y, g = extra.units + units, np.vstack([extra.Y, Y]), np.concatenate([extra.files, g])
        model = make_model().fit(units, Y, groups=g)
        pred[te] = model.predict([data.units[i] for i in te])
        fold_of[te] = f
        if progress:
            progress(f + 1, len(splits))
    return CVResult(data, pred, fold_of, names)


def train_test(make_model: Callable[[], Tagger], train: Dataset, test: Dataset) -> CVResult:
    """Fit on ``train``, predict ``test`` (e.g. seeds → dev)."""
    model = make_model().fit(train.units, train.Y, groups=train.files)
    return CVResult(test, model.predict(test.units), np.zeros(len(test.Y), dtype=np.int32), ["test"])


def worst_errors(data: Dataset, pred: np.ndarray, *, top: int = 5, examples: int = 3) -> list[dict[str, Any]]:
    """The most frequent false-positive / false-negative patterns per tag, with example unit ids.

    A pattern is the error kind, the tag, the unit's section and its shape.
    """
    patterns: Counter[tuple[str, str, str, str]] = Counter()
    ids: dict[tuple[str, str, str, str], list[str]] = {}
    for i, unit in enumerate(data.units):
        for j, tag in enumerate(TAGS):
            if pred[i, j] == data.Y[i, j]:
                continue
            kind = "FP" if pred[i, j] else "FN"
            key = (kind, tag, unit.context.corpus_section or unit.context.section, unit.context.shape)
            patterns[key] += 1
            ids.setdefault(key, []).append(data.gold[i].uid)
    return [
        {
            "error": k[0],
            "tag": k[1],
            "section": k[2],
            "shape": k[3],
            "count": c,
            "examples": ids[k][:examples],
        }
        for k, c in patterns.most_common(top)
    ]


def file_groups(files: np.ndarray, index_paths: Sequence[Any], column: str = "province") -> np.ndarray:
    """Group of each file: its ``column`` in an ``INDEX.tsv`` found in ``index_paths``, else the file."""
    from nlp.tagging.data import read_index

    index: dict[str, dict[str, str]] = {}
    for p in index_paths:
        index.update(read_index(p))
    return np.array([index.get(f, {}).get(column) or f for f in files.tolist()])


def run_evaluation(
    gold_paths: Sequence[Any],
    *,
    model: Any = None,
    cv: str | None = None,
    corpus_dirs: Sequence[Any] | None = None,
    k: int = 5,
) -> dict[str, Any]:
    """Evaluate on gold files: apply ``model`` (no ``cv``), or cross-validate fresh models grouped by
    file (``loo``) or in ``k`` folds of groups (``group-k``; province from INDEX.tsv when present)."""
    from pathlib import Path

    from nlp.tagging.data import load_gold
    from nlp.tagging.model import TagClassifier
    from nlp.tagging.tagger import load_model_with_meta
    from nlp.tagging.train import default_corpus_dirs, gold_dataset, load_corpus_units

    dirs = [Path(d) for d in (corpus_dirs if corpus_dirs is not None else default_corpus_dirs(gold_paths))]
    data = gold_dataset(load_gold(gold_paths), load_corpus_units(dirs) if dirs else {})
    if cv is None:
        clf = load_model_with_meta(model)[0]
        pred = clf.predict(data.units)
        title = (
            f"model {model or 'default'} applied to {len(data.units)} gold units "
            "(held-out only if not trained on them)"
        )
        result = CVResult(data, pred, np.zeros(len(pred), dtype=np.int32))
        per_group: dict[str, Any] = {}
    else:
        params = load_model_with_meta(model)[1].get("params", {}) if model else {}
        if cv == "loo":
            groups, folds = data.files, None
        else:
            groups, folds = (
                file_groups(data.files, [d / "INDEX.tsv" for d in dirs if (d / "INDEX.tsv").is_file()]),
                k,
            )
        result = cross_validate(lambda: TagClassifier(**params), data, groups, k=folds)
        per_group = {
            g: {t: round(v["f1"], 3) for t, v in m.items()}
            for g, m in result.per_group(
                dict(zip(data.files.tolist(), groups.tolist(), strict=True)).__getitem__
            ).items()
        }
        title = f"{cv} cross-validation over {len(set(groups.tolist()))} groups, {len(data.units)} units"
    return {
        "title": title,
        "metrics": result.metrics(),
        "errors": worst_errors(data, result.pred),
        "per_group": per_group,
    }
