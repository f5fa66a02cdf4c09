"""Weak labels from structure, for any corpus: no gold needed.

* units under a 绩效目标 heading (section ``goal``) → ``target``;
* units under 存在的问题 (section ``problem``) → ``problem``, unless they say there is none (无)
  or only make a suggestion;
* table rows / cells naming an indicator with a value, and prose with indicator cues and a
  figure → ``indicator``, unless it is a budget-execution figure (执行率, 到位率 …);
* a number followed by 元/万元/亿元 (the tokeniser's money token) → ``amount``.

Headings never get a weak label.

>>> weak_labels(["二、存在的问题", "宣传力度不够。", "无。"])
[(), ('problem',), ()]
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.tagging.context import UnitContext, derive_contexts
from nlp.tagging.features import cue_names
from nlp.tokenize import tokenize


def _weak_one(text: str, ctx: UnitContext) -> tuple[str, ...]:
    if ctx.is_heading:
        return ()
    cues = set(cue_names(text))
    section = ctx.corpus_section or ctx.section
    kinds = {t.kind for t in tokenize(text)}
    labels: list[str] = []
    if section == "goal" and "template" not in cues:
        labels.append("target")
    figure = bool(kinds & {"pct", "num", "money"})
    if "indicator" in cues and figure and "budget" not in cues:
        labels.append("indicator")
    if "money" in kinds:
        labels.append("amount")
    problem_section = section == "problem" or ctx.section == "problem"
    if problem_section and "nothing" not in cues and ("problem" in cues or "suggest" not in cues):
        labels.append("problem")
    return tuple(labels)


def weak_labels(texts: Sequence[str], contexts: Sequence[UnitContext] | None = None) -> list[tuple[str, ...]]:
    """Weak tags for the units of one report (or file), in order."""
    ctxs = list(contexts) if contexts is not None else derive_contexts(texts)
    return [_weak_one(t, c) for t, c in zip(texts, ctxs, strict=False)]
