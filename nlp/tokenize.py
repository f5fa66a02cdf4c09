"""The one tokeniser shared by the classifiers, the boilerplate detector and the Whoosh analyser.

Text is first cut by regular expressions into pattern tokens — money, percentages, dates,
document numbers (文号), plain numbers, Latin words — and the Chinese runs between them are
segmented by jieba with the project's domain dictionary (``nlp/resources/userdict.txt``).
Every token keeps its character offsets into the text it came from.

Reports repeat themselves (boilerplate, table headers, the words between figures), so the
segmentation of each Chinese run and the tokens of each short text are kept in bounded LRU
caches. The caches are keyed on the dictionary's generation: adding or deleting a jieba word
through :func:`jieba_tokenizer` (``add_word``/``del_word``/``load_userdict``) invalidates them.

>>> [t.text for t in tokenize("项目资金55万元，覆盖率100%")]
['项目资金', '55万元', '，', '覆盖率', '100%']
>>> [t.feature for t in tokenize("项目资金55万元")]
['项目资金', '<MONEY>']
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
#: Texts up to this length have their tokens cached whole (longer ones only their Chinese runs).
CACHE_TEXT_CHARS = 256
#: Chinese runs up to this length have their jieba segmentation cached.
CACHE_RUN_CHARS = 64
# The Han range jieba's ``cut`` hands whole to its DAG segmenter (re_han_default without ASCII).
_JIEBA_HAN = re.compile(r"[\u4e00-\u9fd5]+")
_TEXT_CACHE_SIZE = 1 << 13
_RUN_CACHE_SIZE = 1 << 16
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


class _DomainTokenizer(jieba.Tokenizer):
    """jieba's tokenizer counting dictionary changes, so that cached segmentations can be dropped."""

    generation = 0

    def cut_dag(self, run: str) -> Iterator[str]:
        """Words of ``run`` (ideographs only) by the dictionary DAG + HMM, as ``cut`` gives them."""
        return self._Tokenizer__cut_DAG(run)

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        super().add_word(word, freq, tag)  # del_word and load_userdict go through here too
        self.generation += 1


class _Jieba:
    """A lazily initialised jieba tokenizer with the domain dictionary, shared by threads."""

    def __init__(self) -> None:
        self._tk: _DomainTokenizer | None = None
        self._lock = threading.Lock()

    def get(self) -> _DomainTokenizer:
        if self._tk is None:
            with self._lock:
                if self._tk is None:
                    jieba.setLogLevel(60)
                    tk = _DomainTokenizer()
                    tk.initialize()
                    if USER_DICT.exists():
                        tk.load_userdict(str(USER_DICT))
                    self._tk = tk
        return self._tk


_JIEBA = _Jieba()


def jieba_tokenizer() -> jieba.Tokenizer:
    """The shared jieba instance (domain dictionary loaded); changes to its words reset the caches."""
    return _JIEBA.get()


def normalize_width(text: str) -> str:
    """Map full-width ASCII and the ideographic space to half-width, keeping the length.

    >>> normalize_width("５５万元")
    '55万元'
    """
    return text.translate(_FULLWIDTH)


@functools.lru_cache(maxsize=_RUN_CACHE_SIZE)
def _segment_cached(run: str, search: bool, generation: int) -> tuple[tuple[str, int, int], ...]:
    return _segment(run, search)


def _segment(run: str, search: bool) -> tuple[tuple[str, int, int], ...]:
    tk = _JIEBA.get()
    if search or not _JIEBA_HAN.fullmatch(run):
        return tuple(tk.tokenize(run, mode="search" if search else "default", HMM=True))
    # What jieba's cut does with a run of its own Han range, minus the block splitting around it.
    spans = []
    start = 0
    for word in tk.cut_dag(run):
        end = start + len(word)
        spans.append((word, start, end))
        start = end
    return tuple(spans)


def _cjk_tokens(run: str, offset: int, search: bool, generation: int) -> list[Token]:
    spans = _segment_cached(run, search, generation) if len(run) <= CACHE_RUN_CHARS else _segment(run, search)
    return [Token(word, offset + s, offset + e, "word") for word, s, e in spans]


def tokenize(text: str, *, search: bool = False) -> list[Token]:
    """All tokens of ``text`` in document order, punctuation included, whitespace skipped.

    The list is new on every call; the tokens are immutable and may be shared between calls.

    >>> [(t.text, t.kind) for t in tokenize("依据川人社办发〔2017〕984号")]
    [('依据', 'word'), ('川人社办发〔2017〕984号', 'docno')]
    """
    generation = _JIEBA.get().generation
    if len(text) <= CACHE_TEXT_CHARS:
        return list(_tokenize_cached(text, search, generation))
    return _tokenize(text, search, generation)


@functools.lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _tokenize_cached(text: str, search: bool, generation: int) -> tuple[Token, ...]:
    return tuple(_tokenize(text, search, generation))


def _tokenize(text: str, search: bool, generation: int) -> list[Token]:
    tokens: list[Token] = []
    norm = normalize_width(text)
    pos = 0
    for m in _SCANNER.finditer(norm):
        start, end = m.span()
        if start > pos:
            _punct(tokens, text, pos, start)
        pos = end
        kind = m.lastgroup or "punct"
        if kind == "space":
            continue
        if kind == "cjk":
            tokens.extend(_cjk_tokens(text[start:end], start, search, generation))
        elif kind == "docno" and (lead := _DOCNO_LEAD.match(norm, start, end - 6)):
            tokens.extend(_cjk_tokens(text[start : lead.end()], start, search, generation))
            tokens.append(Token(text[lead.end() : end], lead.end(), end, kind))
        else:
            tokens.append(Token(text[start:end], start, end, kind))
    if pos < len(norm):
        _punct(tokens, text, pos, len(norm))
    return tokens


def _punct(out: list[Token], text: str, start: int, end: int) -> None:
    for i in range(start, end):
        ch = text[i]
        if not ch.isspace():
            out.append(Token(ch, i, i + 1, "punct"))


def clear_cache() -> None:
    """Drop the cached segmentations (not needed after ``add_word``/``del_word``, which are tracked)."""
    _segment_cached.cache_clear()
    _tokenize_cached.cache_clear()


def cache_info() -> dict[str, Any]:
    """Hits and misses of the run and text caches, for benchmarks."""
    return {"runs": _segment_cached.cache_info(), "texts": _tokenize_cached.cache_info()}


def features(text: str) -> list[str]:
    """The classifier's view of ``text``: word tokens, with figures mapped to class tokens.

    >>> features("满意度≥90%")
    ['满意度', '≥', '<PCT>']
    """
    return [t.feature for t in tokenize(text)]
