"""Compiled regular expressions and lookup tables of the extractors, apart from the logic.

Every pattern here is linear: character classes with a single unbounded repeat, or bounded
repeats of simple groups; no nested unbounded repeats (see ``benchmarks/bench_extract.py``).

>>> bool(MONEY.search("所需资金55万元"))
True
"""

from __future__ import annotations

import re

#: Full-width ASCII (！ to ～) and the ideographic space to half-width, one for one (offsets kept).
FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20

CJK = "\u4e00-\u9fff"

# ---------------------------------------------------------------------------------------- amounts
#: A number as written: digits with separators, loose on purpose (``1,72,7.58`` is found, then
#: refused by :data:`STRICT_NUMBER`); ``*`` stands for digits masked in published copies.
_LOOSE_NUM = r"[0-9][0-9,，.*]{0,30}"
#: A money unit with its multiplier; ``万万元`` and the like are found so they can be refused.
_UNIT = r"[万亿千百]{0,3}元"

#: Arabic-numeral amount: optional minus, number, optional space, unit (run on width-normalised text).
MONEY = re.compile(rf"(?<![0-9.])(?<![0-9],)(?P<neg>-)?(?P<num>{_LOOSE_NUM})[ \t]?(?P<unit>{_UNIT})")
#: A number at the end of a line whose unit was wrapped to the next line (PDF text): ``支付0\n万元``.
MONEY_WRAPPED = re.compile(rf"(?<![0-9.])(?<![0-9],)(?P<num>{_LOOSE_NUM})\n(?P<unit>[万亿千]?元)")
#: ``300万`` without 元: money only in a money context (checked by the caller).
WAN_ONLY = re.compile(rf"(?<![0-9.])(?<![0-9],)(?P<num>{_LOOSE_NUM})[ \t]?(?P<unit>亿|万)(?![元亿万0-9])")
#: ``300/人``: a per-person standard without a unit (money only after a standard cue).
PER_HEAD = re.compile(r"(?<![0-9.])(?<![0-9],)(?P<num>[0-9]{1,6}(?:\.[0-9]{1,2})?)(?=/[人户])")
#: Chinese-numeral amount, e.g. ``五十五万元``, ``三千元``.
CN_MONEY = re.compile(r"(?P<num>[零〇一二两三四五六七八九十百千万亿点]{1,20})(?P<unit>元)")
CN_DIGIT = re.compile(r"[零〇一二两三四五六七八九十]")

#: A well-formed number: thousands groups of three or no grouping, optional decimals.
STRICT_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")

#: Multipliers of the units (in yuan).
UNIT_FACTORS: dict[str, int] = {
    "元": 1,
    "千元": 1_000,
    "万元": 10_000,
    "百万元": 1_000_000,
    "千万元": 10_000_000,
    "亿元": 100_000_000,
    "万亿元": 1_000_000_000_000,
    "万": 10_000,
    "亿": 100_000_000,
}

#: Words that make a bare ``…万`` a sum of money when they stand shortly before it.
MONEY_CUE = re.compile(
    r"资金|经费|金额|预算|拨款|补助|补贴|投资|投入|费用|成本|支付|支出|收入|目标值|完成值|结余|结转"
    r"|資金|經費|金額|預算|撥款|補助|補貼|投資|費用|目標值|完成值|結餘|結轉"  # traditional forms
)
#: Measure words after ``…万`` that make it a count, not money.
COUNT_WORDS = frozenset("人户名个亩间次余多件套台辆册本份项家所公平吨株头只张篇条种元亿千米")
#: Standard cue for ``300/人``.
STANDARD_CUE = re.compile(r"标准|补助|慰问|补贴")

#: Roles, tried in this order on the clause before the amount (nearest cue wins).
ROLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("standard", re.compile(r"标准|每人|每户|人均|/人|/年")),
    ("balance", re.compile(r"结余|收回|结转|剩余|余额")),
    ("spent", re.compile(r"支出|使用|执行|支付|列支|发放|完成|决算|用于|花费")),
    ("allocated", re.compile(r"到位|下达|拨付|下拨|划拨|拨款|收入|筹集")),
    ("budget", re.compile(r"预算|安排|计划|年初|申请|所需|批复|总投资|规划")),
)
#: Standard cues right after the amount (``100元/人/年``, ``100元标准``).
STANDARD_AFTER = re.compile(
    r"[/每](?:人|户|年|月|天|日|次|亩|平方米|吨|个|台|件|套|公里|米|张|册|份|课时|学时|小时)|标准|/\S{0,2}人"
)
#: Chinese numerals before 元 that are words, not money (``第一元素``, ``多元化``, ``二元结构``).
CN_NOT_MONEY_AFTER = frozenset("素化论次维结")

# ----------------------------------------------------------------------------------- table amounts
#: A table cell that is a plain number (leading/trailing blanks allowed).
NUMBER_CELL = re.compile(r"[ \t]*(?P<num>-?[0-9][0-9,.]{0,20})[ \t]*")
#: A cell that is a percentage.
PERCENT_CELL = re.compile(r"[ \t]*-?[0-9][0-9,.]{0,20}[ \t]*[%％][ \t]*")
#: A header cell naming the money unit of the table or of the columns after it.
UNIT_HEADER = re.compile(
    r"[（(]\s?(?:单位[:：]\s?)?(?P<unit>万元|元|亿元)\s?[)）]|单位[:：]\s?(?P<unit2>万元|元|亿元)"
)
#: A money column header without unit, as the first cell of a form's funds block in PDF text, where
#: the ``项目资金（元）`` label cell comes after the numbers; the table counts once that unit appears.
UNITLESS_MONEY_HEADER = re.compile(r"(?:年初|全年)预算数")
#: A money column header without unit whose unit can come from the sentence introducing the
#: table (``安排资金23,834万元（详见下表）`` over a ``金额`` column summing to 23,834).
SUM_MONEY_HEADER = re.compile(r"[\u4e00-\u9fff]{0,4}(?:金额|资金|经费)")
#: A cell that is only a unit (度量单位 column).
UNIT_CELL = re.compile(r"[ \t]*(?:(?P<unit>万元|元|亿元)(?:人民币)?|(?P<unit2>万|亿)人民币)[ \t]*")
#: The header of an indicator table's unit column, and of the value columns around it.
UNIT_COLUMN = re.compile(r"度量单位|计量单位")
VALUE_COLUMN = re.compile(r"(?:年度|年初|全年)?(?:实际)?(?:指标值|目标值|完成值|实际值)")
#: Header words of a money column.
MONEY_COLUMN = re.compile(r"预算|执行数|决算|资金|金额|拨款|支出|收入|投入|安排|下达|规模|合计|总额")
#: Header words of a column that is not money even under a money header.
NON_MONEY_COLUMN = re.compile(
    r"率|分值|得分|权重|原因|说明|序号|名称|部门|单位$|比例|评级|评分|来源|序号|年度$"
)
#: Cells that close a money table: the next block of the form begins.
TABLE_END = re.compile(r"指标|目标|评价结论|存在问题|改进措施|绩效|问题|联系人|负责人")
#: Cell separators of a table row written on one line.
CELL_SEP = re.compile(r"[ \t]*\|[ \t]*|\t+")

# -------------------------------------------------------------------------------------- citations
#: Opening and closing brackets around the year of a document number (GB/T 9704 uses 〔〕).
YEAR_OPEN = "〔[【（(﹝［"
YEAR_CLOSE = "〕]】）)﹞］"
_YO = re.escape(YEAR_OPEN)
_YC = re.escape(YEAR_CLOSE)
#: Blanks tolerated between the parts of a document number: ASCII space, tab, the ideographic
#: space U+3000 and the no-break space U+00A0.
BLANKS = " \t\u3000\u00a0"
#: A gap of at most three blanks (bounded, so the patterns stay linear).
_GAP = rf"[{BLANKS}]{{0,3}}"
#: The issuer code before the year: CJK, possibly one parenthesised part (``宁财(农)发``).
_ISSUER = rf"[{CJK}]{{1,14}}(?:[(（][{CJK}]{{1,4}}[)）][{CJK}]{{0,4}})?"
#: A document number with a year: ``川人社办发〔2017〕984号``, ``中发〔201834号`` (lost bracket),
#: ``〔2005〕36号``, ``黑财指农(资环)【2021】`` (no serial), ``保财教[2021]41、181、193``; a few
#: blanks may stand between any two parts (``川人社办发 [ 2017 ] 984 号``, ``川财社 (2022) 144号``).
DOC_NUMBER = re.compile(
    rf"(?:(?P<issuer>{_ISSUER}){_GAP})?"
    rf"(?P<open>[{_YO}]){_GAP}(?P<year>(?:19|20)[0-9]{{2}}){_GAP}(?P<close>[{_YC}])?{_GAP}"
    rf"(?:(?P<di>第)?{_GAP}(?P<serial>[0-9]{{1,5}})"
    rf"(?P<more>(?:号?、[0-9]{{1,5}}(?![0-9年月日])){{0,12}}){_GAP}(?P<hao>号)?)?"
)
#: A number without brackets: ``藏民函202117号`` (issuer ending like a code, year, serial, 号).
DOC_NUMBER_BARE = re.compile(
    rf"(?P<issuer>[{CJK}]{{1,10}}[发函字办通文复])(?P<year>(?:19|20)[0-9]{{2}})(?P<serial>[0-9]{{1,4}})(?P<hao>号)"
)
#: A number whose opening bracket was lost: ``川财行2020〕189号``.
DOC_NUMBER_NO_OPEN = re.compile(
    rf"(?P<issuer>[{CJK}]{{1,12}}){_GAP}(?P<year>(?:19|20)[0-9]{{2}}){_GAP}[{_YC}]"
    rf"{_GAP}(?P<serial>[0-9]{{1,5}}){_GAP}(?P<hao>号)(?![楼线院])"
)
#: A number without a year: ``国发2号`` (normalised to None).
DOC_NUMBER_NO_YEAR = re.compile(
    rf"(?P<issuer>[{CJK}]{{1,8}}[发函])(?P<serial>[0-9]{{1,4}})(?P<hao>号)(?![楼线院])"
)
#: An order: ``国务院令649号``, ``财政部令第102号``.
DOC_NUMBER_ORDER = re.compile(
    rf"(?P<issuer>[{CJK}]{{1,10}}令){_GAP}(?P<di>第)?{_GAP}(?P<serial>[0-9]{{1,5}}){_GAP}(?P<hao>号)"
)
#: An announcement: ``某某人民政府2010年第4号公告``.
DOC_NUMBER_NOTICE = re.compile(
    rf"(?P<issuer>[{CJK}]{{2,16}}?)(?P<year>(?:19|20)[0-9]{{2}})年第(?P<serial>[0-9]{{1,5}})号(?P<kind>公告)"
)

#: Leading words that are not part of an issuer code: verbs, function words, date words.
_STOP_WORDS = (
    "根据|按照|依据|依照|参照|遵照|对照|执行|落实|贯彻|印发|下发|转发|文件|通知|以及|及|和|与|或|、|据|按|依"
    "|见|由|的|在|从|对|为|于|是|即|并|等|厅的|要求|规定|精神|批复|下达|关于|号|了|将|其|年|月|日"
)
ISSUER_STOP_WORDS: tuple[str, ...] = tuple(sorted(_STOP_WORDS.split("|"), key=len, reverse=True))
#: Agency names that end before the issuer code (``西区财政局攀西财行``); not cut for orders (``国务院令``).
AGENCY_STOP_WORDS: tuple[str, ...] = ("委员会", "人民政府", "办公室", "政府", "中心", "局")
#: Whole words that look like ``…发2号`` but are not issuers.
NOT_ISSUERS = frozenset(
    {"开发", "研发", "印发", "下发", "出发", "转发", "颁发", "引发", "突发", "爆发", "激发", "分发", "收发"}
)

#: Title brackets; the inner angle brackets of a nested title.
TITLE_OPEN, TITLE_CLOSE = "《", "》"
ANGLE_OPEN, ANGLE_CLOSE = "〈<＜", "〉>＞"
#: Longest title considered (a runaway opening bracket stops here).
MAX_TITLE = 200
#: A parenthesised document number right after (or inside) a title: ``（川社险办〔2021〕26号）``.
PAREN_OPEN = "（("

# ------------------------------------------------------------------------------------- indicators
#: Units of indicator values (度量单位), longest first where one is the prefix of another.
_MEASURE_UNITS = (
    r"%|％|‰|元/人|[万千亿]?元|(?:万|千)?(?:人次|场次|人|户|个|次|天|日|项|家|场|件|篇|所|辆|台|套|分|年|月|小时"
    r"|公里|平方米|立方米|米|亩|吨|册|份|批|期|座|处|条|本|张|公顷|课时|学时)"
)
CATEGORY_WORD = re.compile(
    r"(数量|质量|时效|经济成本|社会成本|生态环境成本|成本|经济效益|社会效益|生态效益|可持续影响|可持续效益|满意度|服务对象满意度)指标"
)
PROSE_HEAD = re.compile(
    r"(?P<cat>数量|质量|时效|经济成本|成本|经济效益|社会效益|生态效益|可持续影响|可持续效益|满意度)指标[：:]\s?"
)
CLAUSE_END = re.compile(
    r"[；;。]|(?=(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|可持续效益|满意度)指标[：:])"
)
ACHIEVED_CUE = re.compile(r"[，,]\s?(?:实际完成(?:支付)?|完成情况[：:]?|实际|完成值)\s?")
INDICATOR_VALUE = re.compile(
    r"(?P<op>≥|≤|>=|<=|＞|＜|>|<|=|＝|不低于|不少于|不高于|不超过|达到|达)?\s?"
    rf"(?P<num>[0-9]{{1,12}}(?:\.[0-9]{{1,6}})?)\s?(?P<unit>{_MEASURE_UNITS})?"
    r"(?P<tail>以上|以下|及以上)?$"
)
OPERATORS = {
    "≥": "≥",
    ">=": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "达到": "≥",
    "达": "≥",
    "＞": ">",
    ">": ">",
    "≤": "≤",
    "<=": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "＜": "<",
    "<": "<",
    "=": "=",
    "＝": "=",
}
OPERATOR_CELL = re.compile(r"[=＝≥≤＞＜><]|>=|<=|定性|定量")
MEASURE_UNIT_CELL = re.compile(_MEASURE_UNITS)
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
INDICATOR_TABLE_HEADER = re.compile(r"三级指标")
INDICATOR_TABLE_END = re.compile(r"^(?:合计|总分|评价结论|存在问题|改进措施|备注|注[:：])")
INDICATOR_CELL = re.compile(r"[^|\t\n]+")
INDICATOR_HEADER_WORDS = frozenset(
    {
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "分值",
        "未完成原因分析",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        "一级指标",
        "二级指标",
    }
)
#: Category spellings folded onto the template's categories.
CATEGORY_ALIASES = {
    "经济成本": "成本",
    "社会成本": "成本",
    "生态环境成本": "成本",
    "可持续效益": "可持续影响",
    "服务对象满意度": "满意度",
}
#: A value written alone, possibly after an operator (``≥95%``, ``100``).
VALUE_START = re.compile(r"\s?(?:≥|≤|>=|<=|＞|＜|>|<|=|＝|不低于|不少于|达到|达)?\s?[0-9]")
#: An operator leading a cell (``≥50个``).
OPERATOR_START = re.compile(r"[≥≤＞＜><=＝]")
#: Separator of the items of one clause.
ITEM_SEPARATOR = re.compile(r"[，,]")

# --- citations: titles and issuers
#: Full-width digits to ASCII (document numbers are matched on this view; offsets are kept).
DIGITS_TO_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
#: Square-type year brackets (a year in round brackets needs an issuer and a serial to count).
SQUARE_OPEN = "〔[【﹝［"
#: Bracket variants inside titles, unified so one document cited two ways has one key.
TITLE_BRACKETS = str.maketrans(
    {"<": "〈", ">": "〉", "＜": "〈", "＞": "〉", "《": "〈", "》": "〉", "（": "(", "）": ")"}
)
#: Whitespace (removed from titles and numbers when comparing).
SPACES = re.compile(r"\s+")
#: Endings of full agency names standing before an issuer code (``某某省财政厅川财社``).
AGENCY_SUFFIXES = ("委员会", "办公室", "政府", "中心", "局", "厅")
#: After a bracketed year, these make it a date or a period, not a document number.
DATE_AFTER_YEAR = re.compile(rf"{_GAP}[年月日\-－~～至]")
#: After a serial written without 号, these make it a count, a date or part of a longer number
#: (``某规划 (2021) 12 个``, ``电话 (2021) 8765 4321``), not a document number.
#: After 号, these make it a building, line or courtyard number (``3号楼``), not a document.
NOT_AFTER_HAO = "楼线院"
NOT_SERIAL_AFTER = re.compile(rf"{_GAP}(?:[0-9年月日个项人次元万亿%％\-－]|\.[0-9])")
#: Verbs before a title whose opening 《 was lost.
TITLE_LEAD_WORDS = re.compile(r"(?:根据|按照|依据|依照|参照|遵照|执行|落实|贯彻|印发|下发|转发|据|按)+")
#: Where a title whose opening 《 was lost can start.
TITLE_START_BREAKS = "。，,；;：:、\n（("

# --- table cells
#: A table cell: a run between ``|``, tabs, spaces and line breaks.
CELL = re.compile(r"[^|\t \u3000\n\r]+")
#: Cells that stand for an empty value in a form.
EMPTY_CELLS = frozenset({"/", "—", "-", "－", "——", "\\", "／"})
#: A serial number heading a row; a year heading a row under a 年度 column.
SERIAL_CELL = re.compile(r"[0-9]{1,3}")
YEAR_CELL = re.compile(r"(?:19|20)[0-9]{2}")
#: Headers of a year column.
YEAR_HEADERS = frozenset({"年度", "年份"})

# --- glued budget-execution rows
#: A run of digits, points and commas ending before a percent sign: the cells of one row of a
#: budget-execution table that a converter glued together (``319.65134.0241.93%``); bounded.
GLUED_ROW = re.compile(r"(?<![0-9.,])(?P<run>[0-9][0-9.,]{5,40})(?=[%％])")
#: A run of digits glued to the label of a sub-row (``其中：本年财政拨款2020其他资金``), no percent.
GLUED_SUB_ROW = re.compile(
    r"其中[:：]?[\u4e00-\u9fff、]{0,12}(?P<run>[0-9][0-9.,]{1,40})(?![0-9.,%％年月日号元万个])"
)
#: Column headers of a budget-execution table, matched left to right: money, score (分值), rate.
BUDGET_COLUMN = re.compile(
    r"(?P<money>年初预算数|全年预算数|调整后预算数|预算数|全年执行数|执行数)|(?P<score>分值)|(?P<rate>执行率)"
)
#: Gap (characters) between two column headers of one header row (``全年预算数(A) 全年执行数(B)``).
BUDGET_HEADER_GAP = 16
#: The cells a glued run splits into: money (up to 4 decimals: 万元 to the yuan), score, rate.
GLUED_PIECES: dict[str, re.Pattern[str]] = {
    "money": re.compile(r"(?:0|[1-9][0-9]{0,11}|[1-9][0-9]{0,2}(?:,[0-9]{3}){1,4})(?:\.[0-9]{1,4})?"),
    "score": re.compile(r"(?:0|[1-9][0-9]?|100)(?:\.[0-9]{1,2})?"),
    "rate": re.compile(r"(?:0|[1-9][0-9]{0,3})(?:\.[0-9]{1,2})?"),
}
#: The longest piece of each kind (``999,999,999,999.9999``, ``99.99``, ``9999.99``).
GLUED_PIECE_MAX: dict[str, int] = {"money": 20, "score": 6, "rate": 7}
#: Decimals a money cell is written with at most, by unit (元 to the 分; 万元 to the yuan).
UNIT_DECIMALS: dict[str, int] = {"元": 2, "万元": 4, "亿元": 4}
#: The unit of the official forms' 项目资金 block, used when a budget-execution table states none.
DEFAULT_BUDGET_UNIT = "万元"

# --- scoring
#: Conversion markers the gold texts were stripped of.
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")

# --- amounts: parsing context
#: Traditional forms of the money multipliers and numeral words, one for one (offsets kept):
#: ``320萬元``, ``3.5億元``, ``兩千元``. The capital (大写) digits 仟/佰 are not mapped: they come
#: with 壹/贰/叁 numerals, which are not read, never with Arabic digits.
TRADITIONAL_MONEY = {ord("萬"): ord("万"), ord("億"): ord("亿"), ord("兩"): ord("两"), ord("點"): ord("点")}
#: Width normalisation for parsing: full-width digits and points to ASCII, ``，`` kept (a clause
#: break), traditional multipliers to simplified (:data:`TRADITIONAL_MONEY`).
WIDTH_KEEP_COMMA = {**{k: v for k, v in FULLWIDTH.items() if k != 0xFF0C}, **TRADITIONAL_MONEY}
#: Characters that end the clause in which a role cue is looked for.
CLAUSE_BREAKS = "。；;！？\n，,：:"
