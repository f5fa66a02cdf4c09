"""The text of a .docx body: paragraphs and tables in document order, with automatic numbering.

Word keeps list numbers (``一、`` ``（一）`` ``1.``) out of the text runs when a heading uses automatic
numbering; python-docx's ``paragraph.text`` drops them. Headings are how reports are split and
structured, so :class:`DocxText` renders the numbers from ``numbering.xml`` (direct ``numPr`` or the
paragraph style's) and puts them before the paragraph text.

Tables: one line per row, cells joined by tabs; a cell merged across columns appears once followed
by empty cells (columns stay aligned); the continuation of a cell merged down rows is empty; the
paragraphs of a cell are joined by a space. Used by :func:`corpus.readers.read_file`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn

CN_DIGITS = "零一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
LEVEL_REF_RE = re.compile(r"%([1-9])")

W_P, W_TBL, W_SDT, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_VAL = qn("w:val")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 999, else digits).

    >>> [chinese_number(n) for n in (1, 10, 12, 20, 35, 105, 1000)]
    ['一', '十', '十二', '二十', '三十五', '一百零五', '1000']
    """
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (CN_DIGITS[ones] if ones else "")


def format_number(n: int, fmt: str) -> str:
    """A list counter in Word's ``numFmt``.

    >>> [format_number(3, f) for f in ("decimal", "chineseCounting", "upperRoman", "lowerLetter", "bullet")]
    ['3', '三', 'III', 'c', '']
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified"):
        return chinese_number(n)
    if fmt == "ideographTraditional" and 0 < n <= 10:
        return HEAVENLY_STEMS[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, symbol in ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


class DocxText:
    """Walks one document's body; keeps list counters while it goes.

    >>> import docx, io
    >>> d = docx.Document(); _ = d.add_paragraph("项目概况", style="List Number")
    >>> _ = d.add_paragraph("绩效目标", style="List Number"); buf = io.BytesIO(); d.save(buf)
    >>> list(DocxText(docx.Document(buf)).lines())
    ['1.项目概况', '2.绩效目标']
    """

    def __init__(self, document: Any) -> None:
        self.body = document.element.body
        self.levels = _abstract_levels(document)  # numId -> {ilvl: (start, numFmt, lvlText)}
        self.style_numbering = _style_numbering(document)  # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}

    def lines(self) -> Iterator[str]:
        """Paragraph texts and table rows in document order."""
        yield from self._blocks(self.body)

    def _blocks(self, parent: Any) -> Iterator[str]:
        for child in parent.iterchildren():
            if child.tag == W_P:
                yield self.paragraph(child)
            elif child.tag == W_TBL:
                yield from self.table_rows(child)
            elif child.tag == W_SDT:
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._blocks(content)

    def paragraph(self, p: Any) -> str:
        """Runs' text (tabs as "\\t", breaks as "\\n"), after the rendered list number if any."""
        out = [self.number_label(p)]
        for el in p.iter(W_T, W_TAB, W_BR, W_CR):
            if el.tag == W_T:
                out.append(el.text or "")
            else:
                out.append("\t" if el.tag == W_TAB else "\n")
        return "".join(out)

    def table_rows(self, tbl: Any) -> Iterator[str]:
        for tr in tbl.iterchildren(W_TR):
            cells: list[str] = []
            for tc in tr.iterchildren(W_TC):
                tcpr = tc.find(qn("w:tcPr"))
                cells.append("" if _continues_merge(tcpr) else self.cell(tc))
                cells.extend([""] * (_grid_span(tcpr) - 1))  # keep the columns aligned
            while cells and not cells[-1]:
                cells.pop()
            yield "\t".join(cells)

    def cell(self, tc: Any) -> str:
        parts = (self.paragraph(p) for p in tc.iter(W_P))
        return " ".join(" ".join(part.replace("\t", " ").split()) for part in parts if part.strip())

    def number_label(self, p: Any) -> str:
        """The list number Word would show before ``p`` (``一、``, ``（二）``, ``3.``), or ""."""
        ref = self._num_ref(p)
        if ref is None:
            return ""
        num_id, ilvl = ref
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        start = levels[ilvl][0]
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[ilvl][2]

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            return format_number(counts.get(k, levels[k][0]), levels[k][1])

        return LEVEL_REF_RE.sub(render, text)

    def _num_ref(self, p: Any) -> tuple[str, int] | None:
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return None
        numpr = ppr.find(qn("w:numPr"))
        if numpr is not None:
            num_id = _val(numpr.find(qn("w:numId")))
            ilvl = _int(_val(numpr.find(qn("w:ilvl"))), 0)
            return (num_id, ilvl) if num_id and num_id != "0" else None
        style = _val(ppr.find(qn("w:pStyle")))
        return self.style_numbering.get(style) if style else None


def _val(el: Any) -> str | None:
    return el.get(W_VAL) if el is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _grid_span(tcpr: Any) -> int:
    span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
    return max(1, min(64, _int(_val(span), 1)))


def _continues_merge(tcpr: Any) -> bool:
    vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
    return vmerge is not None and _val(vmerge) in (None, "continue")


def _abstract_levels(document: Any) -> dict[str, dict[int, tuple[int, str, str]]]:
    """numId → level → (start, numFmt, lvlText), with a num's start overrides applied."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
    for an in numbering.iterchildren(qn("w:abstractNum")):
        levels = {}
        for lvl in an.iterchildren(qn("w:lvl")):
            ilvl = _int(lvl.get(qn("w:ilvl")), 0)
            start = _int(_val(lvl.find(qn("w:start"))), 1)
            fmt = _val(lvl.find(qn("w:numFmt"))) or "decimal"
            text = _val(lvl.find(qn("w:lvlText"))) or ""
            levels[ilvl] = (start, fmt, text)
        abstract[an.get(qn("w:abstractNumId")) or ""] = levels
    out: dict[str, dict[int, tuple[int, str, str]]] = {}
    for num in numbering.iterchildren(qn("w:num")):
        levels = dict(abstract.get(_val(num.find(qn("w:abstractNumId"))) or "", {}))
        for override in num.iterchildren(qn("w:lvlOverride")):
            level = _int(override.get(qn("w:ilvl")), 0)
            restart = _val(override.find(qn("w:startOverride")))
            if level in levels and restart is not None:
                levels[level] = (_int(restart, 1), *levels[level][1:])
        out[num.get(qn("w:numId")) or ""] = levels
    return out


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    """styleId → (numId, ilvl) for paragraph styles that carry numbering (also via basedOn)."""
    try:
        styles = document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iterchildren(qn("w:style")):
        sid = style.get(qn("w:styleId")) or ""
        parent = _val(style.find(qn("w:basedOn")))
        if parent:
            based[sid] = parent
        ppr = style.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is not None:
            ilvl = _val(numpr.find(qn("w:ilvl")))
            own[sid] = (_val(numpr.find(qn("w:numId"))), _int(ilvl, 0) if ilvl is not None else None)
    out: dict[str, tuple[str, int]] = {}
    for sid in set(own) | set(based):
        chain: list[str] = []
        cur = sid
        while cur and cur not in chain and len(chain) < 10:
            chain.append(cur)
            cur = based.get(cur, "")
        found = next((own[s] for s in chain if s in own), None)
        if found and found[0] and found[0] != "0":
            out[sid] = (found[0], found[1] or 0)
    return out
