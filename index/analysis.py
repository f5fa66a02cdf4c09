"""Whoosh analysers built on the project's one tokeniser (:func:`nlp.tokenize.tokenize`).

Two tokenizers feed the index:

* :class:`WordTokenizer` — the words of ``tokenize(text)`` plus, like jieba's search mode, the
  overlapping sub-words (``社会`` and ``保险`` beside ``社会保险``) — here every dictionary word
  inside a longer word, not only its 2- and 3-grams. Each sub-word gets the *position of the word
  that contains it*, so the words themselves keep consecutive positions and phrase queries work.
  At query time (``mode="query"``) only the words are produced.
  Every token carries ``pos`` and ``startchar``/``endchar`` (offsets into the sentence).
* :class:`GramTokenizer` — the n-gram backoff: overlapping character bigrams of the letters,
  digits and ideographs (punctuation and spaces skipped), with consecutive positions. A phrase of
  bigrams matches a string wherever it occurs, whichever way jieba happened to segment the
  sentence around it, and whatever brackets or spaces a 文号 was written with.

>>> [(t.text, t.pos) for t in WordTokenizer()("社会保险", positions=True)]
[('社会保险', 0), ('社会', 0), ('保险', 0)]
>>> [t.text for t in GramTokenizer()("按时足额", positions=True)]
['按时', '时足', '足额']
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer

from index.resources import CJK, GRAM_RUN
from nlp.tokenize import jieba_tokenizer, normalize_width, tokenize

#: Token kinds of nlp.tokenize that are not indexed.
SKIPPED_KINDS = frozenset({"punct"})
#: Longest dictionary word looked for inside or across tokens.
MAX_WORD = 8
#: Token kinds without ideographs, so without dictionary words inside (文号, money, dates have some).
PLAIN_KINDS = frozenset({"latin", "num", "pct"})


def in_dictionary(word: str) -> bool:
    """Whether jieba's dictionary (with the project's user dictionary) knows ``word``."""
    return jieba_tokenizer().FREQ.get(word, 0) > 0


def _inner_words(word: str, start: int) -> list[tuple[str, int, int]]:
    """Every dictionary word strictly inside ``word`` (jieba's search mode only gives 2- and 3-grams)."""
    freq = jieba_tokenizer().FREQ
    n = len(word)
    return [
        (word[i:j], start + i, start + j)
        for i in range(n)
        for j in range(i + 2, min(n, i + MAX_WORD) + 1)
        if j - i < n and freq.get(word[i:j], 0) > 0
    ]


def _crossing_words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Dictionary words that start inside ``text[start:end]`` and run on past its end.

    jieba may cut a dictionary word between two tokens (``项目实施|方案`` hides ``实施方案``); indexing
    these too makes a term query find every occurrence of a dictionary word.
    """
    freq = jieba_tokenizer().FREQ
    stop = end
    while stop < len(text) and stop < start + MAX_WORD and CJK.match(text, stop):
        stop += 1
    if stop == end:
        return []
    return [
        (text[i:j], i, j)
        for i in range(max(start, end - MAX_WORD + 1), end)
        for j in range(end + 1, min(stop, i + MAX_WORD) + 1)
        if freq.get(text[i:j], 0) > 0
    ]


def word_spans(text: str, *, query: bool = False) -> list[tuple[str, int, int, int]]:
    """``(term, position, start, end)`` for every indexed word of ``text`` (see :func:`_word_spans`).

    Results are cached, as boilerplate repeats the same units across many reports. Call
    :func:`clear_cache` after changing jieba's dictionary.
    """
    return list(_word_spans(text, query))


#: Other caches of analyses (e.g. the postings cache of index.schema), emptied by clear_cache.
_CACHES: list[Callable[[], None]] = []


def register_cache(clear: Callable[[], None]) -> None:
    """Have :func:`clear_cache` call ``clear`` too."""
    _CACHES.append(clear)


def clear_cache() -> None:
    """Forget cached analyses (needed after words are added to or removed from jieba's dictionary)."""
    _word_spans.cache_clear()
    for clear in _CACHES:
        clear()


@functools.lru_cache(maxsize=1 << 16)
def _word_spans(text: str, query: bool) -> tuple[tuple[str, int, int, int], ...]:
    """``(term, position, start, end)`` for every indexed word of ``text``.

    Words (jieba's default segmentation) get consecutive positions; every dictionary word inside
    a longer word (a superset of jieba's search-mode sub-words) or starting in it and running
    into the next follows it at the same position, so a one-word query finds ``社会保险`` however
    jieba cut the text around it. With ``query=True`` no sub-words are produced.

    >>> word_spans("社会保险事务", query=True)
    [('社会保险', 0, 0, 4), ('事务', 1, 4, 6)]
    >>> [w for w, p, _, _ in word_spans("社会保险")]
    ['社会保险', '社会', '保险']
    """
    spans: list[tuple[str, int, int, int]] = []
    tokens = [t for t in tokenize(text) if t.kind not in SKIPPED_KINDS]
    for pos, tok in enumerate(tokens):
        spans.append((normalize_width(tok.text).lower(), pos, tok.start, tok.end))
        if query or tok.kind in PLAIN_KINDS:
            continue
        if len(tok.text) > 2:
            spans.extend((w, pos, s, e) for w, s, e in _inner_words(tok.text, tok.start))
        spans.extend((w, pos, s, e) for w, s, e in _crossing_words(text, tok.start, tok.end))
    return tuple(spans)


def gram_spans(text: str) -> list[tuple[str, int, int, int]]:
    """``(bigram, position, start, end)`` over the letters, digits and ideographs of ``text``.

    Punctuation and spaces are skipped, so ``〔2017〕`` and ``[2017]`` give the same grams and a
    phrase of grams is insensitive to brackets and spacing. A text of one such character yields it.

    >>> [g for g, _, _, _ in gram_spans("发〔2017〕9号")]
    ['发2', '20', '01', '17', '79', '9号']
    >>> gram_spans("社保，A")
    [('社保', 0, 0, 2), ('保a', 1, 1, 4)]
    """
    norm = normalize_width(text).lower()
    chars = [(i, norm[i]) for m in GRAM_RUN.finditer(norm) for i in range(m.start(), m.end())]
    if len(chars) == 1:
        i, ch = chars[0]
        return [(ch, 0, i, i + 1)]
    return [(a + b, n, i, j + 1) for n, ((i, a), (j, b)) in enumerate(itertools.pairwise(chars))]


def squeeze(text: str) -> str:
    """``text`` as the bigram field sees it: width folded, lower case, letters/digits/ideographs only.

    A phrase of bigrams matches exactly the texts whose squeezed form contains the squeezed phrase.

    >>> squeeze("川人社办发〔2017〕 984号，A")
    '川人社办发2017984号a'
    """
    return "".join(GRAM_RUN.findall(normalize_width(text).lower()))


class _SpanTokenizer(Tokenizer):
    """Turns ``(term, pos, start, end)`` spans into Whoosh's reused Token object."""

    def spans(self, value: str, mode: str) -> list[tuple[str, int, int, int]]:
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term, pos, start, end in self.spans(value, mode):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]  # type: ignore[attr-defined]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class WordTokenizer(_SpanTokenizer):
    """jieba words (search mode) with positions that keep phrases working; see :func:`word_spans`."""

    def spans(self, value: str, mode: str) -> list[tuple[str, int, int, int]]:
        return word_spans(value, query=mode == "query")


class GramTokenizer(_SpanTokenizer):
    """Character bigrams with consecutive positions; see :func:`gram_spans`."""

    def spans(self, value: str, mode: str) -> list[tuple[str, int, int, int]]:
        return gram_spans(value)


def word_analyzer() -> CompositeAnalyzer:
    """The analyser of the ``text`` field (the tokenizer alone: its terms are already normalised)."""
    return CompositeAnalyzer(WordTokenizer())


def gram_analyzer() -> CompositeAnalyzer:
    """The analyser of the ``grams`` field and of the partial-name fields."""
    return CompositeAnalyzer(GramTokenizer())
