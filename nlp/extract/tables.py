"""Table cells of converted forms, and the bare money figures in columns under a unit header.

Forms reach us in three shapes: one cell per line (Word tables), rows of ``|``-separated cells,
and rows flattened into space-separated runs (PDF text). All three are read as one stream of
cells: maximal runs of characters between ``|``, tabs, spaces and line breaks.

>>> [c.text for c in iter_cells("总额 | 1.58 | 1.27\\n其他")]
['总额', '1.58', '1.27', '其他']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from nlp.extract import resources as R
from nlp.extract.numbers import normalize_yuan, parse_number
from nlp.extract.records import Amount

#: Cells after which no money header follows in the same table (a cell of text is this long at most).
_MAX_HEADER_CELL = 30
_MAX_IDLE_CELLS = 60
#: A cell this long ending with 。 is running text: the table is over.
_MIN_SENTENCE = 20
#: How far before a unitless money table the sentence introducing it is looked for.
_LEAD_WINDOW = 200


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell (or a piece of running text) with its offsets."""

    text: str
    start: int
    end: int


def iter_cells(text: str) -> Iterator[Cell]:
    """The cells of ``text`` in order (see the module docstring)."""
    for m in R.CELL.finditer(text):
        yield Cell(m.group(), m.start(), m.end())


def _header_role(header: str | None) -> str:
    if header is None:
        return "other"
    for role, pattern in R.ROLE_CUES:
        if pattern.search(header):
            return role
    return "other"


class _MoneyTable:
    """State of one money table while its cells stream by."""

    def __init__(self, unit: str | None, header: Cell) -> None:
        self.unit = unit  # None: a header of money columns whose unit cell comes later (PDF text)
        self.pending: list[tuple[Cell, str]] = []  # money cells seen before the unit, with their role
        self.headers: list[str] = []
        self.frozen = False
        self.in_header = True
        self.taken = 0
        self.blocked = False
        self.idle = 0
        self.add_header(header.text)
        self.unit_cell_counted = bool(self.headers) and unit is not None
        self.year_column = False
        self.last_serial = 0
        #: Totals (number, unit) stated just before a unitless table: its unit if a column sums to one.
        self.lead_totals: list[tuple[Decimal, str]] = []

    def add_header(self, text: str) -> None:
        if self.frozen or len(text) > _MAX_HEADER_CELL:
            return
        if R.NON_MONEY_COLUMN.search(text):
            self.frozen = bool(self.headers)
        elif R.MONEY_COLUMN.search(text) and not text.rstrip().endswith((":", "：")):
            self.headers.append(text)

    @property
    def columns(self) -> list[str]:
        """Headers of the money columns, left to right."""
        # The unit cell heads the row labels when money columns follow it (年度预算数（万元）| 年初预算 …).
        plain = [h for h in self.headers if R.UNIT_HEADER.search(h) is None]
        if plain and self.unit_cell_counted:
            return self.headers[1:]
        return self.headers

    @property
    def limit(self) -> int | None:
        return len(self.columns) or None

    def start_row(self) -> None:
        self.taken = 0
        self.blocked = False


def _emit(cell: Cell, unit: str, role: str) -> Amount | None:
    """The money cell ``cell`` read with the table's ``unit`` (``None`` when it is no number)."""
    m = R.NUMBER_CELL.fullmatch(cell.text)
    if m is None:
        return None
    num = m.group("num")
    yuan = parse_number(num, unit)
    start = cell.start + m.start("num")
    value = None if yuan is None else normalize_yuan(yuan)
    return Amount(num, value, role, start, start + len(num), None, yuan is None, "table")


def _unit_of(cell: Cell) -> str | None:
    m = R.UNIT_HEADER.search(cell.text)
    if m is None:
        return None
    return m.group("unit") or m.group("unit2")


def _is_row_label_number(cells: list[Cell], i: int, table: _MoneyTable) -> bool:
    """A serial number or a year heading a row (``1 | 某项目名称 …``, ``2021 | …``), not money."""
    text = cells[i].text
    if table.year_column and R.YEAR_CELL.fullmatch(text):
        return True
    if not R.SERIAL_CELL.fullmatch(text) or i == 0 or i + 1 >= len(cells):
        return False
    before, after = cells[i - 1].text, cells[i + 1].text
    if R.NUMBER_CELL.fullmatch(before) or R.NUMBER_CELL.fullmatch(after) or len(after) < 6:
        return False
    # Serial numbers count up from 1 (``实际支出(万元) | 120 | 二、…`` is money, not a serial).
    if int(text) != table.last_serial + 1:
        return False
    table.last_serial = int(text)
    return True


def table_amounts(text: str) -> list[Amount]:
    """Bare numbers that are money because of the table they stand in, in document order.

    Three rules: numbers in the columns of a table whose header names the unit (``（万元）``),
    up to the number of money columns the header lists and before the first percentage of the
    row; numbers beside a unit cell of an indicator table's unit column (``≤ | 30 | 万元``, see
    :func:`unit_column_amounts`); and the cells of a unitless money column (``金额``) that sum
    to a total stated in the sentence introducing the table, read in that total's unit.

    >>> [(a.text, str(a.yuan)) for a in table_amounts("成本 | ≤ | 30 | 万元 | 完成")]
    [('30', '300000')]
    """
    cells = list(iter_cells(text))
    found = unit_column_amounts(cells)
    taken = {a.start for a in found.values()}
    table: _MoneyTable | None = None
    for i, cell in enumerate(cells):
        if R.NUMBER_CELL.fullmatch(cell.text) and _number_start(cell) in taken:
            continue
        if table is not None and _is_row_label_number(cells, i, table):
            table.start_row()
            continue
        if table is not None and table.lead_totals and R.UNITLESS_MONEY_HEADER.fullmatch(cell.text):
            _commit_by_lead_total(table, found)  # a form's funds block begins: its own rule applies
            table = None
        previous = table
        table = _step(table, cell, found)
        if table is not previous and previous is not None:
            _commit_by_lead_total(previous, found)
        if table is None and R.SUM_MONEY_HEADER.fullmatch(cell.text):
            table = _lead_total_table(text, cell)
        if table is not None and table is not previous:  # a new table: a 年度 column just before its unit?
            table.year_column = any(c.text in R.YEAR_HEADERS for c in cells[max(0, i - 8) : i])
    if table is not None:
        _commit_by_lead_total(table, found)
    return [found[k] for k in sorted(found)]


def _number_start(cell: Cell) -> int:
    m = R.NUMBER_CELL.fullmatch(cell.text)
    return cell.start + (m.start("num") if m is not None else 0)


def _value_columns(cells: list[Cell], i: int, step: int) -> int:
    """How many value column headers (指标值, 完成值 …) stand next to ``cells[i]`` towards ``step``."""
    n, j = 0, i + step
    while 0 <= j < len(cells) and n < 3 and R.VALUE_COLUMN.fullmatch(cells[j].text):
        n, j = n + 1, j + step
    return n


def unit_column_amounts(cells: list[Cell]) -> dict[int, Amount]:
    """Numbers in the value columns beside a money unit cell of an indicator table, by start.

    The header (``度量单位`` / ``计量单位`` and the ``指标值`` / ``完成值`` cells around it) tells on
    which side the values stand: ``计量单位 | 指标值 | 全年实际完成值`` puts both after the unit;
    otherwise (the template's ``指标值 | 度量单位 | 完成值``, or no header seen) the planned value
    stands just before the unit (``≤ | 30 | 万元``).

    >>> cells = list(iter_cells("计量单位 指标值 完成值 权重 5 万元人民币 12 11.5 20"))
    >>> [(a.text, str(a.yuan)) for a in unit_column_amounts(cells).values()]
    [('12', '120000'), ('11.5', '115000')]
    """
    found: dict[int, Amount] = {}
    before, after = 1, 0
    for i, cell in enumerate(cells):
        if R.UNIT_COLUMN.fullmatch(cell.text):
            before, after = _value_columns(cells, i, -1), _value_columns(cells, i, 1)
            # Empty cells leave no trace in the stream: a value after the unit is taken only where
            # every value column follows it (else an empty 完成值 would hand its place to 权重).
            before, after = (0, after) if before == 0 and after > 0 else (1, 0)
            continue
        um = R.UNIT_CELL.fullmatch(cell.text)
        if um is None:
            continue
        unit = um.group("unit") or um.group("unit2")
        values = cells[i - before : i] if i >= before else []
        for value in cells[i + 1 : i + 1 + after]:
            if not R.NUMBER_CELL.fullmatch(value.text):
                break
            values.append(value)
        for value in values:
            if R.NUMBER_CELL.fullmatch(value.text):
                _record(found, _emit(value, unit, "other"))
    return found


def lead_totals(lead: str) -> list[tuple[Decimal, str]]:
    """The amounts (number, unit) of the sentence introducing a table; ``lead`` is the text before it.

    That sentence is the last one of ``lead``, or the last but one when the table's first header
    cells follow it (``…安排资金1,250万元（详见下表）。\\n项目 | 金额``).

    >>> lead_totals("上年结余3万元。本年安排资金1,250万元（详见下表）。\\n项目 |\\n")
    [(Decimal('1250'), '万元')]
    """
    ends = [i for i, c in enumerate(lead.rstrip()) if c in "。！？"]
    cut = ends[-2] if len(ends) >= 2 else -1
    totals = []
    for m in R.MONEY.finditer(lead, cut + 1):
        num, unit = m.group("num"), m.group("unit")
        if R.STRICT_NUMBER.fullmatch(num) and unit in R.UNIT_FACTORS:
            totals.append((Decimal(num.replace(",", "")), unit))
    return totals


def _lead_total_table(text: str, cell: Cell) -> _MoneyTable | None:
    """A unitless money column (``金额``) right after a sentence stating totals, else ``None``."""
    totals = lead_totals(text[max(0, cell.start - _LEAD_WINDOW) : cell.start])
    if not totals:
        return None
    table = _MoneyTable(None, cell)
    table.lead_totals = totals
    return table


def _commit_by_lead_total(table: _MoneyTable, found: dict[int, Amount]) -> None:
    """Read the pending cells of a unitless table in the unit of the total they sum to, if any."""
    if table.unit is not None or len(table.pending) < 2 or not table.lead_totals:
        return
    nums = [R.NUMBER_CELL.fullmatch(c.text) for c, _ in table.pending]
    if not all(m is not None and R.STRICT_NUMBER.fullmatch(m.group("num")) for m in nums):
        return
    total = sum(Decimal(m.group("num").replace(",", "")) for m in nums if m is not None)
    for value, unit in table.lead_totals:
        if value == total:
            for pending, role in table.pending:
                _record(found, _emit(pending, unit, role))
            break
    table.pending.clear()


def _record(found: dict[int, Amount], amount: Amount | None) -> None:
    if amount is not None:
        found[amount.start] = amount


def _step(table: _MoneyTable | None, cell: Cell, found: dict[int, Amount]) -> _MoneyTable | None:
    """Advance the money-table state by one cell, recording money cells in ``found``."""
    unit = _unit_of(cell)
    if unit is not None:
        if table is not None and table.unit is None and not table.lead_totals:  # PDF text: commit
            table.unit = unit
            for pending, role in table.pending:
                _record(found, _emit(pending, unit, role))
            table.pending.clear()
            return table
        if table is not None and table.in_header and table.unit == unit:
            table.add_header(cell.text)  # one more column of the same header row
            return table
        return _MoneyTable(unit, cell)
    if table is None:
        return _MoneyTable(None, cell) if R.UNITLESS_MONEY_HEADER.fullmatch(cell.text) else None
    text = cell.text
    if R.TABLE_END.search(text):
        return None
    if R.PERCENT_CELL.fullmatch(text):
        table.blocked = True
        table.in_header = False
        return table
    if R.NUMBER_CELL.fullmatch(text):
        table.in_header = False
        table.idle = 0
        limit = table.limit
        if not table.blocked and (limit is None or table.taken < limit):
            columns = table.columns
            header = columns[table.taken] if table.taken < len(columns) else None
            if table.unit is None:
                table.pending.append((cell, _header_role(header)))
            else:
                _record(found, _emit(cell, table.unit, _header_role(header)))
            table.taken += 1
        return table
    if text in R.EMPTY_CELLS:
        table.blocked = True
        return table
    table.idle += 1
    if table.idle > _MAX_IDLE_CELLS or (len(text) >= _MIN_SENTENCE and text.endswith("。")):
        return None  # running text again: a sentence is no table cell
    if text in R.YEAR_HEADERS:
        table.year_column = True
    if table.in_header:
        table.add_header(text)
    table.start_row()
    return table
