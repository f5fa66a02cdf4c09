"""Compiled regexes and lookup tables for segmenting, structuring, splitting and describing reports.

Everything is compiled once, at import. No pattern has nested unbounded repeats; the ones that
scan a whole unit are anchored or bounded. (Reading and cleaning patterns live in
``corpus.resources``.)

>>> bool(HEADING_RE["paren-cn"].match("（二）项目绩效目标。"))
True
>>> bool(TITLE_RE.search("某县某局2023年度项目支出绩效自评报告"))
True
"""

from __future__ import annotations

import re

# --- sentence units ----------------------------------------------------------------------------

#: Characters that end a unit (besides a line break). ``；`` and ``;`` do not.
UNIT_END_CHARS = "。！？"

#: One unit inside a line: text up to and including a run of enders, or the rest of the line.
UNIT_RE = re.compile(r"[^。！？\n]*[。！？]+|[^。！？\n]+")

#: Whitespace stripped from both ends of a unit (ASCII, ideographic space, NBSP).
UNIT_STRIP = " \t\r\f\v\u3000\u00a0"

#: A table row written on one line: two cells joined by a tab, or pipes as in web-page tables.
TABLE_ROW_RE = re.compile(r"[^\s\t]\t+[^\s\t]|\s\|\s|\|\s*\||^\s*\|")

# --- headings ----------------------------------------------------------------------------------

CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN = f"[{CN_DIGITS}]{{1,4}}"

#: One regex per numbering style, outermost first as they usually nest; group ``num`` is the
#: number, and the match ends where the heading's text starts.
HEADING_RE: dict[str, re.Pattern[str]] = {
    "part": re.compile(rf"^第\s?(?P<num>{_CN}|\d{{1,2}})\s?部分[\s、．.:：]{{0,2}}"),
    "cn": re.compile(rf"^(?P<num>{_CN})\s?[、．.，,]\s{{0,3}}"),
    "paren-cn": re.compile(rf"^[（(]\s?(?P<num>{_CN})\s?[）)][\s、．.]{{0,3}}"),
    "arabic": re.compile(r"^(?P<num>\d{1,2})\s?(?:[、．]|\.(?!\d))\s{0,3}"),
    "paren-arabic": re.compile(r"^[（(]\s?(?P<num>\d{1,2})\s?[）)][\s、．.]{0,3}"),
    "circled": re.compile(r"^(?P<num>[①-⑳])\s{0,3}"),
}

#: Characters a numbered heading can start with (a quick test before the regexes).
HEADING_FIRST_CHARS = frozenset(
    "第（(" + CN_DIGITS + "0123456789" + "".join(chr(c) for c in range(0x2460, 0x2474))
)

#: The style a mis-typed heading number really belongs to (``（2）`` written for ``（二）``).
MISTYPED_STYLE: dict[str, str] = {"paren-arabic": "paren-cn", "arabic": "cn"}

#: Highest number a heading opening a new (deeper) level may carry; one lost heading is tolerated.
MAX_FIRST_NUMBER = 2

#: Longest heading body (after the number) taken as a heading rather than a numbered paragraph.
HEADING_MAX_CHARS = 40

#: A heading body holding one of these goes on as prose (a list item, not a heading).
HEADING_PROSE_RE = re.compile(r"[，,；;]|[：:].")

#: Unnumbered heading lines: short, no sentence punctuation inside, naming a section and ending
#: in a word that headings end in.
PLAIN_HEADING_MAX_CHARS = 24
PLAIN_HEADING_END_RE = re.compile(
    r"(?:情况|分析|问题|建议|措施|结论|目标|概况|流程|效益|说明|评价|原因|做法|计划|依据|职能|简介|背景)$"
)

# --- section types -----------------------------------------------------------------------------

#: Checked first, in order: combinations whose words would otherwise match another type.
SECTION_TYPE_OVERRIDES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"自评表|评分表|打分表|评价表|绩效指标[（(]\d"), "score-table"),
    (re.compile(r"名词解释|术语"), "glossary"),
    (re.compile(r"目标.{0,6}(?:完成|实现|达成)|完成.{0,4}目标"), "completion"),
)

#: Keyword → section type; the keyword found earliest in the heading decides.
SECTION_KEYWORDS: dict[str, str] = {
    # problem
    "存在的问题": "problem",
    "存在问题": "problem",
    "主要问题": "problem",
    "问题": "problem",
    "偏离": "problem",
    "不足": "problem",
    # suggestion
    "建议": "suggestion",
    "改进措施": "suggestion",
    "整改": "suggestion",
    "下一步": "suggestion",
    "改进": "suggestion",
    "措施": "suggestion",
    # conclusion
    "结论": "conclusion",
    "总体评价": "conclusion",
    "综合评价": "conclusion",
    "评价结果": "conclusion",
    "自评结果": "conclusion",
    "自评得分": "conclusion",
    "评分情况": "conclusion",
    # goal
    "绩效目标": "goal",
    "年度目标": "goal",
    "总体目标": "goal",
    "目标设定": "goal",
    "目标设置": "goal",
    "预期目标": "goal",
    "实施目的": "goal",
    "目标": "goal",
    # financial management
    "财务管理": "financial-management",
    "资金管理": "financial-management",
    "资产管理": "financial-management",
    "采购管理": "financial-management",
    "会计": "financial-management",
    "内控": "financial-management",
    "内部控制": "financial-management",
    # funds
    "资金使用": "funds",
    "预算执行": "funds",
    "资金投入": "funds",
    "资金到位": "funds",
    "资金计划": "funds",
    "资金申报": "funds",
    "资金安排": "funds",
    "资金收支": "funds",
    "收支": "funds",
    "预算安排": "funds",
    "预算管理": "funds",
    "收入": "funds",
    "支出": "funds",
    "经费": "funds",
    "资金": "funds",
    "预算": "funds",
    "决算": "funds",
    "结余": "funds",
    "结转": "funds",
    "投入": "funds",
    # implementation
    "组织实施": "implementation",
    "实施情况": "implementation",
    "实施及管理": "implementation",
    "项目管理": "implementation",
    "组织架构": "implementation",
    "监管": "implementation",
    "评价实施": "implementation",
    "实施": "implementation",
    "工作开展": "implementation",
    "开展情况": "implementation",
    "管理情况": "implementation",
    "过程": "implementation",
    "自评工作": "implementation",
    "评价工作": "implementation",
    "评价小组": "implementation",
    "组织": "implementation",
    # completion
    "完成情况": "completion",
    "绩效情况": "completion",
    "产出": "completion",
    "绩效分析": "completion",
    "履职": "completion",
    "绩效": "completion",
    "成效": "completion",
    # benefit
    "效益": "benefit",
    "效果": "benefit",
    "满意度": "benefit",
    "可持续": "benefit",
    # overview
    "概况": "overview",
    "概述": "overview",
    "基本情况": "overview",
    "背景": "overview",
    "简介": "overview",
    "职能": "overview",
    "机构": "overview",
    "人员": "overview",
    "单位情况": "overview",
    "部门情况": "overview",
    "立项": "overview",
}

#: One alternation over all keywords, longest first so ``存在的问题`` wins over ``问题``.
SECTION_KEYWORD_RE = re.compile("|".join(sorted(map(re.escape, SECTION_KEYWORDS), key=len, reverse=True)))

#: Section types whose sub-sections keep them whatever their own topic …
STICKY_TYPES = frozenset(("problem", "suggestion", "score-table", "glossary"))

#: … unless the sub-section is one of these (``四、问题及建议`` → ``（二）相关建议``).
STICKY_OVERRIDES = frozenset(("problem", "suggestion", "conclusion"))

# --- splitting ---------------------------------------------------------------------------------

#: A report title: a short line naming a report kind near its end (optionally a bracketed name after).
TITLE_RE = re.compile(
    r"(?:绩效自评报告|自评报告|绩效评价报告|评价报告|绩效报告|绩效自评表|自评表|评价表|自评结果|"
    r"部门决算|决算说明|(?:自评|评价|绩效)[\u4e00-\u9fff]{0,4}的报告)"
    r"(?:[（(][^）)\n]{0,40}[）)]){0,2}\s*$"
)

#: Words every title holds (a quick test before :data:`TITLE_RE`).
TITLE_HINT_RE = re.compile(r"报告|自评|评价|决算|结果")

#: Longest line taken for a title.
TITLE_MAX_CHARS = 80

#: A line that refers to a title rather than being one (``附表：…自评表``, ``详见…``).
TITLE_REFERENCE_RE = re.compile(r"^(?:附表|附件|详见|见|参见|附)\s?\d{0,2}\s?[：:]|[。！？；;，,]|《")

#: An attachment label standing alone on its line: ``附件2``, ``附件4-2:``.
ATTACHMENT_RE = re.compile(r"^附\s?件\s?[\d一二三四五六七八九十]{0,3}(?:[-－—]\d{1,2})?\s?[:：]?$")

#: A lone appendix-table label announcing the table that follows: ``附表``, ``附表1：``.
APPENDIX_LINE_RE = re.compile(r"^附\s?表\s?\d{0,2}\s?[:：]?$")

#: A line that names an organisation (agency) and nothing else.
AGENCY_LINE_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}(?:局|中心|委员会|委|厅|办公室|办|院|所|站|馆|会|队|部|政府|街道|"
    r"镇|乡|公司|学校|小学|中学|大学|医院|联合会|事务所|处|科)(?:[（(]盖章[）)])?$"
)

#: Headings that open a report's first section: an overview, or a department's basic facts …
OPENING_TYPES = frozenset(("overview",))

#: … and top-level sections that close a report: after one, any fresh 一、 opens the next report.
CLOSING_TYPES = frozenset(("problem", "suggestion", "conclusion"))

#: Fewest content units a report must hold before a new title or a numbering restart ends it.
MIN_REPORT_CONTENT = 3

#: Fewest sentences (units ending in 。！？) a report must hold before a new title ends it …
MIN_REPORT_PROSE = 1

#: … unless it holds this many content units (a score table, cells one per line).
MIN_HEADINGLESS_CONTENT = 30

#: Longest unit taken for page furniture.
RESIDUE_MAX_CHARS = 160

#: Page furniture of web pages and converted PDFs: breadcrumbs, index-number blocks, page numbers.
#: Matched against the unit with all whitespace removed (``索 引 号`` is ``索引号``).
PAGE_RESIDUE_RE = re.compile(
    r"^[•·●▪■◆*]|^-(?=[\u4e00-\u9fff])|"
    r"^[\[【]?(?:索引号|发布机构|发文机构|发文机关|发布时间|发布日期|发文日期|成文日期|生成日期|"
    r"来源|作者|浏览量|浏览次数|点击数|访问量|字号|字体|主题分类|题裁分类|体裁分类|组配分类|"
    r"信息分类|信息类别|公开目录|公开方式|公开范围|公开时限|公开责任部门|责任部门|文号|发文字号|文件名称|"
    r"统一登记号|主题词|归档时间|信息来源|信息发布人|时效性|有效性|是否有效|废止时间|废止日期|备案登记号|"
    r"报表编号|文档名称|栏目|上传人|标题)[\]】]?[:：|]?|"
    r"当前位置|所在位置|当前页面|您现在|您当前|首页[>＞/»]|[>＞»]{1,2}\S|"
    r"^[?？]{3,}|^[—\-–]\d{1,4}[—\-–]$|^\d{1,4}/\d{1,4}$|^(?:https?://|www\.)|"
    r"打印|关闭窗口|分享到|无障碍|长辈版|老年版|适老化|扫一扫|【[大中小]】|^\|+$|^[-|]{3,}$"
)

# --- metadata ----------------------------------------------------------------------------------

#: A year in a title or text (2023年, 2023年度), and a fiscal year proper (2023年度).
YEAR_RE = re.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)\s?年")
FISCAL_YEAR_RE = re.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)\s?年度")

#: The date a form was filed or a page published: ``填报日期:2021.5.18``, ``发布日期2025-04-16``.
FILED_DATE_RE = re.compile(
    r"(?:填报日期|填报时间|填表日期|发布日期|发布时间|成文日期|发文日期)\s?[:：]?\s?((?:19|20)\d\d)(?!\d)"
)

#: A bracketed project name closing a title: ``…自评报告（劳务费）``.
BRACKETED_TAIL_RE = re.compile(r"[（(]([^）)]{2,40})[）)]\s*$")

#: Score-table cells whose next cell holds the value.
PROJECT_LABEL_RE = re.compile(
    r"^(?:项目名称|转移支付[（(]项目[）)]名称|专项资金名称|资金名称)\s?[:：]?\s?(?P<rest>.{0,80})$"
)
AGENCY_LABEL_RE = re.compile(
    r"^(?:(?:地方)?主管部门|实施单位|项目单位|单位名称|预算单位|部门名称|项目实施单位|资金使用单位|填报单位)"
    r"\s?(?:[（(]\s?(?:盖章|公章)\s?[）)])?\s?[:：]?\s?(?P<rest>.{0,60})$"
)

#: Label cells naming the implementing body, preferred over 主管部门 (the supervising one).
IMPLEMENTER_LABELS = ("实施单位", "项目单位", "单位名称", "项目实施单位", "资金使用单位", "填报单位")

#: Words an organisation name ends in (the end of a name cut from a label cell, title or cover line).
ORG_SUFFIX = (
    r"(?:委员会|联合会|办事处|办公室|人民政府|政府|中心|医院|卫生院|学校|小学|中学|大学|幼儿园|"
    r"图书馆|博物馆|档案馆|文化馆|纪念馆|残联|妇联|团委|指挥部|局|厅|委|办|院|所|站|队|馆|会|处)"
)

#: Suffixes that end an organisation name in a title wherever they stand (``…人民医院国家基本…``,
#: ``某自治区文物局中央转移支付…``); the short ones (院, 所, 镇 …) only count before a year,
#: ``关于`` or a report-kind word.
ORG_FIRM_SUFFIX = (
    r"(?:委员会|联合会|办事处|办公室|人民政府|医院|卫生院|学校|小学|中学|大学|幼儿园|图书馆|博物馆|档案馆|"
    r"指挥部|局|厅)"
)

#: An agency opening a title, before its year, ``关于`` or ``部门``/``整体``: ``某县某局2023年度…报告``
#: (a leading fiscal period, ``2022年度``, is cut off first, see :data:`FISCAL_PREFIX_RE`).
TITLE_AGENCY_RE = re.compile(
    r"^([\u4e00-\u9fff]{2,30}?(?:局|中心|委员会|委|厅|办公室|政府|联合会|残联|妇联|办事处|馆|院|镇|乡|"
    r"医院|卫生院|学校|小学|中学|大学|所|站|队|部))(?=\s?\d|关于|部门|整体|单位)"
    rf"|^([\u4e00-\u9fff]{{0,12}}?[省市县区州旗][\u4e00-\u9fff]{{1,20}}?{ORG_FIRM_SUFFIX})"
)

#: A leading year or fiscal period before an agency name: ``2022年度``, ``2021年``, a stray ``度``.
FISCAL_PREFIX_RE = re.compile(
    r"^(?:(?:19|20)\d\d(?:\s?年)?[—\-~至](?:19|20)\d\d\s?年度?|(?:19|20)\d\d\s?年度?|度)"
)

#: A bracketed remark opening a cell value (``(业主单位)``), not part of any name.
LEADING_REMARK_RE = re.compile(r"^[（(][^（）()]{0,12}[）)]")

#: Label words glued inside a cell value or a name (``主管部门某局实施单位某局``): the name is what
#: follows the last one.
INNER_AGENCY_LABEL_RE = re.compile(
    r"(?:地方)?主管部门|项目实施单位|实施单位|项目单位|单位名称|预算单位|部门名称|填报单位|资金使用单位"
)

#: Residue after a name in a label value: the next field of the form, a seal note.
AGENCY_TAIL_RE = re.compile(
    r"\s?(?:填报日期|填报时间|填表日期|填报人|联系人|联系电话|负责人|日期|评价机构|委托单位)\s?[:：].*$|"
    r"[（(]\s?(?:盖章|公章|签章)\s?[）)]"
)

#: A department's internal section after its name (``某局资源管理科``, ``某厅规划财务处``).
SUBDIVISION_RE = re.compile(r"(?:局|厅|委|委员会)([\u4e00-\u9fff]{2,8}(?:科|股|处|室))$")

#: An agency label inside a long unit (a form flattened onto one line): ``…项目单位:某局主管部门:…``.
INLINE_AGENCY_LABEL_RE = re.compile(
    r"(?P<label>(?:地方)?主管部门|项目实施单位|实施单位|项目单位|填报单位|单位名称|部门名称)"
    r"\s?(?:[（(]\s?(?:盖章|公章)\s?[）)])?\s?[:：]\s?(?P<name>[\u4e00-\u9fff（）()]{4,40})"
)

#: Publication residue of a web page naming its publisher: ``发布机构 某局``, ``来源:某局``.
PUBLISHER_RE = re.compile(
    r"(?:发布机构|发文机构|发文机关|发文单位|发布单位|信息来源|来源)\s?[:：]?\s?(?P<name>[\u4e00-\u9fff]{4,30})"
)

#: An organisation naming itself: ``某县某局（以下简称“我局”）`` (the name is found walking back).
SELF_NAMED_RE = re.compile(r"[（(]以下简称")

#: A book title (a cited document): organisations named inside are its issuers, not the report's.
BOOK_TITLE_RE = re.compile(r"《[^《》\n]{0,120}》")

#: A whole name of an organisation: a place in its first characters, an organisation word at its end.
ORG_NAME_RE = re.compile(
    rf"^[\u4e00-\u9fff（）()]{{0,12}}?[省市县区州旗盟][\u4e00-\u9fff（）()]{{0,30}}{ORG_SUFFIX}$"
)

#: First characters of the label cells above (a quick test before the regexes).
LABEL_FIRST_CHARS = frozenset("项转专资主实单预部地填")

#: A project code before the project name in score tables: ``51090423T000007872173-``.
PROJECT_CODE_RE = re.compile(r"^[0-9A-Z]{10,30}\s?[-－—]\s?")

#: The end of an organisation name in running text (the name is found by walking back from it).
AGENCY_SUFFIX_RE = re.compile(
    r"(?:中心|局|厅|委员会|办公室|联合会|图书馆|博物馆|医院|卫生院|[镇乡]人民政府)(?![面势限])"
)

#: Characters that end a name when walking back from its suffix: function words, dates, verbs
#: that precede an organisation (由某局, 下达某中心, 分配给某局, 2023年度某局), and the end of an
#: organisation before it (``某厅某办公室``: two names).
AGENCY_STOP_CHARS = frozenset("给由在对向为是了的与及将把被从按据经至到并等达年度月日其各该我本挂于设除厅室")

#: Longest organisation name taken from running text.
AGENCY_MAX_CHARS = 22

#: A name from running text must hold a place (某省, 某市, 某县, 某区 …) in its first characters.
AGENCY_PLACE_RE = re.compile(r"^[\u4e00-\u9fff]{0,6}?[省市县区州旗镇乡]")

#: Bodies named in a report that are not its author (finance bureaus issuing funds, the State Council …).
NOT_AGENCY_RE = re.compile(
    r"财政|国务院|(?<![镇乡])人民政府|党委|区委|县委|市委|省委|中共|组织部|审计|税务|人民银行"
)

#: Words that make a name a mere fragment, not an organisation (``我局``, ``本中心``…).
AGENCY_PREFIX_STOP = re.compile(r"^(?:[我本该各由经向对在与和及为是将按从至到给]|下属|所属|分管)")

#: Kind cues: a department-wide report, or a document that is not a performance report.
DEPARTMENT_RE = re.compile(r"部门整体|整体支出|部门预算绩效|部门预算整体|单位整体|部门绩效|整体绩效")
OTHER_KIND_RE = re.compile(r"决算|预算公开|预算说明|工作总结|工作计划")
DEPARTMENT_OPENING_RE = re.compile(r"^[一1][、．.]\s?(?:部门|单位)")
OTHER_OPENING_RE = re.compile(r"^第\s?[一1]\s?部分\s?(?:部门|单位)概况")

# --- region ------------------------------------------------------------------------------------

#: The 34 provincial-level divisions: the short name used as ``Report.region`` → the full name.
PROVINCES: dict[str, str] = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市",
    "河北": "河北省", "山西": "山西省", "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省",
    "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省", "福建": "福建省", "江西": "江西省",
    "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省", "广东": "广东省",
    "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省",
    "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区", "澳门": "澳门特别行政区",
}  # fmt: skip

#: Prefecture-level divisions (cities, prefectures, leagues) of each province, by their short
#: names; they count when written with 市, 州, 地区 or 盟 (or ``…自治州``) after them. County-level
#: names are left out (too many, and often the same in several provinces).
PREFECTURES: dict[str, str] = {
    "河北": "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
    "山西": "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁",
    "内蒙古": "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安 锡林郭勒 阿拉善",
    "辽宁": "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛",
    "吉林": "长春 吉林 四平 辽源 通化 白山 松原 白城 延边",
    "黑龙江": "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭",
    "江苏": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    "浙江": "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水",
    "安徽": "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城",
    "福建": "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德",
    "江西": "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
    "山东": "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽",
    "河南": "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源",
    "湖北": "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施",
    "湖南": "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西",
    "广东": "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 "
    "揭阳 云浮",
    "广西": "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
    "海南": "海口 三亚 三沙 儋州",
    "四川": "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 "
    "阿坝 甘孜 凉山",
    "贵州": "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南",
    "云南": "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆",
    "西藏": "拉萨 日喀则 昌都 林芝 山南 那曲 阿里",
    "陕西": "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛",
    "甘肃": "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南",
    "青海": "西宁 海东 海北 黄南 海南 果洛 玉树 海西",
    "宁夏": "银川 石嘴山 吴忠 固原 中卫",
    "新疆": "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰",
}

#: Written form → province short name (the value of ``Report.region``): full province names,
#: ``四川省``, prefecture names with their suffixes (``攀枝花市``, ``红河州``, ``阿拉善盟``).
PLACE_FORMS: dict[str, str] = {full: short for short, full in PROVINCES.items()}
PLACE_FORMS.update({f"{short}省": short for short, full in PROVINCES.items() if full.endswith("省")})
for _province, _names in PREFECTURES.items():
    for _name in _names.split():
        for _suffix in ("市", "州", "地区", "盟"):
            PLACE_FORMS.setdefault(_name + _suffix, _province)

#: The suffix characters that end every written place form (``区`` for ``地区``, ``自治区``, ``…行政区``);
#: a single character class, so the scan for them runs at the regex engine's full speed.
PLACE_SUFFIX_RE = re.compile(r"[市州盟省区]")

#: The lengths of the written place forms ending in each pair of characters, longest first: a
#: suffix hit is looked up at those lengths only (``市场`` or ``社区`` end no form and cost one test).
PLACE_LENGTHS_BY_END: dict[str, tuple[int, ...]] = {}
for _form in PLACE_FORMS:
    PLACE_LENGTHS_BY_END[_form[-2:]] = tuple(
        sorted({*PLACE_LENGTHS_BY_END.get(_form[-2:], ()), len(_form)}, reverse=True)
    )

#: Short province names (``云南``), counted in agency names and titles only.
PROVINCE_SHORT_RE = re.compile("|".join(sorted(PROVINCES, key=len, reverse=True)))
