"""Tagging reports with a trained model: ``tag(report)`` and the batch ``tag_reports(reports)``.

>>> from corpus.load import from_text
>>> doc = from_text("甲项目绩效自评报告\\n一、绩效目标\\n全年开展培训20场，所需资金5万元。")
>>> tagged = tag(doc.reports[0])
>>> "amount" in tagged[-1].labels
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corpus.model import Report, Sentence
from nlp.tagging.context import derive_contexts
from nlp.tagging.model import TagClassifier, Unit
from nlp.tagging.resources import TAGS
from nlp.tagging.store import load_classifier

#: The model shipped with the package, trained on all gold units (see nlp/models/README.md).
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "default.npz"

_CACHE: dict[str, tuple[TagClassifier, dict[str, Any]]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence unit with its tags and calibrated per-tag scores."""

    sentence: Sentence
    labels: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)


def load_model(path: str | Path | None = None) -> TagClassifier:
    """The tagger stored at ``path`` (the shipped default when None), loaded once per process.

    Raises :class:`corpus.errors.ModelError` naming the file on a missing, corrupted or
    version-mismatched model.
    """
    return load_model_with_meta(path)[0]


def load_model_with_meta(path: str | Path | None = None) -> tuple[TagClassifier, dict[str, Any]]:
    """Like :func:`load_model`, with the model's metadata."""
    key = str(Path(path or DEFAULT_MODEL).resolve())
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = load_classifier(key)
        return _CACHE[key]


def units_of(sentences: Sequence[Sentence]) -> list[Unit]:
    """Model inputs for the units of one report (context derived, corpus fields used)."""
    texts = [s.text for s in sentences]
    seq = sentences[0].report_id if sentences else ""
    return [Unit(t, c, seq) for t, c in zip(texts, derive_contexts(texts, sentences), strict=True)]


def tag_sentence_groups(
    groups: Iterable[Sequence[Sentence]], model: TagClassifier | None = None
) -> list[list[TaggedSentence]]:
    """Tag several groups of units (reports, residue) in one vectorised model call."""
    clf = model or load_model()
    groups = [list(g) for g in groups]
    units = [u for g in groups for u in units_of(g)]
    probs = clf.predict_proba(units) if units else np.zeros((0, len(TAGS)))
    scores, above = probs.tolist(), (probs >= clf.thresholds_).tolist()  # Python floats and bools
    out: list[list[TaggedSentence]] = []
    row = 0
    for g in groups:
        tagged = []
        for s in g:
            labels = tuple(t for t, yes in zip(TAGS, above[row], strict=True) if yes)
            rounded = {t: round(v, 4) for t, v in zip(TAGS, scores[row], strict=True)}
            tagged.append(TaggedSentence(s, labels, rounded))
            row += 1
        out.append(tagged)
    return out


def tag_reports(
    reports: Iterable[Report], *, model: TagClassifier | None = None
) -> list[list[TaggedSentence]]:
    """Tags of every unit of every report, one list per report, in one batch."""
    return tag_sentence_groups((r.sentences for r in reports), model)


def tag(report: Report, *, model: TagClassifier | None = None) -> list[TaggedSentence]:
    """Tags of every unit of ``report``."""
    return tag_reports([report], model=model)[0]
