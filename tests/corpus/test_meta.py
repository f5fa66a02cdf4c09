"""Report metadata: title, project, agency, fiscal year, kind."""

from __future__ import annotations

import pytest

from corpus.load import from_text
from corpus.meta import (
    ReportMeta,
    _clean_agency,
    agency_mentions,
    dominant_agency,
    file_agency,
    fiscal_year,
    fullest_form,
    publisher,
    report_kind,
    with_file_context,
)
from corpus.region import region_of

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


@pytest.mark.parametrize(
    ("value", "agency"),
    [
        ("| 亥县水利局 | |", "亥县水利局"),
        ("度亥县妇女联合会", "亥县妇女联合会"),
        ("2022年度亥县妇女联合会", "亥县妇女联合会"),
        ("亥镇人民政府 填报日期:2021.5.18", "亥镇人民政府"),
        ("亥县林业局资源管理科（盖章）", "亥县林业局"),
        ("亥省某厅规划财务处", "亥省某厅"),
        ("亥县残工委办公室", "亥县残工委办公室"),
        ("主管部门亥县水利局实施单位亥县河道站", "亥县河道站"),
        ("(业主单位)", None),
        ("|", None),
    ],
)
def test_agency_cell_values_are_cleaned(value: str, agency: str | None) -> None:
    assert _clean_agency(value) == agency


@pytest.mark.parametrize(
    ("head", "agency"),
    [
        ("2021年度子市丑区某街道办事处整体支出绩效自评报告\n", "子市丑区某街道办事处"),
        ("子州第一人民医院公共卫生项目2023年度绩效自评报告\n", "子州第一人民医院"),
        ("子县委宣传部2022年度项目支出绩效自评报告\n", "子县委宣传部"),
        ("子市某某管理局 2021年度项目资金绩效自评报告\n", "子市某某管理局"),
        ("2019年部门整体支出绩效评价报告\n子县城市管理局\n", "子县城市管理局"),
    ],
)
def test_agency_from_the_title_block(head: str, agency: str) -> None:
    assert from_text(head + BODY).reports[0].agency == agency


def test_agency_from_a_flattened_form_an_own_name_or_the_publisher() -> None:
    form = "财政项目支出绩效评价报告 项目名称:某经费项目单位:卯市审计局主管部门:卯市审计局\n"
    assert from_text(form + BODY).reports[0].agency == "卯市审计局"
    own = "现将卯县某某服务中心（以下简称“我中心”）自评情况报告如下。\n"
    assert from_text("某项目绩效自评报告\n" + own + BODY).reports[0].agency == "卯县某某服务中心"
    page = "索引号 0001 发布机构 卯市某某局\n来源:卯县财政局\n"
    assert from_text(page + "某项目绩效自评报告\n" + BODY).reports[0].agency == "卯市某某局"
    assert publisher(["来源:卯县财政局"]) is None  # finance bureaus publish for others


def test_organisations_inside_cited_titles_are_not_mentions() -> None:
    text = "根据《辰省财政厅辰省某某办公室关于某事的通知》，辰县某某中心实施。"
    assert agency_mentions(text) == ["辰县某某中心"]


def test_file_agency_ties_break_by_first_mention() -> None:
    for names in [("子县乙局", "子县甲局"), ("子县甲局", "子县乙局")]:
        metas = [ReportMeta(None, None, None, None, "project", mentions=names)]
        assert file_agency(metas) == names[0]


@pytest.mark.parametrize(
    ("title", "texts", "head", "furniture", "year"),
    [
        (None, ["2018年完成验收。"], ["部门预算项目支出绩效自评表(2023年度)"], [], 2023),
        (None, ["没有年份。"], ["单位名称:甲镇 填报日期:2021.5.18"], [], 2020),
        (None, ["没有年份。"], [], ["发布日期2025-04-16"], 2024),
        (None, ["2018年完成验收。"], ["附件", "2023年度工作要点"], [], 2018),
    ],
)
def test_fiscal_year_from_head_and_filing_date(
    title: str | None, texts: list[str], head: list[str], furniture: list[str], year: int
) -> None:
    assert fiscal_year(title, texts, head, furniture) == year


@pytest.mark.parametrize(
    ("agency", "title", "head", "region"),
    [
        ("攀枝花市某区某中心", None, [], "四川"),
        ("某县某局", "云南某县2023年度项目绩效自评报告", [], "云南"),
        ("广西壮族自治区某厅", None, [], "广西"),
        ("某县某局", None, ["根据红河州财政局通知"], "云南"),
        ("某县某局", None, ["报重庆市某委。", "报重庆市某局。", "报四川省某厅。"], "重庆"),
        ("某县某局", None, ["农贸市场与省级示范", "内容。"], None),
        (None, None, ["池州市某区", "河池市", "池州市"], "安徽"),
        ("某县某局", None, ["浙江西部某县"], None),  # short names count in names and titles only
    ],
)
def test_region(agency: str | None, title: str | None, head: list[str], region: str | None) -> None:
    assert region_of(agency, title, head) == region


def test_region_reaches_the_report() -> None:
    assert from_text("阿拉善盟某局2023年度项目支出绩效自评报告\n" + BODY).reports[0].region == "内蒙古"
    assert from_text(BODY).reports[0].region is None
