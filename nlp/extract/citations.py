"""Cited policy documents: ``《title》（文号）``, ``《title》`` alone, ``文号`` alone.

Document numbers are normalised to the GB/T 9704 form ``机关代字〔年份〕序号号`` — whatever
brackets were typed (``[] 【】 （） ()``), with a few blanks (space, U+3000, NBSP) allowed and
removed between the parts (``川财社 (2022) 144号``), a missing 号 added and a lost bracket restored
(``中发〔201834号`` → ``中发〔2018〕34号``); a number without a year (``国发2号``) has
``normalized=None``. A nested title (``《关于印发〈…〉的通知》``) is one citation of the outer title.

>>> [(c.title, c.normalized, c.issuer) for c in citations("根据《某办法》（川财社[2021]7号）")]
[('某办法', '川财社〔2021〕7号', '川财社')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass

from nlp.extract import resources as R
from nlp.extract.records import Citation


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A document number found in text (one per serial when several share an issuer and year)."""

    text: str
    start: int
    end: int
    issuer: str | None
    year: int | None
    serial: str | None
    normalized: str | None


def normalize_title(title: str) -> str:
    """A title with bracket variants unified and whitespace removed (identity of a document).

    >>> normalize_title("关于印发<某 办法>的通知") == normalize_title("关于印发〈某办法〉的通知")
    True
    """
    return R.SPACES.sub("", title.translate(R.TITLE_BRACKETS))


def normalize_doc_number(
    issuer: str | None, year: int | None, serial: str | None, *, di: bool = False
) -> str | None:
    """The GB/T 9704 form of a document number, or ``None`` when the year or serial is missing.

    Parts as typed are accepted: blanks (space, U+3000, NBSP) are dropped, full-width digits
    read, and a serial may carry its 第/号 (``" 第０１２ 号"`` → ``第012号``).

    >>> normalize_doc_number("川人社办发", 2017, "984")
    '川人社办发〔2017〕984号'
    >>> normalize_doc_number("川人社办发 ", 2017, " 984 号")
    '川人社办发〔2017〕984号'
    >>> normalize_doc_number("国发", None, "2") is None
    True
    """
    serial = _squeeze(serial)
    if serial.startswith("第"):
        di, serial = True, serial[1:]
    serial = serial.removesuffix("号")
    if year is None or not serial:
        return None
    return f"{_squeeze(issuer)}〔{year}〕{'第' if di else ''}{serial}号"


def _squeeze(part: str | None) -> str:
    """A part of a document number without blanks, full-width digits made ASCII."""
    return R.SPACES.sub("", (part or "").translate(R.DIGITS_TO_ASCII))


def clean_issuer(raw: str | None, *, agencies: bool = True) -> str | None:
    """Cut leading function words and agency names off an issuer run (``根据川人社办发`` → ``川人社办发``).

    With ``agencies=False`` (orders such as ``省政府令``) only function words are cut.

    >>> clean_issuer("西区财政局攀西财行")
    '攀西财行'
    >>> clean_issuer("根据省政府令", agencies=False)
    '省政府令'
    """
    if not raw:
        return None
    issuer = raw
    cut = 0
    for word in R.ISSUER_STOP_WORDS + (R.AGENCY_STOP_WORDS if agencies else ()):
        pos = issuer.rfind(word)
        if pos >= 0 and pos + len(word) < len(issuer):
            cut = max(cut, pos + len(word))
    if agencies:
        cut = _after_agency_name(issuer, cut)
    issuer = issuer[cut:]
    return issuer or None


def _after_agency_name(issuer: str, cut: int) -> int:
    """Where the issuer code starts after a full agency name (``四川省财政厅川财社`` → after 厅)."""
    for suffix in R.AGENCY_SUFFIXES:
        pos = issuer.rfind(suffix, cut)
        min_before = 3 if suffix == "厅" else 1
        if pos - cut >= min_before and len(issuer) - (pos + len(suffix)) >= 2:
            cut = max(cut, pos + len(suffix))
    return cut


def _serials(m: re.Match[str]) -> list[str]:
    serial = m.group("serial")
    if serial is None:
        return []
    more = (m.groupdict().get("more") or "").replace("号", "")
    return [serial, *[s for s in more.split("、") if s]]


def _plausible_bracketed(m: re.Match[str], text: str, issuer: str | None) -> bool:
    """Whether a bracketed-year match is a document number and not a date or a year in brackets.

    Refused: ``（2021年）`` (a date after the year), a year in round brackets without a serial
    (``方案（2020）``), a number without issuer in round brackets, ``（2021）12`` without
    closing bracket or 号, a serial without 号 followed by a count, date or more digits
    (``规划 (2021) 12 个``, ``电话 (2021) 8765 4321``), and ``(2021)3号楼``.
    """
    serial, close, hao = m.group("serial"), m.group("close"), m.group("hao")
    square = m.group("open") in R.SQUARE_OPEN
    if close is None and R.DATE_AFTER_YEAR.match(text, m.end("year")):
        return False
    if serial is not None and hao is None and R.NOT_SERIAL_AFTER.match(text, m.end("more")):
        return False
    if hao is not None and m.end("hao") < len(text) and text[m.end("hao")] in R.NOT_AFTER_HAO:
        return False
    if serial is None:
        at_line_end = m.end() >= len(text) or text[m.end()] == "\n"
        return square and issuer is not None and (close is not None or at_line_end)
    if issuer is None:
        return square and bool(hao)
    return square or close is not None or hao is not None


def _issuer_start(m: re.Match[str], issuer: str | None) -> int:
    """Offset of the cleaned issuer inside the match (function words before it are left out)."""
    if not issuer:
        return m.start("open")
    return m.start("issuer") + len(m.group("issuer")) - len(issuer)


def _from_bracketed(m: re.Match[str], text: str) -> list[DocNumber]:
    issuer = clean_issuer(m.group("issuer"))
    if not _plausible_bracketed(m, text, issuer):
        return []
    end = m.end()
    serial_end = m.end("serial")
    stray_paren = m.group("hao") is None and text[serial_end : serial_end + 2] in (")号", "）号")
    if m.group("serial") is not None and stray_paren:  # ``〔2022〕1)号``
        end = serial_end + 2
    while end > m.start() and text[end - 1] in R.BLANKS:
        end -= 1
    start = _issuer_start(m, issuer)
    year = int(m.group("year"))
    di = bool(m.group("di"))
    serials: list[str | None] = [*_serials(m)] or [None]
    return [
        DocNumber(text[start:end], start, end, issuer, year, s, normalize_doc_number(issuer, year, s, di=di))
        for s in serials
    ]


def _simple(m: re.Match[str], text: str, *, with_year: bool) -> list[DocNumber]:
    issuer = clean_issuer(m.group("issuer"))
    if issuer is None or issuer in R.NOT_ISSUERS:
        return []
    start = _issuer_start(m, issuer)
    year = int(m.group("year")) if with_year else None
    serial = m.group("serial")
    norm = normalize_doc_number(issuer, year, serial)
    return [DocNumber(text[start : m.end()], start, m.end(), issuer, year, serial, norm)]


def _order(m: re.Match[str], text: str) -> list[DocNumber]:
    issuer = clean_issuer(m.group("issuer"), agencies=False)
    if issuer is None or len(issuer) < 2:
        return []
    start = _issuer_start(m, issuer)
    di = "第" if m.group("di") else ""
    normalized = f"{issuer}{di}{m.group('serial')}号"
    return [DocNumber(text[start : m.end()], start, m.end(), issuer, None, m.group("serial"), normalized)]


def _notice(m: re.Match[str], text: str) -> list[DocNumber]:
    issuer = clean_issuer(m.group("issuer"))
    if issuer is None:
        return []
    start = _issuer_start(m, issuer)
    year, serial = int(m.group("year")), m.group("serial")
    normalized = f"{issuer}{m.group('kind')}〔{year}〕{serial}号"
    return [DocNumber(text[start : m.end()], start, m.end(), issuer, year, serial, normalized)]


_MATCHERS = (
    (R.DOC_NUMBER_NOTICE, _notice),
    (R.DOC_NUMBER, _from_bracketed),
    (R.DOC_NUMBER_NO_OPEN, lambda m, t: _simple(m, t, with_year=True)),
    (R.DOC_NUMBER_BARE, lambda m, t: _simple(m, t, with_year=True)),
    (R.DOC_NUMBER_ORDER, _order),
    (R.DOC_NUMBER_NO_YEAR, lambda m, t: _simple(m, t, with_year=False)),
)


def doc_numbers(text: str) -> list[DocNumber]:
    """Every document number in ``text``, in document order (earlier patterns win overlaps).

    >>> [d.normalized for d in doc_numbers("据攀财资社[2022]144号文件和国发2号")]
    ['攀财资社〔2022〕144号', None]
    """
    norm = text.translate(R.DIGITS_TO_ASCII)
    found: list[DocNumber] = []
    spans: list[tuple[int, int]] = []  # accepted spans, sorted, disjoint
    for pattern, build in _MATCHERS:
        for m in pattern.finditer(norm):
            for d in build(m, norm):
                if _is_free(spans, d.start, d.end):
                    insort(spans, (d.start, d.end))
                elif (d.start, d.end) not in _neighbours(spans, d.start):
                    continue
                found.append(DocNumber(text[d.start : d.end], *_fields(d)))
    unique = {(d.start, d.serial): d for d in found}
    return sorted(unique.values(), key=lambda d: (d.start, d.serial is None))


def _neighbours(spans: list[tuple[int, int]], start: int) -> list[tuple[int, int]]:
    i = bisect_left(spans, (start, -1))
    return spans[max(0, i - 1) : i + 1]


def _is_free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """No accepted span overlaps ``[start, end)`` (spans are disjoint, so neighbours suffice)."""
    return all(not (start < e and s < end) for s, e in _neighbours(spans, start))


def _fields(d: DocNumber) -> tuple[int, int, str | None, int | None, str | None, str | None]:
    return d.start, d.end, d.issuer, d.year, d.serial, d.normalized


@dataclass(frozen=True, slots=True)
class _Title:
    text: str
    start: int  # offset of 《
    end: int  # offset after 》 (or after the title text when the bracket is missing)
    content_start: int


def _scan_title(text: str, open_at: int, numbers_at: dict[int, DocNumber]) -> _Title | None:
    """The title opened at ``open_at`` up to its closing 》, nested brackets counted."""
    angle = inner = 0
    limit = min(len(text), open_at + 1 + R.MAX_TITLE)
    i = open_at + 1
    while i < limit:
        ch = text[i]
        if ch == "\n":
            break
        if ch in R.PAREN_OPEN and _number_after_paren(text, i, numbers_at):
            break  # ``…的通知（川社险办〔2021〕26号）``: the closing 》 was lost
        if ch in R.ANGLE_OPEN:
            angle += 1
        elif ch in R.ANGLE_CLOSE:
            angle = max(0, angle - 1)
        elif ch == R.TITLE_OPEN:
            inner += 1
        elif ch == R.TITLE_CLOSE:
            if inner:
                inner -= 1
            elif not angle:
                return _Title(text[open_at + 1 : i], open_at, i + 1, open_at + 1)
        i += 1
    if i >= limit or text[i] not in R.PAREN_OPEN:
        return None  # no closing bracket on the line: a title cut off by the excerpt, or not a title
    body = text[open_at + 1 : i].rstrip()
    return _Title(body, open_at, open_at + 1 + len(body), open_at + 1) if body else None


def _number_after_paren(text: str, paren: int, numbers_at: dict[int, DocNumber]) -> bool:
    """A document number (not ending the text) opens, after a few blanks, right after ``paren``."""
    i = paren + 1
    while i < len(text) and i - paren <= 3 and text[i] in R.BLANKS:
        i += 1
    return i in numbers_at and numbers_at[i].end < len(text)


def _titles(text: str, numbers_at: dict[int, DocNumber]) -> Iterator[_Title]:
    pos = text.find(R.TITLE_OPEN)
    while pos >= 0:
        title = _scan_title(text, pos, numbers_at)
        if title is None:
            pos = text.find(R.TITLE_OPEN, pos + 1)
            continue
        if title.text.strip():  # ``《》`` is no citation
            yield title
        pos = text.find(R.TITLE_OPEN, title.end)


def _unopened_titles(
    text: str, covered: list[tuple[int, int]], numbers_at: dict[int, DocNumber]
) -> list[_Title]:
    """Titles whose 《 was lost: ``根据某某关于…的批复》（忠委组〔2020〕33号）``, a 文号 right after.

    ``covered`` are the (sorted, disjoint) spans of the titles already found.
    """
    found = []
    pos = text.find(R.TITLE_CLOSE)
    while pos >= 0:
        i = bisect_left(covered, (pos + 1, -1)) - 1
        inside = i >= 0 and covered[i][0] <= pos < covered[i][1]
        if not inside and _attached_after(text, pos + 1, numbers_at):
            lo = max(0, pos - R.MAX_TITLE)
            start = max(text.rfind(c, lo, pos) for c in R.TITLE_START_BREAKS) + 1
            start = max(start, lo)
            if R.TITLE_OPEN not in text[start:pos]:
                lead = R.TITLE_LEAD_WORDS.match(text, start)
                start = lead.end() if lead else start
                if pos - start >= 4:
                    found.append(_Title(text[start:pos], start, pos + 1, start))
        pos = text.find(R.TITLE_CLOSE, pos + 1)
    return found


def _attached_after(text: str, end: int, numbers_at: dict[int, DocNumber]) -> list[DocNumber]:
    """Numbers in the parentheses right after a title (``》（…号）``), possibly several serials."""
    i = end
    while i < len(text) and text[i] in R.BLANKS:
        i += 1
    if i < len(text) and text[i] in R.PAREN_OPEN:
        i += 1
        while i < len(text) and text[i] in R.BLANKS:
            i += 1
    first = numbers_at.get(i)
    return [] if first is None else [first]


def _attached_before(
    by_end: dict[int, list[DocNumber]], title: _Title, text: str, used: set[int]
) -> list[DocNumber]:
    """A number standing right before the title (``国发2号《…》``, ``…10号文件《…》``)."""
    pos = _skip_blanks_back(text, title.start)
    for gap in ("文件", "文", ""):
        if not text.endswith(gap, 0, pos):
            continue
        free = [d for d in by_end.get(_skip_blanks_back(text, pos - len(gap)), []) if id(d) not in used]
        if free:
            return free[:1]
    return []


def _skip_blanks_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in R.BLANKS:
        pos -= 1
    return pos


def citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in document order.

    A 文号 in the parentheses right after a title, or standing right before it, belongs to
    that title; any other 文号 is a citation of its own. Several serials under one issuer and
    year (``保财教[2021]41、181、193``) are one citation each.

    >>> [(c.title, c.doc_number) for c in citations("按照《甲办法》和乙发〔2020〕3号文件")]
    [('甲办法', None), (None, '乙发〔2020〕3号')]
    """
    numbers = doc_numbers(text)
    starts = [d.start for d in numbers]
    numbers_at: dict[int, DocNumber] = {}
    by_start: dict[int, list[DocNumber]] = {}
    by_end: dict[int, list[DocNumber]] = {}
    for d in numbers:
        numbers_at.setdefault(d.start, d)
        by_start.setdefault(d.start, []).append(d)
        by_end.setdefault(d.end, []).append(d)
    used: set[int] = set()
    result: list[Citation] = []
    titles = list(_titles(text, numbers_at))
    titles += _unopened_titles(text, [(t.start, t.end) for t in titles], numbers_at)
    for title in sorted(titles, key=lambda t: t.start):
        lo, hi = bisect_left(starts, title.content_start), bisect_left(starts, title.end)
        used.update(id(d) for d in numbers[lo:hi])
        attached = _attached_after(text, title.end, numbers_at)
        if not attached:
            attached = _attached_before(by_end, title, text, used)
        group = by_start.get(attached[0].start, []) if attached else []
        used.update(id(d) for d in group)
        if not group:
            result.append(_citation(title.text, None, title.start, title.end))
        for d in group:
            result.append(_citation(title.text, d, min(title.start, d.start), max(title.end, d.end)))
    for d in numbers:
        if id(d) not in used:
            result.append(_citation(None, d, d.start, d.end))
    return sorted(result, key=lambda c: c.start)


def _citation(title: str | None, d: DocNumber | None, start: int, end: int) -> Citation:
    if d is None:
        return Citation(title, None, None, None, None, None, start, end)
    return Citation(title, d.text, d.normalized, d.issuer, d.year, d.serial, start, end)
