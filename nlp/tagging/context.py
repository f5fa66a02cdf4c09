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
    for name, rx in R.SHAPE_PATTERNS:
        if rx.match(text):
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


def derive_contexts(texts: Sequence[str], sentences: Sequence[Any] | None = None) -> list[UnitContext]:
    """The context of every unit of one report (or file), given the unit texts in order.

    ``sentences`` optionally carries the corpus pipeline's ``Sentence`` per unit (or ``None``
    where unknown): its section type, heading path and flags become extra context.
    """
    shapes = [shape_of(t) for t in texts]
    cues = [_cues(t) for t in texts]
    section, top, region = "none", "none", "none"
    headings: tuple[str, ...] = ()
    last = max(len(texts) - 1, 1)
    out: list[UnitContext] = []
    for i, text in enumerate(texts):
        level = heading_level(text)
        if level:
            kind = section_of(text)
            section = kind if kind != "none" else section
            if level == 1:
                top = kind
                section = kind
            headings = (*headings[-1:], text.strip())
        region = _region_after(text, region)
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
                **_corpus_fields(sentences[i] if sentences else None),
            )
        )
    return out
