"""Masking and unification: copies with other figures and names become equal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.boilerplate.normalize import content_length, mask_name_fragments, mask_orgs, normalize

SAME = [
    # figures: money, percentages, dates, years, plain numbers
    ("全年到位资金12.5万元，到位率100%。", "全年到位资金3,480.06万元，到位率97.5%"),
    ("资金于2022年3月下达到位。", "资金于2024年11月下达到位。"),
    ("共举办培训班7期，培训学员320人次。", "共举办培训班12期，培训学员1,040人次。"),
    ("按每人每年200元标准发放。", "按每人每年一百五十元标准发放。"),
    # document numbers and cited titles
    (
        "根据《某市文物保护专项资金管理办法》（某文发〔2021〕12号）执行。",
        "根据《某省非遗传承补助资金使用细则》（某财教〔2023〕208号）执行。",
    ),
    # organisation names, full or short
    ("由东山区文化馆报区财政局审批。", "由西河县图书馆报县财政局审批。"),
    # width, brackets, punctuation, enumerators
    ("（三）项目资金使用规范，账务处理及时。", "3．项目资金使用规范；账务处理及时"),
    ("二是加强台账管理，做到账实相符。", "加强台账管理,做到账实相符."),
    ("“乡村书屋”项目的实施，丰富了群众文化生活。", "“流动舞台”项目的实施，丰富了群众文化生活。"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_copies_with_other_figures_and_names_normalise_equal(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_own_agency_and_project_names_are_masked() -> None:
    a = normalize(
        "青山县农机站负责春耕农机补贴项目的实施。", agencies=["青山县农机站"], projects=["春耕农机补贴项目"]
    )
    b = normalize(
        "白水镇畜牧站负责牛羊防疫项目的实施。", agencies=["白水镇畜牧站"], projects=["牛羊防疫项目"]
    )
    assert a == b


def test_project_written_differently_keeps_its_fragments_masked() -> None:
    text = "保障了山区学校营养午餐的按时供应。"
    masked = mask_name_fragments(text, ["山区学校营养午餐补助"])
    assert "山区学校营养午餐" not in masked
    assert masked.endswith("的按时供应。")


@pytest.mark.parametrize(
    ("text", "kept"),
    [("形成文化发展新格局", "新格局"), ("全局统筹推进", "全局"), ("以群众为中心开展服务", "中心")],
)
def test_words_ending_like_agencies_are_not_masked(text: str, kept: str) -> None:
    assert kept in mask_orgs(text)


def test_different_sentences_stay_different() -> None:
    assert normalize("新建村级文化广场三处。") != normalize("修缮县城老年活动中心一座。")


@pytest.mark.parametrize(("text", "length"), [("无。", 1), ("暂无", 2), ("资金于2023年到位。", 6)])
def test_content_length_counts_masks_once(text: str, length: int) -> None:
    assert content_length(normalize(text)) == length


@given(
    st.text(
        alphabet=st.sampled_from("资金项目年月日万元%0123456789，。（）《》〔〕局中心 \t、一二三是"),
        max_size=80,
    )
)
def test_normalize_masks_every_digit_and_never_grows_content(text: str) -> None:
    norm = normalize(text)
    assert not re.search(r"\d", norm)
    assert content_length(norm) <= len(text)


def test_long_unit_normalises_in_bounded_time() -> None:
    text = "该项目资金按照规定用途使用，" * 1500  # about 20,000 characters
    assert len(normalize(text)) <= len(text)
