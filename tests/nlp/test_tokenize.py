"""The shared tokeniser: offsets, class tokens, document numbers, search mode."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.tokenize import (
    CLASS_TOKENS,
    clear_cache,
    features,
    jieba_tokenizer,
    normalize_width,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("所需资金55万元", ["所需资金", "<MONEY>"]),
        ("满意度≥90%", ["满意度", "≥", "<PCT>"]),
        ("共计1,727.58万元", ["共计", "<MONEY>"]),
        ("2023年12月31日前", ["<DATE>", "前"]),
        ("依据财预〔2020〕10号", ["依据", "<DOCNO>"]),
        ("按照川办发〔2019〕7号执行", ["按照", "<DOCNO>", "执行"]),
        ("开展3场", ["开展", "<NUM>", "场"]),
    ],
)
def test_features(text: str, expected: list[str]) -> None:
    assert features(text) == expected


def test_fullwidth_digits_keep_offsets() -> None:
    text = "资金５５万元"
    toks = tokenize(text)
    money = [t for t in toks if t.kind == "money"]
    assert money and text[money[0].start : money[0].end] == "５５万元"
    assert normalize_width(text) == "资金55万元"


def test_domain_words_stay_whole() -> None:
    assert "预算执行率" in features("预算执行率达到")
    assert "绩效目标" in features("年度绩效目标")


def test_search_mode_adds_subwords() -> None:
    plain = [t.text for t in tokenize("社会效益指标")]
    search = [t.text for t in tokenize("社会效益指标", search=True)]
    assert set(plain) <= set(search)


def test_class_tokens_are_stable() -> None:
    assert set(CLASS_TOKENS.values()) == {"<MONEY>", "<PCT>", "<DATE>", "<DOCNO>", "<NUM>"}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="资金万元年月日号〔〕0123456789%.,，。 ab依据财预绩效目标", max_size=60))
def test_offsets_point_into_text(text: str) -> None:
    prev_end = 0
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
        assert t.start >= prev_end
        prev_end = t.end


# Ideographs of the fast segmenter's range, common words among them, plus a few outside it.
_HAN = "项目资金绩效目标完成情况预算执行率社会效益满意度指标培训发放管理有待加强的了和及"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=_HAN, min_size=1, max_size=40))
def test_fast_segmenter_matches_jieba(run: str) -> None:
    tk = jieba_tokenizer()
    assert tk.cut_dag(run) == list(tk.cut(run, HMM=True))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=_HAN + "㐀龥5万元%，", max_size=40), st.booleans())
def test_tokens_match_jieba_tokenize_on_plain_runs(text: str, search: bool) -> None:
    tk = jieba_tokenizer()
    mode = "search" if search else "default"
    for run in filter(None, text.translate({ord(c): " " for c in "5万元%，"}).split(" ")):
        expected = [(w, s, e) for w, s, e in tk.tokenize(run, mode=mode, HMM=True)]
        assert [(t.text, t.start, t.end) for t in tokenize(run, search=search)] == expected


def test_cached_tokens_follow_dictionary_changes() -> None:
    tk = jieba_tokenizer()
    text = "甲乙丙丁戊己庚辛"
    before = [t.text for t in tokenize(text)]
    total = tk.total
    tk.add_word(text, freq=10**7)
    try:
        assert [t.text for t in tokenize(text)] == [text]
    finally:
        tk.del_word(text)
        tk.total = total  # jieba's del_word leaves the added frequency in the total
        clear_cache()
    assert [t.text for t in tokenize(text)] == before


_WIDTHS = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000\uff00\uff5f\u3001\u3002 资金1a"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=_WIDTHS, max_size=40))
def test_normalize_width_maps_each_wide_character(text: str) -> None:
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
    assert normalize_width(text) == text.translate(table)
