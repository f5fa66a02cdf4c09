"""Performance indicators from prose (``数量指标：覆盖率100%；…``) and from score tables (自评表).

A prose clause ``X指标：content`` gives one indicator per item of the content; a score table
gives one per row after its ``三级指标`` header (cells one per line, ``|`` rows, or flattened).
Planned indicators (goal section) are paired with achieved ones (completion section) by
category and name similarity; a pair whose achieved text repeats the planned text is flagged
``repeated_plan`` (an empty evaluation).

>>> [(i.category, i.name, i.operator, i.planned, i.unit) for i in prose_indicators("数量指标：覆盖率≥95%")]
[('数量', '覆盖率', '≥', '95', '%')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any

from nlp.extract import resources as R
from nlp.extract.records import Indicator, IndicatorPair

#: How far from its end an item's value may start (keeps the search linear on long items).
_VALUE_TAIL = 32
#: Name similarity above which a planned and an achieved indicator are paired.
PAIR_THRESHOLD = 0.5


def _category(text: str) -> str | None:
    m = R.CATEGORY_WORD.search(text)
    if m is None:
        return None
    cat = m.group(1)
    return R.CATEGORY_ALIASES.get(cat, cat)


def parse_value(text: str) -> tuple[str | None, str | None, str | None, str]:
    """(operator, value, unit, name) of an indicator item such as ``覆盖率≥95%`` or ``按时``.

    >>> parse_value("群众满意度达到95%以上")
    ('≥', '95', '%', '群众满意度')
    >>> parse_value("保障职工利益")
    ('定性', None, None, '保障职工利益')
    """
    text = text.strip()
    m = R.INDICATOR_VALUE.search(text, max(0, len(text) - _VALUE_TAIL))  # the value ends the item
    if m is None:
        return "定性", None, None, text
    op = m.group("op")
    operator = R.OPERATORS.get(op, "=") if op else ("≥" if m.group("tail") in ("以上", "及以上") else "=")
    if m.group("tail") == "以下":
        operator = "≤"
    unit = m.group("unit")
    name = text[: m.start()].rstrip("为：:，, ") or text
    return operator, m.group("num"), "%" if unit == "％" else unit, name


def _achieved_value(text: str) -> str:
    """The number of an achieved value written alone (``100%`` → ``100``), else the text as written."""
    op, value, _, name = parse_value(text)
    return (
        value if value is not None and (not name or name in (text, op)) and _starts_with_value(text) else text
    )


def _starts_with_value(text: str) -> bool:
    return bool(R.VALUE_START.match(text))


def prose_indicators(text: str, *, offset: int = 0, section_type: str | None = None) -> list[Indicator]:
    """Indicators written as ``X指标：…`` clauses in running text, in order.

    In the completion section a clause ``…，实际完成100%`` gives the achieved value.

    >>> [(i.category, i.planned, i.achieved) for i in prose_indicators("成本指标：补助3万元，实际完成3万元")]
    [('成本', '3', '3')]
    """
    found: list[Indicator] = []
    for head in R.PROSE_HEAD.finditer(text):
        end_m = R.CLAUSE_END.search(text, head.end())
        end = end_m.start() if end_m else len(text)
        found += _clause_indicators(text, head.start(), head.end(), end, section_type, offset)
    return found


def _clause_indicators(
    text: str, head_start: int, start: int, end: int, section_type: str | None, offset: int
) -> list[Indicator]:
    """The indicators of one ``X指标：content`` clause (``text[head_start:end]``)."""
    raw = text[start:end]
    content = raw.strip().rstrip(".")
    if not content:
        return []
    content_start = start + len(raw) - len(raw.lstrip())
    cat = _category(text[head_start:start])
    planned_part, achieved_part = content, None
    cue = R.ACHIEVED_CUE.search(content)
    if cue:
        planned_part, achieved_part = content[: cue.start()], content[cue.end() :].strip()
        achieved_part = R.ITEM_SEPARATOR.split(achieved_part, maxsplit=1)[0]
    items = _split_items(planned_part) if achieved_part is None else [planned_part]
    found = []
    pos = 0
    for k, item in enumerate(items):
        pos = content.find(item, pos)
        op, value, unit, name = parse_value(item)
        achieved = None if achieved_part is None else _achieved_value(achieved_part)
        planned = value if op != "定性" else item
        if section_type == "completion" and achieved_part is None:
            planned, achieved = None, planned
        i_start = content_start + pos if k else head_start
        i_end = content_start + pos + len(item) if len(items) > 1 else end
        found.append(
            Indicator(
                cat,
                name,
                op,
                planned,
                achieved,
                unit,
                None,
                None,
                offset + i_start,
                offset + i_end,
                source="prose",
                section_type=section_type,
            )
        )
    return found


def _split_items(content: str) -> list[str]:
    """Several measured items in one clause (``发放率100%，社会化发放率100%``) are one indicator each."""
    parts = [p for p in R.ITEM_SEPARATOR.split(content) if p.strip()]
    if len(parts) > 1 and all(parse_value(p)[1] is not None for p in parts):
        return parts
    return [content]


def _decimal(text: str | None) -> Decimal | None:
    if text is None or not R.PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover
        return None


def _row_indicator(
    cells: Sequence[tuple[str, int, int]], category: str | None, section_type: str | None
) -> Indicator | None:
    """One score-table row: name, [operator], planned, [unit], [achieved], weight, score."""
    if len(cells) < 2:
        return None
    name, start, _ = cells[0]
    rest = [c[0] for c in cells[1:]]
    operator = None
    if R.OPERATOR_CELL.fullmatch(rest[0]):
        operator = R.OPERATORS.get(rest[0], rest[0])
        rest = rest[1:]
    if not rest:
        return None
    planned_text = rest.pop(0)
    op2, value, unit, _ = parse_value(planned_text)
    if rest and unit is None and R.MEASURE_UNIT_CELL.fullmatch(rest[0]):
        unit = rest.pop(0)
    achieved, weight, score = _row_results(rest)
    return Indicator(
        category,
        name,
        operator or op2,
        value if value is not None else planned_text,
        achieved,
        unit,
        weight,
        score,
        start,
        cells[-1][2],
        source="table",
        section_type=section_type,
    )


def _row_results(rest: Sequence[str]) -> tuple[str | None, Decimal | None, Decimal | None]:
    """(achieved, weight, score) from the cells after the planned value (empty cells were dropped)."""
    numbers = [r for r in rest if R.PLAIN_NUMBER.fullmatch(r)]
    others = [r for r in rest if not R.PLAIN_NUMBER.fullmatch(r)]
    achieved = others[0] if others else None
    weight = score = None
    if len(numbers) >= 3:
        achieved = achieved or numbers[0]
        weight, score = _decimal(numbers[-2]), _decimal(numbers[-1])
    elif len(numbers) == 2:
        weight, score = _decimal(numbers[0]), _decimal(numbers[1])
    elif len(numbers) == 1:
        score = _decimal(numbers[0])
    return (None if achieved is None else _achieved_value(achieved)), weight, score


def _is_row_start(cell: str, nxt: str | None) -> bool:
    """A cell naming an indicator: text followed by an operator cell or an operator-led value."""
    if R.PLAIN_NUMBER.fullmatch(cell) or R.OPERATOR_CELL.fullmatch(cell) or cell in R.INDICATOR_HEADER_WORDS:
        return False
    if R.CATEGORY_WORD.fullmatch(cell) or (cell.endswith("指标") and len(cell) <= 8):
        return False
    return nxt is not None and (bool(R.OPERATOR_CELL.fullmatch(nxt)) or bool(R.OPERATOR_START.match(nxt)))


def table_indicators(
    text: str, *, offset: int = 0, section_type: str | None = "score-table"
) -> list[Indicator]:
    """Rows of the indicator part of score tables in ``text`` (after a ``三级指标`` header cell).

    >>> rows = table_indicators("三级指标\\n指标值\\n数量指标\\n培训人数\\n≥\\n50\\n人\\n52\\n10\\n10\\n合计")
    >>> [(r.category, r.name, r.operator, r.planned, r.unit, r.achieved, str(r.weight)) for r in rows]
    [('数量', '培训人数', '≥', '50', '人', '52', '10')]
    """
    cells = []
    for m in R.INDICATOR_CELL.finditer(text):
        cell = m.group().strip()
        if cell:
            start = m.start() + m.group().index(cell[0])
            cells.append((cell, start + offset, start + len(cell) + offset))
    found = []
    for category, row in _table_rows(cells):
        ind = _row_indicator(row, category, section_type)
        if ind is not None:
            found.append(ind)
    return found


_Cells = list[tuple[str, int, int]]


def _table_rows(cells: _Cells) -> Iterator[tuple[str | None, _Cells]]:
    """(category, cells of the row) for each indicator row after a ``三级指标`` header."""
    active = False
    category: str | None = None
    row: _Cells = []
    for i, (cell, s, e) in enumerate(cells):
        nxt = cells[i + 1][0] if i + 1 < len(cells) else None
        starts = active and _is_row_start(cell, nxt)
        level_cell = not starts and cell.endswith("指标") and len(cell) <= 10  # 产出指标, 数量指标 …
        header, end = R.INDICATOR_TABLE_HEADER.search(cell), R.INDICATOR_TABLE_END.match(cell)
        if row and (starts or level_cell or header or end):
            yield category, row
            row = []
        if header or end:
            active, category = bool(header), None
        elif active and level_cell:
            category = _category(cell) or category
        elif active and (row or starts):
            row.append((cell, s, e))
    if row:
        yield category, row


def _name_similarity(a: Indicator, b: Indicator) -> float:
    return SequenceMatcher(None, a.name, b.name).ratio()


def _same_text(a: Indicator, b: Indicator, text: str) -> bool:
    return R.SPACES.sub("", text[a.start : a.end]) == R.SPACES.sub("", text[b.start : b.end])


def pair_indicators(
    planned: Iterable[Indicator], achieved: Iterable[Indicator], text: str
) -> list[IndicatorPair]:
    """Pair each planned indicator with the most similar achieved one of the same category.

    ``text`` is the text the offsets point into (to compare what was written).

    >>> t = "数量指标：覆盖率100%。数量指标：覆盖率100%。"
    >>> a, b = prose_indicators(t[:12], section_type="goal"), prose_indicators(t[12:], offset=12)
    >>> [(p.similarity, p.repeated_plan) for p in pair_indicators(a, b, t)]
    [(1.0, True)]
    """
    pool = list(achieved)
    pairs: list[IndicatorPair] = []
    for p in planned:
        best, best_sim = None, 0.0
        for a in pool:
            if a.category != p.category:
                continue
            sim = _name_similarity(p, a)
            if sim > best_sim:
                best, best_sim = a, sim
        if best is not None and best_sim >= PAIR_THRESHOLD:
            pool.remove(best)
            pairs.append(IndicatorPair(p, best, round(best_sim, 3), _same_text(p, best, text)))
        else:
            pairs.append(IndicatorPair(p, None, 0.0, False))
    return pairs


_GOAL_TYPES = frozenset({"goal"})
_ACHIEVED_TYPES = frozenset({"completion", "benefit", "conclusion"})


def indicators(report: Any) -> list[Indicator]:
    """All indicators of a :class:`corpus.model.Report`, offsets into its Document.text, in order.

    Prose indicators come from non-table units; table indicators from the report's table units
    (score tables). ``sentence_id`` is the unit the indicator starts in.
    """
    from nlp.extract.documents import report_indicators

    return report_indicators(report)
