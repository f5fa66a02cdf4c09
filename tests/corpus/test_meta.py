"""Report metadata: title, project, agency, fiscal year, kind."""

from __future__ import annotations

import pytest

from corpus.load import from_text
from corpus.meta import (
    ReportMeta,
    agency_mentions,
    dominant_agency,
    fiscal_year,
    fullest_form,
    report_kind,
    with_file_context,
)

BODY = "一、项目概况\n本项目由子县农机中心实施。\n二、存在的问题\n无\n"


@pytest.mark.parametrize(
    ("title", "heading", "table", "kind"),
    [
        ("子县农业局2023年度部门整体支出绩效自评报告", None, False, "department"),
        ("部门预算整体绩效自评报告", None, False, "department"),
        ("2021年度部门预算项目支出绩效自评报告（劳务费）", None, False, "project"),
        ("部门预算项目支出绩效自评表（2023年度）", None, True, "project"),
        ("丑县水利局2022年度部门决算", None, False, "other"),
        (None, "第一部分 部门概况", False, "other"),
        (None, "一、部门基本情况", False, "department"),
        (None, "一、项目概况", False, "project"),
    ],
)
def test_kind(title: str | None, heading: str | None, table: bool, kind: str) -> None:
    assert report_kind(title, heading, table) == kind


@pytest.mark.parametrize(
    ("title", "texts", "year"),
    [
        ("寅县2022年度河道治理项目绩效自评报告", [], 2022),
        ("2021年城乡低保资金项目支出绩效自评报告", ["2022年1月下达。"], 2021),
        ("贴息项目（2014年至2018年）绩效自评报告", ["2023年底前支付。", "2023年5月完成。"], 2023),
        (None, ["本年度为2020年。"], 2020),
        (None, ["没有年份。"], None),
    ],
)
def test_fiscal_year(title: str | None, texts: list[str], year: int | None) -> None:
    assert fiscal_year(title, texts) == year


def test_agency_mentions_cut_at_function_words() -> None:
    text = "资金由卯县社会保险事务中心统一管理，再下达卯县社保中心，报卯县财政局审批。"
    assert agency_mentions(text) == ["卯县社会保险事务中心", "卯县社保中心"]


def test_fullest_form_and_dominant_agency() -> None:
    assert fullest_form("西河社保中心", ["辰市西河社会保险事务中心"]) == "辰市西河社会保险事务中心"
    assert fullest_form("西河社保中心", ["拨付西河社保中心"]) == "西河社保中心"
    assert dominant_agency(["甲中心", "乙局", "乙局"]) == "乙局"
    assert dominant_agency([]) is None


def test_file_context_fills_missing_agency_and_year() -> None:
    a = ReportMeta("甲", None, "巳县民政局", 2021, "project")
    b = ReportMeta(None, None, None, None, "project", mentions=("巳县民政局",))
    assert [(m.agency, m.year) for m in with_file_context([a, b])] == [("巳县民政局", 2021)] * 2


def test_title_block_with_cover_agency_and_project_lines() -> None:
    doc = from_text("午县人力资源和社会保障局\n2023年度项目支出绩效自评报告\n  高层次人才补贴\n" + BODY)
    r = doc.reports[0]
    assert (r.title, r.project, r.agency, r.year, r.kind) == (
        "2023年度项目支出绩效自评报告 高层次人才补贴",
        "高层次人才补贴",
        "午县人力资源和社会保障局",
        2023,
        "project",
    )


def test_score_table_labels_give_project_and_agency() -> None:
    text = "项目支出绩效自评表（2022年度）\n项目名称\n12345678901234567890-乡村道路养护\n"
    text += "主管部门\n未县交通运输局部门\n实施单位\n未县公路管理站\n三级指标\n养护里程\n"
    r = from_text(text).reports[0]
    assert r.title == "项目支出绩效自评表（2022年度）：乡村道路养护"
    assert (r.project, r.agency, r.year) == ("乡村道路养护", "未县公路管理站", 2022)


def test_pipe_table_labels() -> None:
    text = "项目支出绩效自评表(2023年度) | ||||\n项目名称 | 申县污水处理补助 | |||\n"
    text += "主管部门 | 申县住房和城乡建设局部门 | 实施单位 | 申县住房和城乡建设局 |\n指标 | 目标 |\n"
    r = from_text(text).reports[0]
    assert (r.project, r.agency) == ("申县污水处理补助", "申县住房和城乡建设局")


def test_title_opening_with_agency() -> None:
    r = from_text("酉县教育局2024年度营养餐项目支出绩效自评报告\n" + BODY).reports[0]
    assert r.agency == "酉县教育局"


def test_agency_from_text_when_no_cue() -> None:
    r = from_text(BODY + "经费由戌县农机中心报送，戌县农机中心负责实施。\n").reports[0]
    assert r.agency == "戌县农机中心"
