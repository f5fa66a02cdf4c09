"""Keyword in context: each match centred, with left and right context cut to a display width.

Widths are in terminal cells (an ideograph takes two), so columns line up in a terminal.

>>> line = kwic("资金已按时足额发放到位", Span(3, 9), width=6)
>>> (line.left, line.match, line.right)
('资金已', '按时足额发放', '到位')
>>> line.padded_left(8)
'  资金已'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len

from index.records import SentenceHit, Span

ELLIPSIS = "…"


@dataclass(frozen=True)
class KwicLine:
    """One match in context. ``left``/``right`` are already cut to the width asked for."""

    sentence_id: str
    left: str
    match: str
    right: str

    def padded_left(self, width: int) -> str:
        """``left`` right-aligned in ``width`` cells."""
        return " " * max(0, width - cell_len(self.left)) + self.left


def _cut_left(text: str, width: int) -> str:
    out = ""
    for ch in reversed(text):
        if cell_len(ch + out) > width:
            return ELLIPSIS + out[1:] if out else out
        out = ch + out
    return out


def _cut_right(text: str, width: int) -> str:
    out = ""
    for ch in text:
        if cell_len(out + ch) > width:
            return out[:-1] + ELLIPSIS if out else out
        out += ch
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def kwic(text: str, span: Span, *, width: int = 24, sentence_id: str = "") -> KwicLine:
    """The match at ``span`` of ``text`` with at most ``width`` cells of context on each side."""
    return KwicLine(
        sentence_id,
        _cut_left(_flat(text[: span.start]), width),
        _flat(text[span.start : span.end]),
        _cut_right(_flat(text[span.end :]), width),
    )


def kwic_lines(hits: Iterable[SentenceHit], *, width: int = 24) -> list[KwicLine]:
    """One line per match of every hit (a hit without a located match gives its start)."""
    lines: list[KwicLine] = []
    for hit in hits:
        spans = hit.spans or (Span(0, 0),)
        lines.extend(kwic(hit.doc.text, s, width=width, sentence_id=hit.doc.id) for s in spans)
    return lines
