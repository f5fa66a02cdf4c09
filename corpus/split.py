"""Find the reports in a file's units: where each starts, and what is residue before the first.

A new report starts at

* a **title** line (``…绩效自评报告``, ``…绩效评价报告``, ``…自评表（2023年度）``, ``…部门决算`` …) once
  the current report holds some content; the start moves back over the title's cover block — a
  title fragment on the line before, an agency line (``某某局``) and, before that, an attachment
  label (``附件3``);
* a **numbering restart**: a fresh ``一、`` overview heading (or ``1、`` written for it, or
  ``第一部分``) after the current report's top-level numbering went past one — the title was lost.

Units before the first start are a report of their own when they hold headings and enough
content (a 决算 explanation before the reports), are residue when they are page furniture or
attachment labels only, and otherwise open the first report (a table continued from a page
before). A file without any cue is one report; page furniture at its head is residue.

>>> from corpus.segment import segment
>>> text = "附件1\\n甲项目绩效自评报告\\n一、项目概况\\n甲。\\n乙。\\n丙。\\n"
>>> text += "乙项目绩效自评报告\\n一、项目概况\\n丁。"
>>> s = find_reports(segment(text))
>>> s.residue, s.reports
(1, ((1, 6), (6, 9)))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus import patterns as P
from corpus.segment import Unit
from corpus.structure import (
    HeadingMatch,
    heading_candidates,
    match_heading,
    opens_mistyped_run,
    section_type_of,
)

#: Content units that make the units before the first title a report of their own.
LEAD_REPORT_CONTENT = 10


@dataclass(frozen=True)
class Split:
    """Units ``[0:residue)`` are residue; each report is a ``[start, end)`` range of unit indexes."""

    residue: int
    reports: tuple[tuple[int, int], ...]
    headings: tuple[tuple[int, HeadingMatch], ...] = ()  # (unit index, match) of heading candidates
    titles: tuple[int, ...] | None = None  # unit indexes of title lines (None: not computed)


def cell_text(u: Unit) -> str:
    """The text of a unit, or of its only non-empty cell when it is a table row holding one.

    >>> from corpus.segment import segment
    >>> cell_text(segment("某某自评表(2023年度) | |||||")[0])
    '某某自评表(2023年度)'
    """
    return _single_cell(u.text) if u.row else u.text


def _single_cell(row: str) -> str:
    filled = [c for c in (c.strip() for c in row.replace("\t", "|").split("|")) if c]
    return filled[0] if len(filled) == 1 else row


def is_title(u: Unit) -> bool:
    """Whether a unit is a report title line.

    >>> from corpus.segment import segment
    >>> lines = "某局2023年度部门整体支出绩效自评报告\\n附表：某项目自评表\\n形成了自评报告。"
    >>> [is_title(u) for u in segment(lines)]
    [True, False, False]
    """
    return u.first and _title_text(u.text, u.row)


@lru_cache(maxsize=1 << 14)
def _title_text(text: str, row: bool) -> bool:
    if not P.TITLE_HINT_RE.search(text):
        return False
    if row:
        text = _single_cell(text)
    if len(text) > P.TITLE_MAX_CHARS or not P.TITLE_RE.search(text):
        return False
    if P.TITLE_REFERENCE_RE.search(text) or _residue_text(text):
        return False
    return not any(rx.match(text) for rx in P.HEADING_RE.values())


def is_residue(u: Unit) -> bool:
    """Page furniture or a lone attachment label: kept, but never the start of a report.

    >>> from corpus.segment import segment
    >>> [is_residue(u) for u in segment("• 索引号\\n附件2\\n当前位置：首页 > 公开\\n一、项目概况")]
    [True, True, True, False]
    """
    return _residue_text(u.text)


@lru_cache(maxsize=1 << 14)
def _residue_text(text: str) -> bool:
    if len(text) > P.RESIDUE_MAX_CHARS:
        return False
    squashed = "".join(text.split()) if " " in text or "\t" in text else text
    return bool(P.ATTACHMENT_RE.match(text) or P.PAGE_RESIDUE_RE.search(squashed))


def is_agency_line(u: Unit) -> bool:
    """A line naming only an organisation (the issuer on a report's cover)."""
    return u.whole and not u.row and bool(P.AGENCY_LINE_RE.match(u.text))


def is_title_fragment(u: Unit) -> bool:
    """The first line of a title broken over two lines (``2023年度部门整体支出`` / ``绩效评价报告``)."""
    text = u.text
    return (
        u.whole
        and not u.row
        and len(text) <= 30
        and not any(ch in "。，,；;：:" for ch in text)
        and match_heading(text) is None
        and ("年" in text or "部门" in text or "项目" in text or "整体" in text)
    )


def cover_start(units: Sequence[Unit], title: int, floor: int) -> int:
    """Where the report whose title is ``units[title]`` starts: its cover block, not before ``floor``."""
    start = title
    if len(cell_text(units[title])) <= 10 and start - 1 >= floor and is_title_fragment(units[start - 1]):
        start -= 1
    if start - 1 >= floor and is_agency_line(units[start - 1]):
        start -= 1
        if start - 1 >= floor and P.ATTACHMENT_RE.match(units[start - 1].text):
            start -= 1
    return start


@dataclass
class _Current:
    """Running state of the report being read."""

    start: int
    content: int = 0
    prose: int = 0  # content units that end a sentence
    headings: int = 0
    top: int = 0  # highest 一、 number seen (reset by a 第X部分)
    part: int = 0  # highest 第X部分 number seen
    table: bool = False  # started by a score-table title (自评表)
    closing: bool = False  # a top-level problem / suggestion / conclusion section was seen

    def ended(self) -> bool:
        """Whether the report holds enough for a new title to start another one.

        A cover page, a table of contents or a web page's header and metadata before the document
        repeats its title does not: it holds no sentences. A long table does.
        """
        if self.content < P.MIN_REPORT_CONTENT:
            return False
        return self.prose >= P.MIN_REPORT_PROSE or self.content >= P.MIN_HEADINGLESS_CONTENT

    def count(self, u: Unit) -> None:
        """Count a unit that is neither a title nor a heading (page furniture does not count)."""
        if self.ended():
            return
        if u.text[-1] in P.UNIT_END_CHARS:
            self.prose += 1
            self.content += 1
        elif not is_residue(u):
            self.content += 1


def _restarts(k: int, found: Sequence[tuple[int, HeadingMatch]], cur: _Current, next_title: int) -> bool:
    """A fresh first heading after the current report's numbering went past one.

    ``next_title`` is the index of the next title unit: what follows it is another report.
    """
    h = found[k][1]
    if cur.table and h.style in ("cn", "part") and h.number == 1:  # a written report after a table
        return cur.content >= P.MIN_REPORT_CONTENT
    if cur.prose < P.MIN_REPORT_PROSE or h.number != 1:
        return False
    if h.style == "part":
        return cur.part >= 2
    if h.style not in ("cn", "arabic") or cur.top < 2:
        return False
    if section_type_of(h.body) not in P.OPENING_TYPES and not cur.closing:
        return False
    if h.style == "arabic":  # only a 1、 written for 一、
        return opens_mistyped_run(h, (g for i, g in found[k + 1 :] if i < next_title))
    return True


def _note(h: HeadingMatch, cur: _Current) -> None:
    cur.headings += 1
    if h.style == "part":
        cur.part = max(cur.part, h.number)
        cur.top = 0
        cur.closing = False
    elif h.style == "cn":
        cur.top = max(cur.top, h.number)
        cur.closing = cur.closing or section_type_of(h.body) in P.CLOSING_TYPES


def _starts(
    units: Sequence[Unit], found: Sequence[tuple[int, HeadingMatch]], titles: Sequence[int]
) -> list[int]:
    starts: list[int] = []
    cur: _Current | None = None
    at = {i: k for k, (i, _) in enumerate(found)}
    next_title = iter([*titles, len(units)])
    upcoming_title = next(next_title)
    held: int | None = None  # a title that did not start a report, with nothing but headings since
    for i, u in enumerate(units):
        if i == upcoming_title:
            upcoming_title = next(next_title)
            if cur is None or cur.ended():
                floor = starts[-1] + 1 if starts else 0
                begin = cover_start(units, i, floor)
                starts.append(begin)
                cur = _Current(begin, table=section_type_of(cell_text(u)) == "score-table")
            else:
                held = i
            continue
        k = at.get(i)
        if k is not None:
            h = found[k][1]
            if cur is not None and _restarts(k, found, cur, upcoming_title):
                begin = i if held is None else cover_start(units, held, starts[-1] + 1 if starts else 0)
                starts.append(begin)
                cur, held = _Current(begin), None
            if cur is None and h.style in ("cn", "part"):
                cur = _Current(-1)
            if cur is not None:
                _note(h, cur)
            continue
        held = None
        if cur is not None:
            cur.count(u)
    return starts


def _first_substantive(units: Sequence[Unit], lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        if not is_residue(units[i]):
            return i
    return None


def _lead_is_report(units: Sequence[Unit], lo: int, hi: int) -> bool:
    headings = content = 0
    for u in units[lo:hi]:
        if u.first and not u.row and match_heading(u.text, whole_line=u.whole) is not None:
            headings += 1
        elif not is_residue(u):
            content += 1
    return headings > 0 and content >= LEAD_REPORT_CONTENT


def find_reports(units: Sequence[Unit]) -> Split:
    """Residue count and report ranges of a file's units (see the module docstring).

    >>> from corpus.segment import segment
    >>> find_reports(segment("当前位置：首页 > 绩效\\n一、概况\\n内容。")).reports
    ((1, 3),)
    >>> find_reports([]).reports
    ()
    """
    n = len(units)
    found = tuple(heading_candidates(units))
    titles = tuple(i for i, u in enumerate(units) if is_title(u))
    starts = [s for s in _starts(units, found, titles) if s >= 0]
    first = _first_substantive(units, 0, starts[0] if starts else n)
    if not starts:
        if first is None:
            return Split(n, (), found, titles)
        return Split(first, ((first, n),), found, titles)
    if starts[0] > 0 and first is not None:
        if _lead_is_report(units, first, starts[0]):
            starts.insert(0, first)
        else:
            starts[0] = first
    residue = starts[0]
    bounds = [*starts, n]
    return Split(residue, tuple((bounds[k], bounds[k + 1]) for k in range(len(starts))), found, titles)
