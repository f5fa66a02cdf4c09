"""The one tokeniser shared by the classifiers, the boilerplate detector and the Whoosh analyser.

Text is first cut by regular expressions into pattern tokens — money, percentages, dates,
document numbers (文号), plain numbers, Latin words — and the Chinese runs between them are
segmented by jieba with the project's domain dictionary (``nlp/resources/userdict.txt``).
Every token keeps its character offsets into the text it came from.

Reports repeat themselves (boilerplate, table headers, the words between figures), so the
segmentation of each Chinese run and the tokens of each short text are kept in bounded LRU
caches. The caches are keyed on the dictionary's generation: adding or deleting a jieba word
through :func:`jieba_tokenizer` (``add_word``/``del_word``/``load_userdict``) invalidates them.
Runs within jieba's own Han range go straight to a leaner copy of jieba's DAG + HMM segmenter
(same route, same words; ``tests/nlp/test_tokenize.py`` checks it against ``jieba.cut``).

>>> [t.text for t in tokenize("项目资金55万元，覆盖率100%")]
['项目资金', '55万元', '，', '覆盖率', '100%']
>>> [t.feature for t in tokenize("项目资金55万元")]
['项目资金', '<MONEY>']
"""

from __future__ import annotations

import functools
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jieba
import jieba.finalseg

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
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(cp): chr(to) for cp, to in _FULLWIDTH.items()}

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
    """jieba's tokenizer counting dictionary changes, with a leaner copy of its DAG segmenter."""

    generation = 0
    # log(freq) - log(total) per word met, None per prefix met (FREQ holds prefixes with freq 0)
    _logp: dict[str, float | None] | None = None
    _logp_total = 0  # the total the memo was computed with

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        super().add_word(word, freq, tag)  # del_word and load_userdict go through here too
        self.generation += 1
        self._logp = None

    def cut_dag(self, run: str) -> list[str]:
        """Words of ``run`` (ideographs only) exactly as jieba's ``cut(run, HMM=True)`` gives them.

        The same best route over the same prefix DAG as ``Tokenizer.__cut_DAG`` (ties to the
        longer word), with the fragments' log-probabilities memoised (one dict lookup per step)
        and the DAG walked once, then the same HMM pass over the runs of single characters.
        """
        freq = self.FREQ
        if self._logp is None or self._logp_total != self.total:
            self._logp, self._logp_total = {}, self.total
        memo, logtotal = self._logp, math.log(self.total)
        get, n = memo.get, len(run)
        score = [0.0] * (n + 1)  # log-probability of the best route from each position
        nxt = list(range(1, n + 2))  # end of the first word on that route
        for k in range(n - 1, -1, -1):
            best, end = -math.inf, k
            i, frag = k, run[k]
            while True:
                lp = get(frag, 1.0)  # 1.0: not memoised yet (log-probabilities are <= 0)
                if lp == 1.0:
                    f = freq.get(frag)
                    if f is None:
                        break
                    lp = memo[frag] = math.log(f) - logtotal if f else None
                if lp is not None:
                    v = lp + score[i + 1]
                    if v >= best:  # >=: the later end wins a tie, as in jieba's max over (score, end)
                        best, end = v, i
                i += 1
                if i == n:
                    break
                frag = run[k : i + 1]
            score[k] = best if best > -math.inf else -logtotal + score[k + 1]
            nxt[k] = end + 1
        return self._words(run, nxt)

    def _words(self, run: str, nxt: list[int]) -> list[str]:
        words: list[str] = []
        buf_start, x, n = -1, 0, len(run)
        while x < n:
            y = nxt[x]
            if y - x == 1:
                if buf_start < 0:
                    buf_start = x
            else:
                if buf_start >= 0:
                    self._flush(run[buf_start:x], words)
                    buf_start = -1
                words.append(run[x:y])
            x = y
        if buf_start >= 0:
            self._flush(run[buf_start:], words)
        return words

    def _flush(self, buf: str, words: list[str]) -> None:
        if len(buf) == 1:
            words.append(buf)
        elif not self.FREQ.get(buf):
            words.extend(jieba.finalseg.cut(buf))
        else:
            words.extend(buf)


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
    if _WIDE.search(text) is None:
        return text
    for ch in set(_WIDE.findall(text)):  # a few distinct wide characters: str.replace beats translate
        text = text.replace(ch, _NARROW[ch])
    return text


@functools.lru_cache(maxsize=_RUN_CACHE_SIZE)
def _segment_cached(run: str, search: bool, generation: int) -> tuple[tuple[str, int, int], ...]:
    return _segment(run, search)


def _segment(run: str, search: bool) -> tuple[tuple[str, int, int], ...]:
    tk = _JIEBA.get()
    if not _JIEBA_HAN.fullmatch(run):
        return tuple(tk.tokenize(run, mode="search" if search else "default", HMM=True))
    # What jieba's tokenize does with a run of its own Han range, minus the block splitting.
    spans: list[tuple[str, int, int]] = []
    start = 0
    freq = tk.FREQ
    for word in tk.cut_dag(run):
        width = len(word)
        if search:
            for n in (2, 3):
                spans.extend(
                    (word[i : i + n], start + i, start + i + n)
                    for i in range(width - n + 1)
                    if width > n and freq.get(word[i : i + n])
                )
        spans.append((word, start, start + width))
        start += width
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
