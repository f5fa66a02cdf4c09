"""Template instructions: sentences of the official outline (参考提纲) left in a filled-in report.

An outline tells the author what to write — "项目管理情况分析，主要包括…等情况。", "是否…，有无…
等现象。" — and says nothing about the project. Such a unit is recognised by its instruction cues
(:data:`~nlp.boilerplate.resources.TEMPLATE_STRONG_RE`), and by a weaker cue
(:data:`~nlp.boilerplate.resources.TEMPLATE_WEAK_RE`) when it is also copied across agencies.
A unit that speaks of its own work (我局…, 已…, …了) is an answer, not an instruction.

>>> is_template_instruction("项目资金管理情况（包括管理制度的制订及执行情况）分析。")
True
>>> is_template_instruction("我局资金管理制度健全，执行情况良好。")
False
"""

from __future__ import annotations

from nlp.boilerplate import resources as R
from nlp.tokenize import normalize_width


def template_cue(text: str) -> str | None:
    """``"strong"``, ``"weak"`` or None: how much ``text`` reads like an outline instruction.

    >>> template_cue("资金拨付是否及时，有无滞留、闲置等现象。")
    'strong'
    >>> template_cue("项目绩效情况分析，包括产出和效益等。"), template_cue("资金已全部拨付。")
    ('weak', None)
    """
    text = normalize_width(text).strip()
    if R.ANSWER_RE.search(text):
        return None
    if R.TEMPLATE_STRONG_RE.search(text):
        return "strong"
    if R.TEMPLATE_WEAK_RE.search(text):
        return "weak"
    return None


def is_template_instruction(text: str, *, cross_agency: bool = False) -> bool:
    """Whether ``text`` is an outline instruction; a weak cue suffices when it is copied across agencies.

    >>> is_template_instruction("项目绩效情况分析，包括产出和效益等。", cross_agency=True)
    True
    """
    cue = template_cue(text)
    return cue == "strong" or (cue == "weak" and cross_agency)
