"""The learning-curve learner of nlp.tagging.heldout trains on the kept files only."""

from __future__ import annotations

import numpy as np

from nlp.tagging.context import derive_contexts
from nlp.tagging.heldout import DevSubset
from nlp.tagging.model import Unit

TEXTS = ["资金5万元。", "开展培训3场。", "存在资金不足问题。", "一、绩效目标"]
LABELS = [[0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]]


def _data() -> tuple[list[Unit], np.ndarray, np.ndarray]:
    files = ["seed", "seed", "a", "a", "b", "b", "c", "c"]
    texts = TEXTS * 2
    texts[4:6] = ["购置设备三台。", "维修设备两套。"]  # a word only file "b" has
    units = [Unit(t, c) for t, c in zip(texts, derive_contexts(texts), strict=True)]
    return units, np.array(LABELS * 2), np.array(files)


def test_no_other_files_means_seeds_only() -> None:
    units, y, files = _data()
    m = DevSubset(0.0, 0, {"seed"}).fit(units, y, groups=files)
    assert not any("设备" in f for f in m.model.vectorizer_.text_vocab_)


def test_all_files_kept_at_fraction_one() -> None:
    units, y, files = _data()
    m = DevSubset(1.0, 0, {"seed"}).fit(units, y, groups=files)
    vocab = m.model.vectorizer_.text_vocab_
    assert any("设备" in f for f in vocab)
    assert m.predict(units[:1]).shape == (1, 4)
