"""Context of a sentence unit derived from the units around it.

The tagger needs to know *where* a unit stands: the same indicator list is ``target`` under a
绩效目标 heading and not under 完成情况; a bare ``1.58`` is ``amount`` under a (万元) header and
nothing under 权重. The corpus pipeline fills ``Sentence.section_type`` and friends; this module
derives an equivalent, self-contained context from the unit texts alone, so the tagger works
the same on gold units, on loaded reports and on text with no headings at all.

>>> ctx = derive_contexts(["一、绩效目标", "完成培训20场。"])
>>> ctx[1].section, ctx[0].is_heading
('goal', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nlp.tagging import resources as R


@dataclass(frozen=True, slots=True)
class UnitContext:
    """Where a unit stands: section types, headings above it, table region, neighbours' shapes."""

    section: str = "none"  # type of the nearest typed heading above the unit
    top_section: str = "none"  # type of the nearest level-1 heading above it
    headings: tuple[str, ...] = ()  # the nearest headings above (most recent last), at most 2
    is_heading: bool = False
    is_table: bool = False
    position: float = 0.0
    shape: str = "text"
    region: str = "none"  # "money" / "indicator" / "none": the table header last seen
    row_key: str = "none"  # section type named by a table row's first cell, e.g. 存在问题 | 无
    neighbours: tuple[str, ...] = ()  # shape and cue strings of the units at -2, -1, +1, +2
    cell_run: int = -1  # index of a value cell within its run of value cells after a name cell (-1: none)
    run_head: str = "none"  # what the name cell before the run names: "indicator" / "money" / "other"
    column: str = "none"  # header word of the cell's column, when the table header is one cell per line
    corpus_section: str = ""  # Sentence.section_type from the corpus pipeline, when known
    corpus_heading: str = ""  # the last heading of Sentence.heading_path, when known
    corpus_flags: tuple[str, ...] = ()  # "heading" / "table" as the corpus pipeline sees the unit


def section_of(text: str) -> str:
    """The section type a heading (or a row key) names, ``"none"`` when it names none.

    >>> section_of("（二）存在的问题及原因分析")
    'problem'
    """
    for name, rx in R.SECTION_KEYWORDS:
        if rx.search(text):
            return name
    return "none"


def shape_of(text: str) -> str:
    """A coarse shape of a unit: ``op``, ``pct``, ``decimal``, ``int``, ``money``, ``short`` or ``text``.

    >>> shape_of("1.58"), shape_of("≥"), shape_of("按时发放")
    ('decimal', 'op', 'short')
    """
    cell = text.strip().strip("|").strip() if text.strip().count("|") <= 2 else text
    for name, rx in R.SHAPE_PATTERNS:
        if rx.match(cell):
            return name
    if len(text) <= 12:
        return "short"
    return "table" if R.TABLE_SEPARATOR.search(text) and "|" in text else "text"


def heading_level(text: str) -> int:
    """0 when ``text`` is not a heading, 1 for 一、/第一部分, 2 for deeper numbering, 3 for bare keywords."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40 or "|" in stripped or "\t" in stripped:
        return 0
    m = R.HEADING_NUMBER.match(stripped)
    if m:
        body = stripped[m.end() :]
        if len(body) > 30 or body.count("，") + body.count(",") > 1:
            return 0
        first = m.group(0).strip()
        return 1 if first[0] in "一二三四五六七八九十第" else 2
    if (
        len(stripped) <= 12
        and section_of(stripped) in R.BARE_HEADING_TYPES
        and not stripped.endswith(("。", "；"))
    ):
        return 3
    return 0


def _cues(text: str) -> list[str]:
    return [w for w in R.CUE_WORDS if w in text]


def _neighbour_strings(shapes: Sequence[str], cues: Sequence[list[str]], i: int) -> tuple[str, ...]:
    out: list[str] = []
    for off in (-2, -1, 1, 2):
        j = i + off
        if 0 <= j < len(shapes):
            out.append(f"{off}:{shapes[j]}")
            out.extend(f"{off}:{c}" for c in cues[j])
        else:
            out.append(f"{off}:edge")
    return tuple(out)


def _region_after(text: str, region: str) -> str:
    if R.INDICATOR_HEADER.search(text) and ("指标值" in text or "三级指标" in text or "|" not in text):
        return "indicator"
    if R.MONEY_HEADER.search(text):
        return "money"
    if heading_level(text) in (1, 2):
        return "none"
    return region


def _row_key(text: str) -> str:
    if "|" not in text and "\t" not in text:
        return "none"
    first = R.TABLE_SEPARATOR.split(text.strip(), maxsplit=1)[0]
    return section_of(first) if len(first) <= 16 else "none"


def _corpus_fields(sentence: Any) -> dict[str, Any]:
    if sentence is None:
        return {}
    flags = tuple(f for f, on in (("heading", sentence.is_heading), ("table", sentence.is_table)) if on)
    path = sentence.heading_path
    return {
        "corpus_section": sentence.section_type,
        "corpus_heading": path[-1] if path else "",
        "corpus_flags": flags,
    }


def _name_kind(text: str) -> str:
    if R.MONEY_HEADER.search(text) or "资金" in text:
        return "money"
    return "indicator" if R.INDICATOR_NAME.search(text) else "other"


def numbering_style(text: str) -> str:
    """The numbering style of a heading: ``cn`` 一、, ``pcn`` （一）, ``num`` 1., ``pnum`` (1), ``part`` …

    >>> numbering_style("（二）存在的问题"), numbering_style("1.资金使用率低。")
    ('pcn', 'num')
    """
    m = R.HEADING_NUMBER.match(text)
    if not m:
        return "bare"
    first = m.group(0).strip()
    paren = first[0] in "（("
    body = first[1:] if paren else first
    if first[0] == "第":
        return "part"
    if body[:1].isdigit():
        return "pnum" if paren else "num"
    if body[:1] in "一二三四五六七八九十":
        return "pcn" if paren else "cn"
    return "circ"


def _neutral(shape: str, text: str) -> bool:
    """An operator, percent sign or unit cell (个, 人次): it does not move a run of value cells."""
    cell = text.strip().strip("|").strip()
    unit = 0 < len(cell) <= 2 and not any(ch.isdigit() for ch in cell)
    return shape in ("op", "pctsign", "empty") or unit


def cell_runs(shapes: Sequence[str], texts: Sequence[str]) -> list[tuple[int, str]]:
    """Per unit: its index within a run of value cells (-1 for other units) and the kind of the
    name cell standing before the run (the planned value follows the indicator name directly).

    >>> cell_runs(["short", "pct", "pct", "int"], ["覆盖率", "95%", "96%", "10"])[1:]
    [(0, 'indicator'), (1, 'indicator'), (2, 'indicator')]
    """
    out: list[tuple[int, str]] = []
    run, head = -1, "none"
    for shape, text in zip(shapes, texts, strict=True):
        if _neutral(shape, text):
            out.append((-1, head))
            continue
        if shape in R.VALUE_SHAPES:
            run = run + 1 if run >= 0 or head != "none" else 0
            out.append((min(run, 5), head))
            continue
        run, head = -1, _name_kind(text) if shape in ("short", "text") and len(text) <= 40 else "none"
        out.append((-1, "none"))
    return out


def _column_word(text: str) -> str | None:
    """The column a header cell names (指标值 → planned, 得分 → score …), ``None`` for other units."""
    return next((w for w, rx in R.COLUMN_WORDS if rx.search(text)), None) if len(text) <= 10 else None


def _columns(texts: Sequence[str], shapes: Sequence[str]) -> list[str]:
    """Header word of each value cell's column: the header cells (指标值, 完成值, 分值, 得分 …) seen in
    order on their own lines give the columns; a value cell's place in its run picks one."""
    header: list[str] = []
    out: list[str] = []
    run = -1
    for text, shape in zip(texts, shapes, strict=True):
        word = _column_word(text)
        if word is not None:
            if not (out and out[-1] == "header"):
                header = [word]
            elif header[-1] != word:  # 实际 / 完成值 split over two cells name one column
                header = [*header, word]
            out.append("header")
            run = -1
            continue
        if _neutral(shape, text) and header:
            out.append("none")
            continue
        if shape in R.VALUE_SHAPES and header:
            run += 1
            out.append(header[run] if run < len(header) else "beyond")
            continue
        run = -1
        out.append("none")
    return [c if c != "header" else "none" for c in out]


def derive_contexts(texts: Sequence[str], sentences: Sequence[Any] | None = None) -> list[UnitContext]:
    """The context of every unit of one report (or file), given the unit texts in order.

    ``sentences`` optionally carries the corpus pipeline's ``Sentence`` per unit (or ``None``
    where unknown): its section type, heading path and flags become extra context.
    """
    shapes = [shape_of(t) for t in texts]
    cues = [_cues(t) for t in texts]
    runs = cell_runs(shapes, texts)
    columns = _columns(texts, shapes)
    section, top, region, opener_style = "none", "none", "none", ""
    headings: tuple[str, ...] = ()
    last = max(len(texts) - 1, 1)
    out: list[UnitContext] = []
    for i, text in enumerate(texts):
        level = heading_level(text)
        if level:
            kind = section_of(text)
            style = numbering_style(text)
            item = level == 2 and style != opener_style and kind not in R.LIST_SECTIONS
            if section in R.LIST_SECTIONS and item:
                kind = "none"  # "1.资金使用率低。" under 存在的问题 is an item of that section
            elif kind != "none":
                opener_style = style
            section = kind if kind != "none" else section
            if level == 1:
                top = kind
                section = kind
            headings = (*headings[-1:], text.strip())
        region = _region_after(text, region)
        opener = "" if level else section_of(text[-R.OPENER_TAIL :]) if R.OPENER_END.search(text) else ""
        out.append(
            UnitContext(
                section=section,
                top_section=top,
                headings=headings,
                is_heading=bool(level),
                is_table="|" in text
                or "\t" in text
                or shapes[i] in ("op", "pct", "decimal", "int", "pctsign"),
                position=i / last,
                shape=shapes[i],
                region=region,
                row_key=_row_key(text),
                neighbours=_neighbour_strings(shapes, cues, i),
                cell_run=runs[i][0],
                run_head=runs[i][1],
                column=columns[i],
                **_corpus_fields(sentences[i] if sentences else None),
            )
        )
        if opener in R.OPENER_TYPES:  # "…存在的主要问题：" inside a unit opens that section
            section = opener
    return out
