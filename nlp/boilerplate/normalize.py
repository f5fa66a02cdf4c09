"""Normalising a unit before comparison: mask what changes from copy to copy, unify the rest.

A copied sentence keeps its frame and changes its figures and names. Masking numbers, money,
percentages, dates and years, document numbers (文号), cited titles, the report's own agency and
project names and generic organisation names, then unifying width, brackets and punctuation,
makes such copies equal or nearly so.

>>> normalize("该项目资金于2023年5月下达到位。") == normalize("该项目资金于2021年12月下达到位")
True
>>> normalize("由东山区社保局审核") == normalize("由西河县社保局审核")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.boilerplate import resources as R
from nlp.tokenize import normalize_width

#: Value masks applied in order: a document number before the numbers inside it, money and
#: percentages before plain numbers.
_VALUE_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (R.TITLE_RE, R.TITLE),
    (R.DOCNO_RE, R.DOCNO),
    (R.QUOTE_RE, R.QUOTE),
    (R.MONEY_RE, R.MONEY),
    (R.PCT_RE, R.PCT),
    (R.DATE_RE, R.DATE),
    (R.NUM_RE, R.NUM),
)


def mask_names(text: str, names: Iterable[str], mask: str = R.NAME) -> str:
    """Replace each of ``names`` by ``mask``, longest first (names under two characters are kept).

    >>> mask_names("某县文化馆开展活动", ["某县文化馆"]) == "\\ue008开展活动"
    True
    """
    for name in sorted({normalize_width(n).strip() for n in names if n}, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, mask)
    return text


def mask_name_fragments(text: str, names: Iterable[str], mask: str = R.NAME) -> str:
    """Mask runs of at least :data:`~nlp.boilerplate.resources.NAME_FRAGMENT_MIN` characters that
    also stand in one of ``names``: a project written differently keeps its distinctive parts.

    >>> masked = mask_name_fragments("保障了山区学校营养午餐的按时供应", ["山区学校营养午餐补助"])
    >>> masked == "保障了\\ue008的按时供应"
    True
    """
    k = R.NAME_FRAGMENT_MIN
    names = [n for n in names if len(n) >= k]
    seeds = {n[i : i + k] for n in names for i in range(len(n) - k + 1)}
    if not any(seed in text for seed in seeds):
        return text
    out: list[str] = []
    i = pos = 0
    while i <= len(text) - k:
        end = _fragment_end(text, i, names) if text[i : i + k] in seeds else i
        if end > i:
            out.append(text[pos:i])
            out.append(mask)
            i = pos = end
        else:
            i += 1
    out.append(text[pos:])
    return "".join(out)


def _fragment_end(text: str, i: int, names: list[str]) -> int:
    """End of the longest run ``text[i:end]`` that stands in one of ``names``."""
    best = i
    for name in names:
        end = i + 1
        while end <= len(text) and end - i <= len(name) and text[i:end] in name:
            end += 1
        best = max(best, end - 1)
    return best


def mask_values(text: str) -> str:
    """Mask cited titles, document numbers, money, percentages, dates and plain numbers.

    >>> mask_values("下达资金1.41万元，完成率100%") == "下达资金\\ue003，完成率\\ue004"
    True
    """
    for pattern, mask in _VALUE_MASKS:
        text = pattern.sub(mask, text)
    return text


def mask_orgs(text: str) -> str:
    """Mask organisation names: an agency suffix and the stem before it, up to a function word.

    >>> mask_orgs("报区财政局审批") == "报\\ue007审批"
    True
    >>> mask_orgs("形成新格局")
    '形成新格局'
    """
    out: list[str] = []
    pos = 0
    for m in R.ORG_SUFFIX_RE.finditer(text):
        if m.start() < pos:
            continue
        start = _stem_start(text, pos, m.start())
        name = text[start : m.end()]
        if start == m.start() or name.endswith(R.NOT_ORG_ENDINGS):
            continue
        out.append(text[pos:start])
        out.append(R.ORG)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _stem_start(text: str, floor: int, end: int) -> int:
    """Where the name ending at ``end`` starts: leftwards over CJK characters, not past a stop word."""
    start = end
    limit = max(floor, end - R.ORG_STEM_MAX)
    while start > limit:
        ch = text[start - 1]
        if ch in R.ORG_STEM_STOP or not ("\u4e00" <= ch <= "\u9fff"):
            break
        start -= 1
    return start


def unify_punctuation(text: str) -> str:
    """Unify brackets, quotes and separators, drop whitespace and trailing stops.

    >>> unify_punctuation("项目（绩效） 目标：")
    '项目(绩效)目标'
    """
    text = R.SPACE_RE.sub("", text.translate(R.PUNCT_TABLE))
    return R.TRAILING_PUNCT_RE.sub("", text).lower()


def normalize(text: str, *, agencies: Iterable[str] = (), projects: Iterable[str] = ()) -> str:
    """The comparable form of a unit: names and values masked, width and punctuation unified.

    ``agencies`` (the report's own agency names) are masked like any organisation name, so a
    copy naming the agency in full and one using a short form still meet; ``projects`` get
    a mask of their own.

    >>> normalize("２０２３年到位资金90万元。") == normalize("2021年到位资金12.5万元")
    True
    """
    text = R.ENUMERATOR_RE.sub("", normalize_width(text), count=1)
    text = mask_names(text, agencies, R.ORG)
    projects = [normalize_width(p).strip() for p in projects if p]
    text = mask_names(text, projects, R.NAME)
    text = mask_name_fragments(text, projects, R.NAME)
    text = mask_values(text)
    text = mask_orgs(text)
    return unify_punctuation(text)


def content_length(norm: str) -> int:
    """Characters that carry content in a normalised unit: letters, digits and masks, not punctuation.

    >>> content_length(normalize("无。"))
    1
    """
    return len(R.CONTENT_CHAR_RE.findall(norm)) + sum(norm.count(m) for m in R.MASKS)
