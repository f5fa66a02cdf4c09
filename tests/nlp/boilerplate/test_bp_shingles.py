"""Shingles and the exact similarities that verify a candidate pair."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.boilerplate.clusters import similarity
from nlp.boilerplate.shingles import edit_ratio, jaccard, shingle_strings, shingles, uncovered_chars

texts = st.text(alphabet=st.sampled_from("文化馆图书资金到位按时足额发放"), max_size=30)


@given(texts, texts)
def test_jaccard_is_symmetric_and_bounded(a: str, b: str) -> None:
    sa, sb = shingles(a), shingles(b)
    assert jaccard(sa, sb) == jaccard(sb, sa)
    assert 0.0 <= jaccard(sa, sb) <= 1.0


@given(texts)
def test_a_text_is_its_own_copy(a: str) -> None:
    if a:
        assert jaccard(shingles(a), shingles(a)) == 1.0
        assert uncovered_chars(a, shingles(a)) == 0


@pytest.mark.parametrize(
    ("size", "expected"), [(2, ["资金", "金到", "到位"]), (3, ["资金到", "金到位"]), (5, ["资金到位"])]
)
def test_shingle_strings(size: int, expected: list[str]) -> None:
    assert shingle_strings("资金到位", size) == expected


def test_edit_ratio_catches_one_changed_word_in_a_short_copy() -> None:
    a, b = "该项目为县级财政专项资金,属于民生项目", "该项目为乡级财政专项资金,属于民生项目"
    assert jaccard(shingles(a, 3), shingles(b, 3)) < 0.8
    assert edit_ratio(a, b) > 0.9
    assert similarity(a, b, shingles(a), shingles(b), 0.8) >= 0.8


def test_copy_cut_short_counts_by_containment() -> None:
    long, short = (
        "本年度单位财务工作严格按照制度安排开支,做到严格把关,落实制度,程序规范",
        "严格按照制度安排开支,做到严格把关,落实制度,程序规范",
    )
    assert similarity(long, short, shingles(long), shingles(short), 0.8) >= 0.8


def test_a_phrase_inside_a_much_longer_unit_is_not_a_copy() -> None:
    phrase = "资金按时足额到位"
    long = "资金按时足额到位后,我馆组织开展了送戏下乡,流动展览,少儿阅读推广,非遗进校园等活动,覆盖全县"
    assert similarity(phrase, long, shingles(phrase), shingles(long), 0.8) < 0.8
