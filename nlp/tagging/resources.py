"""Compiled patterns and keyword tables of the tagger, kept apart from the logic.

Every regex is compiled once at import; none has nested unbounded repeats.
"""

from __future__ import annotations

import re

#: The four sentence tags, in the order of every score vector and weight matrix.
TAGS: tuple[str, ...] = ("target", "indicator", "amount", "problem")

#: Numbered heading openers: 一、 （一） 1. 1、 (1) 第一部分 第二章 …
HEADING_NUMBER = re.compile(
    r"^\s{0,4}(?:第[一二三四五六七八九十]{1,3}[部分章节条]"
    r"|[一二三四五六七八九十]{1,3}\s?[、.．]"
    r"|[（(]\s?[一二三四五六七八九十]{1,3}\s?[）)]"
    r"|\d{1,2}\s?[、.．](?!\d)"
    r"|[（(]\s?\d{1,2}\s?[）)]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩])"
)

#: Section types recognised from heading words, first match wins (order matters: 问题 before 目标…).
SECTION_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("criteria", re.compile(r"[（(]\s?\d{1,2}\s?分\s?[）)]")),
    ("problem", re.compile(r"存在的?(?:主要)?问题|问题及|偏离|主要问题|问题分析|发现的问题")),
    ("suggestion", re.compile(r"建议|改进措施|整改|下一步|措施及|工作打算|改进方向")),
    ("score-table", re.compile(r"自评表|评分表|打分表|评价指标表")),
    (
        "completion",
        re.compile(
            r"完成情况|实现情况|完成值|实际完成|目标完成|指标完成|实施效果|绩效情况|完成程度|完咸|"
            r"目标.{0,6}(?:实现|达成)"
        ),
    ),
    ("allocation", re.compile(r"分解下达|下达.{0,12}(?:预算|资金)|资金安排")),
    ("goal", re.compile(r"绩效目标|年度目标|总体目标|预期目标|目标设定|项目目标|目标任务|指标值")),
    ("completion", re.compile(r"产出|效益|绩效分析|实施情况|完成")),
    ("funds", re.compile(r"资金|预算|经费|投入|支出|决算")),
    ("conclusion", re.compile(r"结论|得分|等级|评价结果|自评结果|总体评价")),
    ("overview", re.compile(r"概况|基本情况|简介|背景|职能|机构")),
)

#: Section types a short un-numbered line (a table cell such as 存在问题) may open.
BARE_HEADING_TYPES: frozenset[str] = frozenset({"problem", "suggestion", "goal", "score-table", "conclusion"})

#: Sections whose numbered sub-headings are items of the section (one problem each), not new sections.
LIST_SECTIONS: frozenset[str] = frozenset({"problem", "suggestion"})

#: Shapes of value cells (a figure, an operator or a percent sign standing alone).
VALUE_SHAPES: frozenset[str] = frozenset({"op", "pct", "pctsign", "decimal", "int", "money"})

#: A name cell that names an indicator (a rate, a count, a satisfaction …).
INDICATOR_NAME = re.compile(r"指标|率|度|数|量|[个次人户项场]|时间|时限|成本|效益|效果")

#: Column header words of a table written one cell per line, first match wins.
COLUMN_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("planned", re.compile(r"指标值|目标值|预期|年度目标|计划")),
    ("achieved", re.compile(r"完成值|实际|执行数|完成情况")),
    ("weight", re.compile(r"分值|权重")),
    ("score", re.compile(r"得分")),
    ("unit", re.compile(r"单位")),
    ("operator", re.compile(r"符号|性质")),
    ("budget", re.compile(r"预算数|年初预算|全年预算|调整后")),
)

#: A unit ending with a colon (possibly followed by a list opener such as 一/1) opens a section.
OPENER_END = re.compile(r"[：:]\s?(?:[一1①]\s?[、.．是]?)?\s?$")
#: Characters at the end of a unit searched for the section it opens.
OPENER_TAIL = 20
#: Section types an in-text opener may start.
OPENER_TYPES: frozenset[str] = frozenset({"problem", "suggestion", "goal"})

#: A table cell holding a figure (with an optional operator and unit).
VALUE_CELL = re.compile(r"^[=＝≥≤><＞＜]?\s?\d[\d,.]{0,14}\s?(?:[%％‰]|[\u4e00-\u9fff]{1,3})?$")

#: A bare figure cell (money in a (万元) table) — not a year such as 2023.
BARE_FIGURE = re.compile(r"^(?!(?:19|20)\d\d$)(?:\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.\d{1,6})?$")

#: Indicator categories of a score table (一级/二级指标).
INDICATOR_CATEGORY = re.compile(
    r"^(?:产出|效益|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标$"
)

#: Lexical cues, one family per tag-relevant notion; each gives a ``cue:`` feature to unit and heading.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "problem",
        re.compile(
            r"不足|不够|缺乏|缺少|有待|不规范|不完善|不健全|滞后|未能|未按|未及时|未完成|未达|未到位|未单独|偏低|较低|"
            r"不高|不强|欠缺|薄弱|不到位|不及时|不明确|不准确|不均衡|不平衡|不合理|不严|难以|无法|困难|短板|隐患|"
            r"风险|差距|偏差|较慢|缓慢|较大|问题|尚未|仍需|亟待|不充分|不全面|不科学|单一|过长|过高|过低|减少"
        ),
    ),
    (
        "suggest",
        re.compile(r"建议|加强|进一步|下一步|应当|要求|今后|改进|完善|提高|强化|加大|严格|确保|推进"),
    ),
    (
        "goal",
        re.compile(r"目标|计划|预期|预计|力争|拟|旨在|争取|确保|任务|实现|达到|不低于|不少于|不超过|以上"),
    ),
    ("done", re.compile(r"完成|实际|已|共|累计|截至|截止|达到|实现了|开展了|发放|完成值|完成率")),
    (
        "indicator",
        re.compile(
            r"指标|[率度量数]\s?[≥≤>=<＞＜＝]|满意度|合格率|覆盖率|完成率|达标率|[0-9]\s?(?:个|场|次|人次|户|人|家|所|项|公里|亩|台|件|期|天|批)"
        ),
    ),
    ("budget", re.compile(r"执行率|到位率|支付率|拨付率|预算执行|资金执行|完成预算|支出进度|执行进度")),
    (
        "nothing",
        re.compile(
            r"^\s?(?:[0-9一二三四五六七八九十]{1,2}[、.．]\s?)?(?:无|暂无|没有|无问题|未发现问题|不存在问题)\s?[。.；;]?\s?$"
        ),
    ),
    ("template", re.compile(r"包括|等情况|情况分析|的分析|说明|应单独|需说明|字以内|如实|填写")),
)

#: Table rows: cells joined by tabs or pipes.
TABLE_SEPARATOR = re.compile(r"\t|\s?\|\s?")

#: Unit shapes for cells standing on their own line.
SHAPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("empty", re.compile(r"^[\s|/／\\-—–]*$")),
    ("op", re.compile(r"^\s?(?:[=＝≥≤><＞＜]|>=|<=|定性|定量|正向|反向)\s?$")),
    ("pct", re.compile(r"^\s?[=＝≥≤><＞＜]?\s?\d+(?:\.\d+)?\s?[%％‰]\s?$")),
    ("pctsign", re.compile(r"^\s?[%％‰]\s?$")),
    ("decimal", re.compile(r"^\s?[=＝≥≤><＞＜]?\s?\d{1,9}(?:,\d{3})*\.\d+\s?$")),
    ("int", re.compile(r"^\s?[=＝≥≤><＞＜]?\s?\d{1,12}\s?$")),
    ("money", re.compile(r"^\s?\d[\d,.]*\s?(?:万|亿)?元\s?$")),
    ("nothing", re.compile(r"^\s?(?:无|暂无|没有|无问题|未发现问题|不存在问题)\s?[。.；;]?\s?$")),
)

#: Short cue words searched in a unit for context of its neighbours (cheap substring tests).
CUE_WORDS: tuple[str, ...] = (
    "万元",
    "指标值",
    "完成值",
    "年度目标",
    "绩效目标",
    "三级指标",
    "权重",
    "得分",
    "分值",
    "预算执行率",
    "年初预算",
    "全年预算",
    "调整后预算",
    "预算数",
    "执行数",
    "存在问题",
    "存在的问题",
    "改进措施",
    "建议",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "效益指标",
    "满意度",
    "完成情况",
    "目标",
    "问题",
    "原因",
    "合计",
    "度量单位",
    "指标性质",
    "未完成",
)

#: Money header of a table (a (万元) or (元) column header).
MONEY_HEADER = re.compile(r"[（(]\s?(?:万元|元|亿元)\s?[）)]|预算数|执行数|资金总额|全年预算|年初预算")

#: Indicator-table header.
INDICATOR_HEADER = re.compile(r"三级指标|指标值|二级指标|绩效指标")

#: Digits mapped to one symbol for character n-grams, so figures are patterns, not values.
DIGITS = re.compile(r"\d")

#: The leading number of a figure token (its value).
LEADING_NUMBER = re.compile(r"\d+(?:[.,，]\d+)*")
