"""The one tokeniser shared by the classifiers, the boilerplate detector and the Whoosh analyser.

Text is first cut by regular expressions into pattern tokens — money, percentages, dates,
document numbers (文号), plain numbers, Latin words — and the Chinese runs between them are
segmented by jieba with the project's domain dictionary (``nlp/resources/userdict.txt``).
Every token keeps its character offsets into the text it came from.

>>> [t.text for t in tokenize("项目资金55万元，覆盖率100%")]
['项目资金', '55万元', '，', '覆盖率', '100%']
>>> [t.feature for t in tokenize("项目资金55万元")]
['项目资金', '<MONEY>']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jieba

USER_DICT = Path(__file__).parent / "resources" / "userdict.txt"

#: Token kinds that stand for a class of values; their ``feature`` is the class token.
CLASS_TOKENS: dict[str, str] = {
    "money": "<MONEY>",
    "pct": "<PCT>",
    "date": "<DATE>",
    "docno": "<DOCNO>",
    "num": "<NUM>",
}

# Full-width ASCII (！ to ～) to half-width, one character for one, so offsets are unchanged.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20

_NUM = r"\d+(?:[.,，]\d+)*"
_CN_NUM = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿点]*"
_PATTERNS: list[tuple[str, str]] = [
    ("docno", r"[\u4e00-\u9fff]{1,12}\s?[〔\[【（(]\s?\d{4}\s?[〕\]】）)]\s?\d{1,5}\s?号?"),
    ("money", rf"(?:{_NUM}\s?(?:万亿|亿|万|千)?元|{_CN_NUM}元)"),
    ("pct", rf"{_NUM}\s?[%‰]|百分之{_CN_NUM}"),
    (
        "date",
        r"\d{4}\s?年(?:\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?)?|\d{1,2}\s?月\s?\d{1,2}\s?日|\d{4}-\d{1,2}-\d{1,2}",
    ),
    ("num", _NUM),
    ("latin", r"[A-Za-z][A-Za-z0-9_\-]*"),
    ("cjk", r"[\u3400-\u9fff\uf900-\ufaff]+"),
    ("space", r"\s+"),
]
_SCANNER = re.compile("|".join(f"(?P<{kind}>{rx})" for kind, rx in _PATTERNS))
# Words that often stand right before a document number and are not part of its issuer.
_DOCNO_LEAD = re.compile(
    r"(?:(?:根据|依据|按照|依照|遵照|参照|对照|执行|落实|贯彻|印发|下发|转发|结合|通过|按|据|依|经|以|和|及|与|、)+)"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its surface text, kind and offsets into the source text."""

    text: str
    start: int
    end: int
    kind: str  # "word", "punct", "latin", or a key of CLASS_TOKENS

    @property
    def feature(self) -> str:
        """The token as a classifier sees it: class tokens for figures, the word otherwise."""
        return CLASS_TOKENS.get(self.kind, self.text)


class _Jieba:
    """A lazily initialised jieba tokenizer with the domain dictionary, shared by threads."""

    def __init__(self) -> None:
        self._tk: jieba.Tokenizer | None = None
        self._lock = threading.Lock()

    def get(self) -> jieba.Tokenizer:
        if self._tk is None:
            with self._lock:
                if self._tk is None:
                    jieba.setLogLevel(60)
                    tk = jieba.Tokenizer()
                    tk.initialize()
                    if USER_DICT.exists():
                        tk.load_userdict(str(USER_DICT))
                    self._tk = tk
        return self._tk


_JIEBA = _Jieba()


def jieba_tokenizer() -> jieba.Tokenizer:
    """The shared jieba instance (domain dictionary loaded)."""
    return _JIEBA.get()


def normalize_width(text: str) -> str:
    """Map full-width ASCII and the ideographic space to half-width, keeping the length.

    >>> normalize_width("５５万元")
    '55万元'
    """
    return text.translate(_FULLWIDTH)


def _cjk_tokens(tk: jieba.Tokenizer, run: str, offset: int, search: bool) -> Iterator[Token]:
    mode = "search" if search else "default"
    for word, s, e in tk.tokenize(run, mode=mode, HMM=True):
        yield Token(word, offset + s, offset + e, "word")


def tokenize(text: str, *, search: bool = False) -> list[Token]:
    """All tokens of ``text`` in document order, punctuation included, whitespace skipped.

    >>> [(t.text, t.kind) for t in tokenize("依据川人社办发〔2017〕984号")]
    [('依据', 'word'), ('川人社办发〔2017〕984号', 'docno')]
    """
    tokens: list[Token] = []
    norm = normalize_width(text)
    pos = 0
    tk = _JIEBA.get()
    for m in _SCANNER.finditer(norm):
        if m.start() > pos:
            tokens.extend(_punct(text, pos, m.start()))
        pos = m.end()
        kind = m.lastgroup or "punct"
        if kind == "space":
            continue
        if kind == "cjk":
            tokens.extend(_cjk_tokens(tk, text[m.start() : m.end()], m.start(), search))
        elif kind == "docno" and (lead := _DOCNO_LEAD.match(norm, m.start(), m.end() - 6)):
            tokens.extend(_cjk_tokens(tk, text[m.start() : lead.end()], m.start(), search))
            tokens.append(Token(text[lead.end() : m.end()], lead.end(), m.end(), kind))
        else:
            tokens.append(Token(text[m.start() : m.end()], m.start(), m.end(), kind))
    if pos < len(norm):
        tokens.extend(_punct(text, pos, len(norm)))
    return tokens


def _punct(text: str, start: int, end: int) -> Iterator[Token]:
    for i in range(start, end):
        if not text[i].isspace():
            yield Token(text[i], i, i + 1, "punct")


def features(text: str) -> list[str]:
    """The classifier's view of ``text``: word tokens, with figures mapped to class tokens.

    >>> features("满意度≥90%")
    ['满意度', '≥', '<PCT>']
    """
    return [t.feature for t in tokenize(text)]
