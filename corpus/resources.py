"""Compiled regexes and lookup tables for reading and cleaning report files.

Everything here is compiled once, at import. No pattern has nested unbounded repeats, and every
character class that can run long is bounded by a line end, so each pattern is linear in the text.
(Split and structure patterns live in ``corpus.patterns``.)
"""

from __future__ import annotations

import re

# --- reading ---------------------------------------------------------------------------------

#: Encodings tried in order, strictly, before falling back to charset-normalizer.
STRICT_ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")

#: A ``<meta charset=…>`` or ``<meta http-equiv content="…; charset=…">`` in the first bytes of a page.
META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,40})""", re.I)

#: A text decodes leniently (bad bytes → U+FFFD) when at most this many, or this share, are bad.
LENIENT_MAX_BAD = 3
LENIENT_BAD_SHARE = 0.001

#: Control bytes that never occur in a text file (NUL and friends; tab, LF, FF, CR, ESC excluded).
BINARY_BYTES = frozenset(b for b in range(32) if b not in (9, 10, 12, 13, 27))

#: All other bytes (deleted with ``bytes.translate`` to count the binary ones).
TEXT_BYTES = bytes(b for b in range(256) if b not in BINARY_BYTES)

#: Share of binary control bytes in the sniffed head above which a .txt is "binary".
BINARY_SHARE = 0.01

#: First bytes of an OLE compound file: a Word 97-2003 .doc, or an encrypted .docx.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: How many bytes to sniff for the binary test and UTF-16, and for a page's meta charset.
SNIFF_BYTES = 8192
META_SNIFF_BYTES = 32768

#: A PDF line that starts a heading or list item: never joined to the line before.
PDF_BLOCK_START_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十\d]{1,3}[部章节条]|附件|附表|[①-⑳•●■□◆·\-–—])"
)

#: Characters that end a PDF line on purpose (a sentence, a clause list, a heading's colon).
PDF_LINE_END = frozenset("。！？；：!?;:…”」）)")

#: A PDF line counts as full (wrapped at the margin) at this share of the page's usual line length.
PDF_FULL_LINE = 0.85

#: HTML elements whose content is never page text.
HTML_DROP_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
)

#: HTML elements that start a new line of text.
HTML_BLOCK_TAGS = frozenset(
    (
        *("address", "article", "blockquote", "caption", "center", "dd", "details", "dialog", "div"),
        *("dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr"),
        *("li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot"),
        *("tr", "ul"),
    )
)

#: Table cells: joined by a tab within their row.
HTML_CELL_TAGS = frozenset(("td", "th"))

#: A cell with at most this many characters is a data cell: its text goes on one line.
HTML_DATA_CELL_MAX = 300

#: ids / classes that gov CMSs give the article body (matched as whole words, case-insensitive).
HTML_MAIN_HINT_RE = re.compile(
    r"(?:^|[\s_\-])(?:zoom|content|article|artibody|main[\s_\-]?content|text|detail|news[\s_\-]?content|"
    r"pages?[\s_\-]?content|TRS_Editor|view|xxgk[\s_\-]?content|wzcon|conTxt|ccontent)(?:$|[\s_\-])",
    re.I,
)

#: ids / classes of page furniture to drop even when not a nav/header/footer element.
HTML_FURNITURE_RE = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|header|footer|foot|"
    r"sidebar|share|print|copyright|toolbar|topbar|search|login|friend[\s_\-]?links?)(?:$|[\s_\-])",
    re.I,
)

#: Runs of horizontal whitespace inside one HTML text line.
HTML_SPACE_RUN_RE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")

# --- cleaning --------------------------------------------------------------------------------

#: Conversion residue deleted outright (first cleaning pass): Word bookmarks, image placeholders,
#: the CR of a CRLF, zero-width characters and stray byte-order marks.
RESIDUE_RE = re.compile(
    r"\[bookmark: ?[^\]\n]{0,200}\]"
    r"|\[image: ?[^\]\n]{0,200}\]"
    r"|\r(?=\n)"
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
)

#: One-for-one replacements (offsets unchanged): odd spaces become " ", a lone CR becomes "\n".
SPACE_TABLE: dict[int, str] = {
    0x00A0: " ",  # NBSP
    0x3000: " ",  # ideographic space
    0x2002: " ",
    0x2003: " ",
    0x2004: " ",
    0x2005: " ",
    0x2006: " ",
    0x2007: " ",
    0x2008: " ",
    0x2009: " ",
    0x200A: " ",
    0x202F: " ",
    0x205F: " ",
    0x0B: " ",  # vertical tab
    0x0C: "\n",  # form feed: a page break is a line break
    0x0D: "\n",  # a CR not followed by LF (old Mac line end)
}

#: The same table as pairs, for ``str.replace`` (much faster than ``str.translate`` on long text).
SPACE_REPLACEMENTS: tuple[tuple[str, str], ...] = tuple((chr(k), v) for k, v in SPACE_TABLE.items())

#: Second cleaning pass, per line (after the first pass): a whitespace-only line, leading tabs,
#: trailing tabs (with the spaces around them), and a tab inside a line.
LINE_TAB_RE = re.compile(r"^[ \t]+$|^\t+|\t[ \t]*$|\t+", re.M)

#: Characters after which a tab cannot separate table cells (the sentence goes on).
NO_CELL_END = frozenset("，、：；（《“‘(,:;[【〔")

#: Characters before which a tab cannot separate table cells.
NO_CELL_START = frozenset("，、。；：）》”’),.;:]】〕！？")

#: A heading number alone at the start of a line (a tab after it is Word's, not a cell separator).
HEADING_NUMBER_RE = re.compile(
    r" *(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]"
    r"|第[一二三四五六七八九十\d]{1,3}(?:部分|章|节|条))$"
)

#: A chart-data line: Excel's default series name (列1, 系列1) …
CHART_SERIES_RE = re.compile(r"^\s*(?:列|系列|Series ?|Column ?)\d{1,3}\s*$")

#: … or a number with the many decimals of a chart's stored proportions.
CHART_FRACTION_RE = re.compile(r"(?:^|\t)\s*-?\d{1,3}\.\d{6,}\s*(?:\t|$)")

#: Sentence punctuation: a line holding one is prose, not a chart title.
SENTENCE_PUNCT_RE = re.compile(r"[。！？；：，,;]")

#: Longest untabbed line taken for a chart title inside trailing chart data.
CHART_TITLE_MAX = 40

#: How many lines from the end are examined for trailing chart data.
CHART_SCAN_LINES = 400
