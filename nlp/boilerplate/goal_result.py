"""Goal copied as result: completion units that repeat a goal unit of the same report.

Authors often paste the planned indicators of the 绩效目标 section into the 完成情况 section
unchanged, or change only a date. Such a completion unit reports nothing: almost all of its
characters stand in shingles of one goal unit. A completion unit that adds achieved values
("实际完成…") has too many new characters to qualify.

>>> from nlp.boilerplate.normalize import normalize
>>> goal = [("g", normalize("数量指标：培训人数200人；时效指标：年底前完成。"))]
>>> result = [("r", normalize("数量指标：培训人数200人；时效指标：年底前完成。"))]
>>> repeated_goals(goal, result)
{'r': 'g'}
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.boilerplate.shingles import SHINGLE_SIZE, count_uncovered, gram_hashes, shingles

#: At most this many characters of a result unit, and this fraction of it (two at least), may be new.
MAX_NEW_CHARS = 4
MAX_NEW_FRACTION = 0.15


def repeated_goals(
    goal_units: Sequence[tuple[str, str]],
    result_units: Sequence[tuple[str, str]],
    *,
    size: int = SHINGLE_SIZE,
    max_new_chars: int = MAX_NEW_CHARS,
    max_new_fraction: float = MAX_NEW_FRACTION,
) -> dict[str, str]:
    """Map each result unit id that repeats a goal unit to that goal unit's id.

    Units are ``(sentence_id, normalised_text)``. A result unit repeats a goal unit when at
    most ``max_new_chars`` (and ``max_new_fraction`` of its length) of its characters lie
    outside the goal unit's shingles.
    """
    goals = [(gid, shingles(norm, size)) for gid, norm in goal_units]
    found: dict[str, str] = {}
    for rid, norm in result_units:
        limit = min(max_new_chars, max(2, int(max_new_fraction * len(norm))))
        grams = gram_hashes(norm, size)
        for gid, ref in goals:
            if count_uncovered(grams, len(norm), ref, size) <= limit:
                found[rid] = gid
                break
    return found
