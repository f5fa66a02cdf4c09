"""A keyword-rule baseline tagger: the yardstick the trained model must beat.

It reads the same context as the model but decides by fixed rules: money token → amount;
indicator cue + figure, no budget-execution cue → indicator; goal section or goal cue
(不含完成) → target; problem section or problem cue (not 无, not a suggestion alone) → problem.

>>> from nlp.tagging.context import derive_contexts
>>> from nlp.tagging.model import Unit
>>> texts = ["二、存在的问题", "宣传力度不够。"]
>>> RuleTagger().predict([Unit(t, c) for t, c in zip(texts, derive_contexts(texts))]).tolist()
[[0, 0, 0, 0], [0, 0, 0, 1]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from nlp.tagging.features import cue_names
from nlp.tagging.model import Unit
from nlp.tagging.resources import TAGS
from nlp.tokenize import tokenize


def rule_labels(unit: Unit) -> tuple[str, ...]:
    """The baseline's tags of one unit."""
    ctx = unit.context
    if ctx.is_heading:
        return ()
    cues = set(cue_names(unit.text))
    kinds = {t.kind for t in tokenize(unit.text)}
    section = ctx.corpus_section or ctx.section
    out: list[str] = []
    if (section == "goal" or ("goal" in cues and "done" not in cues)) and "template" not in cues:
        out.append("target")
    if "indicator" in cues and kinds & {"pct", "num"} and "budget" not in cues:
        out.append("indicator")
    if "money" in kinds or (ctx.region == "money" and ctx.shape in ("decimal", "int")):
        out.append("amount")
    if (
        "nothing" not in cues
        and (section == "problem" or "problem" in cues)
        and not ("suggest" in cues and "problem" not in cues)
    ):
        out.append("problem")
    return tuple(out)


class RuleTagger:
    """Keyword rules behind the Tagger interface (``fit`` learns nothing)."""

    def fit(self, X: Sequence[Unit], Y: Any = None, groups: Any = None) -> RuleTagger:
        return self

    def predict(self, X: Sequence[Unit]) -> np.ndarray:
        out = np.zeros((len(X), len(TAGS)), dtype=np.int8)
        for i, u in enumerate(X):
            for t in rule_labels(u):
                out[i, TAGS.index(t)] = 1
        return out
