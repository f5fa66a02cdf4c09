"""Finding the reports of a file: titles, cover blocks, lost titles, residue."""

from __future__ import annotations

from corpus.load import from_text
from corpus.segment import segment
from corpus.split import find_reports, is_residue, is_title

BODY = (
    "一、项目概况\n本项目用于乡镇文化站设备更新。\n（一）项目绩效目标。\n计划更新设备二十台。\n"
    "二、项目完成情况\n全年更新设备二十台。\n三、存在的问题\n部分站点使用率不高。\n"
)


def _firsts(text: str) -> list[str]:
    return [r.first_text for r in from_text(text).reports]


def test_two_reports_back_to_back() -> None:
    text = "甲县文化局2022年度设备更新项目支出绩效自评报告\n" + BODY
    text += "甲县文化局2022年度文艺下乡项目支出绩效自评报告\n" + BODY
    assert _firsts(text) == [
        "甲县文化局2022年度设备更新项目支出绩效自评报告",
        "甲县文化局2022年度文艺下乡项目支出绩效自评报告",
    ]


def test_lost_title_restarts_at_a_fresh_overview() -> None:
    text = "乙县图书馆2023年度阅读推广项目绩效自评报告\n" + BODY + BODY + BODY.replace("一、", "1、 ", 1)
    doc = from_text(text)
    assert [r.first_text for r in doc.reports] == [
        "乙县图书馆2023年度阅读推广项目绩效自评报告",
        "一、项目概况",
        "1、 项目概况",
    ]
    assert [r.title for r in doc.reports] == ["乙县图书馆2023年度阅读推广项目绩效自评报告", None, None]


def test_attachment_and_agency_cover_open_the_report() -> None:
    text = "丙县档案馆2021年度部门整体支出绩效自评报告\n" + BODY
    text += "附件2\n丙县档案馆\n2021年度项目支出绩效自评报告\n（档案数字化）\n" + BODY
    doc = from_text(text)
    assert [r.first_text for r in doc.reports] == ["丙县档案馆2021年度部门整体支出绩效自评报告", "附件2"]
    assert doc.reports[1].title == "2021年度项目支出绩效自评报告（档案数字化）"


def test_attachment_label_at_file_start_is_residue() -> None:
    doc = from_text("附件1\n\n丁县水务局2020年度河道保洁项目支出绩效自评报告\n" + BODY)
    assert [s.text for s in doc.residue] == ["附件1"]
    assert doc.reports[0].first_text.startswith("丁县水务局")


def test_page_furniture_is_residue_and_a_repeated_title_does_not_split() -> None:
    text = (
        "当前位置：首页 > 信息公开 > 财政资金\n戊县林业局2022年度护林项目绩效自评报告\n"
        "发布时间：2023-03-01 来源：戊县林业局\n【字体：大 中 小】\n"
        "戊县林业局2022年度护林项目绩效自评报告\n" + BODY
    )
    doc = from_text(text)
    assert len(doc.reports) == 1
    assert [s.text for s in doc.residue] == ["当前位置：首页 > 信息公开 > 财政资金"]


def test_cover_page_and_contents_before_the_title_again() -> None:
    toc = "目 录\n一、项目概况 1\n二、项目完成情况 3\n三、存在的问题 5\n"
    text = "己县审计局\n2023年度部门整体支出\n绩效评价报告\n评价机构：某会计师事务所\n" + toc
    text += "己县审计局2023年度部门整体支出绩效评价报告\n" + BODY
    assert len(from_text(text).reports) == 1


def test_score_tables_one_cell_per_line_back_to_back() -> None:
    cells = "\n".join(["项目名称", "{name}", "主管部门", "庚县民政局", "实施单位", "庚县民政局"])
    cells += "\n" + "\n".join(["三级指标", "指标值", "完成值", "救助人数", "≥", "300", "人", "312"] * 4)
    table = "部门预算项目支出绩效自评表（2023年度）\n" + cells + "\n"
    doc = from_text(table.format(name="临时救助") + table.format(name="困难群众慰问"))
    assert [r.title for r in doc.reports] == [
        "部门预算项目支出绩效自评表（2023年度）：临时救助",
        "部门预算项目支出绩效自评表（2023年度）：困难群众慰问",
    ]
    assert {s.section_type for r in doc.reports for s in r.sentences} == {"score-table"}
    assert all(s.is_table for s in doc.reports[0].sentences[1:])


def test_units_before_the_first_title_with_headings_are_a_report() -> None:
    lead = "第一部分 单位概况\n" + "".join(
        f"{i}、本单位负责第{i}项职能，内容较多需要说明清楚。\n" for i in range(1, 13)
    )
    lead += "第二部分 名词解释\n基本支出：保障机构运转的支出。\n"
    doc = from_text(lead + "辛县统计局2023年度普查项目绩效自评报告\n" + BODY)
    assert [r.first_text for r in doc.reports] == [
        "第一部分 单位概况",
        "辛县统计局2023年度普查项目绩效自评报告",
    ]
    assert doc.reports[0].kind == "other"


def test_no_cue_is_one_report_without_title() -> None:
    doc = from_text("本年度完成培训三场。\n参训人数达到预期。")
    assert len(doc.reports) == 1 and doc.reports[0].title is None and not doc.residue


def test_empty_and_furniture_only_files_have_no_report() -> None:
    assert from_text("").reports == ()
    doc = from_text("• 索引号\n• 发布机构\n")
    assert doc.reports == () and len(doc.residue) == 2


def test_title_and_residue_predicates() -> None:
    units = segment("某局2020年度项目支出绩效自评报告\n附表：项目支出绩效自评表\n• 索引号：123\n附件3")
    assert [is_title(u) for u in units] == [True, False, False, False]
    assert [is_residue(u) for u in units] == [False, False, True, True]


def test_split_ranges_cover_every_unit_once() -> None:
    text = "附件1\n" + "壬县2021年度甲项目绩效自评报告\n" + BODY + "癸县2021年度乙项目绩效自评报告\n" + BODY
    units = segment(text)
    split = find_reports(units)
    covered = list(range(split.residue))
    for lo, hi in split.reports:
        covered.extend(range(lo, hi))
    assert covered == list(range(len(units)))


def test_lost_title_report_after_an_appended_table() -> None:
    table = "附表\n项目支出绩效自评表（2022年度）\n项目名称\n设备更新\n" + "指标\n数值\n" * 5
    text = "甲县文化局2022年度设备更新项目支出绩效自评报告\n" + BODY + table + BODY
    doc = from_text(text)
    assert [r.first_text for r in doc.reports] == [
        "甲县文化局2022年度设备更新项目支出绩效自评报告",
        "一、项目概况",
    ]
    first = doc.reports[0]
    assert first.sections[-1].section_type == "score-table"
    assert first.sentences[-1].section_type == "score-table" and first.sentences[-1].is_table


def test_any_fresh_first_heading_after_a_closing_section_restarts() -> None:
    second = "一、绩效目标设定情况\n年初设定目标三项。\n二、目标完成情况\n已全部完成。\n"
    doc = from_text("丙县2021年度项目支出绩效自评报告\n" + BODY + second)
    assert [r.first_text for r in doc.reports] == ["丙县2021年度项目支出绩效自评报告", "一、绩效目标设定情况"]


def test_a_fresh_heading_before_any_closing_section_does_not_restart() -> None:
    text = "丁县2021年度项目支出绩效自评报告\n一、项目概况\n内容。\n二、项目实施\n内容。\n"
    text += "一、附件说明\n内容。\n"
    assert len(from_text(text).reports) == 1


def test_a_numbered_item_at_a_report_end_does_not_look_past_the_next_title() -> None:
    tail = "二、佐证材料\n1.简要概述项目情况。\n正文在此。\n"
    text = "戊县2022年度项目自评报告\n一、自评结论\n得分95分。\n" + tail
    text += "己县2022年度项目支出绩效自评报告\n" + BODY
    assert [r.first_text for r in from_text(text).reports] == [
        "戊县2022年度项目自评报告",
        "己县2022年度项目支出绩效自评报告",
    ]


def test_split_lists_the_title_lines() -> None:
    units = segment(
        "附件1\n甲项目绩效自评报告\n一、项目概况\n甲。\n附表：甲项目自评表\n乙项目绩效自评表（2023年度）\n"
    )
    s = find_reports(units)
    assert s.titles == tuple(i for i, u in enumerate(units) if is_title(u)) == (1, 5)
