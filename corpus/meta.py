"""Describe a report: title, project name, agency, fiscal year, kind and region.

Sources, strongest first: the title block (title line, the bracketed or plain project-name lines
under it, the agency line on the cover), score-table cells (``项目名称``, ``实施单位``,
``主管部门``), a form flattened onto one line, an organisation naming itself (``以下简称``), the
page furniture before the report (publisher, filing date), the report's running text (the
organisation it names most, in its fullest form), and the file (a report with no agency or year
of its own takes the file's dominant one). The region comes from :mod:`corpus.region`.

>>> from corpus.segment import segment
>>> units = segment("某市某局\\n2023年度项目支出绩效自评报告\\n（宣传经费）\\n一、项目概况\\n内容。")
>>> m = describe(units, 0)
>>> (m.title, m.project, m.agency, m.year, m.kind, m.region)
('2023年度项目支出绩效自评报告（宣传经费）', '宣传经费', '某市某局', 2023, 'project', None)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from corpus import patterns as P
from corpus.region import region_of
from corpus.segment import Unit
from corpus.split import cell_text, is_agency_line, is_residue, is_title, is_title_fragment
from corpus.structure import match_heading, section_type_of

#: How many units from a report's start are searched for its title block and table labels.
HEAD_UNITS = 40

#: How many units from a report's start may hold a title-like line naming its fiscal year.
HEAD_TITLE_UNITS = 3

#: How many units from a report's start (after its page furniture) are read for its region.
HEAD_REGION_UNITS = 20


@dataclass(frozen=True)
class ReportMeta:
    """What :func:`describe` finds; ``None`` where nothing was found."""

    title: str | None
    project: str | None
    agency: str | None
    year: int | None
    kind: str
    mentions: tuple[str, ...] = ()  # organisation names in the report's text, in order
    table: bool = False  # a score table (自评表) rather than a written report
    region: str | None = None  # province-level region (see corpus.region)


def _title_block(units: Sequence[Unit], lo: int, hi: int) -> tuple[int | None, str | None, str | None]:
    """(title unit index, title text, project text) of the report's head."""
    t = next((i for i in range(lo, min(hi, lo + HEAD_UNITS)) if is_title(units[i])), None)
    if t is None:
        return None, None, None
    title = cell_text(units[t])
    if (
        t - 1 >= lo
        and len(title) <= 10
        and is_title_fragment(units[t - 1])
        and not is_agency_line(units[t - 1])
    ):
        title = units[t - 1].text + title
    project_parts: list[str] = []
    following = units[t + 1 : min(hi, t + 3)] if section_type_of(title) != "score-table" else []
    for u in following:
        text = cell_text(u)
        if P.PROJECT_LABEL_RE.match(text) or P.AGENCY_LABEL_RE.match(text):
            break
        if not u.whole or len(text) > 40 or is_title(u) or is_residue(u) or match_heading(text) is not None:
            break
        if any(ch in text for ch in "。，,；;：:|"):
            break
        if text[0] in "（(" and text[-1] in "）)":
            title += text
            project_parts.append(text[1:-1])
        else:
            title += " " + text
            project_parts.append(text)
    project = " ".join(project_parts) or _bracketed(title)
    return t, title, project or None


def _bracketed(title: str) -> str | None:
    m = P.BRACKETED_TAIL_RE.search(title)
    if m and not P.YEAR_RE.search(m.group(1)) and "自评" not in m.group(1):
        return m.group(1)
    return None


def _labelled(
    units: Sequence[Unit], lo: int, hi: int, rxs: Sequence[re.Pattern[str]]
) -> list[list[tuple[str, str]]]:
    """(label, value) pairs of score-table label cells in the report's head, one list per regex."""
    found: list[list[tuple[str, str]]] = [[] for _ in rxs]
    for i in range(lo, min(hi, lo + HEAD_UNITS)):
        u = units[i]
        if u.row:
            cells = [c.strip() for c in u.text.replace("\t", "|").split("|")]
            for k, c in enumerate(cells[:-1]):
                if c[:1] not in P.LABEL_FIRST_CHARS:
                    continue
                for rx, out in zip(rxs, found, strict=True):
                    if rx.match(c):
                        value = next((v for v in cells[k + 1 :] if v), "")
                        if value and not rx.match(value):
                            out.append((c, value))
            continue
        if u.text[:1] not in P.LABEL_FIRST_CHARS:
            continue
        for rx, out in zip(rxs, found, strict=True):
            m = rx.match(u.text)
            if m is None:
                continue
            rest = m.group("rest").strip()
            if rest:
                out.append((u.text, rest))
            elif i + 1 < hi:
                out.append((u.text, cell_text(units[i + 1])))
    return found


def _clean_agency(name: str) -> str | None:
    """A label cell's value or a cover line as an agency name, or None when no name is left.

    Table pipes, a leading fiscal period, glued labels (the name after the last one), form fields
    after the name (``填报日期:…``), seal notes, an internal section (``…局资源管理科``) and a
    trailing ``部门`` go.

    >>> [_clean_agency(x) for x in ("| 甲县水利局 |", "度甲县妇女联合会", "主管部门甲局实施单位甲县乙中心")]
    ['甲县水利局', '甲县妇女联合会', '甲县乙中心']
    >>> [_clean_agency(x) for x in ("甲镇政府 填报日期:2021.5.18", "甲县林业局资源管理科（盖章）")]
    ['甲镇政府', '甲县林业局']
    """
    name = P.AGENCY_TAIL_RE.sub("", name.replace("\t", "|"))
    cells = [c.strip() for c in name.split("|") if c.strip()]
    words = cells[0].split() if cells else []
    name = words[0] if words else ""
    labels = list(P.INNER_AGENCY_LABEL_RE.finditer(name))
    if labels and labels[-1].end() < len(name):
        name = name[labels[-1].end() :].lstrip(":：")
    name = P.FISCAL_PREFIX_RE.sub("", P.LEADING_REMARK_RE.sub("", name))
    section = P.SUBDIVISION_RE.search(name)
    if section and not section.group(1).endswith("办公室"):
        name = name[: section.start(1)]
    if name.endswith("部门") and len(name) > 4 and name[-3] in "局委厅心会办院":
        name = name[:-2]
    return name if sum("\u4e00" <= ch <= "\u9fff" for ch in name) >= 2 else None


def _name_before(text: str, end: int, floor: int = 0) -> str:
    """The organisation name ending at ``text[end]``, walked back to a stop character."""
    j = end
    stop = P.AGENCY_STOP_CHARS
    floor = max(floor, end - P.AGENCY_MAX_CHARS - 8, 0)
    while j > floor and ("\u4e00" <= text[j - 1] <= "\u9fff") and text[j - 1] not in stop:
        j -= 1
    name = text[j:end]
    labels = list(P.INNER_AGENCY_LABEL_RE.finditer(name))
    return name[labels[-1].end() :] if labels else name


def agency_mentions(text: str) -> list[str]:
    """Organisation names in running text, each cut back to a word boundary.

    >>> agency_mentions("该资金由某县人力资源和社会保障局下达，分配给某县社保中心。2023年某县社保中心完成。")
    ['某县人力资源和社会保障局', '某县社保中心', '某县社保中心']
    """
    names = []
    text = P.BOOK_TITLE_RE.sub("《》", text)
    for m in P.AGENCY_SUFFIX_RE.finditer(text):
        end = m.end()
        name = _name_before(text, m.start(), end - P.AGENCY_MAX_CHARS) + m.group()
        if len(name) < 4 or P.NOT_AGENCY_RE.search(name) or P.AGENCY_PREFIX_STOP.match(name):
            continue
        if P.AGENCY_PLACE_RE.match(name):
            names.append(name)
    return names


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with characters left out (西区社保中心 of 某市西区社会保险事务中心)."""
    it = iter(long)
    return len(short) < len(long) and all(ch in it for ch in short)


def dominant_agency(names: Sequence[str]) -> str | None:
    """The organisation named most, in the fullest form found (abbreviations count for it).

    >>> dominant_agency(["甲县社保中心", "乙局", "甲县社会保险事务中心", "甲县社保中心"])
    '甲县社会保险事务中心'
    """
    if not names:
        return None
    counts = Counter(names)
    best: tuple[int, int, str] | None = None
    for name in counts:
        group = [n for n in counts if n == name or _abbreviates(n, name)]
        if any(_abbreviates(name, other) for other in counts):
            continue
        score = (sum(counts[n] for n in group), len(name), name)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def fiscal_year(
    title: str | None, texts: Iterable[str], head: Sequence[str] = (), furniture: Sequence[str] = ()
) -> int | None:
    """The fiscal year a report is about; ``None`` when it names none.

    ``XXXX年度`` in the title, else a year opening it, else ``XXXX年度`` in a title-like line of
    the report's ``head`` (a score table's heading cell), else the year the report's units
    (``texts``) name most, else the year before the one the form was filed or the page published
    (``填报日期:2021.5.18`` in the head or the page ``furniture`` before it → 2020:
    self-evaluations are written after the year they review).

    >>> fiscal_year("某项目（2014年至2018年）绩效自评报告", ["2023年底前支付。", "2023年4月完成。"])
    2023
    >>> fiscal_year(None, ["没有年份。"], ["单位名称:甲镇 填报日期:2021.5.18"])
    2020
    """
    if title:
        m = P.FISCAL_YEAR_RE.search(title) or P.YEAR_RE.match(title)
        if m:
            return int(m.group(1))
    for text in head[:HEAD_TITLE_UNITS]:
        m = P.FISCAL_YEAR_RE.search(text) if P.TITLE_HINT_RE.search(text) else None
        if m:
            return int(m.group(1))
    counts: Counter[int] = Counter()
    for t in texts:
        counts.update(int(y) for y in P.YEAR_RE.findall(t))
    if not counts and title:
        counts.update(int(y) for y in P.YEAR_RE.findall(title))
    if counts:
        return counts.most_common(1)[0][0]
    filed = next((m for m in map(P.FILED_DATE_RE.search, (*furniture, *head)) if m), None)
    return int(filed.group(1)) - 1 if filed else None


def report_kind(title: str | None, first_heading: str | None, table_report: bool) -> str:
    """``department`` for a department-wide report, ``other`` for 决算 and the like, else ``project``.

    >>> report_kind("某局2023年度部门整体支出绩效自评报告", None, False)
    'department'
    >>> report_kind(None, "第一部分 部门概况", False)
    'other'
    """
    if title:
        if P.DEPARTMENT_RE.search(title):
            return "department"
        if P.OTHER_KIND_RE.search(title) and "绩效" not in title:
            return "other"
        return "project"
    if first_heading and P.OTHER_OPENING_RE.match(first_heading):
        return "other"
    if first_heading and P.DEPARTMENT_OPENING_RE.match(first_heading) and not table_report:
        return "department"
    return "project"


def describe(units: Sequence[Unit], lo: int, hi: int | None = None, *, furniture: int = 0) -> ReportMeta:
    """Metadata of the report made of ``units[lo:hi]`` (see the module docstring).

    ``furniture``: how many units before ``lo`` are the page furniture of this report (residue
    such as ``发布机构 某局``), read for the publisher and the filing date when the report itself
    names no agency or year.
    """
    hi = len(units) if hi is None else hi
    head = [u.text for u in units[lo : min(hi, lo + HEAD_UNITS)]]
    before = [u.text for u in units[max(0, lo - furniture) : lo]]
    t, title, project = _title_block(units, lo, hi)
    labels, agency_labels = _labelled(units, lo, hi, (P.PROJECT_LABEL_RE, P.AGENCY_LABEL_RE))
    table_report = title is not None and section_type_of(title) == "score-table"
    if labels:
        name = P.PROJECT_CODE_RE.sub("", labels[0][1]).strip()
        if name and table_report and title and "：" not in title:
            title = f"{title}：{name}"
        project = project or name or None
    agency = (
        _explicit_agency(units, lo, hi, t, title, agency_labels) or _inline_agency(head) or _self_named(head)
    )
    # names in the text are only needed when the report does not state its agency
    mentions = tuple(agency_mentions("\n".join(u.text for u in units[lo:hi]))) if agency is None else ()
    if agency is None:  # the page's publisher, in the fullest form the report writes it
        agency = publisher([*before, *head])
        agency = fullest_form(agency, mentions) if agency else None
    first_heading = next(
        (u.text for u in units[lo : min(hi, lo + HEAD_UNITS)] if u.first and match_heading(u.text)), None
    )
    year = fiscal_year(title, (u.text for u in units[lo:hi]), head, before)
    kind = report_kind(title, first_heading, table_report)
    region = region_of(agency, title, [*before, *head[:HEAD_REGION_UNITS]])
    return ReportMeta(title, project, agency, year, kind, mentions, table_report, region)


def _explicit_agency(
    units: Sequence[Unit],
    lo: int,
    hi: int,
    t: int | None,
    title: str | None,
    labels: Sequence[tuple[str, str]],
) -> str | None:
    """The agency a report's title block states: a label cell (a whole name first, the implementing
    body before the supervising one), the cover line, the title's opening words."""
    named = [(label, value) for label, value in ((lb, _clean_agency(v)) for lb, v in labels) if value]
    if named:  # a whole organisation name first, the implementing body before the supervising one
        ranked = [
            (not P.ORG_NAME_RE.match(v), not lb.startswith(P.IMPLEMENTER_LABELS), k)
            for k, (lb, v) in enumerate(named)
        ]
        return named[min(ranked)[2]][1]
    if t is not None:
        for i in (*range(max(lo, t - 2), t), *range(t + 1, min(t + 3, hi))):
            if is_agency_line(units[i]) and (i < t or P.ORG_NAME_RE.match(units[i].text)):
                return _clean_agency(units[i].text)
        if title:
            m = P.TITLE_AGENCY_RE.match(P.FISCAL_PREFIX_RE.sub("", title))
            if m:
                return m.group(1) or m.group(2)
    return None


def _inline_agency(texts: Iterable[str]) -> str | None:
    """An agency label inside a unit (a form flattened onto one line), the implementer first."""
    found = []
    for text in texts:
        for m in P.INLINE_AGENCY_LABEL_RE.finditer(text):
            name = _clean_agency(P.INNER_AGENCY_LABEL_RE.split(m.group("name"))[0])
            if name and P.ORG_NAME_RE.match(name):
                found.append((not m.group("label").startswith(P.IMPLEMENTER_LABELS), name))
    return min(found, key=lambda f: f[0])[1] if found else None


def _self_named(texts: Iterable[str]) -> str | None:
    """An organisation naming itself in the report's opening: ``某县某局（以下简称“我局”）``.

    >>> _self_named(["现将甲县乙局（以下简称“我局”）自评情况报告如下："])
    '甲县乙局'
    """
    for text in texts:
        for m in P.SELF_NAMED_RE.finditer(text):
            name = _name_before(text, m.start())
            if P.ORG_NAME_RE.match(name) and not P.NOT_AGENCY_RE.search(name):
                return name
    return None


def publisher(texts: Iterable[str]) -> str | None:
    """The publishing body a web page's furniture names (``发布机构 某局``, ``来源:某局``), when it
    is a whole organisation name; finance bureaus, which publish for others, are left out.

    >>> publisher(["索引号 123 发布机构 甲市乙局", "发布日期 2020-06-28"]), publisher(["来源:甲县财政局"])
    ('甲市乙局', None)
    """
    for text in texts:
        for m in P.PUBLISHER_RE.finditer(text):
            name = m.group("name")
            if P.ORG_NAME_RE.match(name) and not P.NOT_AGENCY_RE.search(name):
                return name
    return None


def _owns_table(report: ReportMeta, table: ReportMeta, before: Unit | None) -> bool:
    """Whether ``table`` is the appendix of the project report before it: announced by a lone
    ``附表`` line, or scoring the project the report is about."""
    if not table.table or report.table or report.kind != "project":
        return False
    if before is not None and P.APPENDIX_LINE_RE.match(before.text):
        return True
    name = "".join((table.project or "").split())
    return bool(name) and (
        name in "".join((report.title or "").split()) or name == "".join((report.project or "").split())
    )


def attach_own_tables(
    units: Sequence[Unit], ranges: Sequence[tuple[int, int]], metas: Sequence[ReportMeta]
) -> tuple[list[tuple[int, int]], list[ReportMeta]]:
    """Merge a score table into the project report before it when it is that report's appendix.

    Per-project tables after a department report stay reports of their own; a project report's
    own table (``附表`` then the table, or a table of the same project) is part of it.

    >>> report = ReportMeta("甲项目绩效自评报告", "甲项目", "乙局", 2023, "project")
    >>> table = ReportMeta("项目支出绩效自评表：甲项目", "甲项目", "乙局", 2023, "project", table=True)
    >>> attach_own_tables([], [(0, 5), (5, 9)], [report, table])[0]
    [(0, 9)]
    """
    out_ranges: list[tuple[int, int]] = []
    out_metas: list[ReportMeta] = []
    for (lo, hi), meta in zip(ranges, metas, strict=True):
        before = units[lo - 1] if 0 < lo <= len(units) else None
        if out_metas and _owns_table(out_metas[-1], meta, before):
            out_ranges[-1] = (out_ranges[-1][0], hi)
            continue
        out_ranges.append((lo, hi))
        out_metas.append(meta)
    return out_ranges, out_metas


def fullest_form(name: str, mentions: Sequence[str]) -> str:
    """The longest mention of which ``name`` is an abbreviation (not a mere substring), else ``name``.

    >>> fullest_form("西区社保中心", ["甲市西区社会保险事务中心", "下达西区社保中心"])
    '甲市西区社会保险事务中心'
    """
    longer = [m for m in mentions if name not in m and _abbreviates(name, m)]
    return max(longer, key=len) if longer else name


def file_agency(metas: Sequence[ReportMeta]) -> str | None:
    """The file's agency: the commonest explicit one, else the name most reports mention."""
    explicit = Counter(m.agency for m in metas if m.agency)
    if explicit:
        return explicit.most_common(1)[0][0]
    spread: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for m in metas:
        spread.update(dict.fromkeys(m.mentions, 1))  # each name once per report, in text order
        total.update(m.mentions)
    if not spread:
        return None
    return max(spread, key=lambda n: (spread[n], total[n], len(n)))


def with_file_context(metas: Sequence[ReportMeta]) -> list[ReportMeta]:
    """Fill a report's missing agency and year from the file's dominant ones.

    The file's agency is taken in the fullest form the report itself writes it in; a place it
    names then gives the report's region.

    >>> a = ReportMeta("t", None, "甲局", 2023, "project")
    >>> [m.agency for m in with_file_context([a, replace(a, agency=None)])]
    ['甲局', '甲局']
    """
    agency = file_agency(metas)
    years = Counter(m.year for m in metas if m.year)
    year = years.most_common(1)[0][0] if years else None
    out = []
    for m in metas:
        if m.agency:
            out.append(m if m.year or not year else replace(m, year=year))
            continue
        own = fullest_form(agency, m.mentions) if agency else dominant_agency(m.mentions)
        region = region_of(own, None, ()) or m.region
        out.append(replace(m, agency=own, year=m.year or year, region=region))
    return out
