"""Character n-gram shingles of normalised units, and the exact similarities that verify a pair.

Shingles are hashed to 32-bit integers (CRC-32 of the UTF-8 bytes): stable across runs and
processes, and four times smaller than the strings.

>>> a, b = shingles("资金按时足额到位"), shingles("资金按时足额到位")
>>> jaccard(a, b)
1.0
"""

from __future__ import annotations

import zlib
from collections.abc import Set
from difflib import SequenceMatcher

#: Default shingle width: two characters (a masked value counts as one); bigrams keep short
#: copies with one changed word above the LSH threshold.
SHINGLE_SIZE = 2


def shingle_strings(norm: str, size: int = SHINGLE_SIZE) -> list[str]:
    """The ``size``-grams of ``norm`` in order; a text shorter than ``size`` is its own shingle.

    >>> shingle_strings("绩效目标")
    ['绩效', '效目', '目标']
    >>> shingle_strings("绩效目标", 3)
    ['绩效目', '效目标']
    """
    if len(norm) <= size:
        return [norm] if norm else []
    return [norm[i : i + size] for i in range(len(norm) - size + 1)]


def shingle_hash(shingle: str) -> int:
    """A stable 32-bit hash of one shingle.

    >>> shingle_hash("绩效目") == shingle_hash("绩效目")
    True
    """
    return zlib.crc32(shingle.encode("utf-8"))


def shingles(norm: str, size: int = SHINGLE_SIZE) -> frozenset[int]:
    """The set of hashed shingles of a normalised unit.

    >>> len(shingles("绩效目标")), len(shingles(""))
    (3, 0)
    """
    return frozenset(shingle_hash(s) for s in shingle_strings(norm, size))


def jaccard(a: Set[int], b: Set[int]) -> float:
    """|a ∩ b| / |a ∪ b|; 0.0 for two empty sets.

    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    """
    if not a and not b:
        return 0.0
    inter = len(a & b) if len(a) <= len(b) else len(b & a)
    return inter / (len(a) + len(b) - inter)


def edit_ratio(a: str, b: str, *, floor: float = 0.0) -> float:
    """Similarity of two strings by their matching characters (difflib's ratio), 0.0 to 1.0.

    Catches copies whose few changed characters break many shingles (``省级`` for ``市级`` in a
    short sentence). Returns 0.0 early when the cheap upper bounds are below ``floor``.

    >>> round(edit_ratio("该项目为省级财政专项资金", "该项目为市级财政专项资金"), 2)
    0.92
    """
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def uncovered_chars(norm: str, reference: Set[int], size: int = SHINGLE_SIZE) -> int:
    """How many characters of ``norm`` lie in no shingle that ``reference`` also has.

    Used for "goal copied as result": a completion unit adding nothing new has few.

    >>> uncovered_chars("资金按时足额到位", shingles("该项目资金按时足额到位"))
    0
    >>> uncovered_chars("资金全部按时足额到位", shingles("资金按时足额到位"))
    2
    """
    return count_uncovered(gram_hashes(norm, size), len(norm), reference, size)


def gram_hashes(norm: str, size: int = SHINGLE_SIZE) -> list[int]:
    """The hashed shingles of ``norm`` in order (with repeats), for :func:`count_uncovered`."""
    return [shingle_hash(s) for s in shingle_strings(norm, size)]


def count_uncovered(grams: list[int], length: int, reference: Set[int], size: int = SHINGLE_SIZE) -> int:
    """:func:`uncovered_chars` from the ordered gram hashes of a text of ``length`` characters."""
    covered = [False] * length
    width = min(size, length)
    for i, gram in enumerate(grams):
        if gram in reference:
            covered[i : i + width] = [True] * width
    return covered.count(False)
