"""Sums of money: ``55万元``, ``1,727.58万元``, ``五十五万元``, ``100元/人/年``, table columns.

Table columns are bare numbers under a header carrying the unit (``年度预算数（万元）``).

Amounts are normalised to exact yuan as :class:`decimal.Decimal` (never float). A number that
cannot be read (``1,72,7.58万元``, ``55万万元``, ``78.*元``) is returned with ``unparsed=True``
and ``yuan=None``, never as 0.

>>> [(a.text, str(a.yuan), a.role) for a in amounts("年初预算安排55万元，实际支出54.5万元。")]
[('55万元', '550000', 'budget'), ('54.5万元', '545000', 'spent')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal

from nlp.extract import resources as R
from nlp.extract.glued import glued_amounts
from nlp.extract.numbers import normalize_yuan, parse_chinese_number, parse_number
from nlp.extract.records import Amount
from nlp.extract.tables import table_amounts

_ROLE_WINDOW = 24
_CUE_WINDOW = 16


def amount_role(text: str, start: int, end: int) -> str:
    """The role of the amount at ``text[start:end]`` from the cue words nearest before it.

    >>> amount_role("项目资金4万元到位", 4, 7)
    'allocated'
    """
    after = text[end : end + 6]
    if R.STANDARD_AFTER.match(after):
        return "standard"
    lo = max(0, start - _ROLE_WINDOW)
    window = text[lo:start]
    cut = max(window.rfind(c) for c in "。；;\n")
    if cut >= 0:
        window = window[cut + 1 :]
    best, best_pos = "other", -1
    for role, pattern in R.ROLE_CUES:
        for m in pattern.finditer(window):
            if m.end() > best_pos:
                best, best_pos = role, m.end()
    if best_pos < 0:  # ``资金4万元已全部到位``: the cue stands after the amount
        tail = text[end : end + 8]
        cut = min((tail.find(c) for c in R.CLAUSE_BREAKS if c in tail), default=len(tail))
        tail = tail[:cut]
        hits = [(m.start(), role) for role, p in R.ROLE_CUES for m in [p.search(tail)] if m is not None]
        if hits:
            return min(hits)[1]
    return best


def _money_context(norm: str, start: int) -> bool:
    """A money cue word shortly before ``start`` in the same sentence."""
    window = norm[max(0, start - _CUE_WINDOW) : start]
    cut = max(window.rfind(c) for c in "。；;\n，,、（(")
    if cut >= 0:
        window = window[cut + 1 :]
    return bool(R.MONEY_CUE.search(window))


def _candidates(text: str, norm: str) -> Iterator[tuple[int, int, Decimal | None]]:
    """Every inline amount as (start, end, yuan); overlaps are resolved by the caller."""
    for m in R.MONEY.finditer(norm):
        num = (m.group("neg") or "") + m.group("num")
        yield m.start(), m.end(), parse_number(num, m.group("unit"))
    for m in R.MONEY_WRAPPED.finditer(norm):  # the amount's text is the number; its unit is below
        yield m.start(), m.end("num"), parse_number(m.group("num"), m.group("unit"))
    for m in R.WAN_ONLY.finditer(norm):
        following = norm[m.end() : m.end() + 1]
        if following and following in R.COUNT_WORDS:
            continue
        if _money_context(norm, m.start()):
            yield m.start(), m.end(), parse_number(m.group("num"), m.group("unit"))
    for m in R.PER_HEAD.finditer(norm):
        if R.STANDARD_CUE.search(norm[max(0, m.start() - 6) : m.start()]):
            yield m.start(), m.end() + 2, parse_number(m.group("num"), "元")
    for m in R.CN_MONEY.finditer(norm):
        num = m.group("num")
        if _is_chinese_amount(norm, m.start(), m.end(), num):
            yield m.start(), m.end(), parse_chinese_number(num)


def _is_chinese_amount(text: str, start: int, end: int, num: str) -> bool:
    """``三千元``, ``十二万元``; not ``第一元素``, ``多元化`` or ``二元结构``."""
    if not R.CN_DIGIT.search(num):
        return False
    if len(num) > 1:
        return True
    return text[start - 1 : start] != "第" and text[end : end + 1] not in R.CN_NOT_MONEY_AFTER


def inline_amounts(text: str) -> list[Amount]:
    """Amounts written with their unit (or a money cue), in document order, without table cells.

    >>> [a.text for a in inline_amounts("标准为三千元，另有５５万元")]
    ['三千元', '５５万元']
    """
    norm = text.translate(R.WIDTH_KEEP_COMMA)
    found: list[Amount] = []
    taken_until = -1
    for start, end, yuan in sorted(_candidates(text, norm), key=lambda c: (c[0], -c[1])):
        if start < taken_until:
            continue
        taken_until = end
        value = None if yuan is None else normalize_yuan(yuan)
        found.append(
            Amount(
                text=text[start:end],
                yuan=value,
                role=amount_role(text, start, end),
                start=start,
                end=end,
                unparsed=value is None,
            )
        )
    return found


def _overlaps(found: list[Amount], starts: list[int], amount: Amount) -> bool:
    """``amount`` overlaps one of ``found`` (disjoint, sorted by start; ``starts`` their starts)."""
    i = bisect_right(starts, amount.start) - 1
    if i >= 0 and amount.start < found[i].end:
        return True
    return i + 1 < len(found) and found[i + 1].start < amount.end


def amounts(text: str, *, include_tables: bool = True) -> list[Amount]:
    """Every sum of money in ``text``, in document order.

    With ``include_tables`` (the default), bare numbers in table columns whose header carries
    the unit (``年度预算数（万元）`` …) are included: cells one per line or ``|``/tab separated
    (:mod:`nlp.extract.tables`), and the cells of budget-execution rows a converter glued into
    one run of digits (:mod:`nlp.extract.glued`).

    >>> [(a.text, str(a.yuan)) for a in amounts("项目资金（万元）\\n年初预算\\n总额\\n1.5\\n1.2\\n100%")]
    [('1.5', '15000'), ('1.2', '12000')]
    """
    found = inline_amounts(text)
    if include_tables:
        for extra_amounts in (table_amounts(text), glued_amounts(text)):
            starts = [a.start for a in found]  # the amounts found so far are disjoint and sorted
            extra = [a for a in extra_amounts if not _overlaps(found, starts, a)]
            found = sorted([*found, *extra], key=lambda a: a.start)
    return found


def amounts_in_document(doc_text: str) -> list[Amount]:
    """Alias of :func:`amounts` over a whole document's text (tables included).

    >>> len(amounts_in_document("合计5万元"))
    1
    """
    return amounts(doc_text, include_tables=True)
