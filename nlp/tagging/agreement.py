"""Agreement between two annotations of the same units, estimated from a stratified sample.

How high can a tagger score against a gold file? No higher, in expectation, than a second
careful annotator applying the same guide. This module scores a *second annotation* of a
sample of gold units against the gold (and a tagger against both). The sample is stratified:
units in the sample carry a weight, the inverse of their inclusion probability (1 for a
stratum taken whole, ``N/n`` for ``n`` units drawn at random out of ``N``), so the weighted
counts estimate the counts over the whole gold set (Horvitz–Thompson).

A second-annotation file holds one JSON object per line, no text:
``{"uid": "d001.txt#3", "labels": ["target"], "weight": 1.0, "sure": true, "stratum": "s1"}``.

>>> a = {"x#0": ("target",), "x#1": (), "x#2": ("problem",)}
>>> b = {"x#0": ("target",), "x#1": ("target",), "x#2": ("problem",)}
>>> m = weighted_metrics(a, b, {"x#0": 1.0, "x#1": 2.0, "x#2": 1.0})
>>> round(m["target"]["f1"], 3), m["problem"]["f1"]
(0.5, 1.0)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.errors import InputError
from nlp.tagging.data import label_matrix
from nlp.tagging.evaluate import tag_metrics
from nlp.tagging.resources import TAGS

Labels = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class SecondLabel:
    """One unit of a second annotation: its gold id, labels, sampling weight and confidence."""

    uid: str
    labels: tuple[str, ...]
    weight: float
    sure: bool
    stratum: str


def load_second(path: str | Path) -> list[SecondLabel]:
    """Read a second-annotation JSONL file; a malformed line is an ``InputError`` naming it."""
    p = Path(path)
    out: list[SecondLabel] = []
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read second annotation: {exc.strerror}", path=str(p)) from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            labels = tuple(str(x) for x in obj["labels"])
            row = SecondLabel(
                str(obj["uid"]),
                labels,
                float(obj["weight"]),
                bool(obj.get("sure", True)),
                str(obj["stratum"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a second-annotation line ({exc})", path=str(p), line=lineno) from None
        if set(labels) - set(TAGS):
            raise InputError(f"unknown tag(s) {sorted(set(labels) - set(TAGS))}", path=str(p), line=lineno)
        out.append(row)
    return out


def weighted_metrics(
    reference: Labels, other: Labels, weights: Mapping[str, float]
) -> dict[str, dict[str, float]]:
    """Per-tag precision, recall and F1 of ``other`` against ``reference`` over ``weights``' units,
    each unit counted ``weight`` times (``nlp.tagging.evaluate.tag_metrics`` with weights)."""
    uids = list(weights)
    ref = label_matrix([reference.get(u, ()) for u in uids])
    oth = label_matrix([other.get(u, ()) for u in uids])
    return tag_metrics(ref, oth, np.array([weights[u] for u in uids], dtype=np.float64))


def agreement_table(
    second: list[SecondLabel], gold: Labels, model: Labels | None = None, *, sure_only: bool = False
) -> dict[str, dict[str, dict[str, float]]]:
    """The comparisons that tell how far a tagger is from the annotators' own agreement."""
    rows = [s for s in second if s.sure or not sure_only]
    weights = {s.uid: s.weight for s in rows}
    labels = {s.uid: s.labels for s in rows}
    missing = sorted(set(weights) - set(gold))
    if missing:
        raise InputError(
            f"{len(missing)} unit(s) of the second annotation are not in the gold, e.g. {missing[0]}"
        )
    table = {"second vs gold": weighted_metrics(gold, labels, weights)}
    if model is not None:
        table["model vs gold"] = weighted_metrics(gold, model, weights)
        table["model vs second"] = weighted_metrics(labels, model, weights)
    return table
