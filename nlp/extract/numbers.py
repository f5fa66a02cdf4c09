"""Numbers as written in reports, read as exact yuan (:class:`decimal.Decimal`, never float).

>>> parse_number("1,727.58", "万元")
Decimal('17275800.00')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import cn2an

from nlp.extract import resources as R


def parse_number(num: str, unit: str) -> Decimal | None:
    """Exact yuan of ``num`` written with ``unit``, or ``None`` when it is malformed.

    >>> parse_number("1,727.58", "万元")
    Decimal('17275800.00')
    >>> parse_number("1,72,7.58", "万元") is None
    True
    """
    factor = R.UNIT_FACTORS.get(unit)
    if factor is None or not R.STRICT_NUMBER.fullmatch(num):
        return None
    try:
        return Decimal(num.replace(",", "")) * factor
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def parse_chinese_number(num: str) -> Decimal | None:
    """Exact value of a Chinese numeral (``五十五万`` → 550000), ``None`` when cn2an refuses it.

    >>> parse_chinese_number("三千")
    Decimal('3000')
    >>> parse_chinese_number("一点五万")
    Decimal('15000.0')
    """
    try:
        return Decimal(str(cn2an.cn2an(num, "normal")))
    except (ValueError, KeyError, IndexError, TypeError):
        pass
    if len(num) > 1 and num[-1] in "万亿":  # 一点五万: cn2an reads 一点五, we apply the multiplier
        head = parse_chinese_number(num[:-1])
        return None if head is None else head * (10_000 if num[-1] == "万" else 100_000_000)
    return None


def normalize_yuan(value: Decimal) -> Decimal:
    """Drop a trailing fractional zero run, keep exactness.

    >>> normalize_yuan(Decimal("17275800.00")), normalize_yuan(Decimal("0.7100"))
    (Decimal('17275800'), Decimal('0.71'))
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
