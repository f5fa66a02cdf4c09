"""Compiled regexes and lookup tables of the boilerplate detector.

Everything is compiled once, at import. Every repeat is bounded or over a single character
class, so no pattern backtracks badly on a 20,000-character unit.

Masks are single private-use characters, so that a masked value counts as one character in
the shingles whatever its length (``55万元`` and ``1,727.58万元`` both become :data:`MONEY`).

>>> bool(DOCNO_RE.search("依据攀财资社〔2023〕197号文件"))
True
>>> bool(TEMPLATE_STRONG_RE.search("项目管理情况分析，主要包括管理制度、日常检查等情况。"))
True
"""

from __future__ import annotations

import re

# --- masks ---------------------------------------------------------------------------------------

#: Placeholders written in place of masked spans (private-use characters, never in real text).
DOCNO = "\ue001"
TITLE = "\ue002"
MONEY = "\ue003"
PCT = "\ue004"
DATE = "\ue005"
NUM = "\ue006"
ORG = "\ue007"
NAME = "\ue008"  # the report's own project name
QUOTE = "\ue009"  # a short quoted name: “劳务费”
MASKS = frozenset((DOCNO, TITLE, MONEY, PCT, DATE, NUM, ORG, NAME, QUOTE))

_NUM = r"\d{1,15}(?:[.,]\d{1,15}){0,4}"
_CN_NUM = r"[零〇一二两三四五六七八九十百千万亿点]{1,12}"

#: Document numbers (文号): issuer code, year in brackets, serial. ``川财社〔2023〕10号``.
DOCNO_RE = re.compile(r"[\u4e00-\u9fff]{1,12} ?[〔\[【(（] ?\d{4} ?[〕\]】)）] ?(?:第 ?)?\d{1,5} ?号?")

#: Titles of cited documents, up to 120 characters (longer brackets are left alone).
TITLE_RE = re.compile(r"《[^《》\n]{1,120}》")

#: Short quoted names (project names in running text): “劳务费”, "四川e社保".
QUOTE_RE = re.compile(r"“[^“”\n，。；,;]{1,30}”|\"[^\"\n，。；,;]{1,30}\"")

#: Money, before plain numbers: ``55万元``, ``1,727.58 万元``, ``三百元``.
MONEY_RE = re.compile(rf"(?:{_NUM} ?(?:万亿|亿|万|千)?元|{_CN_NUM}元)")

#: Percentages and per-mille: ``100%``, ``95 ％`` (width already unified), ``百分之五``.
PCT_RE = re.compile(rf"{_NUM} ?[%‰]|百分之{_CN_NUM}")

#: Dates and years: ``2023年12月31日``, ``2023年度``, ``12月31日``, ``2023-12-31``, ``1—12月``.
DATE_RE = re.compile(
    r"\d{4} ?年(?:度| ?\d{1,2} ?月(?: ?\d{1,2} ?日)?)?"
    r"|\d{1,2} ?月 ?\d{1,2} ?日|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|\d{1,2} ?[-—~至到] ?\d{1,2} ?月"
    r"|\d{1,2} ?月(?:份|底|末|初|中旬|上旬|下旬)?"
)

#: Plain numbers, and Chinese numerals before a measure word (``十一名``, ``两个``).
NUM_RE = re.compile(rf"{_NUM}|{_CN_NUM}(?=[个人次名项家批场份套台辆户所条件篇期])")

#: Agency suffixes; a match is extended to the left over the name's stem by ``normalize``.
#: Single-character suffixes may not be followed by a character that makes another word
#: (``局长``, ``局面``, ``厅级``).
ORG_SUFFIX_RE = re.compile(
    r"(?:委员会|办公室|事务中心|服务中心|管理中心|中心|管理局|事业局|医院|卫生院|学校|小学|中学|幼儿园|"
    r"人民政府|政府|公司|协会|联合会|事务所|研究院|研究所|图书馆|博物馆|文化馆|管理站|服务站|工作站|"
    r"(?:局|厅)(?![长面势部限级]))"
)

#: Characters a name's stem never runs across leftwards: function words and verbs of the
#: sentence frame (``由区社保局`` masks ``区社保局``).
ORG_STEM_STOP = frozenset("由经向对在与和及为给把被将从至到按据的了是等以对于请报交于即并或同")

#: Longest stem taken before a suffix.
ORG_STEM_MAX = 14

#: Names that end like an agency but are not one.
NOT_ORG_ENDINGS = ("格局", "布局", "大局", "全局", "结局", "当局", "开局", "时局", "终局", "新局", "重心")

#: The project name in brackets at the end of a report title: ``…自评报告（劳务费）``.
TITLE_TAIL_NAME_RE = re.compile(r"[（(]([^（）()]{2,40})[）)]\s{0,3}$")

# --- punctuation -----------------------------------------------------------------------------------

#: Punctuation unified before shingling: brackets to ``()``, quotes dropped, separators to ``,``.
PUNCT_TABLE: dict[int, str | None] = {
    **{ord(c): "(" for c in "（([〔【［｛{〈<"},
    **{ord(c): ")" for c in "）)]〕】］｝}〉>"},
    **{ord(c): None for c in "“”‘’「」『』\"'`"},
    **{ord(c): "," for c in "，,、；;"},
    **{ord(c): "." for c in "。．！!？?"},
    **{ord(c): ":" for c in "：:"},
    **{ord(c): "-" for c in "—–－―~～"},
}

#: Runs of whitespace, removed (Chinese text has no word spaces; PDFs add stray ones).
SPACE_RE = re.compile(r"\s+")

#: Enumerators at the start of a unit (matched on the raw text, before figures are masked):
#: ``一、`` ``（二）`` ``1．`` ``(3)`` ``①`` ``第一部分``.
ENUMERATOR_RE = re.compile(
    r"^\s{0,4}(?:第[一二三四五六七八九十\d]{1,3}部分|[一二三四五六七八九十]{1,3}\s?[、.．，,]|"
    r"[（(]\s?[一二三四五六七八九十\d]{1,3}\s?[）)]|\d{1,3}\s?(?:[、，,]|[.．](?!\d))|[①-⑳]|"
    r"[一二三四五六七八九十]{1,2}是(?=[\u4e00-\u9fff])|"
    r"\d{1,2}(?![\d年月日号个人万元次件项%.．])(?=[\u4e00-\u9fff]))"
)

#: Trailing punctuation after normalisation.
TRAILING_PUNCT_RE = re.compile(r"[.,:]{1,8}$")

#: Characters that count towards a unit's length (not punctuation, not masks).
CONTENT_CHAR_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")

# --- template instructions (official-outline text left in a filled-in report) ---------------------

#: Cues that are by themselves enough: the shapes of outline instructions.
TEMPLATE_STRONG_RE = re.compile(
    r"主要包括[^。]{1,60}等(?:情况|内容|方面)"
    r"|等情况(?:进行)?分析"
    r"|^[^,，。;；]{2,40}情况(?:\([^()]{1,60}\))?分析[.。]?$"
    r"|^[^,，。]{0,12}\((?:包括|主要是指|主要指|含)[^()]{1,80}\)[^。]{0,30}(?:情况|分析)"
    r"|应当?(?:说明|包括|填写|列明|阐述|分析)"
    r"|可从[^。]{1,30}(?:方面|角度)"
    r"|主要从[^。]{1,40}等方面进行"
    r"|主要是对[^。]{1,30}(?:情况)?进行分析"
    r"|(?:是否|有无)[^。]{1,30}(?:是否|有无|等现象|等情况)"
    r"|需说明(?:原因|理由)|\d{1,4}字以内"
    r"|选择所属指标进行"
    r"|围绕[^。]{1,30}进行(?:绩效)?分析"
    r"|逐项(?:绩效)?分析并评分"
    r"|简介[,，]包括"
)

#: Weaker cues: enough only with other evidence (membership in a cross-agency cluster).
TEMPLATE_WEAK_RE = re.compile(
    r"包括[^。]{1,40}等|情况分析|进行分析|填报|按照[^。]{1,20}要求填写|参考提纲|(?:定性|定量)目标"
)

#: Signs that a unit speaks about its own project (an answer, not an instruction).
ANSWER_RE = re.compile(
    r"我(?:局|单位|中心|部门|区|县|市|们)|本(?:单位|局|中心)|已|了|均|圆满|进一步|完成[^。]{0,4}任务"
)

# --- goal-as-result -----------------------------------------------------------------------------

#: Section types whose units state plans, and those whose units report results.
GOAL_SECTIONS = frozenset(("goal",))
RESULT_SECTIONS = frozenset(("completion", "benefit"))

#: Shortest result unit (content characters) taken as a goal copied as result.
GOAL_RESULT_MIN_CHARS = 12

#: Shortest run of a project name's characters masked where the name is written differently
#: (``建国初期革命人员`` of the project ``建国初期革命人员困难补助``).
NAME_FRAGMENT_MIN = 4
