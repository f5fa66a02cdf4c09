"""Rows of budget-execution tables whose cells a converter glued into one run of digits.

A Word table flattened without separators turns the row ``319.65 | 134.02 | 41.93%`` into
``319.65134.0241.93%``. Such a run is split only where the table's header names its columns
(``全年预算数 全年执行数 [分值] 执行率``) and exactly one split makes the arithmetic of the row
hold: 执行率 = 执行数 / 预算数 (to the precision the rate is written with). The unit is the
one named next to the header (``项目资金（万元）``); a header that names none is read in 万元,
the unit of the official forms, and the amounts are marked ``unit_assumed``.

>>> row = "项目资金(万元)全年预算数全年执行数执行率合计6.556.55100.00%"
>>> [(a.text, a.yuan_str) for a in glued_amounts(row)]
[('6.55', '65500'), ('6.55', '65500')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from nlp.extract import resources as R
from nlp.extract.numbers import normalize_yuan, parse_number
from nlp.extract.records import Amount

#: How far before a run its header (or the previous row of the same table) may stand.
_HEADER_WINDOW = 400
#: How far before the header a unit cell (``项目资金（万元）``) may stand.
_UNIT_WINDOW = 60
#: How far after a total row its sub-row (``其中：财政拨款…``) may start.
_SUB_ROW_WINDOW = 40
#: Well-formed splits tried per run at most (a run is at most 41 characters): beyond, no guess.
_MAX_SPLITS = 4096


@dataclass(frozen=True, slots=True)
class BudgetHeader:
    """The columns of a budget-execution table, left to right, and its unit."""

    kinds: tuple[str, ...]  # "money", "score", "rate"; ends with "rate"
    unit: str
    assumed: bool
    start: int  # offset of the first column header


def budget_header(text: str, start: int, end: int) -> BudgetHeader | None:
    """The last header row in ``text[start:end]`` with two money columns before an 执行率 column.

    >>> budget_header("项目资金（万元）全年预算数 全年执行数 执行率", 0, 26)
    BudgetHeader(kinds=('money', 'money', 'rate'), unit='万元', assumed=False, start=8)
    """
    matches = list(R.BUDGET_COLUMN.finditer(text, start, end))
    best: list[re.Match[str]] = []
    group: list[re.Match[str]] = []
    for m in matches:
        if group and m.start() - group[-1].end() > R.BUDGET_HEADER_GAP:
            group = []
        group.append(m)
        if m.lastgroup == "rate":
            best = list(group)
            group = []
    kinds = tuple(str(m.lastgroup) for m in best)
    if kinds.count("money") < 2:
        return None
    head = best[0].start()
    window = R.UNIT_HEADER.finditer(text, max(0, head - _UNIT_WINDOW), end)
    units = [u.group("unit") or u.group("unit2") for u in window]
    if units:
        return BudgetHeader(kinds, units[-1], False, head)
    return BudgetHeader(kinds, R.DEFAULT_BUDGET_UNIT, True, head)


def _splits(run: str, kinds: tuple[str, ...]) -> Iterator[list[str]]:
    """Every way to cut ``run`` into well-formed pieces of the given kinds, in order."""
    if not kinds:
        if not run:
            yield []
        return
    rest_max = sum(R.GLUED_PIECE_MAX[k] for k in kinds[1:])
    pattern = R.GLUED_PIECES[kinds[0]]
    shortest = max(1, len(run) - rest_max)
    longest = min(R.GLUED_PIECE_MAX[kinds[0]], len(run) - len(kinds) + 1)
    for cut in range(shortest, longest + 1):
        piece = run[:cut]
        if pattern.fullmatch(piece):
            for rest in _splits(run[cut:], kinds[1:]):
                yield [piece, *rest]


def _value(piece: str) -> Decimal:
    return Decimal(piece.replace(",", ""))


def _decimals(piece: str) -> int:
    return len(piece.partition(".")[2])


def _rate_holds(pieces: list[str], kinds: tuple[str, ...]) -> bool:
    """执行数 / 预算数 × 100 equals the rate to its last written digit (the last two money cells)."""
    money = [_value(p) for p, k in zip(pieces, kinds, strict=True) if k == "money"]
    rate_piece = pieces[kinds.index("rate")]
    budget, spent, rate = money[-2], money[-1], _value(rate_piece)
    if budget <= 0 or spent <= 0 or rate <= 0:  # a zero cell would fit too many splits
        return False
    tolerance = Decimal(1).scaleb(-_decimals(rate_piece))
    return abs(spent / budget * 100 - rate) <= tolerance


def split_glued_row(run: str, kinds: tuple[str, ...], unit: str = "万元") -> list[str] | None:
    """The one split of ``run`` into cells of ``kinds`` that makes the rate hold, else ``None``.

    Money cells carry at most the decimals their ``unit`` is written with (元: 2, to the 分;
    万元 and 亿元: 4).

    >>> split_glued_row("684.7568.3883.01", ("money", "money", "rate"))
    ['684.7', '568.38', '83.01']
    >>> split_glued_row("2021100.00", ("money", "money", "rate")) is None
    True
    """
    most = R.UNIT_DECIMALS.get(unit, 2)
    found: list[list[str]] = []
    for n, pieces in enumerate(_splits(run, kinds)):
        if n >= _MAX_SPLITS:
            return None
        money = [p for p, k in zip(pieces, kinds, strict=True) if k == "money"]
        if all(_decimals(p) <= most for p in money) and _rate_holds(pieces, kinds):
            found.append(pieces)
    return found[0] if len(found) == 1 else None


def _amount(piece: str, start: int, header: BudgetHeader, role: str) -> Amount | None:
    yuan = parse_number(piece, header.unit)
    if yuan is None:
        return None
    return Amount(
        piece, normalize_yuan(yuan), role, start, start + len(piece), None, False, "table", header.assumed
    )


def _row_amounts(pieces: list[str], kinds: tuple[str, ...], at: int, header: BudgetHeader) -> list[Amount]:
    """The money cells of a split row starting at offset ``at``; the last is spent, the others budget."""
    n_money = kinds.count("money")
    out: list[Amount] = []
    seen = 0
    for piece, kind in zip(pieces, kinds, strict=True):
        if kind == "money":
            seen += 1
            amount = _amount(piece, at, header, "spent" if seen == n_money else "budget")
            if amount is not None:
                out.append(amount)
        at += len(piece)
    return out


def _sub_row(text: str, after: int, total: list[str], header: BudgetHeader) -> list[Amount]:
    """The money cells of a ``其中：…`` sub-row glued without a rate right after a total row.

    Its cells are the money columns only; a split counts when it is the only one in which every
    part is at most the total of its column.
    """
    m = R.GLUED_SUB_ROW.search(text, after, min(len(text), after + _SUB_ROW_WINDOW))
    if m is None:
        return []
    kinds = ("money",) * len(total)
    limits = [_value(p) for p in total]
    most = R.UNIT_DECIMALS.get(header.unit, 2)
    fits = [
        pieces
        for pieces in islice(_splits(m.group("run"), kinds), _MAX_SPLITS)
        if all(_value(p) <= lim and _decimals(p) <= most for p, lim in zip(pieces, limits, strict=True))
    ]
    if len(fits) != 1:
        return []
    return _row_amounts(fits[0], kinds, m.start("run"), header)


def glued_amounts(text: str) -> list[Amount]:
    """Money cells of glued budget-execution rows (see the module docstring), in document order.

    >>> [a.text for a in glued_amounts("执行率2021100.00%")]
    []
    """
    found: list[Amount] = []
    table: BudgetHeader | None = None  # the header of the last split row
    last_end = -1
    for m in R.GLUED_ROW.finditer(text):
        start = m.start("run")
        lo = max(0, start - _HEADER_WINDOW)
        header = budget_header(text, lo, start)
        if header is None and last_end >= lo:  # a further row of the table whose header is farther back
            header = table
        if header is None:
            continue
        pieces = split_glued_row(m.group("run"), header.kinds, header.unit)
        if pieces is None:
            continue
        table, last_end = header, m.end()
        found += _row_amounts(pieces, header.kinds, start, header)
        money = [p for p, k in zip(pieces, header.kinds, strict=True) if k == "money"]
        found += _sub_row(text, m.end() + 1, money, header)
    return sorted(found, key=lambda a: a.start)
