"""Indicators: prose clauses, score-table rows, pairing planned with achieved, the seeds' gold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from corpus.load import from_text
from nlp.extract import extract_report, indicators, prose_indicators, table_indicators
from nlp.extract.indicators import parse_value
from nlp.extract.score import INDICATOR_GOLD, score_indicators


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("培训覆盖率100%", ("=", "100", "%", "培训覆盖率")),
        ("群众满意度≥90%", ("≥", "90", "%", "群众满意度")),
        ("受访满意度达到85%以上", ("≥", "85", "%", "受访满意度")),
        ("单次维修费用不超过3万元", ("≤", "3", "万元", "单次维修费用")),
        ("举办讲座12场", ("=", "12", "场", "举办讲座")),
        ("按期完成建设任务", ("定性", None, None, "按期完成建设任务")),
    ],
)
def test_parse_value(item: str, expected: tuple[str | None, str | None, str | None, str]) -> None:
    assert parse_value(item) == expected


def test_prose_clause_list() -> None:
    text = "数量指标：培训人数200人；质量指标：合格率≥95%；时效指标：年底前完成；成本指标：所需经费8万元。"
    got = [(i.category, i.operator, i.planned, i.unit) for i in prose_indicators(text, section_type="goal")]
    assert got == [
        ("数量", "=", "200", "人"),
        ("质量", "≥", "95", "%"),
        ("时效", "定性", "年底前完成", None),
        ("成本", "=", "8", "万元"),
    ]
    for i in prose_indicators(text):
        assert i.category is not None
        assert text[i.start : i.end].startswith(f"{i.category}指标") or i.category in text[i.start : i.end]


def test_prose_achieved_values_and_items() -> None:
    text = "成本指标：所需经费8万元，实际完成7.6万元；质量指标：合格率100%，及时率100%。"
    got = [(i.category, i.planned, i.achieved) for i in prose_indicators(text, section_type="completion")]
    assert got == [("成本", "8", "7.6"), ("质量", None, "100"), ("质量", None, "100")]


TABLE_CELLS = "\n".join(
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "产出指标",
        "数量指标",
        "维修水渠长度",
        "≥",
        "12",
        "公里",
        "12.5",
        "20",
        "20",
        "时效指标",
        "完工及时性",
        "定性",
        "按期",
        "10",
        "9",
        "满意度指标",
        "受益群众满意度",
        "≥",
        "90",
        "%",
        "96",
        "10",
        "10",
        "合计",
        "100",
        "99",
    ]
)
PIPE_TABLE = (
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |\n"
    "产出指标 | 经济成本指标 | 单位造价 | ≤ | 300 | 元 | 280 | 20 | 20 |\n"
    "效益指标 | 社会效益指标 | 带动就业人数 | ≥ | 15 | 人 | 18 | 30 | 30 |\n"
    "合计 | 100 |\n"
)


def test_score_table_one_cell_per_line() -> None:
    rows = table_indicators(TABLE_CELLS)
    got = [(r.category, r.operator, r.planned, r.unit, r.achieved, r.weight, r.score) for r in rows]
    assert got == [
        ("数量", "≥", "12", "公里", "12.5", Decimal(20), Decimal(20)),
        ("时效", "定性", "按期", None, None, Decimal(10), Decimal(9)),
        ("满意度", "≥", "90", "%", "96", Decimal(10), Decimal(10)),
    ]
    assert all(r.source == "table" for r in rows)


def test_score_table_pipe_rows() -> None:
    rows = table_indicators(PIPE_TABLE)
    got = [(r.category, r.name, r.operator, r.planned, r.unit, r.achieved) for r in rows]
    assert got == [
        ("成本", "单位造价", "≤", "300", "元", "280"),
        ("社会效益", "带动就业人数", "≥", "15", "人", "18"),
    ]


REPORT = (
    "某某站2023年度项目支出绩效自评报告\n"
    "一、项目概况\n项目资金8万元。\n"
    "（二）项目绩效目标\n数量指标：维修设备40台；满意度指标：群众满意度≥90%。\n"
    "三、项目绩效情况\n（一）项目完成情况\n数量指标：维修设备40台；满意度指标：群众满意度达到93%。\n"
    "四、存在的问题\n无。\n"
)


def test_report_indicators_pair_planned_with_achieved() -> None:
    doc = from_text(REPORT)
    (report,) = doc.reports
    found = indicators(report)
    assert [(i.category, i.section_type) for i in found] == [
        ("数量", "goal"),
        ("满意度", "goal"),
        ("数量", "completion"),
        ("满意度", "completion"),
    ]
    for i in found:
        assert i.sentence_id is not None and i.sentence_id.startswith(report.id)
        assert doc.text[i.start : i.end].startswith(f"{i.category}指标")
    facts = extract_report(report)
    pairs = [(p.planned.category, p.achieved is not None, p.repeated_plan) for p in facts.pairs]
    assert pairs == [("数量", True, True), ("满意度", True, False)]


def test_indicators_against_own_gold(shared_dir: Path) -> None:
    s = score_indicators(shared_dir, INDICATOR_GOLD)
    assert s.gold == 129
    assert s.precision >= 0.98, s.summary()
    assert s.recall >= 0.98, s.summary()
