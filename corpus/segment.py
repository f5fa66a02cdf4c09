"""Cut a cleaned text into sentence units, as the annotation guide defines them.

A unit ends at ``。`` ``！`` ``？`` (with any run of them) or at a line break; ``；``/``;`` do not
end one. A table row whose cells stand on one line (tabs or pipes) is one unit, and a ``。`` in it
still ends a unit. Closing quotes or brackets after ``。`` start the next unit, as in the gold.
Units are stripped of surrounding whitespace; empty ones are dropped.

>>> [u.text for u in segment("一、概况\\n目标明确；措施得力。资金到位！\\n")]
['一、概况', '目标明确；措施得力。', '资金到位！']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from corpus import patterns as P
from corpus.model import Document, Sentence


class Unit(NamedTuple):
    """A unit before it is placed in a report: text and offsets into the cleaned text.

    ``line`` is the 0-based line index in the cleaned text, ``first`` whether the unit opens its
    line (headings and titles only ever do), ``whole`` whether it is the whole line, and
    ``row`` whether its line is a table row with cells on one line. (A named tuple: one is made
    per unit of the corpus, and tuples are built several times faster than frozen dataclasses.)
    """

    text: str
    start: int
    end: int
    line: int
    first: bool
    whole: bool
    row: bool


def segment(text: str) -> list[Unit]:
    """All units of ``text`` in order, with offsets (``text[u.start:u.end] == u.text``).

    >>> [(u.text, u.line, u.first) for u in segment("甲。乙\\n\\n  丙")]
    [('甲。', 0, True), ('乙', 0, False), ('丙', 2, True)]
    """
    units: list[Unit] = []
    append = units.append
    strip = P.UNIT_STRIP
    is_row = P.TABLE_ROW_RE.search
    pos = 0
    for lineno, line in enumerate(text.split("\n")):
        body = line.strip(strip)
        if body:
            row = ("\t" in line or "|" in line) and is_row(line) is not None
            if "。" not in body and "！" not in body and "？" not in body:  # most lines: one unit
                start = pos + len(line) - len(line.lstrip(strip))
                append(Unit(body, start, start + len(body), lineno, True, True, row))
            else:
                _split_line(line, pos, lineno, row, append)
        pos += len(line) + 1
    return units


def _split_line(line: str, pos: int, lineno: int, row: bool, append: Callable[[Unit], None]) -> None:
    found = []
    for m in P.UNIT_RE.finditer(line):
        raw = m.group()
        body = raw.strip(P.UNIT_STRIP)
        if body:
            start = pos + m.start() + len(raw) - len(raw.lstrip(P.UNIT_STRIP))
            found.append((body, start))
    whole = len(found) == 1
    for k, (body, start) in enumerate(found):
        append(Unit(body, start, start + len(body), lineno, k == 0, whole, row))


def split_units(text: str) -> list[str]:
    """The unit texts of ``text`` (a convenience over :func:`segment`).

    >>> split_units("数量指标：100%；质量指标：达标。\\n无")
    ['数量指标：100%；质量指标：达标。', '无']
    """
    return [u.text for u in segment(text)]


def document_units(doc: Document) -> Iterator[Sentence]:
    """Every unit of a document in file order: residue first, then each report's units.

    Residue only ever precedes the first report (units between reports stay with the report
    before them), so this order is the order of the file.

    >>> from corpus.load import from_text
    >>> [s.text for s in document_units(from_text("附件1\\n某项目绩效自评报告\\n一、项目概况\\n内容。"))]
    ['附件1', '某项目绩效自评报告', '一、项目概况', '内容。']
    """
    yield from doc.residue
    for report in doc.reports:
        yield from report.sentences
