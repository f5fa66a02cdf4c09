"""Report-level extraction (:func:`extract_report`) and the table of cited documents.

Offsets of the facts are moved from the report's text to :attr:`corpus.model.Document.text`
and each fact gets the id of the sentence unit it starts in.

>>> from corpus.load import from_text
>>> text = "甲局2023年度项目支出绩效自评报告\\n一、项目概况\\n"
>>> doc = from_text(text + "依据川财社〔2023〕5号，项目资金5万元。")
>>> facts = extract_report(doc.reports[0])
>>> [(a.text, doc.text[a.start:a.end]) for a in facts.amounts]
[('5万元', '5万元')]
>>> [c.normalized for c in facts.citations]
['川财社〔2023〕5号']
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from nlp.extract.amounts import amounts
from nlp.extract.citations import citations, normalize_title
from nlp.extract.indicators import (
    _ACHIEVED_TYPES,
    _GOAL_TYPES,
    pair_indicators,
    prose_indicators,
    table_indicators,
)
from nlp.extract.records import Amount, Citation, CitedDocument, Indicator, IndicatorPair, ReportFacts

_F = TypeVar("_F", Amount, Citation, Indicator)


class _SentenceIndex:
    """Which sentence unit of a report holds a Document.text offset."""

    def __init__(self, sentences: Sequence[Any]) -> None:
        self._sentences = list(sentences)
        self._starts = [s.start for s in self._sentences]

    def find(self, offset: int) -> Any | None:
        i = bisect_right(self._starts, offset) - 1
        return self._sentences[i] if i >= 0 else (self._sentences[0] if self._sentences else None)

    def sentence_id(self, offset: int) -> str | None:
        s = self.find(offset)
        return None if s is None else s.id

    def section_type(self, offset: int) -> str | None:
        s = self.find(offset)
        return None if s is None else s.section_type


def _place(facts: Iterable[_F], base: int, index: _SentenceIndex) -> list[_F]:
    return [
        replace(f, start=f.start + base, end=f.end + base, sentence_id=index.sentence_id(f.start + base))
        for f in facts
    ]


def report_indicators(report: Any, index: _SentenceIndex | None = None) -> list[Indicator]:
    """Prose indicators of the report's running text and rows of its score tables, in order."""
    index = index or _SentenceIndex(report.sentences)
    found: list[Indicator] = []
    for s in report.sentences:
        if not s.is_table:
            found += [
                replace(i, sentence_id=s.id)
                for i in prose_indicators(s.text, offset=s.start, section_type=s.section_type)
            ]
    for row in table_indicators(report.text, offset=report.start):
        found.append(
            replace(row, sentence_id=index.sentence_id(row.start), section_type=index.section_type(row.start))
        )
    return sorted(found, key=lambda i: i.start)


def report_pairs(found: Sequence[Indicator], text: str, base: int = 0) -> list[IndicatorPair]:
    """Planned prose indicators (goal sections) paired with achieved ones (completion sections).

    ``text`` is the text the indicators' offsets point into, starting at offset ``base``.
    """
    shifted = [replace(i, start=i.start - base, end=i.end - base) for i in found if i.source == "prose"]
    planned = [i for i in shifted if i.section_type in _GOAL_TYPES]
    achieved = [i for i in shifted if i.section_type in _ACHIEVED_TYPES]
    pairs = pair_indicators(planned, achieved, text)
    return [
        replace(
            p,
            planned=replace(p.planned, start=p.planned.start + base, end=p.planned.end + base),
            achieved=None
            if p.achieved is None
            else replace(p.achieved, start=p.achieved.start + base, end=p.achieved.end + base),
        )
        for p in pairs
    ]


def extract_report(report: Any) -> ReportFacts:
    """Amounts, citations and indicators of one :class:`corpus.model.Report`.

    Offsets are into Document.text (``report.start`` is added), ``sentence_id`` is set.
    """
    index = _SentenceIndex(report.sentences)
    found = report_indicators(report, index)
    return ReportFacts(
        report_id=report.id,
        file=report.file,
        amounts=tuple(_place(amounts(report.text), report.start, index)),
        citations=tuple(_place(citations(report.text), report.start, index)),
        indicators=tuple(found),
        pairs=tuple(report_pairs(found, report.text, report.start)),
        agency=report.agency,
        year=report.year,
    )


def repeated_plan_ids(facts: ReportFacts) -> set[tuple[int, int]]:
    """(start, end) of the achieved indicators that merely repeat their planned text."""
    return {
        (p.achieved.start, p.achieved.end) for p in facts.pairs if p.achieved is not None and p.repeated_plan
    }


def document_table(facts: Iterable[ReportFacts], reports: Iterable[Any] = ()) -> list[CitedDocument]:
    """Each cited document once: titles and numbers seen, citing reports and agencies, years.

    The key is the normalised 文号, else the normalised title; a title cited once with its
    number and once alone is one document when the number was seen with that title.
    ``reports`` (optional) supplies agency and year where the facts lack them.

    >>> from nlp.extract.records import ReportFacts
    >>> cited = tuple(citations("《甲办法》（川财〔2020〕1号）及《甲办法》"))
    >>> f = ReportFacts("a#0", "a", citations=cited, year=2021)
    >>> [(d.key, d.citations, d.first_year) for d in document_table([f])]
    [('川财〔2020〕1号', 2, 2021)]
    """
    meta = {r.id: (r.agency, r.year) for r in reports}
    facts = list(facts)
    title_to_number: dict[str, str] = {}
    for f in facts:
        for c in f.citations:
            if c.normalized and c.title:
                title_to_number.setdefault(normalize_title(c.title), c.normalized)
    rows: dict[str, _Cited] = {}
    for f in facts:
        agency, year = meta.get(f.report_id, (None, None))
        agency, year = f.agency or agency, f.year or year
        for c in f.citations:
            key = c.normalized or title_to_number.get(normalize_title(c.title or ""), "") or c.key
            rows.setdefault(key, _Cited()).add(c, f.report_id, agency, year)
    ordered = sorted(rows.items(), key=lambda kv: (-kv[1].n, kv[0]))
    return [row.record(key) for key, row in ordered]


@dataclass
class _Cited:
    """What is known of one cited document while the citations are counted."""

    titles: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    n: int = 0
    reports: set[str] = field(default_factory=set)
    agencies: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    normalized: str | None = None

    def add(self, c: Citation, report_id: str, agency: str | None, year: int | None) -> None:
        self.n += 1
        self.normalized = self.normalized or c.normalized
        if c.title and c.title not in self.titles:
            self.titles.append(c.title)
        if c.doc_number and c.doc_number not in self.numbers:
            self.numbers.append(c.doc_number)
        self.reports.add(report_id)
        if agency:
            self.agencies.add(agency)
        if year:
            self.years.add(year)

    def record(self, key: str) -> CitedDocument:
        return CitedDocument(
            key=key,
            normalized=self.normalized,
            titles=tuple(self.titles),
            doc_numbers=tuple(self.numbers),
            citations=self.n,
            reports=len(self.reports),
            agencies=len(self.agencies),
            first_year=min(self.years) if self.years else None,
            last_year=max(self.years) if self.years else None,
            report_ids=tuple(sorted(self.reports)),
        )
