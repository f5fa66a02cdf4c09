"""Compiled regular expressions and lookup tables of the index layer (compiled once, at import)."""

from __future__ import annotations

import re

#: A run of characters that n-grams are taken from: letters, digits, ideographs (after width folding).
GRAM_RUN = re.compile(r"[0-9a-z\u3400-\u9fff\uf900-\ufaff]+")

#: An ideograph (dictionary words across token boundaries are looked for in runs of these).
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

#: Characters that only ever start or end a quoted phrase in a query.
QUOTES = {'"': '"', "“": "”", "「": "」"}

#: Boolean operators of the query language (upper case, as in Whoosh and most engines).
OPERATORS = frozenset({"AND", "OR", "NOT"})

#: One-for-one replacements that disarm text from a report before it reaches a terminal: C0/C1
#: controls (ESC starts ANSI sequences) and bidi overrides become U+FFFD, tabs/newlines a space.
#: Offsets are unchanged, so highlight spans still fit.
TERMINAL_SAFE: dict[int, str] = {cp: "\ufffd" for cp in (*range(0x20), *range(0x7F, 0xA0))}
TERMINAL_SAFE.update({cp: "\ufffd" for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
TERMINAL_SAFE.update({ord("\t"): " ", ord("\n"): " ", ord("\r"): " "})

#: A year range as given on the command line: "2021", "2021..2023", "2021..", "..2023".
YEAR_RANGE = re.compile(r"\s*(\d{4})?\s*(?:(\.\.|-)\s*(\d{4})?)?\s*")
