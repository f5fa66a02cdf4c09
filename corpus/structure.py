"""Headings, their levels, and the canonical section type of every unit of a report.

A heading is a unit that opens its line with a numbering (``第一部分``, ``一、``, ``（一）``,
``1．``/``1、``/``1.``, ``（1）``, ``①``) and a short body, or a short unnumbered line naming a
section (``项目组织架构及实施流程。``). Levels come from the order in which numbering styles nest
in the report (a style seen for the first time goes one level deeper; a style already open closes
everything below it). A number written in the wrong style — ``（2）`` where ``（二）`` belongs, ``1、``
where ``一、`` belongs — is read in the style its sequence asks for.

Each heading body is mapped to a type of :data:`corpus.model.SECTION_TYPES` by the keyword tables
of :mod:`corpus.patterns`; a unit takes the type of its nearest typed ancestor.

>>> h = match_heading("（二）项目绩效目标。")
>>> (h.style, h.number, h.body, section_type_of(h.body))
('paren-cn', 2, '项目绩效目标', 'goal')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from corpus import patterns as P
from corpus.segment import Unit

_CN_DIGIT_GROUPS = ("〇零", "一", "二两", "三", "四", "五", "六", "七", "八", "九")
_CN_VALUES = {ch: v for v, chars in enumerate(_CN_DIGIT_GROUPS) for ch in chars}


def cn_number(text: str) -> int:
    """Value of a small Chinese or Arabic numeral (up to 99; ``百`` counts 100).

    >>> [cn_number(x) for x in ("三", "十", "十二", "二十一", "12", "⑤")]
    [3, 10, 12, 21, 12, 5]
    """
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    if text == "百":
        return 100
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_VALUES.get(tens, 1) if tens else 1) * 10 + (_CN_VALUES.get(units, 0) if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_VALUES.get(ch, 0)
    return value


class HeadingMatch(NamedTuple):
    """A heading's numbering style, number (``0`` for unnumbered), written numbering and body."""

    style: str
    number: int
    numbering: str | None
    body: str


@lru_cache(maxsize=1 << 14)
def match_heading(text: str, *, whole_line: bool = True) -> HeadingMatch | None:
    """The heading reading of a unit that opens its line, or None.

    >>> match_heading("1．资金计划及到位。").style
    'arabic'
    >>> match_heading("1.58") is None, match_heading("（1）数量指标：人员保障率100%") is None
    (True, True)
    """
    numbered = text[:1] in P.HEADING_FIRST_CHARS
    for style, rx in P.HEADING_RE.items() if numbered else ():
        m = rx.match(text)
        if m is None:
            continue
        body = text[m.end() :].strip(P.UNIT_STRIP)
        core = body.rstrip("。：:.")
        if not core or len(core) > P.HEADING_MAX_CHARS or P.HEADING_PROSE_RE.search(core):
            return None
        if body.endswith("。") and (len(core) > P.HEADING_MAX_CHARS // 2 or any(c.isdigit() for c in core)):
            return None
        return HeadingMatch(style, cn_number(m.group("num")), m.group().strip(P.UNIT_STRIP), core)
    if whole_line and _is_plain_heading(text):
        return HeadingMatch("plain", 0, None, text.rstrip("。：:"))
    return None


def _is_plain_heading(text: str) -> bool:
    core = text.rstrip("。：:")
    if not core or len(core) > P.PLAIN_HEADING_MAX_CHARS or core != core.rstrip("。"):
        return False
    if any(ch.isdigit() for ch in core) or any(ch in "，,；;：:。！？%|\t（(" for ch in core):
        return False
    return bool(P.PLAIN_HEADING_END_RE.search(core)) and section_type_of(core) != "other"


@lru_cache(maxsize=1 << 14)
def section_type_of(heading: str) -> str:
    """Canonical section type of a heading body (``"other"`` when no keyword matches).

    >>> [section_type_of(x) for x in ("存在的问题", "问题及建议", "评价结论及建议", "绩效目标完成情况")]
    ['problem', 'problem', 'conclusion', 'completion']
    """
    for rx, kind in P.SECTION_TYPE_OVERRIDES:
        if rx.search(heading):
            return kind
    m = P.SECTION_KEYWORD_RE.search(heading)
    return P.SECTION_KEYWORDS[m.group()] if m else "other"


class Heading(NamedTuple):
    """A heading placed in the report: its unit's index, level (1 = outermost), type, parent heading."""

    unit: int
    level: int
    style: str
    match: HeadingMatch
    section_type: str  # own type, "other" when the body names none
    effective_type: str  # own type, or the nearest typed ancestor's
    parent: int | None  # index into the headings list


class UnitPlace(NamedTuple):
    """Where a unit sits: the innermost heading over it (index into headings), its type, its table flag."""

    heading: int | None
    section_type: str
    is_heading: bool
    is_table: bool


def heading_candidates(units: Sequence[Unit]) -> list[tuple[int, HeadingMatch]]:
    """(unit index, heading match) of every unit that reads as a heading (opens a non-table line)."""
    found = []
    for i, u in enumerate(units):
        if u.first and not u.row:
            h = match_heading(u.text, whole_line=u.whole)
            if h is not None:
                found.append((i, h))
    return found


def find_headings(
    units: Sequence[Unit],
    *,
    table_report: bool = False,
    table_titles: Sequence[int] = (),
    candidates: Sequence[tuple[int, HeadingMatch]] | None = None,
) -> list[tuple[int, HeadingMatch]]:
    """(unit index, heading match) for every heading unit of a report's units.

    In a score-table report (cells one per line) no cell is a heading. ``table_titles`` are
    units titling a score table appended to a written report: each opens a top-level
    ``score-table`` section, inside which no cell is a heading either. ``candidates`` are the
    :func:`heading_candidates` of ``units`` when already known.
    """
    if table_report:
        return []
    found = list(heading_candidates(units) if candidates is None else candidates)
    if not table_titles:
        return found
    first_table = table_titles[0]
    found = [(i, h) for i, h in found if i < first_table]
    found.extend((i, HeadingMatch("table", 0, None, units[i].text)) for i in table_titles)
    return found


def _retyped_style(h: HeadingMatch, stack: list[tuple[str, int]], upcoming: Iterable[HeadingMatch]) -> str:
    """The style a heading's number belongs to, given the open headings and the ones to come."""
    target = P.MISTYPED_STYLE.get(h.style)
    if target is None:
        return h.style
    styles = [s for s, _ in stack]
    if target in styles:
        at = len(styles) - 1 - styles[::-1].index(target)
        prev = stack[at][1]
        if h.style not in styles[at:] and prev < h.number <= prev + 2:
            return target
        return h.style
    if h.number == 1 and h.style not in styles and opens_mistyped_run(h, upcoming, styles):
        return target
    return h.style


def opens_mistyped_run(
    h: HeadingMatch, upcoming: Iterable[HeadingMatch], open_styles: Sequence[str] = ()
) -> bool:
    """Whether ``1、`` (or ``（1）``) starts a run written for ``一、`` (``（一）``).

    As in ``1、 2、`` then ``三、``.
    The run ends at the next heading of the intended style, which must carry the next number;
    a heading of an already open style (``open_styles``) ends it with no.

    >>> ms = [match_heading(t) for t in ("1、 概况", "（一）目标", "二、实施")]
    >>> opens_mistyped_run(ms[0], ms[1:])
    True
    """
    target = P.MISTYPED_STYLE.get(h.style)
    if target is None or h.number != 1:
        return False
    expected = 2
    for nxt in upcoming:
        if nxt.style == target:
            return nxt.number == expected
        if nxt.style == h.style:
            if nxt.number != expected:
                return False
            expected += 1
        elif nxt.style in open_styles:
            return False
    return False


def _plain_role(styles: Sequence[str], upcoming: Iterable[HeadingMatch]) -> str:
    """The numbering style an unnumbered heading stands in for.

    When the next numbered heading opens a level not open yet, the unnumbered heading is its
    lost first sibling (``项目组织架构…`` then ``（二）项目管理情况``); otherwise it nests below.
    """
    nxt = next((h for h in upcoming if h.style != "plain"), None)
    if nxt is not None and nxt.style not in styles and nxt.number <= P.MAX_FIRST_NUMBER:
        return nxt.style
    return "plain"


def _effective_type(own: str, inherited: str) -> str:
    """A section's type: its own, else its parent's; inside problems and suggestions, sub-topics
    (``1.资金管理方面``) stay problems or suggestions.

    >>> _effective_type("funds", "problem"), _effective_type("suggestion", "problem")
    ('problem', 'suggestion')
    """
    if inherited in P.STICKY_TYPES and own not in P.STICKY_OVERRIDES:
        return inherited
    return own if own != "other" else inherited


def place_headings(found: Sequence[tuple[int, HeadingMatch]]) -> list[Heading]:
    """Levels, parents and types of the headings of one report, in order.

    >>> ladder = ("一、项目概况", "（一）基本情况", "（2）项目绩效目标", "二、存在问题")
    >>> ms = [match_heading(t) for t in ladder]
    >>> [(h.level, h.style, h.effective_type) for h in place_headings(list(enumerate(ms)))]
    [(1, 'cn', 'overview'), (2, 'paren-cn', 'overview'), (2, 'paren-cn', 'goal'), (1, 'cn', 'problem')]
    """
    stack: list[tuple[str, int]] = []  # (style, number) of open headings
    open_idx: list[int] = []  # their indexes into `placed`
    placed: list[Heading] = []
    matches = [h for _, h in found]
    mistyped = P.MISTYPED_STYLE
    for k, (index, h) in enumerate(found):
        style = _retyped_style(h, stack, islice(matches, k + 1, None)) if h.style in mistyped else h.style
        styles = [s for s, _ in stack]
        if style == "plain":
            style = _plain_role(styles, islice(matches, k + 1, None))
        if style == "table":  # a score table appended to the report: a top-level section
            del stack[:], open_idx[:]
            styles = []
        if stack and style not in styles and h.number > P.MAX_FIRST_NUMBER:
            continue  # a new level starts at 一/1: "10、…" with no 9、 before is a list item
        if style in styles:
            cut = styles.index(style)
            del stack[cut:]
            del open_idx[cut:]
        parent = open_idx[-1] if open_idx else None
        own = section_type_of(h.body)
        inherited = placed[parent].effective_type if parent is not None else "other"
        effective = _effective_type(own, inherited)
        stack.append((style, h.number))
        open_idx.append(len(placed))
        placed.append(Heading(index, len(stack), style, h, own, effective, parent))
    return placed


def place_units(
    units: Sequence[Unit], headings: Sequence[Heading], *, default_type: str = "other"
) -> list[UnitPlace]:
    """The heading, section type and table flag of every unit of a report.

    Units before the first heading take ``default_type`` (``"score-table"`` for a score-table
    report); in a score-table section every non-heading unit is a table cell.
    """
    places: list[UnitPlace] = []
    append = places.append
    hpos = {h.unit: k for k, h in enumerate(headings)}
    current: int | None = None
    kind = default_type
    for i, u in enumerate(units):
        k = hpos.get(i)
        if k is not None:
            current = k
            kind = headings[k].effective_type
            if kind == "other":
                kind = default_type
        if u.row:
            append(UnitPlace(current, "score-table" if kind == "other" else kind, k is not None, True))
        else:
            append(UnitPlace(current, kind, k is not None, kind == "score-table" and k is None))
    return places


def heading_paths(
    headings: Sequence[Heading], texts: Mapping[int, str] | Sequence[str]
) -> list[tuple[str, ...]]:
    """For each heading, its text and its ancestors' texts, outermost first (``texts``: the unit
    texts, or only the heading units' by unit index)."""
    paths: list[tuple[str, ...]] = []
    for h in headings:
        parent = paths[h.parent] if h.parent is not None else ()
        paths.append((*parent, texts[h.unit]))
    return paths


def section_ends(headings: Sequence[Heading], starts: Sequence[int], end: int) -> list[int]:
    """Where each heading's section ends: the start of the next heading at its level or above."""
    ends = [end] * len(headings)
    open_: list[int] = []
    for k, h in enumerate(headings):
        while open_ and headings[open_[-1]].level >= h.level:
            ends[open_.pop()] = starts[k]
        open_.append(k)
    return ends
