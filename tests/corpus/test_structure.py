"""Headings, levels (with mistyped numbers) and canonical section types."""

from __future__ import annotations

import pytest

from corpus.model import SECTION_TYPES
from corpus.segment import segment
from corpus.structure import cn_number, find_headings, match_heading, place_headings, section_type_of


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [
        ("第一部分 单位概况", "part", 1),
        ("第3部分 名词解释", "part", 3),
        ("一、项目概况", "cn", 1),
        ("十二、其他事项", "cn", 12),
        ("（二）项目绩效目标。", "paren-cn", 2),
        ("(三)资金使用情况", "paren-cn", 3),
        ("1．资金计划及到位。", "arabic", 1),
        ("2、 资金使用", "arabic", 2),
        ("3.项目决策。", "arabic", 3),
        ("（1）产出指标完成情况分析。", "paren-arabic", 1),
        ("(2)效益分析", "paren-arabic", 2),
        ("②满意度", "circled", 2),
        ("项目组织架构及实施流程。", "plain", 0),
    ],
)
def test_heading_styles(text: str, style: str, number: int) -> None:
    h = match_heading(text)
    assert h is not None and (h.style, h.number) == (style, number)


@pytest.mark.parametrize(
    "text",
    [
        "1.58",
        "2023年全年完成目标任务。",
        "（1）数量指标：培训人数达到三百人，覆盖全县。",
        "1、负责全县养老保险参保登记、待遇核定及发放，做好政策宣传和业务咨询工作。",
        "2.办公设备购置支出3万元。",
        "无",
        "培训资金",
    ],
)
def test_not_headings(text: str) -> None:
    assert match_heading(text) is None


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("项目概况", "overview"),
        ("部门（单位）基本情况", "overview"),
        ("项目绩效目标", "goal"),
        ("年度目标", "goal"),
        ("绩效目标完成情况分析", "completion"),
        ("项目完成情况", "completion"),
        ("项目效益情况", "benefit"),
        ("资金计划、到位及使用情况", "funds"),
        ("预算执行情况", "funds"),
        ("项目财务管理情况", "financial-management"),
        ("项目组织实施情况", "implementation"),
        ("存在的问题", "problem"),
        ("问题及原因", "problem"),
        ("偏离绩效目标的原因和改进措施", "problem"),
        ("相关建议", "suggestion"),
        ("改进措施", "suggestion"),
        ("评价结论及建议", "conclusion"),
        ("项目支出绩效自评表（2024年度）", "score-table"),
        ("名词解释", "glossary"),
        ("附件", "other"),
    ],
)
def test_section_types(heading: str, kind: str) -> None:
    assert section_type_of(heading) == kind
    assert kind in SECTION_TYPES


def _ladder(text: str) -> list[tuple[int, str, str]]:
    units = segment(text)
    placed = place_headings(find_headings(units))
    return [(h.level, h.style, h.effective_type) for h in placed]


def test_ladder_with_mistyped_paren_number() -> None:
    text = "一、项目概况\n（一）立项依据\n正文。\n（2）项目绩效目标\n正文。\n"
    text += "1.数量目标\n2.质量目标\n二、存在的问题\n无"
    assert _ladder(text) == [
        (1, "cn", "overview"),
        (2, "paren-cn", "overview"),
        (2, "paren-cn", "goal"),
        (3, "arabic", "goal"),
        (3, "arabic", "goal"),
        (1, "cn", "problem"),
    ]


def test_arabic_run_written_for_chinese_numbers() -> None:
    text = "第一部分 概况\n1、 收入情况\n正文。\n2、 支出情况\n正文。\n三、结余情况\n正文。"
    levels = [lv for lv, _, _ in _ladder(text)]
    assert levels == [1, 2, 2, 2]


def test_real_children_are_not_retyped() -> None:
    text = "一、项目绩效\n（一）产出\n（1）数量\n（2）质量\n（二）效益"
    assert [lv for lv, _, _ in _ladder(text)] == [1, 2, 3, 3, 2]


def test_list_item_deep_number_is_not_a_heading() -> None:
    text = "一、主要职责\n10、完成交办的其他事项。\n二、机构设置"
    assert [lv for lv, _, _ in _ladder(text)] == [1, 1]


def test_problem_subsections_stay_problems() -> None:
    text = "四、问题及建议\n（一）存在问题\n1.资金管理方面\n（二）相关建议"
    assert [t for _, _, t in _ladder(text)] == ["problem", "problem", "problem", "suggestion"]


def test_unnumbered_heading_stands_for_a_lost_first_sibling() -> None:
    text = "三、项目实施情况\n项目组织架构及实施流程。\n正文。\n（二）项目管理情况\n正文。"
    assert [lv for lv, _, _ in _ladder(text)] == [1, 2, 2]


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("99", 99)])
def test_cn_number(text: str, value: int) -> None:
    assert cn_number(text) == value
