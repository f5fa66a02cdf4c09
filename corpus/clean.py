"""Remove conversion residue from a file's text, keeping a map back to the raw offsets.

Cleaning is three small passes, each ``str -> (str, deletions)``:

1. :func:`strip_residue` deletes ``[bookmark: …]`` markers, ``[image: …]`` placeholders, the CR of
   each CRLF and zero-width characters, then replaces odd spaces (U+3000, NBSP, …) by ``" "`` one
   for one (a lone CR becomes ``"\\n"``, a form feed ``"\\n"``);
2. :func:`strip_chart_tail` deletes the chart data that Word/WPS conversions leave at a file's end
   (``列1`` series names, rows of tab-ended cell values, long fractions);
3. :func:`strip_tabs` empties whitespace-only lines, deletes a leading tab before a lone cell or
   heading, trailing tabs, and a tab inside running text (next to a comma, colon, bracket …);
   tabs between table cells stay.

Only deletions change offsets, so the map is two sorted integer arrays per pass (where a deletion
falls in the output, and how many characters were deleted up to there); :meth:`CleanText.to_source`
is a bisect per pass.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus import resources as R

#: A deletion: ``(start, end)`` offsets into the pass's input, sorted and not overlapping.
Span = tuple[int, int]


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a pass's output back to its input, for a pass that only deletes spans.

    ``at[k]`` is the output offset where the k-th deletion happened, ``shift[k]`` the number of
    input characters deleted up to and including it. An output offset sitting exactly on a deletion
    maps to the input offset *after* the deleted span.

    >>> m = OffsetMap.from_deletions([(0, 2), (5, 6)])
    >>> [m.to_source(i) for i in range(5)]
    [2, 3, 4, 6, 7]
    """

    at: array = field(repr=False)
    shift: array = field(repr=False)

    @classmethod
    def from_deletions(cls, spans: Iterable[Span]) -> OffsetMap:
        at, shift = array("q"), array("q")
        deleted = 0
        for start, end in spans:
            if end <= start:
                continue
            at.append(start - deleted)
            deleted += end - start
            shift.append(deleted)
        return cls(at, shift)

    def to_source(self, offset: int) -> int:
        k = bisect_right(self.at, offset)
        return offset + (self.shift[k - 1] if k else 0)

    @property
    def deleted(self) -> int:
        return self.shift[-1] if self.shift else 0


@dataclass(frozen=True)
class CleanText:
    """The cleaned text of a file, with offsets back into the raw text.

    ``to_source(len(text)) == len(raw)``; a cleaned offset at a deletion maps past the deleted span,
    so ``raw[to_source(a):to_source(b)]`` is ``text[a:b]`` with residue still in it.
    :meth:`span_to_source` gives the tight span (no residue at either end).

    >>> c = clean_text("[bookmark: _GoBack]目标\\r\\n")
    >>> c.text, c.to_source(0), c.to_source(len(c.text))
    ('目标\\n', 19, 23)
    """

    text: str
    maps: tuple[OffsetMap, ...] = field(default=(), repr=False)

    def to_source(self, offset: int) -> int:
        """Cleaned offset → raw offset (``0 <= offset <= len(text)``)."""
        for m in reversed(self.maps):
            offset = m.to_source(offset)
        return offset

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Cleaned span → the raw span holding the same text, residue at either end left out.

        >>> clean_text("甲[image: ]乙").span_to_source(0, 1)
        (0, 1)
        """
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    @property
    def removed(self) -> int:
        """How many raw characters cleaning deleted."""
        return sum(m.deleted for m in self.maps)


def clean_text(raw: str) -> CleanText:
    """Remove conversion residue from ``raw``; see the module docstring for what goes.

    >>> clean_text("\\t（一）项目概况\\t\\n收入\\t支出\\n").text
    '（一）项目概况\\n收入\\t支出\\n'
    """
    maps: list[OffsetMap] = []
    text = raw
    for step in (strip_residue, strip_chart_tail, strip_tabs):
        text, spans = step(text)
        if spans:
            maps.append(OffsetMap.from_deletions(spans))
    return CleanText(text, tuple(maps))


def apply_deletions(text: str, spans: list[Span]) -> str:
    """``text`` without the (sorted, disjoint) ``spans``.

    >>> apply_deletions("abcdef", [(1, 2), (4, 6)])
    'acd'
    """
    if not spans:
        return text
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def strip_residue(text: str) -> tuple[str, list[Span]]:
    """Pass 1: delete markers, CR of CRLF, zero-width characters; normalise odd spaces.

    >>> strip_residue("a[bookmark: _Toc1]\\u3000b\\r\\n")
    ('a b\\n', [(1, 18), (20, 21)])
    """
    spans = [m.span() for m in R.RESIDUE_RE.finditer(text)]
    text = apply_deletions(text, spans)
    for ch, space in R.SPACE_REPLACEMENTS:  # str.replace per present char beats str.translate
        if ch in text:
            text = text.replace(ch, space)
    return text, spans


def strip_tabs(text: str) -> tuple[str, list[Span]]:
    """Pass 3: tabs and blank-looking lines (input has only ``\\n`` line ends).

    >>> strip_tabs("\\t\\n\\t标题\\n项目名称\\t甲\\n根据\\t，下达\\n")[0]
    '\\n标题\\n项目名称\\t甲\\n根据，下达\\n'
    """
    spans: list[Span] = []
    for m in R.LINE_TAB_RE.finditer(text):
        start, end = m.span()
        if text[start] == "\t" and (start == 0 or text[start - 1] == "\n") and end < len(text):
            # leading tabs: residue before a lone cell/heading, an empty first cell of a row otherwise
            if text[end] != "\n" and _line_has_tab(text, end):
                continue
        elif _inside_line(text, start, end) and not _is_stray_tab(text, start, end):
            continue
        spans.append((start, end))
    return apply_deletions(text, spans), spans


def _inside_line(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] != "\n" and end < len(text) and text[end] != "\n"


def _line_has_tab(text: str, pos: int) -> bool:
    line_end = text.find("\n", pos)
    return "\t" in text[pos : line_end if line_end >= 0 else len(text)].rstrip(" \t")


def _is_stray_tab(text: str, start: int, end: int) -> bool:
    """A tab inside a line is stray when the sentence plainly goes on across it, or when it only
    follows a heading number (Word's tab after ``1.`` or ``（一）``)."""
    before, after = text[start - 1], text[end]
    if before in R.NO_CELL_END or after in R.NO_CELL_START or before == " " or after == " ":
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start <= 8 and bool(R.HEADING_NUMBER_RE.match(text, line_start, start))


def strip_chart_tail(text: str) -> tuple[str, list[Span]]:
    """Pass 2: delete chart data left at the end of the text, if any.

    >>> strip_chart_tail("无。\\n2022年\\t\\n列1\\t\\n收入\\t0.902372104330914\\t\\n")
    ('无。\\n', [(3, 36)])
    """
    start = chart_tail_start(text)
    if start is None:
        return text, []
    return text[:start], [(start, len(text))]


def chart_tail_start(text: str) -> int | None:
    """Offset where trailing chart data starts, or None when the text does not end with any.

    Walks back from the end over blank lines, tab-ended cell rows and short chart titles (an
    untabbed line after a blank line, no sentence punctuation); the run counts as chart data only
    when it holds a series name (``列1``) or a long fraction (``0.9023721``).
    """
    base = len(text)
    for _ in range(R.CHART_SCAN_LINES):
        base = text.rfind("\n", 0, base)
        if base < 0:
            break
    base += 1
    lines = text[base:].split("\n")
    first: int | None = None
    evidence = False
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        if not _is_chart_row(line) and not _is_chart_title(lines, i):
            break
        first = i
        evidence = evidence or bool(R.CHART_SERIES_RE.match(line) or R.CHART_FRACTION_RE.search(line))
    if first is None or not evidence:
        return None
    return base + sum(len(line) + 1 for line in lines[:first])


def _is_chart_row(line: str) -> bool:
    """Chart cells as converters write them, each followed by a tab: ``收入\t支出\t1185.53\t``.

    Table rows read from .docx have no trailing tab, and converted Word tables put each cell on its
    own line after a leading tab, so neither is taken for chart data.
    """
    return line.rstrip(" ").endswith("\t") and "。" not in line


def _is_chart_title(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    if R.CHART_SERIES_RE.match(line):
        return True
    if len(line) > R.CHART_TITLE_MAX or R.SENTENCE_PUNCT_RE.search(line) or i == 0:
        return False
    return not lines[i - 1].strip()
