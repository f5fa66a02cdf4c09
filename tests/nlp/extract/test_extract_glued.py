"""Table rules for converted forms: glued budget rows, units from the lead sentence, unit columns."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.extract import amounts
from nlp.extract.export import AMOUNT_COLUMNS, amount_row
from nlp.extract.glued import budget_header, glued_amounts, split_glued_row
from nlp.extract.tables import lead_totals, table_amounts

HEAD = "项目资金（万元）全年预算数全年执行数执行率"
HEAD_SCORE = "资金情况（万元）全年预算数（A）全年执行数（B）分值执行率（B/A）得分"
HEAD_NO_UNIT = "序号单位名称全年预算数全年执行数预算执行率"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "合计12.3410.5685.58%", [("12.34", "123400", "budget"), ("10.56", "105600", "spent")]),
        (HEAD + "合计684.7568.3883.01%", [("684.7", "6847000", "budget"), ("568.38", "5683800", "spent")]),
        (HEAD + "甲站88.5088.50100%", [("88.50", "885000", "budget"), ("88.50", "885000", "spent")]),
        (HEAD_SCORE + "总额:505010100.00%10", [("50", "500000", "budget"), ("50", "500000", "spent")]),
        (  # three money columns and a score; the header in 元 allows two decimals only
            "项目资金（元）年初预算数全年预算数全年执行数分值执行率得分"
            "合计120000.00120000.00108000.001090.00%9",
            [
                ("120000.00", "120000", "budget"),
                ("120000.00", "120000", "budget"),
                ("108000.00", "108000", "spent"),
            ],
        ),
        (  # the sub-row of the total, glued without a rate: each part at most its column's total
            HEAD_SCORE + "总额:505010100.00%10其中:本级财政拨款5050其他资金",
            [("50", "500000", "budget"), ("50", "500000", "spent")] * 2,
        ),
        (  # a row far below its header still belongs to the table when rows keep coming
            HEAD + "".join(f"{i}甲单位路段养护中心2.002.00100.00%" for i in range(1, 31)),
            [("2.00", "20000", r) for _ in range(30) for r in ("budget", "spent")],
        ),
    ],
)
def test_glued_rows_split_where_the_rate_holds(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = glued_amounts(text)
    assert [(a.text, a.yuan_str, a.role) for a in found] == expected
    for a in found:
        assert text[a.start : a.end] == a.text
        assert a.source == "table"
        assert a.unit_assumed is False


@pytest.mark.parametrize(
    "text",
    [
        HEAD + "合计6.556.5599.00%",  # the rate does not hold for any split
        "合计6.556.55100.00%",  # no budget-execution header before the row
        HEAD + "编制年度2021100.00%",  # a year glued to a rate
        HEAD + "联系电话13812345678100%",  # a phone number glued to a rate
        HEAD + "合计1000.00%",  # a lone percentage
        HEAD + "合计5.000.00%",  # nothing spent: a zero cell fits too many splits
        "全年预算数执行率合计6.556.55100.00%",  # one money column only
    ],
)
def test_glued_runs_that_are_not_budget_rows(text: str) -> None:
    assert glued_amounts(text) == []


def test_a_year_after_the_total_row_is_no_sub_row() -> None:
    found = glued_amounts(HEAD_SCORE + "总额:505010100.00%10其中:2020年度资金")
    assert [a.text for a in found] == ["50", "50"]


def test_a_budget_table_without_unit_is_read_in_wan_and_flagged() -> None:
    found = glued_amounts(HEAD_NO_UNIT + "1甲单位250200.5080.20%2乙单位3030.00100.00%")
    assert [(a.text, a.yuan_str) for a in found] == [
        ("250", "2500000"),
        ("200.50", "2005000"),
        ("30", "300000"),
        ("30.00", "300000"),
    ]
    assert all(a.unit_assumed for a in found)


def test_budget_header_reads_the_columns_and_the_unit_beside_them() -> None:
    header = budget_header(HEAD_SCORE, 0, len(HEAD_SCORE))
    assert header is not None
    assert header.kinds == ("money", "money", "score", "rate")
    assert (header.unit, header.assumed) == ("万元", False)
    assert budget_header("年初预算数 说明 执行率", 0, 12) is None


def test_ambiguous_split_is_refused() -> None:
    # 1|1|100 and 11|11|100 … several splits hold: no guess.
    assert split_glued_row("1111100", ("money", "money", "rate")) is None


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=100, max_value=99_999_999),
    st.integers(min_value=1, max_value=100),
    st.sampled_from([0, 1, 2]),
)
def test_glued_row_is_never_split_wrongly(budget_cents: int, share: int, places: int) -> None:
    budget = Decimal(budget_cents).scaleb(-2)
    spent = (budget * share / 100).quantize(Decimal("0.01"))
    if spent <= 0:
        return
    rate = (spent / budget * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    a = f"{budget:.{places}f}" if budget == round(budget, places) else f"{budget:.2f}"
    b = f"{spent:.2f}"
    text = f"{HEAD}合计{a}{b}{rate}%"
    found = glued_amounts(text)
    # Either the row is recovered exactly, or (ambiguous) nothing is said about it.
    assert [x.text for x in found] in ([a, b], [])


LEAD = "本年安排专项资金1,250万元，支持项目12个（详见下表）。\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            LEAD + "类别 |\n金额 |\n项目数 |\n甲类 |\n1,000.00 |\n7 |\n乙类 |\n250.00 |\n5 |\n",
            [("1,000.00", "10000000"), ("250.00", "2500000")],
        ),
        (LEAD + "类别 | 资金 |\n甲类 | 1000 |\n乙类 | 250 |\n", [("1000", "10000000"), ("250", "2500000")]),
        (LEAD + "类别 | 金额 |\n甲类 | 1000 |\n乙类 | 200 |\n", []),  # the column does not sum to the total
        (LEAD + "类别 | 金额 |\n甲类 | 1250 |\n", []),  # one cell alone proves nothing
        ("本年开展活动12场。\n类别 | 金额 |\n甲类 | 7 |\n乙类 | 5 |\n", []),  # no money total before it
    ],
)
def test_unitless_column_takes_the_unit_of_the_total_it_sums_to(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(a.text, a.yuan_str) for a in table_amounts(text)] == expected


def test_a_funds_block_after_a_unitless_column_keeps_its_own_rule() -> None:
    text = (
        LEAD + "类别 | 金额 |\n全年预算数 执行数 分值 得分 12.5 12 10 9.6 其他资金 0 0 年度资金总额 "
        "项目资金 (元) 某某中心 年度总体目标"
    )
    assert [(a.text, a.yuan_str) for a in table_amounts(text)] == [
        ("12.5", "12.5"),
        ("12", "12"),
        ("0", "0"),
        ("0", "0"),
    ]


def test_lead_totals_skip_the_header_cells_after_the_sentence() -> None:
    assert lead_totals("上年结余3万元。本年安排8.5亿元。\n项目 | 金额 |") == [(Decimal("8.5"), "亿元")]
    assert lead_totals("无金额的句子。\n项目 |") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the unit column stands before both value columns; the weight before it is no money
            "三级指标 | 权重 | 计量单位 | 指标值 | 全年实际完成值 |\n出口总额 | 20 | 亿人民币 | 3.5 | 4.1 |",
            [("3.5", "350000000"), ("4.1", "410000000")],
        ),
        (
            "三级指标 | 权重 | 计量单位 | 指标值 | 完成值 |\n培训经费 | 10 | 万元 | 8 | 7.5 |",
            [("8", "80000"), ("7.5", "75000")],
        ),
        ("三级指标 | 计量单位 | 指标值 | 完成值 |\n培训人次 | 人次 | 300 | 320 |", []),
        (  # template order: the planned value before the unit; an empty 完成值 leaves 权重 next
            "指标值 | 度量单位 | 完成值 | 权重 | 得分 |\n成本 | ≤ | 8 | 万元 | | 10 | 10 |",
            [("8", "80000")],
        ),
    ],
)
def test_unit_column_layout_follows_the_header(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(a.text, a.yuan_str) for a in amounts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("金额单位：万元\n项目 | 预算数 | 执行数 |\n合计 | 12 | 11 |", [("12", "120000"), ("11", "110000")]),
        ("（单位：元）\n项目 | 预算数 | 执行数 |\n合计 | 12 | 11 |", [("12", "12"), ("11", "11")]),
        ("表3 某某经费使用表 单位：万元\n项目 | 预算数 |\n合计 | 2.5 |", [("2.5", "25000")]),
        ("表3 某某经费使用表\n项目 | 预算数 |\n合计 | 2.5 |", []),  # no unit anywhere: not money
    ],
)
def test_caption_above_a_table_gives_its_unit(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(a.text, a.yuan_str) for a in table_amounts(text)] == expected


def test_assumed_unit_is_exported() -> None:
    (a, _) = amounts(HEAD_NO_UNIT + "1甲单位250200.5080.20%")
    assert amount_row(a, file="f.txt", report="f#0")["unit_assumed"] is True
    assert "unit_assumed" in AMOUNT_COLUMNS
    (b, _) = amounts(HEAD + "合计12.3410.5685.58%")
    assert "unit_assumed" not in amount_row(b, file="f.txt", report="f#0")
