"""Amounts: surface forms, exact yuan, roles, table columns, malformed numbers, offsets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.extract import amounts, inline_amounts
from nlp.extract.amounts import amount_role
from nlp.extract.numbers import parse_number
from nlp.extract.tables import table_amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共需经费12万元。", [("12万元", "120000")]),
        ("合计1,234.56万元", [("1,234.56万元", "12345600")]),
        ("补助金额为45800元，", [("45800元", "45800")]),
        ("结余0.35万元", [("0.35万元", "3500")]),
        ("总投资2.5亿元", [("2.5亿元", "250000000")]),
        ("增加 17.06 万元，", [("17.06 万元", "170600")]),
        ("安排资金四十二万元", [("四十二万元", "420000")]),
        ("每户补助两千元", [("两千元", "2000")]),
        ("到位资金７８万元", [("７８万元", "780000")]),
        ("按80元/人/年标准", [("80元", "80")]),
        ("慰问标准500/人。", [("500/人", "500")]),
        ("差额-3,200.50万元", [("-3,200.50万元", "-32005000")]),
        ("专项资金350万,已拨付", [("350万", "3500000")]),
        ("服务人数达3万人次", []),
        ("覆盖率100%，完成12个", []),
        ("多元化投入，单元楼", []),
        ("第一元素与二元结构", []),
        ("节约资金约3千万元", [("3千万元", "30000000")]),
        ("花费十二万三千元", [("十二万三千元", "123000")]),
        ("对下转移支付0\n万元", [("0", "0")]),
        ("单位：万元", []),
    ],
)
def test_inline_amounts(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(a.text, a.yuan_str) for a in amounts(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("財政撥款共計320萬元。", [("320萬元", "3200000")]),
        ("總投資3.5億元，", [("3.5億元", "350000000")]),
        ("結餘1,234.56萬元", [("1,234.56萬元", "12345600")]),
        ("經費１２萬元", [("１２萬元", "120000")]),
        ("資金0.07萬元", [("0.07萬元", "700")]),
        ("每戶補助兩千元", [("兩千元", "2000")]),
        ("安排三百二十萬元", [("三百二十萬元", "3200000")]),
        ("專項資金350萬,已撥付", [("350萬", "3500000")]),
        ("資金55萬萬元", [("55萬萬元", None)]),
        ("服務人數達3萬人次", []),
        ("支出45800元", [("45800元", "45800")]),
    ],
)
def test_amounts_in_traditional_characters(text: str, expected: list[tuple[str, str | None]]) -> None:
    """萬/億 are the multipliers 万/亿: exact yuan, the amount's text is the text as written."""
    got = [(a.text, a.yuan_str) for a in amounts(text)]
    assert got == expected
    assert all(text[a.start : a.end] == a.text for a in amounts(text))


@pytest.mark.parametrize("text", ["资金1,72,7.58万元", "资金55万万元", "资金43.*元", "资金3..5万元"])
def test_malformed_amounts_are_unparsed_not_zero(text: str) -> None:
    found = amounts(text)
    assert len(found) == 1
    assert found[0].unparsed is True
    assert found[0].yuan is None
    assert found[0].yuan_str is None


def test_yuan_is_an_exact_decimal() -> None:
    (a,) = amounts("支出0.07万元")
    assert isinstance(a.yuan, Decimal)
    assert a.yuan == Decimal("700")
    (b,) = amounts("单价9876543.21元")
    assert b.yuan == Decimal("9876543.21")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("年初预算安排30万元", "budget"),
        ("上级下达资金30万元", "allocated"),
        ("项目资金30万元已全部到位", "allocated"),
        ("实际支出30万元", "spent"),
        ("结余资金3万元", "balance"),
        ("按每人每年200元标准补助", "standard"),
        ("补助200元/人", "standard"),
        ("租金3.5万元/亩", "standard"),
        ("合同30万元", "other"),
    ],
)
def test_roles(text: str, role: str) -> None:
    (a,) = amounts(text)
    assert a.role == role
    assert amount_role(text, a.start, a.end) == role


CELLS_ONE_PER_LINE = "\n".join(
    [
        *(
            "预算执行情况",
            "年度预算数（万元）",
            "年初预算",
            "调整后预算数",
            "执行数",
            "执行率",
            "权重",
            "得分",
        ),
        *("总额", "8.00", "7.50", "7.25", "96.67%", "10", "9", "绩效指标", ""),
    ]
)
PIPE_ROWS = (
    "资金投入(万元) | 全年预算数 | 全年执行数 | 执行率 | 得分 |\n"
    "资金总额 | 12 | 11.5 | 95.8% | 9 |\n其中:财政资金 | 12 | 11.5 | 95.8% | / |\n"
)
FLATTENED = (
    "项目资金 (万元) 年初预算 调整预算数 执行数 分值 执行率 得分 年度资金总额: 6 6 5.5 10 91% 9 年度总体目标"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CELLS_ONE_PER_LINE, [("8.00", "80000"), ("7.50", "75000"), ("7.25", "72500")]),
        (PIPE_ROWS, [("12", "120000"), ("11.5", "115000"), ("12", "120000"), ("11.5", "115000")]),
        (FLATTENED, [("6", "60000"), ("6", "60000"), ("5.5", "55000")]),
        ("成本指标 | 单位成本 | ≤ | 8 | 万元 | 7.9 |", [("8", "80000")]),
        ("序号 | 资金规模(万元) |\n1 | 某某道路维修改造项目 | 40 |", [("40", "400000")]),
        ("总额 | 1.5 | 1.2 |", []),  # no unit header: not money
        ("实际支出(万元) | 120 | 二、项目支出明细情况 |", [("120", "1200000")]),  # not a serial number
        (  # PDF text: the 项目资金（元） label cell comes after the figures
            "全年预算数 执行数 分值 得分 12.5 12 10 9.6 其他资金 0 0 年度资金总额 项目资金 (元) "
            "某某中心 年度总体目标",
            [("12.5", "12.5"), ("12", "12"), ("0", "0"), ("0", "0")],
        ),
        ("全年预算数 执行数 分值 12 11 10 年度总体目标 (元)", []),  # no unit before the table ends
        (  # running text after the table ends it: a page number below is not money
            "资金(万元) | 预算数 |\n合计 | 5 |\n本项目按计划推进，各项工作均已按时完成，效果良好。\n2\n",
            [("5", "50000")],
        ),
        ("年度 | 预算安排(万元) |\n2021 | 35 |\n2022 | 40 |", [("35", "350000"), ("40", "400000")]),
    ],
)
def test_table_amounts(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(a.text, a.yuan_str) for a in table_amounts(text)]
    assert got == expected
    for a in table_amounts(text):
        assert text[a.start : a.end] == a.text
        assert a.source == "table"


def test_table_amounts_merge_with_inline_in_document_order() -> None:
    text = "项目总投资9万元。\n" + PIPE_ROWS + "实际支付11.5万元。"
    found = amounts(text)
    assert [a.text for a in found] == ["9万元", "12", "11.5", "12", "11.5", "11.5万元"]
    assert [a.start for a in found] == sorted(a.start for a in found)
    assert inline_amounts(text)[-1].text == "11.5万元"
    assert [a.text for a in amounts(text, include_tables=False)] == ["9万元", "11.5万元"]


def test_parse_number_refuses_bad_grouping_and_units() -> None:
    assert parse_number("12,345", "元") == Decimal("12345")
    assert parse_number("12,34", "元") is None
    assert parse_number("12", "万万元") is None


_ALPHABET = st.sampled_from(
    [*list("0123456789.,，万亿千元/人%年 \n|（）()预算资金标准十三五两二点０５－-*"), "万元", "亿元"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_offsets_point_at_the_text_and_nothing_crashes(text: str) -> None:
    for a in amounts(text):
        assert text[a.start : a.end] == a.text
        assert a.unparsed == (a.yuan is None)
        if a.yuan is not None:
            assert isinstance(a.yuan, Decimal)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_written_then_parsed_round_trip(value: Decimal) -> None:
    text = f"资金{value}万元"
    (a,) = amounts(text)
    assert a.yuan == value * 10000


def test_table_roles_follow_the_column_headers() -> None:
    assert [a.role for a in table_amounts(CELLS_ONE_PER_LINE)] == ["budget", "budget", "spent"]
    assert [a.role for a in table_amounts(PIPE_ROWS)] == ["budget", "spent", "budget", "spent"]
