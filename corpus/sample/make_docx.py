"""Build ``03_liuying_agriculture_2024.docx``: a short report plus a 部门预算项目支出绩效自评表.

    python corpus/sample/make_docx.py            # rewrites the .docx beside this script

The table uses real Word merges (a title row spanning all columns, 一级指标 cells merged down
their rows), so the reader's handling of merged cells is exercised. All text is fictional.
Weights: 10 (budget) + 50 (产出) + 30 (效益) + 10 (满意度) = 100; scores 10 + 50 + 29 + 10 = 99.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table

OUT = Path(__file__).resolve().parent / "03_liuying_agriculture_2024.docx"
AGENCY = "柳营县农业农村局"
COLS = 8

PARAGRAPHS = (
    f"{AGENCY}2024年度耕地地力保护补贴项目支出绩效自评报告",
    "一、项目概况",
    "耕地地力保护补贴面向全县拥有耕地承包权的种地农民发放，引导农民加强农业生态资源保护，自觉提升耕地地力。"
    "补贴依据为《柳营县耕地地力保护补贴实施方案》（柳农发〔2024〕5号）。",
    "二、项目资金情况",
    "2024年补贴资金全年预算1,536.84万元，全部为中央财政资金，已于2024年6月20日通过“一卡通”发放到农户账户，"
    "预算执行率100%。",
    "三、绩效目标完成情况",
    "全县核定补贴面积12.807万亩，补贴农户2.34万户，亩均补贴120元，项目自评得分99分，详见附表。",
    "四、存在的问题",
    "补贴面积核定主要依据土地确权数据，部分已改变用途的耕地仍在补贴范围内，核查难度较大。",
    "五、改进措施",
    "下一步将结合卫星遥感监测数据开展补贴面积动态核查。",
    "下一步，我单位将进一步强化预算绩效管理，将自评结果作为以后年度预算安排的重要依据。",
    "附表",
)

BUDGET_ROWS = (
    ("资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("年度资金总额", "1,536.84", "1,536.84", "1,536.84", "10", "100%", "10"),
    ("其中：当年财政拨款", "1,536.84", "1,536.84", "1,536.84", "—", "—", "—"),
    ("上年结转资金", "0", "0", "0", "—", "—", "—"),
    ("其他资金", "0", "0", "0", "—", "—", "—"),
)

INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分")

#: (一级指标, 二级指标, 三级指标, 指标值, 完成值, 分值, 得分); an empty 一级指标 continues the one above.
INDICATORS = (
    ("产出指标", "数量指标", "补贴发放面积", "≥12.8万亩", "12.807万亩", "15", "15"),
    ("", "数量指标", "补贴农户数", "≥2.3万户", "2.34万户", "10", "10"),
    ("", "质量指标", "补贴面积核实准确率", "100%", "100%", "10", "10"),
    ("", "时效指标", "补贴资金发放时间", "2024年6月底前", "2024年6月20日", "10", "10"),
    ("", "成本指标", "亩均补贴标准", "120元/亩", "120元/亩", "5", "5"),
    ("效益指标", "经济效益指标", "农户亩均增收", "≥100元", "120元", "10", "10"),
    ("", "社会效益指标", "耕地撂荒面积", "较上年减少", "减少0.3万亩", "10", "9"),
    ("", "可持续影响指标", "耕地地力等级", "稳定或提升", "保持稳定", "10", "10"),
    ("满意度指标", "服务对象满意度指标", "补贴农户满意度", "≥90%", "94%", "10", "10"),
)

GOAL = "按每亩120元标准向全县种地农民发放耕地地力保护补贴，补贴面积不少于12.8万亩，资金于6月底前发放到户。"
DONE = "核定补贴面积12.807万亩，补贴农户2.34万户，资金1,536.84万元于2024年6月20日全部发放到户。"
DEVIATION = "耕地撂荒面积减少幅度低于预期，主要是部分山区地块耕作条件差，下一步将配合撂荒地整治项目推进复耕。"


def build(path: Path = OUT) -> Path:
    """Write the sample .docx to ``path`` and return it."""
    document: Document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    rows = 4 + len(BUDGET_ROWS) + 2 + 1 + len(INDICATORS) + 2
    table = document.add_table(rows=rows, cols=COLS)
    table.style = "Table Grid"
    r = _head_rows(table)
    r = _budget_rows(table, r)
    r = _goal_rows(table, r)
    r = _indicator_rows(table, r)
    _put(table, r, 0, "总分", span=6)
    _put(table, r, 6, "100")
    _put(table, r, 7, "99")
    _put(table, r + 1, 0, "偏差原因分析及改进措施")
    _put(table, r + 1, 1, DEVIATION, span=7)
    document.add_paragraph("填报人：赵明远　联系电话：0000-1234567")
    document.save(str(path))
    return path


def _put(table: Table, row: int, col: int, text: str, *, span: int = 1, down: int = 1) -> None:
    cell = table.cell(row, col)
    if span > 1 or down > 1:
        cell = cell.merge(table.cell(row + down - 1, col + span - 1))
    cell.text = text


def _head_rows(table: Table) -> int:
    _put(table, 0, 0, "部门预算项目支出绩效自评表（2024年度）", span=COLS)
    _put(table, 1, 0, "项目名称")
    _put(table, 1, 1, "耕地地力保护补贴", span=COLS - 1)
    _put(table, 2, 0, "主管部门")
    _put(table, 2, 1, AGENCY, span=3)
    _put(table, 2, 4, "实施单位")
    _put(table, 2, 5, AGENCY, span=3)
    _put(table, 3, 0, "项目负责人")
    _put(table, 3, 1, "赵明远", span=3)
    _put(table, 3, 4, "联系电话")
    _put(table, 3, 5, "0000-1234567", span=3)
    return 4


def _budget_rows(table: Table, r: int) -> int:
    _put(table, r, 0, "年度预算数（万元）", down=len(BUDGET_ROWS))
    for k, values in enumerate(BUDGET_ROWS):
        for c, value in enumerate(values, start=1):
            _put(table, r + k, c, value)
    return r + len(BUDGET_ROWS)


def _goal_rows(table: Table, r: int) -> int:
    _put(table, r, 0, "年度总体目标", down=2)
    _put(table, r, 1, "预期目标", span=3)
    _put(table, r, 4, "实际完成情况", span=4)
    _put(table, r + 1, 1, GOAL, span=3)
    _put(table, r + 1, 4, DONE, span=4)
    return r + 2


def _indicator_rows(table: Table, r: int) -> int:
    _put(table, r, 0, "绩效指标", down=1 + len(INDICATORS))
    for c, value in enumerate(INDICATOR_HEADER, start=1):
        _put(table, r, c, value)
    k = 0
    while k < len(INDICATORS):
        group = 1
        while k + group < len(INDICATORS) and not INDICATORS[k + group][0]:
            group += 1
        _put(table, r + 1 + k, 1, INDICATORS[k][0], down=group)
        for j in range(k, k + group):
            for c, value in enumerate(INDICATORS[j][1:], start=2):
                _put(table, r + 1 + j, c, value)
        k += group
    return r + 1 + len(INDICATORS)


if __name__ == "__main__":
    print(build())
